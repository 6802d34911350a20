// SMART Health Cards and a Health Link made on the spot for the vaccine record's stories (the shared fixtures are
// not served to Storybook): a fresh P-256 issuer signs each card as the specification says, and a scripted link
// server answers a passcode-protected link. Nothing here reaches the network.
import { b64url, deflateRaw, makeIssuer, type TestIssuer } from '../../test/health-cards/issuer.js';

export const STORY_ISSUER = 'https://issuer.example.org/shc';
const OTHER_ISSUER = 'https://stranger.example.org/shc';
const MANIFEST = 'https://links.example.org/m/school';
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A card's bundle: the patient and two COVID-19 doses, coded as cards carry them (CVX, no display). */
function bundle(patient: { family: string; given: string[]; birthDate: string }) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: [{ family: patient.family, given: patient.given }], birthDate: patient.birthDate } },
      { fullUrl: 'resource:1', resource: { resourceType: 'Immunization', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208' }] }, patient: { reference: 'resource:0' }, occurrenceDateTime: '2021-05-03', lotNumber: 'EW0182' } },
      { fullUrl: 'resource:2', resource: { resourceType: 'Immunization', status: 'completed', vaccineCode: { coding: [{ system: 'http://id.who.int/icd/release/11/mms', code: 'XM0GQ8' }] }, patient: { reference: 'resource:0' }, occurrenceDateTime: '2021-05-24' } },
    ],
  };
}

const ANA = { family: 'Mejía', given: ['Ana', 'María'], birthDate: '1968-04-12' };
const SOMEONE_ELSE = { family: 'Anyperson', given: ['John', 'B.'], birthDate: '1951-01-20' };

function card(issuer: TestIssuer, patient = ANA, claims: Record<string, unknown> = {}, vc: Record<string, unknown> = {}) {
  return issuer.card(claims, { credentialSubject: { fhirVersion: '4.0.1', fhirBundle: bundle(patient) }, ...vc });
}

async function encrypt(text: string, key: Uint8Array<ArrayBuffer>): Promise<string> {
  const head = b64url(utf8(JSON.stringify({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' })));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['encrypt']);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(head) }, cryptoKey, new Uint8Array(await deflateRaw(utf8(text)))));
  return `${head}..${b64url(iv)}.${b64url(sealed.slice(0, -16))}.${b64url(sealed.slice(-16))}`;
}

export type StoryCard = 'verified' | 'wrong-patient' | 'untrusted' | 'revoked' | 'expired' | 'altered' | 'unreadable' | 'link';

/** What one story pastes, and the trust settings and fetch it runs with. */
export async function storyCard(kind: StoryCard) {
  const issuer = await makeIssuer(STORY_ISSUER);
  const revoking = kind === 'revoked';
  const jwks = issuer.jwks(revoking ? { crlVersion: 1 } : {});
  const crls = revoking ? { [issuer.kid]: { kid: issuer.kid, method: 'rid', ctr: 1, rids: ['story-rid'] } } : undefined;
  const trusted = [{ iss: STORY_ISSUER, name: 'Riverside Health', jwks, ...(crls ? { crls } : {}) }];
  const noFetch = async () => new Response('', { status: 404 });
  let text: string;
  let fetcher: (url: string, init?: RequestInit) => Promise<Response> = noFetch;
  switch (kind) {
    case 'verified':
      text = await issuer.sign(card(issuer));
      break;
    case 'wrong-patient':
      text = await issuer.sign(card(issuer, SOMEONE_ELSE));
      break;
    case 'untrusted': {
      const stranger = await makeIssuer(OTHER_ISSUER);
      text = await stranger.sign(card(stranger));
      break;
    }
    case 'revoked':
      text = await issuer.sign(card(issuer, ANA, {}, { rid: 'story-rid' }));
      break;
    case 'expired':
      text = await issuer.sign(card(issuer, ANA, { exp: 1_710_000_000 }));
      break;
    case 'altered': {
      const jws = await issuer.sign(card(issuer));
      text = `${jws.slice(0, -2)}${jws.at(-2) === 'A' ? 'B' : 'A'}${jws.at(-1)}`;
      break;
    }
    case 'unreadable':
      text = 'shc:/5676290952432060346029243740446031222959532654603460292540772804336028702864716745222809286133314564376531415906402203064504590856435503414245413640370636654171372412363803043756220467374075323239254334433260573601064529315312707424284350386122127671665437102572713671033031';
      break;
    case 'link': {
      const key = crypto.getRandomValues(new Uint8Array(32));
      const file = JSON.stringify({ verifiableCredential: [await issuer.sign(card(issuer))] });
      let attempts = 5;
      fetcher = async (url, init) => {
        const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { passcode?: string }) : undefined;
        if (url !== MANIFEST || init?.method !== 'POST') return new Response('', { status: 404 });
        if (body?.passcode !== '2468') return new Response(JSON.stringify({ remainingAttempts: --attempts }), { status: 401 });
        return new Response(JSON.stringify({ files: [{ contentType: 'application/smart-health-card', embedded: await encrypt(file, key) }] }));
      };
      text = `shlink:/${b64url(utf8(JSON.stringify({ url: MANIFEST, key: b64url(key), flag: 'P', label: 'Vaccines for school' })))}`;
      break;
    }
  }
  return { text, trusted, fetch: fetcher, now: () => 1_720_000_000 };
}

/**
 * The patient's own card as a server with `$health-cards-issue` signs it: Ana's two doses (one QR code), or `long`
 * a record of thirty doses with lot numbers that do not compress, too long for one code.
 */
export async function ownCard(long = false): Promise<string> {
  const issuer = await makeIssuer(STORY_ISSUER);
  const payload = card(issuer);
  if (long) {
    const entries = (payload.vc as { credentialSubject: { fhirBundle: { entry: unknown[] } } }).credentialSubject.fhirBundle.entry;
    for (let i = 0; i < 30; i++) {
      entries.push({ fullUrl: `resource:${i + 3}`, resource: { resourceType: 'Immunization', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140' }] }, patient: { reference: 'resource:0' }, occurrenceDateTime: `${1990 + i}-10-01`, lotNumber: crypto.randomUUID() } });
    }
  }
  return issuer.sign(payload);
}
