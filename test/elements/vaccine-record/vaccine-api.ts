// Vaccine-record test data: the memory adapter with its immunization list or forecasts replaced, and fixture
// cards read from the shared SMART Health Card fixtures (never edited).
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { PortalApi } from '../../../src/api/portal-api.js';
import type { Immunization, Recommendation } from '../../../src/model/immunization.js';
import { PATIENT_ID } from '../../contract/element-contract.js';
import { b64url, deflateRaw, makeIssuer } from '../../health-cards/issuer.js';

export const SHC = '/test/fixtures/shared/smart-health-cards';
export const SPEC_ISSUER = 'https://spec.smarthealth.cards/examples/issuer';
export const SPEC_KID = '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s';
/** The clock of the verdict table: the spec cards are current and example-03 has not expired. */
export const CLOCK = () => Date.UTC(2024, 0, 1) / 1000;

export const fixtureText = async (path: string) => (await (await fetch(`${SHC}/${path}`)).text()).trim();
export const fixtureJson = async (path: string) => (await (await fetch(`${SHC}/${path}`)).json()) as unknown;

/** The spec issuer trusted with its key set and revocation list supplied: nothing needs fetching. */
export async function specIssuerOffline() {
  return {
    iss: SPEC_ISSUER,
    name: 'SMART Health Cards example issuer',
    jwks: await fixtureJson('spec-examples/issuer/.well-known/jwks.json'),
    crls: { [SPEC_KID]: await fixtureJson(`spec-examples/issuer/.well-known/crl/${SPEC_KID}.json`) },
  };
}

export function vaccine(cvx: string, text: string): Immunization['vaccine'] {
  return { text, cvx, concept: { text, codings: [{ system: 'http://hl7.org/fhir/sid/cvx', code: cvx }] } };
}

export function dose(id: string, fields: Partial<Immunization> = {}): Immunization {
  return { id, vaccine: vaccine('140', 'Flu vaccine'), status: 'completed', primarySource: true, ...fields };
}

/** A memory adapter whose immunizations (and, when given, forecasts) are these. */
export function apiWith(items: Immunization[], recommendations?: Recommendation[]): PortalApi {
  const base = createMemoryAdapter({ patientId: PATIENT_ID });
  const list = <T>(values: T[]) => Promise.resolve({ items: values, dropped: 0, truncated: false });
  return {
    ...base,
    immunizations: {
      ...base.immunizations,
      list: () => list(items),
      recommendations: recommendations ? () => list(recommendations) : base.immunizations.recommendations,
    },
  };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

async function encrypt(text: string, key: Uint8Array<ArrayBuffer>): Promise<string> {
  const head = b64url(utf8(JSON.stringify({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' })));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['encrypt']);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(head) }, cryptoKey, new Uint8Array(await deflateRaw(utf8(text)))));
  return `${head}..${b64url(iv)}.${b64url(sealed.slice(0, -16))}.${b64url(sealed.slice(-16))}`;
}

/** A passcode-protected SMART Health Link ("1234", three tries) to a card from a test issuer, and its recording server. */
export async function passcodeLink() {
  const iss = 'https://issuer.test/shc';
  const manifest = 'https://links.test/m/abc';
  const key = crypto.getRandomValues(new Uint8Array(32));
  const issuer = await makeIssuer(iss);
  const file = JSON.stringify({ verifiableCredential: [await issuer.sign(issuer.card())] });
  const requests: Array<{ url: string; body?: { passcode?: string; recipient?: string } }> = [];
  let attempts = 3;
  const fetcher = async (url: string, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { passcode?: string; recipient?: string }) : undefined;
    requests.push({ url, ...(body ? { body } : {}) });
    if (url === manifest && init?.method === 'POST') {
      if (body?.passcode !== '1234') return new Response(JSON.stringify({ remainingAttempts: --attempts }), { status: 401 });
      return new Response(JSON.stringify({ files: [{ contentType: 'application/smart-health-card', embedded: await encrypt(file, key) }] }));
    }
    return new Response('', { status: 404 });
  };
  const text = `shlink:/${b64url(utf8(JSON.stringify({ url: manifest, key: b64url(key), flag: 'P', label: 'Vaccines for school' })))}`;
  return { text, fetch: fetcher, requests, trusted: [{ iss, name: 'Test issuer', jwks: issuer.jwks() }] };
}
