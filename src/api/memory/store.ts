import type {
  Appointment,
  Immunization,
  Location,
  Message,
  PatientSummary,
  Practitioner,
  Recipient,
  Recommendation,
  Report,
  Service,
} from '../../model/index.js';
import type { SlotBook } from './slot-book.js';

/** Stored without `cancellable`: that depends on the clock, so it is worked out on every read. */
export type AppointmentRecord = Omit<Appointment, 'cancellable'>;

/** Counts and dates of a thread are derived from its messages on read, so they can never drift. */
export interface ThreadRecord {
  id: string;
  subject: string;
  /** The conversation's topic in words (`Thread.topic`). */
  topic?: string;
  participants: Recipient[];
  messages: Message[];
}

/** Everything the adapter knows. Only the adapter's own modules touch it; callers get copies. */
export interface MemoryStore {
  patient: PatientSummary;
  services: Map<string, Service>;
  locations: Map<string, Location>;
  practitioners: Map<string, Practitioner>;
  slots: SlotBook;
  appointments: Map<string, AppointmentRecord>;
  /** clientRequestId → appointment id: the conditional-create check a FHIR server does on `identifier`. */
  bookingKeys: Map<string, string>;
  recipients: Recipient[];
  threads: Map<string, ThreadRecord>;
  /** clientRequestId → the message it created. */
  messageKeys: Map<string, { threadId: string; messageId: string }>;
  /** Newest first. */
  reports: Report[];
  immunizations: Immunization[];
  /** clientRequestId → immunization id. */
  immunizationKeys: Map<string, string>;
  recommendations: Recommendation[];
  /** Ids for records created at runtime (`appt-new-1`, …): sequential, so reruns of a test match. */
  nextId(prefix: string): string;
}
