/**
 * The model's value sets, formats and defaults, with no zod. The schemas are built from these and re-export
 * them, so callers may import either place; code that runs before a page's first times show (the provider,
 * the slot search, the FHIR read path) imports from here, so a page that only looks for times downloads
 * none of the schemas or of zod. A bundler splits code by module, so one schema in the same module would
 * pull zod into the first load.
 */
import type { PortalConfig } from './config.js';
import type { Session } from './session.js';

/** Longest opaque id the model accepts (`IdSchema`). */
export const ID_MAX_LENGTH = 256;

/** `FhirDateSchema`'s pattern: `2021`, `2021-05` or `2021-05-03`. */
export const FHIR_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
/** `FhirDateTimeSchema`'s pattern: a partial dateTime, with an offset whenever a time is given. */
export const FHIR_DATE_TIME_PATTERN =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;
/** `InstantSchema`'s pattern: a full timestamp with an `hh:mm` offset or `Z`. */
export const INSTANT_PATTERN =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

// Each answer kept: building a formatter to find out costs far more than the lookup, and a directory names the
// same few zones on every location.
const zones = new Map<string, boolean>();

/** Whether this browser's `Intl` can format in `zone` (`America/New_York`). */
export function isIanaZone(zone: string): boolean {
  let known = zones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (zones.size < 500) zones.set(zone, known);
  }
  return known;
}

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const TIME_ZONE_DISPLAYS = ['location', 'location-and-local'] as const;

export const DEFAULT_CONFIG: PortalConfig = Object.freeze({
  locale: 'en',
  timeZoneDisplay: 'location-and-local',
  features: Object.freeze({}) as Record<string, boolean>,
}) as PortalConfig;

/** Picks a supported locale from a BCP 47 tag (`es-MX` → `es`), English when none fits. */
export function toLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
}

/**
 * Every failure an element may meet, by what the person can do about it:
 * sign in again, ask for access, pick another time, retry now, retry later.
 */
export const API_ERROR_KINDS = [
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'invalid-response',
  'network',
  'server',
  'rate-limited',
] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

/** Kinds worth offering a "Try again" for. */
export const RETRYABLE_KINDS: readonly ApiErrorKind[] = ['network', 'server', 'rate-limited', 'invalid-response'];

export const SLOT_STATUSES = ['free', 'busy', 'busy-unavailable', 'busy-tentative', 'entered-in-error'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export const APPOINTMENT_STATUSES = [
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
  'checked-in',
  'waitlist',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Statuses that may still happen; the rest never show as upcoming. */
export const ACTIVE_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['proposed', 'pending', 'booked', 'arrived', 'checked-in'];

export const SESSION_STATUSES = ['signed-out', 'signing-in', 'signed-in', 'expired'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Why the last sign-in attempt failed, for a message to the person (never the server's own words). */
export const SIGN_IN_PROBLEMS = ['sign-in-failed', 'server-not-supported'] as const;
export type SignInProblem = (typeof SIGN_IN_PROBLEMS)[number];

/**
 * The registered codes an authorization server may send back instead of a code (RFC 6749 §4.1.2.1, OpenID Connect
 * Core §3.1.2.6): what a page may learn of a refused sign-in. Anything else it sends is reported as none of them,
 * and `error_description` never at all (free text from another site, perhaps with the person's details in it).
 */
export const AUTHORIZATION_REFUSALS = [
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
] as const;
export type AuthorizationRefusal = (typeof AUTHORIZATION_REFUSALS)[number];

export const SIGNED_OUT: Session = Object.freeze({ status: 'signed-out' });
