// The single-file build for a CMS page: `<script type="module" src=".../portal-kit.js">` defines every tag,
// and the module's exports give scripts on the page the FHIR adapter and `providePortal`. The in-memory
// adapter (seed data for stories and offline demos) stays out of it: a hospital page never needs it.
import './define.js';

export * from './model/index.js';
export { ApiError, isApiError, isAbortError } from './api/errors.js';
export type { PortalApi, TokenSource } from './api/portal-api.js';
export { createFhirAdapter, type FhirAdapterOptions } from './api/fhir/adapter.js';
export { createSmartAuth, type SmartAuth, type SmartAuthOptions } from './auth/smart-auth.js';
export { apiContext, authContext, configContext, sessionContext } from './context/index.js';
export { providePortal, type PortalHandle, type PortalOptions } from './elements/portal-provider/provide-portal.js';
export { PortalElement } from './base/portal-element.js';
export { applyTheme, THEME_NAMES } from './styles/tokens.js';
export { PortalProvider } from './elements/portal-provider/portal-provider.js';
export { PortalPatientBanner } from './elements/portal-patient-banner/portal-patient-banner.js';
export { PortalScheduler } from './elements/portal-scheduler/portal-scheduler.js';
export { PortalSignIn } from './elements/portal-sign-in/portal-sign-in.js';
