import type { ApiErrorKind, BookingMode } from '../../model/index.js';
import type { PortalApi } from '../portal-api.js';

/**
 * Every operation name the adapter reports in `ApiError.operation`, once, so stories can offer them as a
 * control and a typo in `fail.operations` is a type error instead of a switch that silently never fires.
 */
export const MEMORY_OPERATIONS = [
  'scheduling.bookingMode',
  'scheduling.listServices',
  'scheduling.listLocations',
  'scheduling.listPractitioners',
  'scheduling.searchSlots',
  'scheduling.listPublished',
  'scheduling.searchPublished',
  'scheduling.holdSlot',
  'scheduling.book',
  'scheduling.listAppointments',
  'scheduling.cancelAppointment',
  'messaging.listThreads',
  'messaging.getThread',
  'messaging.listRecipients',
  'messaging.send',
  'messaging.uploadAttachment',
  'messaging.fetchAttachment',
  'messaging.markRead',
  'messaging.changesSince',
  'results.listReports',
  'results.getReport',
  'results.resultHistory',
  'results.addReading',
  'immunizations.list',
  'immunizations.recommendations',
  'immunizations.report',
  'immunizations.healthCardsOffered',
  'immunizations.issueHealthCards',
  'patient.current',
] as const;
export type MemoryOperation = (typeof MEMORY_OPERATIONS)[number];

/** Make calls fail: every call, or only the named operations. */
export type FailSwitch = ApiErrorKind | { kind: ApiErrorKind; operations?: readonly MemoryOperation[] };

/** Behaviour that stories and tests flip at runtime through `adapter.controls`. */
export interface MemorySwitches {
  /** Every call waits this long before answering (abortable). Default 0. */
  latencyMs: number;
  /** Calls reject with `ApiError` of this kind (after the latency), writing nothing. Default none. */
  fail: FailSwitch | undefined;
  /** List calls answer with no items, as for a brand-new patient or an empty clinic. Default false. */
  empty: boolean;
  /** `book` rejects with `conflict` as if someone else took the slot a moment earlier; the slot turns busy. */
  conflictOnBook: boolean;
  /**
   * `book` books, then its answer is lost: the call rejects with `network`, as when the connection drops after the
   * server booked. Sent again with the same key, it answers that booking (what the FHIR adapter finds out). Default false.
   */
  loseBookAnswer: boolean;
  /** `send` stores the message, then its answer is lost (`network`); sent again with the same key, it answers that message. Default false. */
  loseSendAnswer: boolean;
  /** `immunizations.report` stores the dose, then its answer is lost (`network`); sent again with the same key, it answers that dose. Default false. */
  loseReportAnswer: boolean;
  /** `operation` offers holds (`$hold`/`$book`); `rest` books by conditional create. Default `operation`. */
  bookingMode: BookingMode;
  /** How long a hold lasts. Default 5. */
  holdMinutes: number;
}

export interface MemoryAdapterOptions extends Partial<MemorySwitches> {
  /** Clock for "today" and for every time-dependent answer. Default `() => new Date()`. */
  now?: () => Date;
  /** Generator seed: same seed and same calendar day give the same data. Default 1. */
  seed?: number;
  /** Id of the seeded, signed-in patient. Default `patient-ana-mejia`. */
  patientId?: string;
  /**
   * Slots per open day at the mass-vaccination site (`loc-vax`), spread over its hours (08:00-20:00) in
   * parallel 15-minute lanes, all free, so a search over one future day there returns exactly this many.
   * Unset: 48 a day (one per interval), about a quarter already taken. Days are generated on demand, so
   * 5,000 costs only the days a search touches.
   */
  slotsPerDay?: number;
  /**
   * The SMART Health Cards (compact JWS) the adapter issues the patient, as a server with `$health-cards-issue`
   * does; absent, it offers none. Signed elsewhere (stories sign their own).
   */
  healthCards?: readonly string[];
}

export interface MemoryControls {
  /** A snapshot of the current switches. */
  get(): MemorySwitches;
  /** Changes some switches; the next call sees them. */
  set(patch: Partial<MemorySwitches>): void;
  /** Back to the switches the adapter was created with (the data stays as it is). */
  reset(): void;
}

/** A `PortalApi` over seeded in-memory data, plus the switches that steer it. */
export interface MemoryAdapter extends PortalApi {
  readonly controls: MemoryControls;
}

export const DEFAULT_SWITCHES: Readonly<MemorySwitches> = Object.freeze({
  latencyMs: 0,
  fail: undefined,
  empty: false,
  conflictOnBook: false,
  loseBookAnswer: false,
  loseSendAnswer: false,
  loseReportAnswer: false,
  bookingMode: 'operation',
  holdMinutes: 5,
});

export const DEFAULT_SEED = 1;
export const DEFAULT_PATIENT_ID = 'patient-ana-mejia';
