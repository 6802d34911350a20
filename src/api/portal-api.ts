import type {
  Appointment,
  BookingMode,
  BookingRequest,
  Hold,
  Immunization,
  ListResult,
  Location,
  Message,
  NewImmunizationReport,
  NewMessage,
  PatientSummary,
  Practitioner,
  PublishedCatalog,
  Recipient,
  Recommendation,
  Report,
  Result,
  Service,
  SlotQuery,
  SlotSearchResult,
  Thread,
  ThreadWithMessages,
} from '../model/index.js';

/**
 * The seam between elements and a server. Elements receive a `PortalApi` through context and never see
 * FHIR; an EHR vendor may implement this interface against its own API.
 *
 * Every method takes an `AbortSignal` and rejects with its reason when it aborts. Any other failure is an
 * `ApiError`. Writes take a `clientRequestId`: calling again with the same id must not write twice.
 */
export interface PortalApi {
  readonly scheduling: SchedulingApi;
  readonly messaging: MessagingApi;
  readonly results: ResultsApi;
  readonly immunizations: ImmunizationsApi;
  readonly patient: PatientApi;
}

export interface SchedulingApi {
  /** Whether the server holds slots (`$hold`/`$book`) or books by conditional create. */
  bookingMode(signal: AbortSignal): Promise<BookingMode>;
  listServices(signal: AbortSignal): Promise<ListResult<Service>>;
  listLocations(signal: AbortSignal): Promise<ListResult<Location>>;
  listPractitioners(signal: AbortSignal): Promise<ListResult<Practitioner>>;
  /** Free slots in `[from, to)`. Works without a session where the server allows anonymous reads. */
  searchSlots(query: SlotQuery, signal: AbortSignal): Promise<SlotSearchResult>;
  /** SMART Scheduling Links: what a `$bulk-publish` manifest at `source` publishes (locations and the services its schedules offer). Read anonymously: never with the token. */
  listPublished(source: string, signal: AbortSignal): Promise<PublishedCatalog>;
  /** Free published slots in `[from, to)` matching the query (service, location, vaccine product/dose), resolved like searchSlots. */
  searchPublished(source: string, query: SlotQuery, signal: AbortSignal): Promise<SlotSearchResult>;
  /** Only when `bookingMode` is `operation`; otherwise rejects with `ApiError('not-found')`. */
  holdSlot(slotId: string, signal: AbortSignal): Promise<Hold>;
  /** Books one slot for the signed-in patient. A taken slot rejects with kind `conflict`; never retried. */
  book(request: BookingRequest, signal: AbortSignal): Promise<Appointment>;
  /** The signed-in patient's appointments, soonest first. */
  listAppointments(options: { upcomingOnly: boolean }, signal: AbortSignal): Promise<ListResult<Appointment>>;
  /** Cancels with `If-Match` on `version`; a stale version rejects with kind `conflict`. */
  cancelAppointment(appointment: Pick<Appointment, 'id' | 'version'>, signal: AbortSignal): Promise<Appointment>;
}

export interface MessagingApi {
  listThreads(signal: AbortSignal): Promise<ListResult<Thread>>;
  getThread(threadId: string, signal: AbortSignal): Promise<ThreadWithMessages>;
  listRecipients(signal: AbortSignal): Promise<ListResult<Recipient>>;
  send(message: NewMessage, signal: AbortSignal): Promise<Message>;
}

export interface ResultsApi {
  /** Reports, newest first, with their results resolved. */
  listReports(signal: AbortSignal): Promise<ListResult<Report>>;
  getReport(reportId: string, signal: AbortSignal): Promise<Report>;
  /** Earlier values of one test (by LOINC or the server's code), oldest first, for trends. */
  resultHistory(code: { system?: string; code: string }, signal: AbortSignal): Promise<ListResult<Result>>;
}

export interface ImmunizationsApi {
  list(signal: AbortSignal): Promise<ListResult<Immunization>>;
  recommendations(signal: AbortSignal): Promise<ListResult<Recommendation>>;
  /** Records a vaccine the patient reports (`primarySource: false`). */
  report(report: NewImmunizationReport, signal: AbortSignal): Promise<Immunization>;
}

export interface PatientApi {
  /** The signed-in patient (from the token's patient context). */
  current(signal: AbortSignal): Promise<PatientSummary>;
}

/**
 * Where the adapter gets its bearer token. The SMART client implements it; so can a host page that
 * already holds a session. `patientId` comes from the token response, never from page attributes.
 */
export interface TokenSource {
  getAccessToken(): Promise<string | undefined>;
  readonly patientId?: string;
  /**
   * Optional: calls `listener` after the host's own sign-in, sign-out or patient switch, so every element
   * follows (`patientId` is read again then). Returns the function that stops listening.
   */
  subscribe?(listener: () => void): () => void;
}
