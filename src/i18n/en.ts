/**
 * English catalogue: the source of truth for keys. `{name}` placeholders are filled by `translate`.
 * Every element's strings live here so a vendor can review one file per language.
 */
export const en = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.signIn': 'Sign in',
  'common.signInPrompt': 'Sign in to see this.',
  'common.sessionExpired': 'Your session ended. Sign in again to continue.',
  'common.notConfigured': 'This section is not connected to a health record yet.',
  'error.unauthorized': 'Please sign in again.',
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
  'patientBanner.signedOut': 'You are not signed in.',
  'patientBanner.notFound': 'No patient record is linked to this account.',
  'time.localZoneNote': 'Your time: {time}',
  'time.offsetOnly': 'Clinic time zone not published; times shown with the offset the clinic gave ({offset}).',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
