/** Browser-side helpers for the FHIR test server (test/support/fhir-test-server.mjs): tenants of the demo server. */
export interface Tenant {
  tenant: string;
  baseUrl: string;
  loaded: number;
  skipped: string[];
  /** The SMART authorization server's issuer (`<origin>/oauth/<tenant>`), when created with `options.smart`. */
  issuer?: string;
}

/** What `POST /fhir-test/<tenant>/token` mints: a real access token of the tenant's authorization server. */
export interface MintedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  patient: string;
}

export interface LoggedRequest {
  method: string;
  url: string;
  authorization: string | null;
  ifNoneExist: string | null;
  ifMatch: string | null;
  status: number;
  /** The request was carried out but its answer was dropped (an `answerLost` fault). */
  answerLost?: boolean;
}

export interface TenantSeed {
  resources?: unknown[];
  fixtures?: string[];
  options?: {
    /** `ihe`: the IHE ITI Scheduling `$find`/`$hold`/`$book` instead of Slot-based booking operations. */
    bookingMode?: 'rest' | 'operation' | 'ihe';
    /** With `ihe`: `own` names this server's OperationDefinitions (profiles of IHE's, by `base`) instead of IHE's canonicals. */
    iheDefinitions?: 'own' | 'profile';
    /** `false`: Appointments are stored without the client's identifiers (a booking cannot be found by its key). */
    keepsIdentifiers?: boolean;
    /** `false`: the CapabilityStatement says no conditional create and `If-None-Exist` is ignored. */
    conditionalCreate?: boolean;
    pageSize?: number;
    /** The most one page holds whatever `_count` asks (servers cap it); 1000 when absent. */
    maxPageSize?: number;
    holdMinutes?: number;
    /** Journal to a temporary folder, so that {@link restartTenant} can reload it. */
    persist?: boolean;
    /**
     * The demo's own store (journaled; operation mode unless `bookingMode` says otherwise), seeded as of this day
     * (YYYY-MM-DD); of the other options only `conditionalCreate`, `keepsIdentifiers` and `iheDefinitions` apply.
     */
    demoSeed?: string;
    /**
     * SMART sign-in on, as in the demo: an authorization server at `/oauth/<tenant>` (client_id `portal-kit-demo`,
     * redirect URIs anywhere below `/test/` on this origin), discovery at `<baseUrl>/.well-known/smart-configuration`,
     * and patient data that needs its tokens. Works with `demoSeed` too.
     */
    smart?: boolean;
    /** Access token lifetime with `smart` (default 300). */
    accessTokenSeconds?: number;
    /** With `smart`: `false` grants no online_access/offline_access, so no refresh tokens (default true). */
    refreshTokens?: boolean;
  };
}

export async function createTenant(seed: TenantSeed): Promise<Tenant> {
  const response = await fetch('/fhir-test/tenants', { method: 'POST', body: JSON.stringify(seed), headers: { 'Content-Type': 'application/json' } });
  if (response.status !== 201) throw new Error(`tenant not created: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function requestLog(tenant: Tenant): Promise<LoggedRequest[]> {
  return (await fetch(`/fhir-test/${tenant.tenant}/requests`)).json();
}

export async function clearLog(tenant: Tenant): Promise<void> {
  await fetch(`/fhir-test/${tenant.tenant}/requests`, { method: 'DELETE' });
}

/**
 * `status`: answer matching requests with that error instead. `answerLost`: carry them out and commit, then drop the
 * connection unanswered (the browser's fetch rejects as on a lost network).
 */
export async function injectFaults(
  tenant: Tenant,
  fault: ({ status: number; retryAfter?: number } | { answerLost: true }) & { count: number; match?: string; pathIncludes?: string },
) {
  const response = await fetch(`/fhir-test/${tenant.tenant}/faults`, { method: 'POST', body: JSON.stringify(fault), headers: { 'Content-Type': 'application/json' } });
  if (!response.ok) throw new Error(`fault not set: ${response.status}`);
}

export async function deleteTenant(tenant: Tenant): Promise<void> {
  await fetch(`/fhir-test/${tenant.tenant}`, { method: 'DELETE' });
}

/**
 * Restarts a persisted or demo tenant from its journal; `tornWrite` first cuts a write off halfway, as a crash
 * would; `today` restarts a demo tenant on a later day.
 */
export async function restartTenant(tenant: Tenant, how: { tornWrite?: boolean; today?: string } = {}): Promise<{ tornBytes: number }> {
  const response = await fetch(`/fhir-test/${tenant.tenant}/restart`, { method: 'POST', body: JSON.stringify(how), headers: { 'Content-Type': 'application/json' } });
  if (!response.ok) throw new Error(`tenant not restarted: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A real access token for `patient` from a `smart` tenant's authorization server, without the sign-in flow. */
export async function mintToken(tenant: Tenant, patient: string, scope: string): Promise<MintedToken> {
  const response = await fetch(`/fhir-test/${tenant.tenant}/token`, { method: 'POST', body: JSON.stringify({ patient, scope }), headers: { 'Content-Type': 'application/json' } });
  if (!response.ok) throw new Error(`token not minted: ${response.status} ${await response.text()}`);
  return response.json();
}
