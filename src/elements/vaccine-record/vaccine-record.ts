import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SCOPES } from '../../auth/scopes.js';
import { PortalElement, type AccessDeclaration } from '../../base/portal-element.js';
import { LazyPartController } from '../../controllers/lazy-part.js';
import { OptionalScopeController } from '../../controllers/optional-scope.js';
import type { FetchLike, TrustedIssuer, Verdict } from '../../health-cards/index.js';
import type { ListResult } from '../../model/common.js';
import type { Immunization, Recommendation } from '../../model/immunization.js';
import { contentStyles } from '../../styles/content.js';
import { surfaceStyles } from '../../styles/tokens.js';
import { renderError, renderLoading, stateStyles } from '../../ui/state-view.js';
import { renderDue } from './due-view.js';
import { HISTORY_ORDERS, renderHistory, type HistoryOrder } from './history-view.js';
import { bookingHref, dueRecommendations, shownImmunizations, type EducationLinks } from './record-logic.js';
import type { Reporting } from './report-part.js';
import { vaccineName, vaccineStrings, type VaccinesL10n } from './strings.js';
import { vaccineRecordStyles } from './vaccine-record.styles.js';
import type { QrDetector } from './card-checker.js';
import type { Verifying } from './verify-part.js';
import type { ShowingMyCard } from './my-card-part.js';

/** The report form and the card checker load on first use: a page showing the record does not fetch them. */
const loadReporting = () => import('./report-part.js');
const loadVerifying = () => import('./verify-part.js');
const loadMyCard = () => import('./my-card-part.js');

type Panel = 'none' | 'report' | 'verify' | 'card';

/**
 * @tagname vaccine-record
 * @summary The patient's vaccines: the record newest first or by vaccine with each series' progress, what is due
 * next with a way to book it, a form to add a dose given elsewhere, and a SMART Health Card or Link checker that
 * verifies in the browser against the issuers the host trusts.
 *
 * @csspart record - The whole record.
 * @csspart history - The list of vaccines given (or not given).
 * @csspart toolbar - The order choice and the print button.
 * @csspart order - "Newest first" or "By vaccine".
 * @csspart print - "Print this record".
 * @csspart doses - The list of doses, newest first.
 * @csspart groups - The doses grouped by vaccine.
 * @csspart group - One vaccine group.
 * @csspart group-progress - A group's series progress ("Hepatitis B: dose 2 of 3").
 * @csspart dose - One dose (`data-status`, `data-reported`).
 * @csspart dose-name - A vaccine's name in words.
 * @csspart dose-date - When it was given, as precise as recorded.
 * @csspart dose-details - Dose and series, lot, site, performer and place.
 * @csspart not-given-reason - Why a vaccine was not given.
 * @csspart reported - "You reported — not yet confirmed".
 * @csspart about - A link to the vaccine's information page, from the host's table.
 * @csspart empty - The notice when the record has no vaccines.
 * @csspart due - What is due next.
 * @csspart due-item - One due or overdue vaccine (`data-forecast`).
 * @csspart due-date - When it is due, or since when it is overdue.
 * @csspart due-none - The notice when nothing is due.
 * @csspart actions - The buttons under the record ("Add a vaccine", "Check a card").
 * @csspart report-form - The form for a vaccine given elsewhere.
 * @csspart problems - The list of what stops the form from being saved.
 * @csspart field-problem - A problem beside its field.
 * @csspart vaccine-input - The vaccine name field.
 * @csspart date-input - The year, month and day fields.
 * @csspart lot-input - The lot number field.
 * @csspart place-input - The place field.
 * @csspart source-input - "From a written record" or "From memory".
 * @csspart report-failed - A save that did not happen.
 * @csspart saved - The notice after a dose was added.
 * @csspart verify - The SMART Health Card checker.
 * @csspart card-input - Where a card or link is pasted (or typed by a scanner).
 * @csspart card-file - The file picker for a `.smart-health-card` file.
 * @csspart card-image - The picker for a photo or screenshot of a QR code.
 * @csspart image-problem - Says no QR code could be read from the picture (or the camera could not be opened).
 * @csspart camera - The camera while scanning, with its status and stop button.
 * @csspart camera-view - The camera's picture.
 * @csspart stop-camera - "Stop the camera".
 * @csspart passcode - A Health Link's passcode question, with attempts left.
 * @csspart passcode-input - The passcode field.
 * @csspart verdicts - The verdicts, one per card.
 * @csspart verdict - One verdict (`data-verdict`: verified, untrusted-issuer, revoked, expired, altered-or-forged, unreadable).
 * @csspart verdict-words - The verdict in words.
 * @csspart wrong-patient - Says a verified card's name or birth date differs from the signed-in patient's.
 * @csspart card-holder - The name on a card.
 * @csspart my-cards - The patient's own SMART Health Card (where the server issues one).
 * @csspart my-card - One card: its QR code (or why there is none) and its download.
 * @csspart qr - The card's QR code.
 * @csspart card-too-long - Says the card is too long for one QR code and is offered as a file.
 * @csspart card-none - Says there is no card yet.
 * @csspart card-several - Says the vaccines are on several cards, each with its own QR code.
 * @csspart card-holds - The vaccines a card holds.
 * @csspart cancel - Closes a form.
 * @csspart button - Every button (with `book`, `book-link`, `report`, `verify`, `my-card`, `download`, `save`, `check`, `retry`, `sign-in`).
 * @csspart state - Loading, error, signed-out and not-configured boxes.
 *
 * @cssproperty --portal-color-accent - Buttons and links.
 * @cssproperty --portal-color-surface-raised - Each dose.
 * @cssproperty --portal-color-warning - Overdue doses and patient-reported marks.
 * @cssproperty --portal-color-warning-surface - Patient-reported doses, untrusted or expired cards.
 * @cssproperty --portal-color-danger - Form problems.
 * @cssproperty --portal-color-danger-surface - Revoked, forged or unreadable cards.
 * @cssproperty --portal-color-success-surface - A verified card, a saved dose.
 *
 * @fires portal-immunization-reported - The server stored a dose the patient reported (its id only).
 * @fires portal-health-card-verified - A card was checked (the verdict kind and the issuer's `iss` only).
 * @fires portal-vaccine-booking-requested - "Book this vaccine" pressed with no booking URL: `vaccine` as `CVX:dose`, which a `<portal-scheduler>` on the page may answer.
 * @fires portal-auth-required - No patient is signed in (or the session lapsed).
 * @fires portal-error - A request failed; detail carries the error kind only.
 */
export class VaccineRecord extends PortalElement {
  static override tagName = 'vaccine-record';
  static override styles = [...(PortalElement.styles as []), stateStyles, surfaceStyles, contentStyles, vaccineRecordStyles];
  static override access: AccessDeclaration = { session: 'required', scopes: [SCOPES.immunizations, SCOPES.immunizationRecommendations] };
  static override strings = vaccineStrings;
  declare protected readonly l10n: VaccinesL10n;

  /** How the record is listed first: `date` (newest first) or `group` (by vaccine, with series progress). */
  @property() order: HistoryOrder = 'date';
  /**
   * A booking page that reads `vaccine=CVX:dose` (a page with `<portal-scheduler>`): "Book" becomes a link to it.
   * Absent: "Book" fires `portal-vaccine-booking-requested` for a scheduler on this page.
   */
  @property({ attribute: 'booking-url' }) bookingUrl?: string;
  /** Vaccine information pages by CVX code (one https address, or one per language), supplied by the host. */
  @property({ attribute: false }) education?: EducationLinks;
  /** Issuers whose SMART Health Cards this site accepts (with their key sets for offline use). */
  @property({ attribute: false }) trustedIssuers: readonly TrustedIssuer[] = [];
  /** Key sets of issuers not trusted here, by `iss`: tells genuine from forged, never makes a card trusted. */
  @property({ attribute: false }) knownKeys?: Readonly<Record<string, unknown>>;
  /** How the checker reaches trusted issuers and Health Link servers; the page's fetch when absent. */
  @property({ attribute: false }) cardFetch?: FetchLike;
  /** Who is asking, as a Health Link's server records it: the site's name (never the patient's). */
  @property({ attribute: 'link-recipient' }) linkRecipient?: string;
  /** @internal A QR reader in place of the browser's `BarcodeDetector` (tests; browsers without one). */
  @property({ attribute: false }) qrDetector?: QrDetector;
  /** @internal The camera's stream in place of the browser's (tests). */
  @property({ attribute: false }) cameraStream?: () => Promise<MediaStream>;
  /** @internal The checker's clock in epoch seconds (tests and stories). */
  @property({ attribute: false }) clock?: () => number;

  @state() private panel: Panel = 'none';
  @state() private announcement = '';
  @state() private savedText?: string;
  private focusAfterRender: string | undefined;

  private readonly immunizations = this.loader<ListResult<Immunization>>((api, signal) => api.immunizations.list(signal));
  private readonly recommendations = this.loader<ListResult<Recommendation>>((api, signal) => api.immunizations.recommendations(signal));
  /** Whether the server issues the patient's card (`$health-cards-issue`): the button shows only where it does. */
  private readonly cardOffered = this.loader<boolean>((api, signal) => api.immunizations.healthCardsOffered(signal));

  /** Reporting a vaccine needs leave to create one: asked for at sign-in, the form offered only where granted. */
  private readonly reportScope = new OptionalScopeController(this, {
    scopes: [SCOPES.reportImmunization],
    session: () => this.session,
    actions: () => this.sessionActions,
  });

  private readonly reporting = new LazyPartController<Reporting>(this, {
    operation: 'immunizations.report',
    onError: (error) => this.reportError(error),
    load: async () =>
      (await loadReporting()).createReporting(this, {
        api: () => this.api,
        onError: (error) => this.reportError(error),
        onSaved: (record) => this.reported(record),
      }),
  });

  private readonly verifying = new LazyPartController<Verifying>(this, {
    operation: 'health-cards.verify',
    onError: (error) => this.reportError(error),
    load: async () =>
      (await loadVerifying()).createVerifying(this, {
        settings: () => ({
          trusted: this.trustedIssuers,
          ...(this.knownKeys ? { knownKeys: this.knownKeys } : {}),
          ...(this.cardFetch ? { fetch: this.cardFetch } : {}),
          ...(this.clock ? { now: this.clock } : {}),
          ...(this.qrDetector ? { detector: this.qrDetector } : {}),
          ...(this.cameraStream ? { camera: this.cameraStream } : {}),
          recipient: this.linkRecipient || this.ownerDocument.location?.hostname || 'portal-kit',
        }),
        patient: async () => (this.api ? this.api.patient.current(new AbortController().signal) : undefined),
        onVerdict: (verdict) => this.verified(verdict),
      }),
  });

  private readonly myCard = new LazyPartController<ShowingMyCard>(this, {
    operation: 'immunizations.issueHealthCards',
    onError: (error) => this.reportError(error),
    load: async () => (await loadMyCard()).createMyCards(this, { api: () => this.api, onError: (error) => this.reportError(error) }),
  });

  protected override updated(): void {
    if (!this.focusAfterRender) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }

  private announce(text: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private open(panel: Panel): void {
    this.panel = panel;
    this.savedText = undefined;
    if (panel === 'none') return;
    this.focusAfterRender = `#${panel}-title`;
    if (panel === 'card') {
      void this.myCard.ready(() => this.open(panel)).then((part) => part?.cards.load());
      return;
    }
    const part = panel === 'report' ? this.reporting : this.verifying;
    void part.ready(() => this.open(panel));
  }

  private close(): void {
    this.panel = 'none';
    this.focusAfterRender = '[part~="report"]';
  }

  private reported(record: Immunization): void {
    this.emit('portal-immunization-reported', { immunizationId: record.id });
    const text = this.l10n.t('report.saved', { vaccine: vaccineName(this.l10n, record.vaccine) });
    this.savedText = text;
    this.announce(text);
    this.panel = 'none';
    this.focusAfterRender = '[part~="saved"]';
    void this.immunizations.reload();
  }

  private verified(verdict: Verdict): void {
    // Only an issuer on the host's list is named: any other `iss` is whatever the card's maker wrote, and could carry anything.
    const trusted = verdict.issuer !== undefined && this.trustedIssuers.some((issuer) => issuer.iss === verdict.issuer);
    this.emit('portal-health-card-verified', { verdict: verdict.kind, ...(trusted ? { issuer: verdict.issuer! } : {}) });
  }

  private book(vaccine: string): void {
    const answered = !this.emit('portal-vaccine-booking-requested', { vaccine });
    if (answered) this.announce(this.l10n.t('due.askedToBook'));
  }

  private print(): void {
    this.ownerDocument.defaultView?.print();
  }

  protected override render() {
    const access = this.renderAccessState();
    if (access) return access;
    return html`<div part="record">
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.savedText ? html`<p class="saved" part="saved" tabindex="-1">${this.savedText}</p>` : nothing} ${this.renderRecord()}
      ${this.renderDue()}
      <div class="actions no-print" part="actions">
        ${this.reportScope.allowed
          ? html`<button class="button" part="button report" type="button" aria-expanded=${this.panel === 'report' ? 'true' : 'false'} @click=${() => this.open(this.panel === 'report' ? 'none' : 'report')}>
              ${this.l10n.t('report.open')}
            </button>`
          : nothing}
        ${this.cardOffered.state.status === 'ready' && this.cardOffered.state.value
          ? html`<button class="button secondary" part="button my-card" type="button" aria-expanded=${this.panel === 'card' ? 'true' : 'false'} @click=${() => this.open(this.panel === 'card' ? 'none' : 'card')}>
              ${this.l10n.t('card.open')}
            </button>`
          : nothing}
        <button class="button secondary" part="button verify" type="button" aria-expanded=${this.panel === 'verify' ? 'true' : 'false'} @click=${() => this.open(this.panel === 'verify' ? 'none' : 'verify')}>
          ${this.l10n.t('verify.open')}
        </button>
      </div>
      ${this.renderPanel()}
    </div>`;
  }

  private renderRecord() {
    const state = this.immunizations.state;
    if (state.status === 'error') return renderError(this.l10n, state.error, () => void this.immunizations.reload());
    const list = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
    if (!list) return renderLoading(this.l10n);
    return renderHistory({
      l10n: this.l10n,
      records: shownImmunizations(list.items),
      order: (HISTORY_ORDERS as readonly string[]).includes(this.order) ? this.order : 'date',
      ...(this.education ? { education: this.education } : {}),
      onOrder: (order) => (this.order = order),
      onPrint: () => this.print(),
    });
  }

  private renderDue() {
    const state = this.recommendations.state;
    // The record is the page's subject; a failed forecast is reported and leaves the record usable.
    if (state.status === 'error') return renderError(this.l10n, state.error, () => void this.recommendations.reload());
    const list = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
    if (!list) return nothing;
    const page = this.ownerDocument.location?.href ?? 'https://localhost/';
    return renderDue({
      l10n: this.l10n,
      due: dueRecommendations(list.items),
      ...(this.education ? { education: this.education } : {}),
      bookingHref: (vaccine) => bookingHref(this.bookingUrl, vaccine, page),
      onBook: (vaccine) => this.book(vaccine),
    });
  }

  private renderPanel() {
    if (this.panel === 'none') return nothing;
    const part = this.panel === 'report' ? this.reporting : this.panel === 'card' ? this.myCard : this.verifying;
    if (!part.value) return part.failure ? renderError(this.l10n, part.failure.error, () => part.retry()) : renderLoading(this.l10n);
    if (this.panel === 'report') {
      const reporting = this.reporting.value!;
      return reporting.render({
        l10n: this.l10n,
        form: reporting.form,
        onSubmit: () => void reporting.form.submit().then((field) => field && this.focusField(field)),
        onCancel: () => (reporting.form.reset(), this.close()),
        onFocus: (id) => this.focusField(id),
      });
    }
    if (this.panel === 'card') {
      return this.myCard.value!.render({
        l10n: this.l10n,
        cards: this.myCard.value!.cards,
        recordedNames: new Map(
          (this.immunizations.state.status === 'ready' ? shownImmunizations(this.immunizations.state.value.items) : []).flatMap((r) =>
            r.vaccine.cvx ? [[r.vaccine.cvx, vaccineName(this.l10n, r.vaccine)] as const] : [],
          ),
        ),
        renderLoading: () => renderLoading(this.l10n),
        renderError: (error, retry) => renderError(this.l10n, error, retry),
      });
    }
    const verifying = this.verifying.value!;
    return verifying.render({ l10n: this.l10n, checker: verifying.checker });
  }

  private focusField(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }
}
