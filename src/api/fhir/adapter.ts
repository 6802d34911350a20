import { lazyFeature } from '../lazy.js';
import type { ImmunizationsApi, MessagingApi, PatientApi, PortalApi, ResultsApi, TokenSource } from '../portal-api.js';
import { FhirClient } from './client.js';
import type { FhirMessagingOptions } from './messaging.js';
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
  /**
   * What every recipient offers the patient when writing (FHIR publishes neither): topics, and the limits of one
   * message (attachments' count, size and types; body length). An element may lower them with the host's own
   * settings, never raise them.
   */
  messaging?: FhirMessagingOptions;
}

/**
 * A `PortalApi` that speaks FHIR R4 (and SMART Scheduling Links' extensions) to any conformant server.
 * Scheduling ships with the adapter: it is what public pages use before anyone signs in. The patient-record
 * features load on first use (one shared chunk), so they cost a scheduler page nothing.
 */
export function createFhirAdapter(options: FhirAdapterOptions): PortalApi {
  const fhir = new FhirClient(options);
  const records = () => import('./records.js');
  return {
    scheduling: fhirScheduling(fhir),
    messaging: lazyFeature<MessagingApi>(
      'messaging',
      {
        listThreads: true,
        getThread: true,
        listRecipients: true,
        send: true,
        uploadAttachment: true,
        fetchAttachment: true,
        markRead: true,
        changesSince: true,
      },
      async () => (await records()).fhirMessaging(fhir, options.messaging),
    ),
    results: lazyFeature<ResultsApi>('results', { listReports: true, getReport: true, resultHistory: true, addReading: true }, async () => (await records()).fhirResults(fhir)),
    immunizations: lazyFeature<ImmunizationsApi>('immunizations', { list: true, recommendations: true, report: true, healthCardsOffered: true, issueHealthCards: true }, async () =>
      (await records()).fhirImmunizations(fhir),
    ),
    patient: lazyFeature<PatientApi>('patient', { current: true }, async () => (await records()).fhirPatient(fhir)),
  };
}
