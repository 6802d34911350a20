import { consume } from '@lit/context';
import { html, LitElement, type CSSResultGroup, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { isAbortError, isApiError } from '../api/errors.js';
import type { PortalApi } from '../api/portal-api.js';
import { inOwnTaskFirst } from './first-update.js';
import { ensureContextRoot } from '../context/context-root.js';
import { apiContext, authContext, configContext, sessionContext } from '../context/keys.js';
import { AccessController, type AccessDeclaration, type AccessState } from '../controllers/access.js';
import { DataController, type DataOptions } from '../controllers/data.js';
import { LocalizeController } from '../controllers/localize.js';
import type { Strings } from '../i18n/index.js';
import type { PortalConfig } from '../model/config.js';
import type { Session, SessionActions } from '../model/session.js';
import { hostStyles } from '../styles/tokens.js';
import { renderNotice } from '../ui/state-view.js';
import { defineElement } from './define.js';
import { portalEvent, type PortalEventDetails, type PortalEventName } from './events.js';
import { VERSION } from './version.js';

export type { AccessDeclaration, AccessState };

/**
 * Marks portal elements whatever tag they were registered under (vendors rename them), so the idle timeout
 * can tell the person's input inside them from input elsewhere on the page. From the global registry, so two
 * copies of portal-kit on one page agree.
 */
export const PORTAL_ELEMENT = Symbol.for('portal-kit.element');

/**
 * The thin base every portal element extends: context consumption (api, session, config), localisation,
 * typed PHI-free events, the access an element declares (`static access`) with its signed-out / not-permitted /
 * not-configured states, and a guarded `define()`.
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

  /** The portal-kit release this class comes from (two copies on one page say which is which). */
  static readonly version: string = VERSION;

  /**
   * What the element needs before it shows patient data: a session (`required`, `optional`, `none`) and the
   * SMART scopes of its patient features (named in `SCOPES`). Read once per element by its access controller.
   */
  static access: AccessDeclaration = { session: 'required' };

  /**
   * The element's own strings (`defineStrings` in its folder's `strings.ts`), looked up before the shared
   * ones; its other languages load with the shared ones the first time the element speaks them.
   */
  static strings?: Strings<string>;

  /**
   * Registers the element, under its own tag or a vendor's (`MyScheduler.define('acme-scheduler')`). Loading two
   * copies of portal-kit warns instead of throwing; the first definition stays.
   */
  static define(tag: string = this.tagName, registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this as unknown as CustomElementConstructor, registry);
  }

  readonly [PORTAL_ELEMENT]: boolean = true;

  /** @internal */
  @consume({ context: apiContext, subscribe: true })
  @state()
  api?: PortalApi;

  /** @internal */
  @consume({ context: sessionContext, subscribe: true })
  @state()
  session?: Session;

  /** @internal */
  @consume({ context: configContext, subscribe: true })
  @state()
  config?: PortalConfig;

  /** @internal Sign-in and sign-out, when a provider runs the session (SMART); absent when the host page does. */
  @consume({ context: authContext, subscribe: true })
  @state()
  sessionActions?: SessionActions;

  protected readonly l10n: LocalizeController = new LocalizeController(this, {
    element: this,
    configLocale: () => this.config?.locale,
    strings: (this.constructor as typeof PortalElement).strings,
  });

  /** @internal What this element may show and load, from its class's `access` declaration. */
  protected readonly access = new AccessController(this, {
    declaration: (this.constructor as typeof PortalElement).access,
    api: () => this.api,
    session: () => this.session,
    actions: () => this.sessionActions,
    onAuthRequired: (reason) => this.emit('portal-auth-required', { element: this.localName, reason }),
  });

  override connectedCallback(): void {
    ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
  }

  /** The first render waits for a task of its own (see `inOwnTaskFirst`). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return inOwnTaskFirst(this.hasUpdated, () => super.scheduleUpdate());
  }

  /** @internal Where the element stands: not configured, signed out, expired, not permitted, or allowed. */
  get accessState(): AccessState {
    return this.access.state;
  }

  /**
   * A data load through the context's api, aborted on disconnect and reloaded when the patient changes. `public`
   * data (finding times) loads whenever there is an api; patient data (the default) only while access is allowed.
   */
  protected loader<T>(
    load: DataOptions<T>['load'],
    { inputs, data = 'patient' }: { inputs?: () => unknown; data?: 'patient' | 'public' } = {},
  ): DataController<T> {
    return new DataController<T>(this, {
      api: () => this.api,
      session: () => this.session,
      canLoad: () => (data === 'public' ? this.access.state !== 'not-configured' : this.access.allowed),
      onError: (error) => this.reportError(error),
      load,
      inputs,
    });
  }

  /** @internal Dispatches a typed portal event. Page-level outcomes bubble and cross shadow roots; the rest do not. */
  emit<K extends PortalEventName>(type: K, detail: PortalEventDetails[K]): boolean {
    return this.dispatchEvent(portalEvent(type, detail));
  }

  /** @internal Turns a failure into a typed `portal-error` (and `portal-auth-required` when the token was refused). */
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

  /**
   * The state views every element shares; `undefined` when the element may show its own content. An element
   * whose session is `optional` or `none` shows its own content signed out, so it gets only the not-configured view.
   */
  protected renderAccessState(): TemplateResult | undefined {
    if (!this.l10n.ready) return html``;
    const state = this.access.state;
    if (state === 'not-configured') return renderNotice(this.l10n, 'common.notConfigured');
    if (this.access.declaration.session !== 'required') return undefined;
    switch (state) {
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
