import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PORTAL_ELEMENT, PortalElement, type AccessDeclaration } from '../../base/portal-element.js';
import { systemClock, type IdleClock } from './idle-settings.js';
import type { Locale } from '../../model/config.js';
import { hostStyles, token } from '../../styles/tokens.js';

/**
 * Keys that only modify or move between the dialog's own buttons. Shift goes down before the Tab of Shift+Tab,
 * and Tab is how a keyboard user reaches "Sign out now": counting either as "stay" would make that button
 * unreachable without a mouse.
 */
const NOT_AN_ANSWER = new Set(['Tab', 'Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'OS']);

/** The moments the polite live region speaks (seconds left): often enough to notice, rarely enough to bear. */
const ANNOUNCE_AT = [60, 30] as const;
type Stage = (typeof ANNOUNCE_AT)[number] | undefined;

/**
 * @tagname portal-idle-warning
 * @summary Internal: the modal "Are you still there?" shown before an idle sign-out, with a countdown. Any key
 * pressed in it (Escape included) means "stay". The provider's page session opens it from an `IdleTimer` and
 * registers it when first needed; it knows no session.
 *
 * @csspart dialog - The modal dialog.
 * @csspart title - Its heading.
 * @csspart text - The sentence with the countdown.
 * @csspart button - Both buttons (also `stay` and `sign-out`).
 *
 * @cssproperty --portal-color-surface - Dialog background.
 * @cssproperty --portal-color-text - Dialog text.
 * @cssproperty --portal-color-border - Dialog border.
 * @cssproperty --portal-color-accent - Primary button and secondary button outline.
 * @cssproperty --portal-color-accent-contrast - Primary button text.
 * @cssproperty --portal-radius - Corner radius.
 * @cssproperty --portal-space - Spacing unit.
 * @cssproperty --portal-target-size - Minimum button size.
 *
 * @fires portal-idle-stay - The person is there (a key, Escape, or "Stay signed in"). Once per opening; neither
 * bubbles nor crosses the shadow root.
 * @fires portal-idle-sign-out - The person chose "Sign out now". Neither bubbles nor crosses the shadow root.
 */
export class PortalIdleWarning extends PortalElement {
  static override tagName = 'portal-idle-warning';
  static override access: AccessDeclaration = { session: 'none' };

  /**
   * Not counted as a portal element by the idle timer: a key in this dialog is judged by the dialog itself (Tab
   * toward "Sign out now" is no sign of presence), not taken as activity on the page.
   */
  override readonly [PORTAL_ELEMENT] = false;

  static override styles = [
    hostStyles,
    css`
      :host {
        display: contents;
      }
      dialog {
        box-sizing: border-box;
        width: min(28rem, calc(100vw - ${token('--portal-space')} * 4));
        max-width: none;
        max-height: calc(100vh - ${token('--portal-space')} * 4);
        overflow: auto;
        padding: calc(${token('--portal-space')} * 3);
        border: 1px solid ${token('--portal-color-border')};
        border-radius: ${token('--portal-radius')};
        background: ${token('--portal-color-surface')};
        color: ${token('--portal-color-text')};
        font: inherit;
        box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.35);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.6);
      }
      h2 {
        margin: 0 0 ${token('--portal-space')};
        font-size: 1.25em;
        line-height: 1.3;
      }
      p {
        margin: 0 0 calc(${token('--portal-space')} * 2);
      }
      .time {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: ${token('--portal-space')};
      }
      .button {
        flex: 1 1 10rem;
        min-height: ${token('--portal-target-size')};
        min-width: ${token('--portal-target-size')};
        padding: 0 calc(${token('--portal-space')} * 2);
        border: 2px solid ${token('--portal-color-accent')};
        border-radius: ${token('--portal-radius')};
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
      .stay {
        background: ${token('--portal-color-accent')};
        color: ${token('--portal-color-accent-contrast')};
      }
      .sign-out {
        background: transparent;
        color: ${token('--portal-color-text')};
      }
      @media (forced-colors: active) {
        dialog {
          border-color: CanvasText;
        }
        .button {
          border-color: ButtonText;
        }
      }
    `,
  ];

  /** Shows the dialog (modal) while true. */
  @property({ type: Boolean }) open = false;

  /** When the idle sign-out happens (epoch ms); the countdown runs to it. */
  @property({ type: Number }) deadline?: number;

  /** Time source for the countdown; tests pass a fake. */
  @property({ attribute: false }) clock: IdleClock = systemClock;

  @state() private announcement = '';

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.stay') private stayButton?: HTMLButtonElement;
  @query('.sign-out') private signOutButton?: HTMLButtonElement;

  private tick?: unknown;
  private ticking = false;
  private stage: Stage;
  private answered?: 'stay' | 'sign-out';
  private returnFocusTo?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page while meant to be open (moved in the DOM): the dialog left the top layer and must return.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicking();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('open') && this.open) {
      this.answered = undefined;
      this.announcement = '';
      // The dialog's own description already reads the time on opening; the live region speaks only later moments.
      this.stage = stageOf(this.remainingMs());
    }
  }

  protected override updated(): void {
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.open && !dialog.open) this.show(dialog);
    else if (!this.open && dialog.open) this.hide(dialog);
  }

  protected override render() {
    // Nothing until the language is loaded: better a moment's delay than English read out to a Spanish speaker.
    if (!this.l10n.ready) return nothing;
    const { l10n } = this;
    const remaining = this.remainingMs();
    const [before, after] = l10n.t('idle.body').split('{time}');
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="text" @keydown=${this.onKeydown} @cancel=${this.onCancel} @close=${this.onClose}>
      <h2 id="title" part="title">${l10n.t('idle.title')}</h2>
      ${remaining === undefined
        ? html`<p id="text" part="text">${l10n.t('idle.bodySoon')}</p>`
        : html`<p id="text" part="text" role="timer" aria-live="off">${before}<span class="time">${countdown(remaining, l10n.locale)}</span>${after}</p>`}
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <div class="actions">
        <button class="button stay" part="button stay" type="button" @click=${this.stay}>${l10n.t('idle.stay')}</button>
        <button class="button sign-out" part="button sign-out" type="button" @click=${this.signOut}>${l10n.t('idle.signOut')}</button>
      </div>
    </dialog>`;
  }

  private remainingMs(): number | undefined {
    return this.deadline === undefined ? undefined : Math.max(0, this.deadline - this.clock.now());
  }

  private show(dialog: HTMLDialogElement): void {
    if (!this.isConnected) return;
    this.returnFocusTo = deepActiveElement(this.ownerDocument);
    dialog.showModal();
    // showModal focuses the first focusable child anyway; saying so keeps it on "stay" if the order ever changes.
    this.stayButton?.focus();
    this.startTicking();
  }

  private hide(dialog: HTMLDialogElement): void {
    this.stopTicking();
    dialog.close();
    this.restoreFocus();
  }

  private restoreFocus(): void {
    const target = this.returnFocusTo;
    this.returnFocusTo = undefined;
    if (target?.isConnected) target.focus();
  }

  /** One tick per whole second of the countdown, computed from the clock each time (timers run late in background tabs). */
  private startTicking(): void {
    this.stopTicking();
    const remaining = this.remainingMs();
    if (remaining === undefined || remaining <= 0) return;
    this.ticking = true;
    this.tick = this.clock.setTimeout(() => {
      this.ticking = false;
      this.onTick();
    }, remaining % 1000 || 1000);
  }

  private stopTicking(): void {
    if (this.ticking) this.clock.clearTimeout(this.tick);
    this.ticking = false;
    this.tick = undefined;
  }

  private onTick(): void {
    if (!this.open) return;
    const remaining = this.remainingMs();
    const stage = stageOf(remaining);
    if (stage !== this.stage) {
      this.stage = stage;
      if (stage !== undefined) this.announcement = this.l10n.t('idle.body', { time: spoken(stage, this.l10n.locale) });
    }
    this.requestUpdate();
    this.startTicking();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      // The dialog would close itself on Escape; here Escape is one more way of saying "I am here".
      event.preventDefault();
      this.stay();
      return;
    }
    if (NOT_AN_ANSWER.has(event.key)) return;
    // Enter or Space on "Sign out now" presses it; counting the same key as "stay" would contradict the choice.
    if ((event.key === 'Enter' || event.key === ' ') && this.signOutButton && event.composedPath().includes(this.signOutButton)) return;
    this.stay();
  };

  private readonly onCancel = (event: Event): void => {
    event.preventDefault();
    this.stay();
  };

  /**
   * The browser may close a modal dialog without asking (a repeated Escape without user activation cannot be
   * cancelled): the person was there, so that is a "stay" too, and `open` follows what is on screen.
   */
  private readonly onClose = (): void => {
    if (!this.open || this.dialog?.open) return;
    this.stay();
    this.stopTicking();
    this.restoreFocus();
    this.open = false;
  };

  private readonly stay = (): void => {
    if (this.answered) return;
    this.answered = 'stay';
    this.emit('portal-idle-stay', {});
  };

  private readonly signOut = (): void => {
    if (this.answered === 'sign-out') return;
    this.answered = 'sign-out';
    this.emit('portal-idle-sign-out', {});
  };
}

function stageOf(remaining: number | undefined): Stage {
  if (remaining === undefined) return undefined;
  let stage: Stage;
  for (const seconds of ANNOUNCE_AT) if (remaining <= seconds * 1000) stage = seconds;
  return stage;
}

// A countdown formats a few numbers once a second: building its formatters each time costs nothing a person could
// notice, and keeps the dialog's chunk free of the formatter caches the calendar code shares.
const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options);

/** m:ss, digits in the locale's numbering system. */
function countdown(ms: number, locale: Locale): string {
  const seconds = Math.ceil(ms / 1000);
  const minutes = numberFormat(locale, {}).format(Math.floor(seconds / 60));
  return `${minutes}:${numberFormat(locale, { minimumIntegerDigits: 2 }).format(seconds % 60)}`;
}

/** "1 minute", "30 seconds" (plural rules and words from Intl): a screen reader reads "0:30" as a time of day. */
function spoken(seconds: number, locale: Locale): string {
  return seconds >= 60
    ? numberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(seconds / 60)
    : numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(seconds);
}

/** The focused element, looking inside shadow roots (the page's focus may sit in another portal element). */
function deepActiveElement(doc: Document): HTMLElement | undefined {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== doc.body ? active : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-idle-warning': PortalIdleWarning;
  }
}
