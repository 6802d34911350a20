import { ContextProvider } from '@lit/context';
import type { PortalApi, TokenSource } from '../api/portal-api.js';
import { DEFAULT_CONFIG, toLocale, type PortalConfig } from '../model/config.js';
import { SIGNED_OUT, type Session } from '../model/session.js';
import { ensureContextRoot } from './context-root.js';
import { apiContext, configContext, sessionContext } from './keys.js';

export interface PortalOptions {
  api?: PortalApi;
  /** When it carries a `patientId`, the session starts signed in as that patient. */
  auth?: TokenSource;
  /** Explicit session; wins over the one derived from `auth`. */
  session?: Session;
  /** BCP 47 language (`es`, `es-MX`); unsupported ones fall back to English. */
  lang?: string;
  config?: Partial<PortalConfig>;
}

export interface PortalHandle {
  /** Replaces the values given (others stay); every element re-renders with them. */
  update(options: PortalOptions): void;
  /** Stops providing; elements keep their last values until another provider answers. */
  dispose(): void;
}

/** The session an auth source implies: signed in when the token response named a patient. */
export function sessionFor(auth: TokenSource | undefined): Session {
  return auth?.patientId ? { status: 'signed-in', patientId: auth.patientId } : SIGNED_OUT;
}

export function configFor(options: Pick<PortalOptions, 'lang' | 'config'>, previous: PortalConfig = DEFAULT_CONFIG): PortalConfig {
  const locale = options.lang !== undefined ? toLocale(options.lang) : (options.config?.locale ?? previous.locale);
  return { ...previous, ...options.config, locale };
}

/**
 * Provides `api`, `session` and `config` to every portal element under `root` (e.g. `document.body`), for
 * pages whose elements share no wrapper element. Works whether it runs before or after the elements load.
 */
export function providePortal(root: HTMLElement, options: PortalOptions): PortalHandle {
  ensureContextRoot(root.ownerDocument);
  const lang = options.lang ?? root.ownerDocument.documentElement.lang;
  const api = new ContextProvider(root, { context: apiContext, initialValue: options.api });
  const session = new ContextProvider(root, { context: sessionContext, initialValue: options.session ?? sessionFor(options.auth) });
  const config = new ContextProvider(root, { context: configContext, initialValue: configFor({ ...options, lang }) });
  const providers = [api, session, config];
  // A plain element is no controller host, so announce the providers by hand: the ContextRoot then
  // replays requests made before this call.
  providers.forEach((provider) => provider.hostConnected());
  return {
    update(next) {
      if ('api' in next) api.setValue(next.api);
      if (next.session || 'auth' in next) session.setValue(next.session ?? sessionFor(next.auth));
      if (next.lang !== undefined || next.config) config.setValue(configFor(next, config.value));
    },
    dispose() {
      for (const provider of providers) {
        root.removeEventListener('context-request', provider.onContextRequest);
        root.removeEventListener('context-provider', provider.onProviderRequest);
      }
    },
  };
}
