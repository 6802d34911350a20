import type { ApiErrorKind } from '../model/errors.js';
import type { SessionStatus } from '../model/session.js';

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
  /** A request failed; `kind` says what a person can do about it. */
  'portal-error': { element: string; kind: ApiErrorKind; operation: string; status?: number; retryable: boolean };
  /** The session state changed (signed-in, signed-out…). Internal: neither bubbles nor crosses shadow roots. */
  'portal-session-change': { status: SessionStatus };
  'portal-slot-selected': { slotId: string; serviceId?: string; locationId?: string; practitionerId?: string };
  'portal-appointment-booked': { appointmentId: string; serviceId?: string; locationId?: string; vaccineCvx?: string };
  /** The server cancelled an appointment (from the list, or the old one after a reschedule). */
  'portal-appointment-cancelled': { appointmentId: string; serviceId?: string; locationId?: string };
  'portal-message-sent': { messageId: string; threadId: string; attachmentCount: number };
}

export type PortalEventName = keyof PortalEventDetails;

/** Outcomes a page listens for at `document`: they bubble and cross shadow roots; the rest stay local. */
export const PAGE_EVENTS: ReadonlySet<PortalEventName> = new Set<PortalEventName>([
  'portal-auth-required',
  'portal-session-ended',
  'portal-error',
  'portal-slot-selected',
  'portal-appointment-booked',
  'portal-appointment-cancelled',
  'portal-message-sent',
]);

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
