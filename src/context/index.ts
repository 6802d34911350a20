export { apiContext, authContext, configContext, sessionContext } from './keys.js';
export { ensureContextRoot } from './context-root.js';
export { sessionFor, configFor } from './portal-values.js';
