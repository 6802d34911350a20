import { consume } from '@lit/context';
import { html, LitElement, type CSSResultGroup, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { isAbortError, isApiError } from '../api/errors.js';
import type { PortalApi } from '../api/portal-api.js';
import { ensureContextRoot } from '../context/context-root.js';
import { scopesCover } from '../auth/scopes.js';
import { apiContext, authContext, configContext, sessionContext } from '../context/keys.js';
import { LocalizeController } from '../controllers/localize.js';
import type { PortalConfig } from '../model/config.js';
import type { Session, SessionActions } from '../model/session.js';
import { hostStyles } from '../styles/tokens.js';
import { renderNotice } from '../ui/state-view.js';
import { defineElement } from './define.js';
import { portalEvent, type PortalEventDetails, type PortalEventName } from './events.js';

/** What an element can show before its own content: missing wiring, a missing/lapsed session, or scopes not granted. */
export type AccessState = 'not-configured' | 'signed-out' | 'expired' | 'not-permitted' | 'ready';

/**
 * Marks portal elements whatever tag they were registered under (vendors rename them), so the idle timeout
 * can tell the person's input inside them from input elsewhere on the page. From the global registry, so two
 * copies of portal-kit on one page agree.
 */
export const PORTAL_ELEMENT = Symbol.for('portal-kit.element');

/**
 * The thin base every portal element extends: context consumption (api, session, config), localisation,
 * typed PHI-free events, the signed-out / not-configured states, and a guarded `define()`.
 *
 * @cssproperty --portal-color-text - Body text colour.
 * @cssproperty --portal-color-text-muted - Secondary text colour.
 * @cssproperty --portal-color-surface - Background of inputs and cards.
 * @cssproperty --portal-color-surface-raised - Background of raised boxes and state notices.
 * @cssproperty --portal-color-border - Borders and dividers.
 * @cssproperty --portal-color-accent - Brand colour: buttons, links, focus.
 * @cssproperty --portal-color-accent-contrast - Text on the accent colour.
 * @cssproperty --portal-color-danger - Errors and critical flags (always with text).
 * @cssproperty --portal-color-danger-surface - Background of error boxes.
 * @cssproperty --portal-color-warning - Warnings and abnormal flags (always with text).
 * @cssproperty --portal-color-warning-surface - Background of warning boxes.
 * @cssproperty --portal-color-success - Confirmations.
 * @cssproperty --portal-color-success-surface - Background of confirmation boxes.
 * @cssproperty --portal-font-family - Font of every element.
 * @cssproperty --portal-font-size - Base font size.
 * @cssproperty --portal-line-height - Base line height.
 * @cssproperty --portal-space - Base spacing unit; density scales from it.
 * @cssproperty --portal-radius - Corner radius.
 * @cssproperty --portal-focus-ring - Focus outline (width, style, colour).
 * @cssproperty --portal-target-size - Minimum size of buttons and other targets.
 */
export abstract class PortalElement extends LitElement {
  static override styles: CSSResultGroup = [hostStyles];

  /** Tag the element registers under by default; subclasses set it. */
  static tagName: string;

  /** Registers the element (once; a second copy of portal-kit warns instead of throwing). */
  static define(tag: string = this.tagName, registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this as unknown as CustomElementConstructor, registry);
  }

  /** Whether this element shows patient data (and so needs a signed-in session). */
  protected readonly requiresSession: boolean = true;

  /**
   * SMART scopes (v2 syntax) the element's patient features need. Sign-in asks for the union over the page;
   * when the server grants less, the element shows "not available" and makes no patient calls.
   */
  protected get requiredScopes(): readonly string[] {
    return [];
  }

  readonly [PORTAL_ELEMENT] = true;

  @consume({ context: apiContext, subscribe: true })
  @state()
  api?: PortalApi;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session?: Session;

  @consume({ context: configContext, subscribe: true })
  @state()
  config?: PortalConfig;

  /** Sign-in and sign-out, when a provider runs the session (SMART); absent when the host page does. */
  @consume({ context: authContext, subscribe: true })
  @state()
  sessionActions?: SessionActions;

  private withdrawNeeds?: () => void;
  private needsAnnouncedTo?: SessionActions;

  protected readonly l10n = new LocalizeController(this);
  private lastAuthPrompt?: string;

  override connectedCallback(): void {
    ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
    this.announceNeeds();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.withdrawNeeds?.();
    this.withdrawNeeds = this.needsAnnouncedTo = undefined;
  }

  get accessState(): AccessState {
    if (!this.api) return 'not-configured';
    if (!this.requiresSession) return 'ready';
    if (this.session?.status === 'signed-in') return this.permitted ? 'ready' : 'not-permitted';
    return this.session?.status === 'expired' ? 'expired' : 'signed-out';
  }

  /** Whether the granted scopes cover `requiredScopes` (a host-managed session states none: it vouches for its token). */
  get permitted(): boolean {
    const session = this.session;
    if (session?.status !== 'signed-in') return false;
    return session.scopes === undefined || scopesCover(session.scopes, this.requiredScopes);
  }

  /** Tells the session's owner what this element needs, once per owner. */
  private announceNeeds(): void {
    if (this.needsAnnouncedTo === this.sessionActions) return;
    this.withdrawNeeds?.();
    this.needsAnnouncedTo = this.sessionActions;
    const needs = this.requiredScopes;
    this.withdrawNeeds = this.sessionActions && needs.length ? this.sessionActions.need(needs) : undefined;
  }

  get canLoad(): boolean {
    return this.accessState === 'ready';
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('sessionActions')) this.announceNeeds();
    this.l10n.configLocale = this.config?.locale;
    const access = this.accessState;
    if ((access === 'signed-out' || access === 'expired') && this.lastAuthPrompt !== access) {
      this.lastAuthPrompt = access;
      this.emit('portal-auth-required', { element: this.localName, reason: access });
    } else if (access === 'ready') {
      this.lastAuthPrompt = undefined;
    }
  }

  /** Dispatches a typed portal event. Page-level outcomes bubble and cross shadow roots; the rest do not. */
  emit<K extends PortalEventName>(type: K, detail: PortalEventDetails[K]): boolean {
    return this.dispatchEvent(portalEvent(type, detail));
  }

  /** Turns a failure into a typed `portal-error` (and `portal-auth-required` when the token was refused). */
  reportError(error: unknown): void {
    if (isAbortError(error)) return;
    const info = isApiError(error)
      ? error.toInfo()
      : { kind: 'server' as const, operation: 'unknown', status: undefined, retryable: true };
    this.emit('portal-error', { element: this.localName, ...info });
    if (info.kind === 'unauthorized') this.emit('portal-auth-required', { element: this.localName, reason: 'unauthorized' });
  }

  /**
   * Starts sign-in: tells the page (`portal-auth-required`), then, unless the page cancelled the event to run its
   * own sign-in, asks the provider's SMART client.
   */
  protected requestSignIn(): void {
    const proceed = this.emit('portal-auth-required', { element: this.localName, reason: 'signed-out' });
    if (proceed) this.sessionActions?.signIn();
  }

  /** `updateComplete` also waits for the element's language to load, so a settled element speaks it. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.l10n.settled(() => super.getUpdateComplete());
  }

  /** The state views every element shares; `undefined` when the element may show its own content. */
  protected renderAccessState(): TemplateResult | undefined {
    if (!this.l10n.ready) return html``;
    switch (this.accessState) {
      case 'not-configured':
        return renderNotice(this.l10n, 'common.notConfigured');
      case 'signed-out':
        return renderNotice(this.l10n, 'common.signInPrompt', { label: 'common.signIn', run: () => this.requestSignIn() });
      case 'expired':
        return renderNotice(this.l10n, 'common.sessionExpired', { label: 'common.signIn', run: () => this.requestSignIn() });
      case 'not-permitted':
        return renderNotice(this.l10n, 'common.notPermitted');
      default:
        return undefined;
    }
  }
}
