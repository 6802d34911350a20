import type { ApiErrorKind } from '../model/errors.js';
import type { AuthorizationRefusal } from '../model/values.js';

/**
 * Every event a host page may listen to, with PHI-free details by construction: the detail types hold
 * opaque ids, codes and counts only; there is no field a name, birth date, message text or a patient's
 * appointment time could go into.
 */
export interface PortalEventDetails {
  /** An element needs a signed-in patient (or the session lapsed). The page or provider starts sign-in. */
  'portal-auth-required': { element: string; reason: 'signed-out' | 'expired' | 'unauthorized' };
  /** The session ended for every element (logout, idle timeout, token expiry). */
  'portal-session-ended': { reason: 'logout' | 'idle' | 'expired' };
  /**
   * A request failed; `kind` says what a person can do about it. A sign-in the authorization server refused also
   * carries its registered error code (`access_denied`: the person said no; `invalid_scope`: the page asked for
   * more than the registration allows).
   */
  'portal-error': { element: string; kind: ApiErrorKind; operation: string; status?: number; retryable: boolean; refusal?: AuthorizationRefusal };
  /** A time was picked (slot, service, place and clinician ids only). */
  'portal-slot-selected': { slotId: string; serviceId?: string; locationId?: string; practitionerId?: string };
  /** The server booked the appointment. */
  'portal-appointment-booked': { appointmentId: string; serviceId?: string; locationId?: string; vaccineCvx?: string };
  /** The server cancelled an appointment (from the list, or the old one after a reschedule). */
  'portal-appointment-cancelled': { appointmentId: string; serviceId?: string; locationId?: string };
  /** The server stored a message the patient sent. */
  'portal-message-sent': { messageId: string; threadId: string; attachmentCount: number };
  /** The patient opened a conversation and its unread messages were marked read (thread id and count only). */
  'portal-message-read': { threadId: string; count: number };
  /** The patient opened a lab report (its id only). */
  'portal-result-opened': { reportId: string };
  /** The server stored a vaccine dose the patient reported (its id only). */
  'portal-immunization-reported': { immunizationId: string };
  /** A SMART Health Card was checked: the verdict's kind and, when the issuer is on the host's trust list, its `iss`; nothing on the card. */
  'portal-health-card-verified': { verdict: 'verified' | 'untrusted-issuer' | 'revoked' | 'expired' | 'altered-or-forged' | 'unreadable'; issuer?: string };
  /**
   * "Book this vaccine" with no booking page configured: `vaccine` is `CVX:dose` (`208:2`) or a CVX code, the form a
   * `<portal-scheduler>`'s `vaccine` attribute takes. Cancelable: a page that opens booking cancels it to say so.
   */
  'portal-vaccine-booking-requested': { vaccine: string };
  /**
   * The person asked to sign out. Cancelable: an element holding something unsent (a message being written)
   * cancels it to ask first, and signs out itself once the person has chosen. Idle timeouts do not ask.
   */
  'portal-sign-out-requested': Record<string, never>;
  /** The person answered the idle warning "I am here" (a key, Escape, or "Stay signed in"); once per opening. */
  'portal-idle-stay': Record<string, never>;
  /** The person chose "Sign out now" in the idle warning. */
  'portal-idle-sign-out': Record<string, never>;
}

export type PortalEventName = keyof PortalEventDetails;

/** Any portal element, whatever it is. */
const EVERY_ELEMENT = '*';

/**
 * The one table of portal events: whether each reaches the page (bubbles and crosses shadow roots) and which tags
 * fire it (`*`: every element, through the base). The typed event map, the page-level set, the React wrappers (whose
 * prop is the name's words after `portal-`: `portal-slot-selected` → `onSlotSelected`, see `ReactPropOf`), the
 * contract suite and README's event list all read it, so a new event is one row here. Rows stay this small because
 * the table ships with every element.
 */
export const PORTAL_EVENTS = {
  'portal-auth-required': { page: true, firedBy: [EVERY_ELEMENT] },
  'portal-session-ended': { page: true, firedBy: ['portal-provider'] },
  'portal-error': { page: true, firedBy: [EVERY_ELEMENT] },
  'portal-slot-selected': { page: true, firedBy: ['portal-scheduler'] },
  'portal-appointment-booked': { page: true, firedBy: ['portal-scheduler'] },
  'portal-appointment-cancelled': { page: true, firedBy: ['portal-scheduler'] },
  'portal-message-sent': { page: true, firedBy: ['portal-messages'] },
  'portal-message-read': { page: true, firedBy: ['portal-messages'] },
  'portal-result-opened': { page: true, firedBy: ['portal-results'] },
  'portal-immunization-reported': { page: true, firedBy: ['vaccine-record'] },
  'portal-health-card-verified': { page: true, firedBy: ['vaccine-record'] },
  'portal-vaccine-booking-requested': { page: true, firedBy: ['vaccine-record'] },
  'portal-sign-out-requested': { page: true, firedBy: ['portal-provider'] },
  // The idle warning talks to the provider that opened it, and to no one else.
  'portal-idle-stay': { page: false, firedBy: ['portal-idle-warning'] },
  'portal-idle-sign-out': { page: false, firedBy: ['portal-idle-warning'] },
} as const satisfies { [K in PortalEventName]: { page: boolean; firedBy: readonly string[] } };

type EventTable = typeof PORTAL_EVENTS;

export const PORTAL_EVENT_NAMES = Object.keys(PORTAL_EVENTS) as PortalEventName[];

/** Outcomes a page listens for at `document`: they bubble and cross shadow roots; the rest stay local. */
export const PAGE_EVENTS: ReadonlySet<PortalEventName> = new Set(PORTAL_EVENT_NAMES.filter((name) => PORTAL_EVENTS[name].page));

/** The events `tag` fires: its own and those every element fires. */
export type EventsOf<Tag extends string> = {
  [K in PortalEventName]: EventTable[K]['firedBy'][number] extends infer From ? (From extends Tag | typeof EVERY_ELEMENT ? K : never) : never;
}[PortalEventName];

export function eventsOf<Tag extends string>(tag: Tag): EventsOf<Tag>[] {
  return PORTAL_EVENT_NAMES.filter((name) => (PORTAL_EVENTS[name].firedBy as readonly string[]).some((from) => from === tag || from === EVERY_ELEMENT)) as EventsOf<Tag>[];
}

type Words<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Words<Tail>}` : Capitalize<S>;

/** The React wrappers' prop for an event: `portal-slot-selected` → `onSlotSelected`. */
export type ReactPropOf<K extends PortalEventName> = K extends `portal-${infer Rest}` ? `on${Words<Rest>}` : never;

export function reactPropOf<K extends PortalEventName>(name: K): ReactPropOf<K> {
  return `on${name.slice('portal-'.length).replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase())}` as ReactPropOf<K>;
}

/** Builds a typed portal event. Page-level outcomes bubble and cross shadow roots; the rest stay local. */
export function portalEvent<K extends PortalEventName>(type: K, detail: PortalEventDetails[K]): CustomEvent<PortalEventDetails[K]> {
  const outward = PAGE_EVENTS.has(type);
  return new CustomEvent(type, { detail, bubbles: outward, composed: outward, cancelable: true });
}

export type PortalEventMap = { [K in PortalEventName]: CustomEvent<PortalEventDetails[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends PortalEventMap {}
}
