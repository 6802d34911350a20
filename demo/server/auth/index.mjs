// @ts-check
/**
 * SMART sign-in for one FHIR store: its authorization server (smart-auth-server.mjs) and the guard in front of
 * its FHIR endpoint (guard.mjs). The people who can sign in are the store's patients. Loaded only where
 * sign-in is on (the demo, tenants created with `smart: true`).
 */
import { formatHumanName } from '@medplum/core';
import { SmartAuthServer } from './smart-auth-server.mjs';
import { smartGuard } from './guard.mjs';

/** @typedef {import('../store.mjs').FhirStore} FhirStore */
/** @typedef {import('./smart-auth-server.mjs').SmartAuthOptions} SmartAuthOptions */
/** @typedef {{ auth: SmartAuthServer, guard: import('./guard.mjs').FhirGuard }} SmartSignIn */

export { CLIENT_ID } from './smart-auth-server.mjs';

/**
 * @param {() => FhirStore} currentStore the store now (a restarted test tenant has a new one)
 * @param {Omit<SmartAuthOptions, 'patients'>} options
 * @returns {SmartSignIn}
 */
export function smartSignIn(currentStore, options) {
  const auth = new SmartAuthServer({ ...options, patients: () => patientChoices(currentStore()) });
  return { auth, guard: smartGuard(auth) };
}

/**
 * The store's patients, by name, for the sign-in page.
 * @param {FhirStore} store
 * @returns {Promise<import('./authorize-page.mjs').PatientChoice[]>}
 */
export async function patientChoices(store) {
  const patients = /** @type {import('@medplum/fhirtypes').Patient[]} */ (await store.repo.searchResources({ resourceType: 'Patient' }));
  return patients
    .map((p) => ({ id: String(p.id), name: formatHumanName(p.name?.find((n) => n.use === 'official') ?? p.name?.[0]) || String(p.id) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
