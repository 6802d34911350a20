/**
 * The pure FHIR R4 ⇄ model mapping layer. No I/O here: the adapter fetches, pages and retries, then hands
 * parsed JSON (`parseFhirJson`) to these functions. Inbound mappers return `MapOutcome` and never throw.
 */
export * from './common.js';
export * from './patient.js';
export * from './scheduling.js';
export * from './appointment.js';
export * from './messaging.js';
export * from './results.js';
export * from './immunizations.js';
