import type { PortalApi, TokenSource } from '../portal-api.js';
import { FhirClient } from './client.js';
import { fhirImmunizations, fhirMessaging, fhirPatient, fhirResults } from './records.js';
import { fhirScheduling } from './scheduling.js';

export interface FhirAdapterOptions {
  /** FHIR R4 base URL (`https://fhir.example.org/r4`). The token is sent to URLs under it only. */
  baseUrl: string;
  /** Token source (a SMART client or the host's own session). Absent: anonymous (public slot search). */
  auth?: TokenSource;
  /** A fetch to use instead of the global one (tests, or a host that instruments requests). */
  fetch?: typeof fetch;
  /** Read retries on network errors, 5xx and 429 (default 3). */
  maxReadRetries?: number;
}

/** A `PortalApi` that speaks FHIR R4 (and SMART Scheduling Links' extensions) to any conformant server. */
export function createFhirAdapter(options: FhirAdapterOptions): PortalApi {
  const fhir = new FhirClient(options);
  return {
    scheduling: fhirScheduling(fhir),
    messaging: fhirMessaging(fhir),
    results: fhirResults(fhir),
    immunizations: fhirImmunizations(fhir),
    patient: fhirPatient(fhir),
  };
}
