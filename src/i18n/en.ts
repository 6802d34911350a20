/**
 * The shared English catalogue: the strings every element may show (states, errors, sign-in, the idle
 * warning) and the source of truth for their keys. `{name}` placeholders are filled by `translate`. An
 * element's own strings live beside it (`src/elements/<tag>/strings.ts`), so a page pays only for the
 * elements it shows; a vendor reviews one file per language and element.
 */
export const en = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.signIn': 'Sign in',
  'common.signInPrompt': 'Sign in to see this.',
  'common.sessionExpired': 'Your session ended. Sign in again to continue.',
  'common.notPermitted': 'This part of your record is not available: the permission for it was not granted when you signed in.',
  'common.notConfigured': 'This section is not connected to a health record yet.',
  'error.unauthorized': 'Please sign in to continue.',
  'error.forbidden': 'Your account does not have access to this.',
  'error.not-found': 'We could not find this record.',
  'error.conflict': 'This changed while you were looking at it.',
  'error.invalid-response': 'We received information we could not read.',
  'error.network': 'We could not reach the health record. Check your connection.',
  'error.server': 'The health record is not answering right now.',
  'error.rate-limited': 'Too many requests at once. Please wait a moment.',
  'error.retryHint': 'Try again in a moment.',
  'patientBanner.label': 'Patient',
  'patientBanner.born': 'Born {date}',
  'patientBanner.gender.male': 'Male',
  'patientBanner.gender.female': 'Female',
  'patientBanner.gender.other': 'Other',
  'patientBanner.gender.unknown': 'Unknown',
  'patientBanner.notFound': 'No patient record is linked to this account.',
  'signIn.signingIn': 'Signing in…',
  'signIn.signedIn': 'Signed in',
  'signIn.signOut': 'Sign out',
  'signIn.expired': 'Your session ended.',
  'signIn.problem.sign-in-failed': 'Sign-in did not finish. Please try again.',
  'signIn.problem.server-not-supported': 'Sign-in is not available on this site right now.',
  'idle.title': 'Are you still there?',
  'idle.body': 'For your privacy you will be signed out in {time}.',
  'idle.bodySoon': 'For your privacy you will be signed out soon.',
  'idle.stay': 'Stay signed in',
  'idle.signOut': 'Sign out now',
  'time.localZoneNote': 'Your time: {time}',
  'time.offsetOnly': 'Clinic time zone not published; times shown with the offset the clinic gave ({offset}).',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
