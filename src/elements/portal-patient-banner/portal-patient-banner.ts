import { html, nothing } from 'lit';
import { isApiError } from '../../api/errors.js';
import { SCOPES } from '../../auth/scopes.js';
import { PortalElement, type AccessDeclaration } from '../../base/portal-element.js';
import { formatFhirDate } from '../../i18n/index.js';
import type { PatientSummary } from '../../model/patient.js';
import { renderError, renderLoading, renderNotice, stateStyles } from '../../ui/state-view.js';
import { bannerStyles } from './portal-patient-banner.styles.js';

/**
 * @tagname portal-patient-banner
 * @summary Who this record belongs to: the signed-in patient's name, birth date and sex, as SMART apps
 * show when the EHR asks for a patient banner.
 *
 * @csspart banner - The banner box.
 * @csspart name - The patient's name.
 * @csspart details - Birth date and sex.
 * @csspart state - Loading, error, signed-out and not-configured boxes.
 * @csspart button - Retry and sign-in buttons.
 *
 * @cssproperty --portal-color-surface-raised - Banner background.
 * @cssproperty --portal-color-border - Banner border.
 * @cssproperty --portal-color-text-muted - Label and details colour.
 *
 * @fires portal-auth-required - No patient is signed in (or the session lapsed).
 * @fires portal-error - The patient record could not be read; detail carries the error kind only.
 */
export class PortalPatientBanner extends PortalElement {
  static override tagName = 'portal-patient-banner';
  static override styles = [...(PortalElement.styles as []), stateStyles, bannerStyles];

  static override access: AccessDeclaration = { session: 'required', scopes: [SCOPES.patient] };

  private readonly patient = this.loader<PatientSummary>((api, signal) => api.patient.current(signal));

  protected override render() {
    const access = this.renderAccessState();
    if (access) return access;
    const state = this.patient.state;
    switch (state.status) {
      case 'idle':
      case 'loading':
        return state.status === 'loading' && state.stale ? this.renderBanner(state.stale) : renderLoading(this.l10n);
      case 'error':
        if (isApiError(state.error) && state.error.kind === 'not-found') return renderNotice(this.l10n, 'patientBanner.notFound');
        return renderError(this.l10n, state.error, () => void this.patient.reload());
      case 'ready':
        return this.renderBanner(state.value);
    }
  }

  private renderBanner(patient: PatientSummary) {
    const { l10n } = this;
    return html`<section class="banner" part="banner" aria-label=${l10n.t('patientBanner.label')}>
      <span class="label" aria-hidden="true">${l10n.t('patientBanner.label')}</span>
      <p class="name" part="name">${patient.displayName}</p>
      <ul class="details" part="details">
        ${patient.birthDate
          ? html`<li>${l10n.t('patientBanner.born', { date: formatFhirDate(patient.birthDate, l10n.locale) })}</li>`
          : nothing}
        ${patient.gender ? html`<li>${l10n.t(`patientBanner.gender.${patient.gender}`)}</li>` : nothing}
      </ul>
    </section>`;
  }
}
