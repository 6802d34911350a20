export { apiContext, authContext, configContext, sessionContext } from './keys.js';
export { ensureContextRoot } from './context-root.js';
export { providePortal, sessionFor, configFor, type PortalHandle, type PortalOptions } from './provide-portal.js';
