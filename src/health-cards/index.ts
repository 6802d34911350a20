// The health-cards layer's public pieces (DOM-free): the element and hosts import from here.
export { assembleNumericQr, checkHealthCardJws, DEFAULT_MAX_PAYLOAD_BYTES, HEALTH_CARD_TYPE, HealthCardError, jwsToNumeric, numericToJws, readHealthCardJws, readHealthCardPayload, splitScannedText, verifyHealthCardJws, windowProblem } from './verify.js';
export type { HealthCard, HealthCardProblem, VerifyOptions } from './verify.js';
export { ecThumbprint, keyProblem, keySetProblems } from './keys.js';
export type { KeyProblem } from './keys.js';
export { isRevoked, parseRevocationList, RevocationListError } from './revocation.js';
export type { RevocationList } from './revocation.js';
export { checkCard, checkCardInput, verdictKindOf } from './trust.js';
export type { CardCheckOptions, FetchLike, TrustedIssuer, TrustProblem, Verdict, VerdictKind, VerdictProblem } from './trust.js';
export { cardInputToJws } from './input.js';
export { cardPatient, compareFhirDates, comparePatient } from './patient-match.js';
export type { DateMatch, NameMatch, PatientMatch } from './patient-match.js';
export { decryptHealthLinkFile, HealthLinkError, openHealthLink, parseHealthLink } from './links.js';
export type { HealthLink, HealthLinkProblem, LinkFile, OpenLinkOptions } from './links.js';
