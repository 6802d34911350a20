import { createContext } from '@lit/context';
import type { PortalApi } from '../api/portal-api.js';
import type { PortalConfig } from '../model/config.js';
import type { Session, SessionActions } from '../model/session.js';

// Keys come from the global symbol registry so that two bundled copies of portal-kit on one page (a CMS
// script tag and a vendor app, say) still find each other's providers.

/** The adapter every element reads and writes through. `undefined` until a provider supplies one. */
export const apiContext = createContext<PortalApi | undefined>(Symbol.for('portal-kit.context.api'));

/** Who is signed in. Replaced (never mutated) on every change. */
export const sessionContext = createContext<Session>(Symbol.for('portal-kit.context.session'));

/** Locale, time-zone display and feature switches. */
export const configContext = createContext<PortalConfig>(Symbol.for('portal-kit.context.config'));

/** Sign-in, sign-out and scope needs; `undefined` when the page runs its own sign-in (token source). */
export const authContext = createContext<SessionActions | undefined>(Symbol.for('portal-kit.context.auth'));
