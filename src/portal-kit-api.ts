// dist/portal-kit-api.js: the public functions for a page that loads portal-kit from a script tag and also calls
// it (`providePortal`, the adapters, SMART auth, the schemas). Built together with the loader (dist/portal-kit.js),
// so both share one Lit, one @lit/context and one copy of everything else. It defines no tag and holds no element
// class: a page with only a scheduler must not download the other elements because it calls `providePortal`.
// An element's class is `await customElements.whenDefined('<tag>')` once the loader has defined it. The in-memory
// adapter (seed data for stories and offline demos) stays out: a hospital page never needs it.
export * from './model/index.js';
export { ApiError, isApiError, isAbortError } from './api/errors.js';
export type { PortalApi, TokenSource } from './api/portal-api.js';
export { createFhirAdapter, type FhirAdapterOptions } from './api/fhir/adapter.js';
export { createSmartAuth, type SmartAuth, type SmartAuthOptions } from './auth/smart-auth.js';
export { apiContext, authContext, configContext, sessionContext } from './context/index.js';
export { providePortal, type PortalHandle, type PortalOptions } from './elements/portal-provider/provide-portal.js';
export { PortalElement } from './base/portal-element.js';
export { applyTheme, THEME_NAMES } from './styles/tokens.js';
