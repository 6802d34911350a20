import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PortalApi, TokenSource } from '../../api/portal-api.js';
import { ensureContextRoot } from '../../context/context-root.js';
import { apiContext, authContext, configContext, sessionContext } from '../../context/keys.js';
import { configFor, sessionFor } from '../../context/portal-values.js';
import { idleMinutes } from './idle-settings.js';
import type { PortalConfig } from '../../model/config.js';
import type { Session } from '../../model/session.js';
import { SmartLinkController } from './smart-link.js';
import { absoluteBase, AdapterCache, isSmartAuth, type FhirSettings, type PortalAuth } from './wiring.js';

export interface PortalOptions {
  /** An adapter object (`createMemoryAdapter()`, a vendor's own); wins over `fhirBaseUrl`. */
  api?: PortalApi;
  /** FHIR R4 base URL, absolute or relative to the page: the FHIR adapter is built here, with `auth` as its token source. */
  fhirBaseUrl?: string;
  /**
   * Given once, for the adapter and the session alike: the host's token source (its `patientId` signs the session
   * in; its optional `subscribe` tells every element of the host's sign-in, sign-out and patient switch), or a SMART
   * client (`createSmartAuth(…)`), which then runs sign-in, the callback, the idle timeout and sign-out in every tab.
   * Without it the adapter is anonymous (public slot search only).
   */
  auth?: PortalAuth;
  /** Explicit session; wins over the one derived from `auth`. */
  session?: Session;
  /** BCP 47 language (`es`, `es-MX`); unsupported ones fall back to English. Default: the page's `lang`. */
  lang?: string;
  config?: Partial<PortalConfig>;
  /** With a SMART client: minutes without input in any portal element before the session ends (2–30, default 15). */
  idleTimeout?: number;
  /** Settings for the FHIR adapter built from `fhirBaseUrl` (messaging topics and limits, read retries). */
  fhirSettings?: FhirSettings;
}

export interface PortalHandle {
  /** Replaces the values given (others stay); every element re-renders with them. */
  update(options: PortalOptions): void;
  /** Stops providing (and leaves the SMART session); elements keep their last values until another provider answers. */
  dispose(): void;
}

/**
 * Provides `api`, `session`, `config` and (with a SMART client) sign-in to every portal element under `root`
 * (e.g. `document.body`), for pages whose elements share no wrapper element. Works whether it runs before or
 * after the elements load.
 */
export function providePortal(root: HTMLElement, options: PortalOptions): PortalHandle {
  const document = root.ownerDocument;
  ensureContextRoot(document);
  let current: PortalOptions = { lang: document.documentElement.lang, ...options };
  const controllers: ReactiveController[] = [];
  // `root` is a plain element, no controller host: this stands in for one, connected from the start.
  const host: ReactiveControllerHost = {
    addController: (controller) => void controllers.push(controller),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
  const api = new ContextProvider(root, { context: apiContext });
  const session = new ContextProvider(root, { context: sessionContext, initialValue: sessionFor(undefined) });
  const config = new ContextProvider(root, { context: configContext, initialValue: configFor(current) });
  const auth = new ContextProvider(root, { context: authContext, initialValue: undefined });
  const providers = [api, session, config, auth];
  const adapters = new AdapterCache();
  let stopWatching: (() => void) | undefined;

  const provideSession = () => {
    session.setValue(current.session ?? smart.session ?? sessionFor(current.auth as TokenSource | undefined));
    auth.setValue(smart.actions);
  };
  const smart = new SmartLinkController(host, { element: root, changed: provideSession });

  const wire = (next: PortalOptions) => {
    const rewired = 'auth' in next || 'fhirBaseUrl' in next || 'api' in next || 'fhirSettings' in next;
    // New credentials speak for themselves: an explicit session given with the old ones no longer applies.
    current = { ...current, ...('auth' in next && !('session' in next) ? { session: undefined } : {}), ...next };
    if (rewired) {
      const given = current.auth;
      smart.configure(isSmartAuth(given) ? { auth: given } : undefined);
      stopWatching?.();
      stopWatching = given && !isSmartAuth(given) ? given.subscribe?.(provideSession) : undefined;
      // A SMART client's token is for its own FHIR base: the adapter talks to that base, so the token goes nowhere else.
      const baseUrl = isSmartAuth(given) ? given.fhirBaseUrl : current.fhirBaseUrl && absoluteBase(current.fhirBaseUrl, document);
      api.setValue(current.api ?? (baseUrl ? adapters.get(baseUrl, isSmartAuth(given) ? smart.tokens : given, current.fhirSettings) : undefined));
    }
    if ('idleTimeout' in next || rewired) smart.configureIdle(idleMinutes(current.idleTimeout), undefined);
    if ('lang' in next || 'config' in next) config.setValue(configFor(next, config.value));
    provideSession();
  };

  // Announce the providers by hand: the ContextRoot then replays requests made before this call.
  providers.forEach((provider) => provider.hostConnected());
  controllers.forEach((controller) => controller.hostConnected?.());
  wire({ ...current, api: current.api });
  return {
    update: wire,
    dispose() {
      stopWatching?.();
      smart.configure(undefined);
      controllers.forEach((controller) => controller.hostDisconnected?.());
      for (const provider of providers) {
        root.removeEventListener('context-request', provider.onContextRequest);
        root.removeEventListener('context-provider', provider.onProviderRequest);
      }
    },
  };
}
