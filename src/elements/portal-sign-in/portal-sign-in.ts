import { html, nothing, type TemplateResult } from 'lit';
import { SCOPES } from '../../auth/scopes.js';
import { PortalElement, type AccessDeclaration } from '../../base/portal-element.js';
import type { PatientSummary } from '../../model/patient.js';
import { stateStyles } from '../../ui/state-view.js';
import { signInStyles } from './portal-sign-in.styles.js';

/**
 * @tagname portal-sign-in
 * @summary The account corner of a site header: "Sign in" when nobody is, the patient's name and "Sign out"
 * when someone is, and what went wrong when sign-in did not finish (in words of its own, never the server's).
 *
 * @csspart base - The row holding everything.
 * @csspart status - "Signed in", "Your session ended." and (also `problem`) why sign-in failed.
 * @csspart name - The signed-in patient's name.
 * @csspart button - The sign-in or sign-out button (also `sign-in` or `sign-out`).
 *
 * @cssproperty --portal-color-surface - Background of the row.
 * @cssproperty --portal-color-accent - Sign-in button background, sign-out button outline.
 * @cssproperty --portal-color-accent-contrast - Sign-in button text.
 * @cssproperty --portal-color-text-muted - "Signed in" and "Your session ended." text.
 * @cssproperty --portal-color-danger - Edge of the sign-in problem message.
 * @cssproperty --portal-color-danger-surface - Background of the sign-in problem message.
 * @cssproperty --portal-target-size - Minimum button size.
 *
 * @fires portal-auth-required - "Sign in" was pressed (reason `signed-out`). A provider running SMART sign-in
 * starts it unless the page cancels the event (`preventDefault()`) to run its own.
 * @fires portal-error - The patient's name could not be read; detail carries the error kind only.
 */
export class PortalSignIn extends PortalElement {
  static override tagName = 'portal-sign-in';
  static override styles = [...(PortalElement.styles as []), stateStyles, signInStyles];

  // It is what a signed-out person sees: not the shared signed-out notice, and no portal-auth-required on its own
  // (a page that starts sign-in on that event would redirect every visitor on arrival). The name is patient data:
  // it loads only while someone is signed in and the server granted reading it.
  static override access: AccessDeclaration = { session: 'optional', scopes: [SCOPES.patient] };

  private readonly patient = this.loader<PatientSummary>((api, signal) => api.patient.current(signal));

  protected override render() {
    if (!this.l10n.ready) return nothing;
    const access = this.renderAccessState();
    if (access) return access;
    const { l10n } = this;
    const session = this.session ?? { status: 'signed-out' as const };
    let status = '';
    let name: string | undefined;
    let problem: string | undefined;
    let button: TemplateResult | typeof nothing = nothing;
    switch (session.status) {
      case 'signed-out':
        if (session.problem) problem = l10n.t(`signIn.problem.${session.problem}`);
        button = this.renderButton('sign-in', l10n.t('common.signIn'));
        break;
      case 'signing-in':
        button = this.renderButton('sign-in', l10n.t('signIn.signingIn'), true);
        break;
      case 'expired':
        status = l10n.t('signIn.expired');
        button = this.renderButton('sign-in', l10n.t('common.signIn'));
        break;
      case 'signed-in': {
        status = l10n.t('signIn.signedIn');
        // Never the previous patient's name while another loads (`stale`): only a finished load for this session.
        const loaded = this.patient.state;
        if (loaded.status === 'ready' && loaded.value) name = loaded.value.displayName;
        // A host-managed session (no provider-run sign-in) signs out through the host's own control.
        if (this.sessionActions) button = this.renderButton('sign-out', l10n.t('signIn.signOut'));
        break;
      }
    }
    // The name sits outside the live region: a header re-rendered on every page load should not read it out each
    // time. The status region itself is always there, so that "Your session ended." is announced when it appears.
    // One button element across states (same template), so focus stays on it from "Sign in" to "Signing in…" and
    // from "Sign out" to "Sign in".
    return html`<div class="bar" part="base">
      <span class="status" part="status" role="status">${status}</span>${name
        ? html`<span class="name" part="name">${name}</span>`
        : nothing}${problem ? html`<p class="problem" part="status problem" role="alert">${problem}</p>` : nothing}${button}
    </div>`;
  }

  private renderButton(kind: 'sign-in' | 'sign-out', label: string, busy = false): TemplateResult {
    return html`<button
      class="button ${kind}"
      part="button ${kind}"
      type="button"
      aria-disabled=${busy ? 'true' : nothing}
      aria-busy=${busy ? 'true' : nothing}
      @click=${kind === 'sign-in' ? this.signIn : this.signOut}
    >${label}</button>`;
  }

  private readonly signIn = (): void => {
    if (this.session?.status === 'signing-in') return;
    this.requestSignIn();
  };

  private readonly signOut = (): void => {
    this.sessionActions?.signOut();
  };
}
