import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MessagesL10n } from './strings.js';

export interface SignOutGuardOptions {
  /** The document the page signs out from (its `portal-sign-out-requested` event). */
  document: Document;
  /** Whether the patient has something unsent on this device now. */
  hasUnsent(): boolean;
  /** Forgets it. */
  discard(): Promise<void>;
  /** Signs out for real (the session's owner). */
  signOut(): void;
  /** The open question, once rendered. */
  dialog(): HTMLDialogElement | null;
}

/**
 * An explicit sign-out with an unsent message asks first: keep it (encrypted on this device, back at the next
 * sign-in), discard it, or go back to writing. An idle timeout asks nothing: the draft is simply kept.
 */
export class SignOutGuard implements ReactiveController {
  open = false;
  /**
   * The person chose; the sign-out request that follows must not ask again. It may come later than the call (a
   * provider whose session code is still loading signs out once it has loaded), so the flag waits for it.
   */
  private passing = false;
  private readonly onRequest = (event: Event) => {
    if (this.passing) {
      this.passing = false;
      return;
    }
    if (!this.options.hasUnsent()) return;
    event.preventDefault();
    this.open = true;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const dialog = this.options.dialog();
      if (dialog && !dialog.open) dialog.showModal();
    });
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SignOutGuardOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.options.document.addEventListener('portal-sign-out-requested', this.onRequest);
  }

  hostDisconnected(): void {
    this.passing = false;
    this.options.document.removeEventListener('portal-sign-out-requested', this.onRequest);
  }

  private close(): void {
    this.options.dialog()?.close();
    this.open = false;
    this.host.requestUpdate();
  }

  private async choose(discard: boolean): Promise<void> {
    if (discard) await this.options.discard();
    this.close();
    this.passing = true;
    this.options.signOut();
  }

  render(l10n: MessagesL10n): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    return html`<dialog part="sign-out-question" aria-labelledby="sign-out-title" aria-describedby="sign-out-body" @cancel=${() => this.close()}>
      <h2 class="title" id="sign-out-title">${l10n.t('signOut.title')}</h2>
      <p id="sign-out-body">${l10n.t('signOut.body')}</p>
      <div class="actions">
        <button class="button" part="button keep-draft" type="button" @click=${() => void this.choose(false)}>${l10n.t('signOut.keep')}</button>
        <button class="button" part="button discard-draft" type="button" @click=${() => void this.choose(true)}>${l10n.t('signOut.discard')}</button>
        <button class="link-button" part="cancel-sign-out" type="button" @click=${() => this.close()}>${l10n.t('signOut.cancel')}</button>
      </div>
    </dialog>`;
  }
}
