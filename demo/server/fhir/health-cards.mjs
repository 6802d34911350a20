// @ts-check
/**
 * `Patient/<id>/$health-cards-issue` (SMART Health Cards and Links IG): the signed-in patient's immunizations as a
 * SMART Health Card, signed with ES256 by a key this store makes when it first issues one. The issuer is the FHIR
 * base itself, so its key set is at `<base>/.well-known/jwks.json`. Offered where the server speaks standard
 * operations (not in plain REST mode, which stands for a server without operations).
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { HttpError } from './http.mjs';

export const HEALTH_CARDS_ISSUE_DEFINITION = 'http://hl7.org/fhir/uv/smart-health-cards-and-links/OperationDefinition/patient-i-health-cards-issue';

/** The credential types that ask for immunizations: the IG's resource type and the earlier type URI. */
const IMMUNIZATION_TYPES = new Set(['Immunization', 'https://smarthealth.cards#immunization']);

/** @param {import('../store.mjs').FhirStore} store */
export function offersHealthCards(store) {
  return store.options.healthCards ?? store.options.bookingMode !== 'rest';
}

const b64url = (/** @type {Buffer} */ bytes) => bytes.toString('base64url');

/** @type {WeakMap<object, { privateKey: import('node:crypto').KeyObject, jwk: Record<string, string> }>} */
const keys = new WeakMap();

/** @param {import('../store.mjs').FhirStore} store */
function issuerKey(store) {
  let key = keys.get(store);
  if (!key) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { crv, kty, x, y } = /** @type {Record<string, string>} */ (publicKey.export({ format: 'jwk' }));
    // RFC 7638: the thumbprint of the required members in lexicographic order.
    const kid = b64url(createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest());
    key = { privateKey, jwk: { kty, crv, x, y, kid, use: 'sig', alg: 'ES256' } };
    keys.set(store, key);
  }
  return key;
}

/** @param {import('../store.mjs').FhirStore} store */
export function issuerKeySet(store) {
  return { keys: [issuerKey(store).jwk] };
}

/**
 * @param {import('../store.mjs').FhirStore} store
 * @param {string} patientId
 * @param {unknown} body
 * @param {string} base
 */
export async function issueHealthCards(store, patientId, body, base) {
  const parameters = /** @type {{ parameter?: Array<{ name?: string, valueUri?: string }> }} */ (body ?? {}).parameter ?? [];
  const types = parameters.filter((p) => p.name === 'credentialType').map((p) => p.valueUri);
  if (types.length === 0) throw new HttpError(400, 'required', 'credentialType is required');
  const patient = /** @type {import('@medplum/fhirtypes').Patient | undefined} */ (await store.repo.readResource('Patient', patientId).catch(() => undefined));
  if (!patient) throw new HttpError(404, 'not-found', 'No such patient');
  const none = { status: 200, body: { resourceType: 'Parameters', parameter: [] } };
  if (!types.some((type) => type && IMMUNIZATION_TYPES.has(type))) return none;
  const found = /** @type {import('@medplum/fhirtypes').Immunization[]} */ (await store.repo.searchResources({ resourceType: 'Immunization', filters: [{ code: 'patient', operator: 'eq', value: `Patient/${patientId}` }] }));
  const doses = found.filter((i) => i.status === 'completed' && i.primarySource !== false && i.occurrenceDateTime);
  if (doses.length === 0) return none;
  const cards = cardsFor(store, patient, byVaccine(doses), base);
  return { status: 200, body: { resourceType: 'Parameters', parameter: cards.map((jws) => ({ name: 'verifiableCredential', valueString: jws })) } };
}

/** The longest JWS one QR code holds (version 22, error correction L), as the specification's FAQ gives it. */
const MAX_SINGLE_QR_JWS = 1195;

/** The doses by vaccine (CVX code), each vaccine's oldest first, so a record split over cards keeps each series together. */
function byVaccine(/** @type {import('@medplum/fhirtypes').Immunization[]} */ doses) {
  /** @type {Map<string, import('@medplum/fhirtypes').Immunization[]>} */
  const groups = new Map();
  const dated = [...doses].sort((a, b) => String(a.occurrenceDateTime).localeCompare(String(b.occurrenceDateTime)));
  for (const dose of dated) {
    const code = dose.vaccineCode.coding?.[0]?.code ?? '';
    groups.set(code, [...(groups.get(code) ?? []), dose]);
  }
  return [...groups.values()];
}

/**
 * The cards for the doses, each as short as one QR code holds where it can be: whole vaccines are added to a card
 * while it still fits, then a new card starts (a child's full record often needs two or three). A vaccine whose
 * doses alone are too long for one code is split in halves; a card of one dose is issued as it is, however long.
 * @param {import('../store.mjs').FhirStore} store
 * @param {import('@medplum/fhirtypes').Patient} patient
 * @param {import('@medplum/fhirtypes').Immunization[][]} vaccines
 * @param {string} base
 * @returns {string[]}
 */
function cardsFor(store, patient, vaccines, base) {
  const sign = (/** @type {import('@medplum/fhirtypes').Immunization[]} */ doses) => signedCard(store, patient, doses, base);
  /** @type {(doses: import('@medplum/fhirtypes').Immunization[]) => string[]} */
  const halves = (doses) => {
    const jws = sign(doses);
    if (jws.length <= MAX_SINGLE_QR_JWS || doses.length === 1) return [jws];
    const half = Math.ceil(doses.length / 2);
    return [...halves(doses.slice(0, half)), ...halves(doses.slice(half))];
  };
  /** @type {string[]} */
  const cards = [];
  /** @type {import('@medplum/fhirtypes').Immunization[]} */
  let current = [];
  let currentJws = '';
  for (const doses of vaccines) {
    const together = sign([...current, ...doses]);
    if (together.length <= MAX_SINGLE_QR_JWS) {
      current = [...current, ...doses];
      currentJws = together;
      continue;
    }
    if (current.length > 0) cards.push(currentJws);
    const alone = sign(doses);
    if (alone.length <= MAX_SINGLE_QR_JWS) {
      current = doses;
      currentJws = alone;
    } else {
      cards.push(...halves(doses));
      current = [];
    }
  }
  if (current.length > 0) cards.push(currentJws);
  return cards;
}

/**
 * @param {import('../store.mjs').FhirStore} store
 * @param {import('@medplum/fhirtypes').Patient} patient
 * @param {import('@medplum/fhirtypes').Immunization[]} doses
 * @param {string} base
 */
function signedCard(store, patient, doses, base) {
  // Data minimization as cards carry it: codes without words, no ids or narrative.
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: (patient.name ?? []).slice(0, 1).map(({ family, given }) => ({ family, given })), birthDate: patient.birthDate } },
      ...doses.map((dose, index) => ({
        fullUrl: `resource:${index + 1}`,
        resource: {
          resourceType: 'Immunization',
          status: 'completed',
          vaccineCode: { coding: (dose.vaccineCode.coding ?? []).map(({ system, code }) => ({ system, code })) },
          patient: { reference: 'resource:0' },
          occurrenceDateTime: dose.occurrenceDateTime,
          ...(dose.performer?.[0]?.actor?.display ? { performer: [{ actor: { display: dose.performer[0].actor.display } }] } : {}),
          ...(dose.lotNumber ? { lotNumber: dose.lotNumber } : {}),
        },
      })),
    ],
  };
  const { privateKey, jwk } = issuerKey(store);
  const payload = { iss: base, nbf: Math.floor(Date.now() / 1000), vc: { type: ['https://smarthealth.cards#health-card'], credentialSubject: { fhirVersion: '4.0.1', fhirBundle: bundle } } };
  const signingInput = `${b64url(Buffer.from(JSON.stringify({ alg: 'ES256', zip: 'DEF', kid: jwk.kid })))}.${b64url(deflateRawSync(Buffer.from(JSON.stringify(payload))))}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${b64url(signature)}`;
}
