// `portal-kit/fhir`: the FHIR adapter alone, for an app whose bundler cannot leave out what the barrel re-exports.
// esbuild with code splitting on ignores `sideEffects`, so an app importing anything from `portal-kit` there
// loads every element, schema and adapter the barrel names before the first times show (test/bench/consumers.mjs
// measures both imports). What is here is the same code the barrel exports: one adapter, one ApiError class.
export { createFhirAdapter, type FhirAdapterOptions } from './api/fhir/adapter.js';
export { ApiError, isApiError, isAbortError } from './api/errors.js';
export type { PortalApi, TokenSource } from './api/portal-api.js';
