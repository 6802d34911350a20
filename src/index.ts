// The side-effect-free barrel: classes, adapters, context helpers, types and schemas. Importing it defines
// no tags; `portal-kit/define` (or a per-element define entry) does.
export * from './model/index.js';
export { ApiError, isApiError, isAbortError } from './api/errors.js';
export type {
  PortalApi,
  SchedulingApi,
  MessagingApi,
  ResultsApi,
  ImmunizationsApi,
  PatientApi,
  TokenSource,
} from './api/portal-api.js';
export { createFhirAdapter, type FhirAdapterOptions } from './api/fhir/adapter.js';
export { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from './api/memory/index.js';
export { apiContext, authContext, configContext, sessionContext } from './context/index.js';
export { providePortal, type PortalHandle, type PortalOptions } from './elements/portal-provider/provide-portal.js';
export type { PortalAuth } from './elements/portal-provider/wiring.js';
export {
  createSmartAuth,
  type KeyValueStorage,
  type SessionEndReason,
  type SmartAuth,
  type SmartAuthOptions,
} from './auth/smart-auth.js';
export { scopesCover, SCOPES, type Scope } from './auth/scopes.js';
export { SmartConfigurationError } from './auth/smart-configuration.js';
export { PortalElement, type AccessDeclaration, type AccessState } from './base/portal-element.js';
export { defineElement } from './base/define.js';
export { PORTAL_EVENTS, type PortalEventDetails, type PortalEventMap, type PortalEventName } from './base/events.js';
export { translate, formatDecimal, formatFhirDate, formatInstant, zoneLabel, type MessageKey } from './i18n/index.js';
export { applyTheme, THEME_NAMES, THEME_PRESETS, type ThemeName, type TokenName } from './styles/tokens.js';
export { PortalProvider } from './elements/portal-provider/portal-provider.js';
export { PortalPatientBanner } from './elements/portal-patient-banner/portal-patient-banner.js';
export { PortalSignIn } from './elements/portal-sign-in/portal-sign-in.js';
export { PortalScheduler } from './elements/portal-scheduler/portal-scheduler.js';
export { PortalMessages } from './elements/portal-messages/portal-messages.js';
export { PortalResults } from './elements/portal-results/portal-results.js';
export { VaccineRecord } from './elements/vaccine-record/vaccine-record.js';
