import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createFhirAdapter } from '../../api/fhir/adapter.js';
import type { PortalApi, TokenSource } from '../../api/portal-api.js';
import { ensureContextRoot } from '../../context/context-root.js';
import { apiContext, configContext, sessionContext } from '../../context/keys.js';
import { configFor, sessionFor } from '../../context/provide-portal.js';
import { defineElement } from '../../base/define.js';
import { DEFAULT_CONFIG, type PortalConfig } from '../../model/config.js';
import type { Session } from '../../model/session.js';
import { DARK, presetDeclarations, WHITE_LABEL } from '../../styles/tokens.js';

/**
 * @tagname portal-provider
 * @summary Supplies the api, session and language to every portal element inside it. Renders nothing itself.
 *
 * @slot - The page content holding portal elements.
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

  /** Language of the elements inside (`en`, `es`); defaults to the page's `lang`. */
  @property() override lang = '';

  /** Theme preset: `light` (default), `dark`, `white-label`, or `auto` (follows the system). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'white-label' | 'auto' = 'light';

  /** An adapter object (e.g. `createMemoryAdapter()` or a vendor's own); wins over `fhir-base-url`. */
  @property({ attribute: false }) api?: PortalApi;

  /** Token source for the FHIR adapter; its `patientId` signs the session in. */
  @property({ attribute: false }) auth?: TokenSource;

  /** Explicit session (wins over the one derived from `auth`). */
  @property({ attribute: false }) session?: Session;

  /** Extra configuration (time-zone display, feature switches). */
  @property({ attribute: false }) config?: Partial<PortalConfig>;

  private readonly apiProvider = new ContextProvider(this, { context: apiContext });
  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext, initialValue: sessionFor(undefined) });
  private readonly configProvider = new ContextProvider(this, { context: configContext, initialValue: DEFAULT_CONFIG });
  private builtApi?: { baseUrl: string; auth?: TokenSource; api: PortalApi };

  override connectedCallback(): void {
    ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('fhirBaseUrl') || changed.has('auth')) {
      this.apiProvider.setValue(this.api ?? this.adapterFromAttributes());
    }
    if (changed.has('session') || changed.has('auth')) {
      this.sessionProvider.setValue(this.session ?? sessionFor(this.auth));
    }
    if (changed.has('lang') || changed.has('config') || !this.hasUpdated) {
      const lang = this.lang || this.ownerDocument.documentElement.lang;
      this.configProvider.setValue(configFor({ lang, config: this.config }, DEFAULT_CONFIG));
    }
  }

  private adapterFromAttributes(): PortalApi | undefined {
    if (!this.fhirBaseUrl) return undefined;
    const { auth } = this;
    // Resolved once here, so the adapter (which knows no document) always gets an absolute base to pin the token to.
    const baseUrl = new URL(this.fhirBaseUrl, this.ownerDocument.baseURI).href.replace(/\/$/, '');
    if (this.builtApi?.baseUrl !== baseUrl || this.builtApi.auth !== auth) {
      this.builtApi = { baseUrl, auth, api: createFhirAdapter({ baseUrl, auth }) };
    }
    return this.builtApi.api;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
