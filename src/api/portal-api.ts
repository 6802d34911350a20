import type {
  Appointment,
  AttachmentMeta,
  BookingMode,
  BookingRequest,
  Hold,
  Immunization,
  ListResult,
  Location,
  Message,
  MessageChanges,
  NewImmunizationReport,
  NewMessage,
  PatientSummary,
  Practitioner,
  PublishedCatalog,
  ReadReceipt,
  Recipient,
  Recommendation,
  Report,
  Result,
  HomeReading,
  Service,
  SlotQuery,
  SlotSearchResult,
  Thread,
  ThreadWithMessages,
  UploadedAttachment,
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

/**
 * Secure messages between the signed-in patient and their care team. A thread is a conversation: its id is the
 * id of its first message, and replies belong to it (FHIR: by `partOf`, else by `inResponseTo`).
 */
export interface MessagingApi {
  /** Threads newest first. Messages of every status are kept; an `entered-in-error` one is `withdrawn`. */
  listThreads(signal: AbortSignal): Promise<ListResult<Thread>>;
  /** One thread, messages oldest first. Reading changes nothing: read state changes only through `markRead`. */
  getThread(threadId: string, signal: AbortSignal): Promise<ThreadWithMessages>;
  /** Who the patient may write to, each with the topics offered and the limits of a message to them. */
  listRecipients(signal: AbortSignal): Promise<ListResult<Recipient>>;
  /**
   * Sends one message (a new thread, or a reply with `threadId`), with the `topic` and the `attachments` that
   * `uploadAttachment` returned. Exactly once per `clientRequestId`: called again with the same key, also after
   * an answer that was lost, it answers the message already stored and stores no second one.
   */
  send(message: NewMessage, signal: AbortSignal): Promise<Message>;
  /**
   * Stores the bytes of one file for the next `send` to carry. Limits (count, size, types) are the element's to
   * apply before calling; the adapter stores what it is given. A file uploaded and never sent is left unreferenced
   * (the patient's own data, never shown). Rejects with `ApiError` when the server takes the file in no way.
   */
  uploadAttachment(file: { name: string; contentType: string; bytes: Blob }, signal: AbortSignal): Promise<UploadedAttachment>;
  /**
   * The bytes of an attachment of a message, typed with its declared content type (the element checks them
   * before showing an image). Reads only from the server (for FHIR: a URL under the base, or inline data): an
   * attachment that points anywhere else rejects with `ApiError('not-found')` and nothing is fetched.
   */
  fetchAttachment(attachment: AttachmentMeta, signal: AbortSignal): Promise<Blob>;
  /**
   * Marks every unread message to the patient in the thread as read, now. Where the server refuses to store
   * read state, it is kept on this device for this session (`sessionOnly`); listing then shows it read.
   */
  markRead(threadId: string, signal: AbortSignal): Promise<ReadReceipt>;
  /**
   * Threads that gained or changed a message after `since` (an instant an earlier call returned as `next`, or
   * any instant for a first call), and the instant to ask from next time. Cheap when nothing changed, for
   * polite polling.
   */
  changesSince(since: string, signal: AbortSignal): Promise<MessageChanges>;
}

export interface ResultsApi {
  /** Reports, newest first, with their results resolved. */
  listReports(signal: AbortSignal): Promise<ListResult<Report>>;
  getReport(reportId: string, signal: AbortSignal): Promise<Report>;
  /** Earlier values of one test (by LOINC or the server's code), oldest first, for trends. */
  resultHistory(code: { system?: string; code: string }, signal: AbortSignal): Promise<ListResult<Result>>;
  /** Saves a home reading as a patient-reported Observation, once however often it is retried. */
  addReading(reading: HomeReading, signal: AbortSignal): Promise<Result>;
}

export interface ImmunizationsApi {
  list(signal: AbortSignal): Promise<ListResult<Immunization>>;
  recommendations(signal: AbortSignal): Promise<ListResult<Recommendation>>;
  /** Records a vaccine the patient reports (`primarySource: false`). */
  report(report: NewImmunizationReport, signal: AbortSignal): Promise<Immunization>;
  /** Whether the server issues the patient's SMART Health Cards of immunizations (`$health-cards-issue`). */
  healthCardsOffered(signal: AbortSignal): Promise<boolean>;
  /** The patient's SMART Health Cards of immunizations, each a compact JWS, as the server signs them now. */
  issueHealthCards(signal: AbortSignal): Promise<string[]>;
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
