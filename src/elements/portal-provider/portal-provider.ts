import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalApi, TokenSource } from '../../api/portal-api.js';
import { inOwnTaskFirst } from '../../base/first-update.js';
import { defineElement } from '../../base/define.js';
import { warnIfInvalid } from '../../base/dev-warnings.js';
import { ensureContextRoot } from '../../context/context-root.js';
import { apiContext, authContext, configContext, sessionContext } from '../../context/keys.js';
import { configFor, sessionFor } from '../../context/portal-values.js';
import { idleMinutes, IDLE_MAX_MINUTES, IDLE_MIN_MINUTES, type IdleClock } from './idle-settings.js';
import type { PortalConfig } from '../../model/config.js';
import { DEFAULT_CONFIG } from '../../model/values.js';
import type { Session } from '../../model/session.js';
import { DARK, presetDeclarations, THEME_NAMES, WHITE_LABEL } from '../../styles/tokens.js';
import { VERSION } from '../../base/version.js';
import { SmartLinkController, type SmartSettings } from './smart-link.js';
import { absoluteBase, AdapterCache, isSmartAuth, type FhirSettings, type PortalAuth } from './wiring.js';

/**
 * @tagname portal-provider
 * @summary Supplies the api, session and language to every portal element inside it. Renders nothing itself.
 *
 * With `client-id` (and `fhir-base-url`) it signs patients in with SMART App Launch: one sign-in for every element
 * on the page, an idle timeout with a warning, and sign-out in every tab of the site.
 *
 * @slot - The page content holding portal elements.
 *
 * @fires portal-session-ended - The session ended (sign-out here or in another tab, idle timeout, token lapsed).
 *
 * @cssproperty --portal-color-accent - Brand colour of buttons, links and focus.
 * @cssproperty --portal-color-text - Body text colour.
 * @cssproperty --portal-color-surface - Background of cards and inputs.
 * @cssproperty --portal-font-family - Font of every element.
 * @cssproperty --portal-radius - Corner radius.
 * @cssproperty --portal-space - Base spacing unit; density scales from it.
 */
export class PortalProvider extends LitElement {
  static tagName = 'portal-provider';

  /** The portal-kit release this class comes from (two copies on one page say which is which). */
  static readonly version: string = VERSION;

  static define(tag: string = this.tagName, registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  static override styles = css`
    :host {
      display: contents;
    }
    :host([theme='dark']) {
      ${presetDeclarations(DARK)}
    }
    :host([theme='white-label']) {
      ${presetDeclarations(WHITE_LABEL)}
    }
    @media (prefers-color-scheme: dark) {
      :host([theme='auto']) {
        ${presetDeclarations(DARK)}
      }
    }
  `;

  /**
   * FHIR R4 base URL, absolute or relative to the page (`/fhir`). Used to build the FHIR adapter when no `api`
   * property is set.
   */
  @property({ attribute: 'fhir-base-url' }) fhirBaseUrl?: string;

  /**
   * SMART client id registered for this site. With it (and `fhir-base-url`) the provider runs SMART sign-in:
   * discovery, PKCE S256, the token in memory only.
   */
  @property({ attribute: 'client-id' }) clientId?: string;

  /** Where the authorization server sends the person back (a page of this site with a provider); defaults to this page. */
  @property({ attribute: 'redirect-uri' }) redirectUri?: string;

  /** Scopes asked for on top of what the page's elements need (space separated, e.g. `openid fhirUser`). */
  @property() scope?: string;

  /** Minutes without input in any portal element before the session ends (2–30, default 15); a warning shows 2 minutes before. */
  @property({ attribute: 'idle-timeout' }) idleTimeout?: string;

  /** Language of the elements inside (`en`, `es`); defaults to the page's `lang`. */
  @property() override lang = '';

  /** Theme preset: `light` (default), `dark`, `white-label`, or `auto` (follows the system). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'white-label' | 'auto' = 'light';

  /** An adapter object (e.g. `createMemoryAdapter()` or a vendor's own); wins over `fhir-base-url`. */
  @property({ attribute: false }) api?: PortalApi;

  /**
   * A SMART client (`createSmartAuth(…)`), or the host's own token source, whose `patientId` signs the session in
   * (and whose optional `subscribe` tells of the host's sign-in, sign-out and patient switch). Wins over `client-id`.
   */
  @property({ attribute: false }) auth?: PortalAuth;

  /** Explicit session (wins over the one derived from `auth`). */
  @property({ attribute: false }) session?: Session;

  /**
   * Settings for the FHIR adapter built from `fhir-base-url`, which FHIR does not publish: the topics a patient may
   * pick when writing and the limits of one message (`{ messaging: { topics, limits } }`), read retries. Replace
   * the object to change them.
   */
  @property({ attribute: false }) fhirSettings?: FhirSettings;

  /** @internal The idle timeout's time source; tests pass a fake clock. */
  @property({ attribute: false }) idleClock?: IdleClock;

  /** Extra configuration (time-zone display, feature switches). */
  @property({ attribute: false }) config?: Partial<PortalConfig>;

  private readonly apiProvider = new ContextProvider(this, { context: apiContext });
  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext, initialValue: sessionFor(undefined) });
  private readonly configProvider = new ContextProvider(this, { context: configContext, initialValue: DEFAULT_CONFIG });
  private readonly authProvider = new ContextProvider(this, { context: authContext, initialValue: undefined });
  private readonly smart = new SmartLinkController(this, { element: this, changed: () => this.provideSession() });
  private readonly adapters = new AdapterCache();
  private stopWatchingAuth?: () => void;
  /** The SMART settings the current properties call for, worked out once per change. */
  private smartWanted?: SmartSettings;

  override connectedCallback(): void {
    ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
    if (this.hasUpdated) this.watchAuth();
  }

  /** The first update (the adapter, every element's values) waits for a task of its own (see `inOwnTaskFirst`). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return inOwnTaskFirst(this.hasUpdated, () => super.scheduleUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingAuth?.();
    this.stopWatchingAuth = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme')) warnIfInvalid(this, 'theme', this.theme, (value) => (THEME_NAMES as string[]).includes(value) || value === 'auto', `${[...THEME_NAMES, 'auto'].map((name) => `"${name}"`).join(', ')}`);
    if (changed.has('idleTimeout')) warnIfInvalid(this, 'idle-timeout', this.idleTimeout, (value) => value.trim() === '' || (Number(value) >= IDLE_MIN_MINUTES && Number(value) <= IDLE_MAX_MINUTES), `minutes from ${IDLE_MIN_MINUTES} to ${IDLE_MAX_MINUTES}`);
    const rewired = (['auth', 'clientId', 'redirectUri', 'scope', 'fhirBaseUrl', 'fhirSettings'] as const).some((name) => changed.has(name));
    if (rewired) {
      this.smartWanted = this.smartSettings();
      this.smart.configure(this.smartWanted);
    }
    if (changed.has('auth')) this.watchAuth();
    if (changed.has('idleTimeout') || changed.has('idleClock') || !this.hasUpdated) {
      this.smart.configureIdle(idleMinutes(this.idleTimeout), this.idleClock);
    }
    if (changed.has('api') || rewired) this.apiProvider.setValue(this.api ?? this.adapterFromAttributes());
    if (changed.has('session') || rewired) this.provideSession();
    if (changed.has('lang') || changed.has('config') || !this.hasUpdated) {
      const lang = this.lang || this.ownerDocument.documentElement.lang;
      this.configProvider.setValue(configFor({ lang, config: this.config }, DEFAULT_CONFIG));
    }
  }

  /** The SMART client these settings call for: the `auth` property's, or the page's shared one for the attributes. */
  private smartSettings(): SmartSettings | undefined {
    if (isSmartAuth(this.auth)) return { auth: this.auth };
    if (this.auth || !this.clientId || !this.fhirBaseUrl) return undefined;
    const base = this.ownerDocument.baseURI;
    const view = this.ownerDocument.defaultView;
    const here = new URL(view?.location.href ?? base);
    const redirectUri = this.redirectUri ? new URL(this.redirectUri, base).href : `${here.origin}${here.pathname}`;
    return {
      options: {
        fhirBaseUrl: absoluteBase(this.fhirBaseUrl, this.ownerDocument),
        clientId: this.clientId,
        redirectUri,
        scopes: this.scope,
        storage: view?.sessionStorage,
        navigate: (url) => view?.location.assign(url),
      },
    };
  }

  /** A host's token source that tells of its own sign-in, sign-out or patient switch: the session follows it. */
  private watchAuth(): void {
    this.stopWatchingAuth?.();
    const auth = this.auth;
    this.stopWatchingAuth = auth && !isSmartAuth(auth) ? auth.subscribe?.(() => this.provideSession()) : undefined;
  }

  private provideSession(): void {
    this.sessionProvider.setValue(this.session ?? this.smart.session ?? sessionFor(this.auth as TokenSource | undefined));
    this.authProvider.setValue(this.smart.actions);
  }

  private adapterFromAttributes(): PortalApi | undefined {
    const settings = this.smartWanted;
    // A SMART client's token is for its own FHIR base: the adapter talks to that base, so the token goes nowhere else.
    const smartBase = settings && ('auth' in settings ? settings.auth.fhirBaseUrl : settings.options.fhirBaseUrl);
    const baseUrl = smartBase ?? (this.fhirBaseUrl ? absoluteBase(this.fhirBaseUrl, this.ownerDocument) : undefined);
    if (!baseUrl) return undefined;
    return this.adapters.get(baseUrl, settings ? this.smart.tokens : (this.auth as TokenSource | undefined), this.fhirSettings);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
