/** Raw HTTP helpers for tests of the demo FHIR server itself (below the adapter). */
import { createTenant as createTestTenant, type Tenant, type TenantSeed } from './fhir-tenant.js';

export type { Tenant };

// The server's JSON is checked by the tests' assertions, field by field; typing every FHIR shape would add casts only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
export interface Reply {
  status: number;
  headers: Headers;
  json: Json;
}

const FHIR_JSON = 'application/fhir+json';

export async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(url, {
    method,
    headers: { Accept: FHIR_JSON, ...(body === undefined ? {} : { 'Content-Type': FHIR_JSON }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} };
}

/** Tenants created through {@link createTenant}, for the test file's cleanup. */
export const createdTenants: Tenant[] = [];
export async function createTenant(seed: TenantSeed = {}): Promise<Tenant> {
  const tenant = await createTestTenant(seed);
  createdTenants.push(tenant);
  return tenant;
}

export function slot(id: string, start: string, status = 'free', schedule = 'Schedule/portal'): Json {
  const end = new Date(new Date(start).getTime() + 30 * 60_000).toISOString();
  return { resourceType: 'Slot', id, status, schedule: { reference: schedule }, start, end };
}

export function appointment(slotId: string, key: string, status = 'booked'): Json {
  return {
    resourceType: 'Appointment',
    status,
    identifier: [{ system: 'urn:portal-kit:test', value: key }],
    slot: [{ reference: `Slot/${slotId}` }],
    participant: [{ actor: { reference: 'Patient/example' }, status: 'accepted' }],
  };
}

export const holdParameters = (appt: Json): Json => ({
  resourceType: 'Parameters',
  parameter: [{ name: 'appt-resource', resource: appt }],
});

