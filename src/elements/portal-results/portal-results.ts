import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SCOPES } from '../../auth/scopes.js';
import { PortalElement, type AccessDeclaration } from '../../base/portal-element.js';
import type { ListResult } from '../../model/common.js';
import type { PatientSummary } from '../../model/patient.js';
import type { ReferenceRange, Report, Result } from '../../model/results.js';
import { LazyPartController } from '../../controllers/lazy-part.js';
import { LoadAheadController } from '../../controllers/load-ahead.js';
import { OptionalScopeController } from '../../controllers/optional-scope.js';
import { contentStyles } from '../../styles/content.js';
import { surfaceStyles } from '../../styles/tokens.js';
import { renderError, renderLoading, stateStyles } from '../../ui/state-view.js';
import { nameOf, renderList, renderSensitiveChoice } from './list-view.js';
import { resultsStyles } from './portal-results.styles.js';
import type { Readings } from './readings.js';
import type { Detail } from './detail-part.js';
import { SeenReports, type SeenStorage } from './seen-reports.js';
import { resultsStrings, type ResultsL10n } from './strings.js';

type View = { name: 'list' } | { name: 'report'; reportId: string } | { name: 'reading' };
type TrendFor = { resultId: string; name: string; code: { system?: string; code: string }; range?: ReferenceRange };
/** The chart and its table: fetched the first time a trend opens. */
const loadTrend = () => import('./trend-view.js');
/** An open report's view: fetched once the list shows. */
const loadDetail = () => import('./detail-part.js');
/** How long after the list shows the open report's code loads by itself, if nobody reached for it before. */
const DETAIL_AHEAD_MS = 2_000;
/** The home reading form: fetched when the patient first opens it. */
const loadReadings = () => import('./readings.js');

/** The page's storage, when it has one it lets us use (sandboxed frames and some privacy modes throw on access). */
function pageStorage(): SeenStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * @tagname portal-results
 * @summary Lab results that explain themselves: reports newest first, each value exactly as the lab wrote it with its
 * unit, the range that applies and the flag in words, what the test is, and dates on the lab's own clock.
 *
 * @csspart results - The list of reports.
 * @csspart release-notice - Says results may arrive before the clinician has reviewed them.
 * @csspart filters - The category filter and the search.
 * @csspart category - The category picker.
 * @csspart search - The search by test name.
 * @csspart reports - The reports' list element.
 * @csspart report-item - One report in the list (a button; `withdrawn` for one entered in error).
 * @csspart withdrawn - A report or result entered in error, struck through and labelled.
 * @csspart new-marker - "New": a report not opened yet on this device.
 * @csspart status - A report's status in the list, when not final.
 * @csspart flagged - How many of a report's results are flagged.
 * @csspart empty - The notice when there are no reports.
 * @csspart no-match - The notice when the search matches nothing.
 * @csspart report - One open report.
 * @csspart back - "Back to your results".
 * @csspart report-status - The report's status in words.
 * @csspart report-time - When the sample was collected and the report released, on the lab's clock.
 * @csspart performer - The lab.
 * @csspart conclusion - The care team's summary.
 * @csspart missing - Says how many results could not be shown.
 * @csspart no-results - The notice for a report without results.
 * @csspart result-list - The report's results.
 * @csspart result - One result.
 * @csspart result-status - A result's status, when not final.
 * @csspart you-reported - Marks a reading the patient entered.
 * @csspart value - A result's value line.
 * @csspart value-text - The value as the lab wrote it (also `text`, `coded`, `absent`).
 * @csspart unit - The unit.
 * @csspart flag - The interpretation: an icon and words.
 * @csspart components - The labelled parts of a result (blood pressure).
 * @csspart component - One labelled part.
 * @csspart range - The normal range (`several` when the lab gave more than one).
 * @csspart result-time - A result's own time, when it differs from the report's.
 * @csspart note - The lab's or clinician's note.
 * @csspart about - "About this test".
 * @csspart members - The results of a panel, nested.
 * @csspart files - The report's attached files.
 * @csspart download - A report file, offered once its bytes are the type declared.
 * @csspart file-refused - A report file not offered, and why.
 * @csspart trend-toggle - "Show how … has changed" (a disclosure button).
 * @csspart trend - A result's history.
 * @csspart trend-change - The change since the result before, in words.
 * @csspart trend-chart - The chart (one unit's axis, the normal range as a band, the points).
 * @csspart trend-table - The same points as a table.
 * @csspart trend-other-units - Results in other units, listed rather than plotted.
 * @csspart add-reading - "Add a home reading" (with `allow-readings`).
 * @csspart readings - The home reading form.
 * @csspart reading-kind - What was measured.
 * @csspart reading-unit - The reading's unit.
 * @csspart reading-input - A reading's number or time.
 * @csspart reading-state - Saved, or not saved and why.
 * @csspart sensitive - The choice before a result in a sensitive category.
 * @csspart button - Every button (with `view-now`, `wait`, `retry`, `sign-in`).
 * @csspart state - Loading, error, signed-out and not-configured boxes.
 *
 * @cssproperty --portal-color-accent - New markers, links and buttons.
 * @cssproperty --portal-color-warning - Abnormal flags (always with words and an icon).
 * @cssproperty --portal-color-danger - Critical flags (always with words and an icon).
 * @cssproperty --portal-color-danger-surface - Background of a critical result.
 * @cssproperty --portal-color-success - Normal flags.
 * @cssproperty --portal-color-warning-surface - Preliminary, amended and corrected reports.
 * @cssproperty --portal-color-surface-raised - Notices and the summary.
 *
 * @fires portal-result-opened - The patient opened a report (its id only).
 * @fires portal-auth-required - No patient is signed in (or the session lapsed).
 * @fires portal-error - A request failed; detail carries the error kind only.
 */
export class PortalResults extends PortalElement {
  static override tagName = 'portal-results';
  static override styles = [...(PortalElement.styles as []), stateStyles, surfaceStyles, contentStyles, resultsStyles];
  static override access: AccessDeclaration = { session: 'required', scopes: [SCOPES.results, SCOPES.observations] };
  static override strings = resultsStrings;
  declare protected readonly l10n: ResultsL10n;

  /**
   * "About this test" links: absent or `medlineplus` for MedlinePlus Connect, `off` for none, or an https template
   * for the host's own pages with `{code}` (the LOINC code) and `{lang}` (`en`, `es`).
   */
  @property({ attribute: 'about-link' }) aboutLink?: string;
  /** The notice that results may arrive before review: absent for the built-in words, `off` for none, or the host's own text. */
  @property({ attribute: 'release-notice' }) releaseNotice?: string;
  /**
   * Report categories (comma-separated, as the server names them, any case) that open behind a choice: view now, or
   * wait to go over it with the clinician.
   */
  @property({ attribute: 'sensitive-categories' }) sensitiveCategories?: string;
  /**
   * Let the patient add blood pressure, glucose and weight readings taken at home (saved as patient-reported results).
   * Sign-in then also asks for `patient/Observation.c`; without that grant the form is not offered.
   */
  @property({ type: Boolean, attribute: 'allow-readings' }) allowReadings = false;
  /** @internal Where opened reports are remembered (tests and stories pass their own). */
  @property({ attribute: false }) seenStorage?: SeenStorage;

  @state() private view: View = { name: 'list' };
  @state() private category = '';
  @state() private query = '';
  /** Sensitive reports the patient chose to see now (this visit only). */
  @state() private revealed: ReadonlySet<string> = new Set();
  /** The result whose history is open (one at a time). */
  @state() private trendFor?: TrendFor;
  private focusAfterRender: string | undefined;
  private readonly detail = new LazyPartController<Detail>(this, {
    operation: 'results.getReport',
    onError: (error) => this.reportError(error),
    load: async () => (await loadDetail()).createDetail(this),
  });
  // A while after the list shows (or as soon as the person reaches for the element), the open report's code
  // comes ahead of the first click; the list itself never waits for it.
  private readonly ahead = new LoadAheadController(this, {
    key: () => (this.access.allowed ? this.patientId() : undefined),
    settled: () => this.reports.state.status === 'ready' || this.reports.state.status === 'error',
    load: () => void this.detail.ready(() => this.requestUpdate(), { quiet: true }),
    delayMs: DETAIL_AHEAD_MS,
  });
  private readonly seen = new SeenReports(() => this.seenStorage ?? pageStorage());

  private readonly reports = this.loader<ListResult<Report>>((api, signal) => api.results.listReports(signal));
  private readonly report = this.loader<{ report: Report; patient?: PatientSummary } | undefined>(
    async (api, signal) => {
      if (this.view.name !== 'report') return undefined;
      const [report, patient] = await Promise.all([
        api.results.getReport(this.view.reportId, signal),
        // Only to choose the range for the patient's age and sex: without it every range is listed.
        api.patient.current(signal).catch(() => undefined),
      ]);
      return { report, patient };
    },
    { inputs: () => (this.view.name === 'report' ? this.view.reportId : undefined) },
  );

  private readonly history = this.loader<ListResult<Result> | undefined>(
    (api, signal) => (this.trendFor ? api.results.resultHistory(this.trendFor.code, signal) : Promise.resolve(undefined)),
    { inputs: () => this.trendFor?.code },
  );
  private readonly trendPart = new LazyPartController<Awaited<ReturnType<typeof loadTrend>>>(this, {
    operation: 'results.resultHistory',
    load: loadTrend,
    onError: (error) => this.reportError(error),
  });

  private readonly readings = new LazyPartController<Readings>(this, {
    operation: 'results.addReading',
    onError: (error) => this.reportError(error),
    load: async () =>
      (await loadReadings()).createReadings(this, {
        api: () => this.api,
        onError: (error) => this.reportError(error),
        onSaved: () => (this.focusAfterRender = '#reading-title'),
      }),
  });

  /** Saving a reading needs its own scope, asked for only with `allow-readings`; offered only where granted. */
  private readonly readingsScope = new OptionalScopeController(this, {
    scopes: [SCOPES.readings],
    wanted: () => this.allowReadings,
    session: () => this.session,
    actions: () => this.sessionActions,
  });

  /** Whose results are on screen: another patient (or none) starts again from an empty list. */
  private shownFor: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const patient = this.patientId();
    if (changed.has('session') && patient !== this.shownFor) {
      // Nothing of the last patient stays: not the open report, the choice made for a sensitive one, the search, a file.
      if (this.shownFor !== undefined) {
        this.view = { name: 'list' };
        this.revealed = new Set();
        this.trendFor = undefined;
        this.query = '';
        this.category = '';
        this.detail.value?.files.clear();
      }
      this.shownFor = patient;
    }
  }

  private patientId(): string | undefined {
    return this.session?.status === 'signed-in' ? this.session.patientId : undefined;
  }

  protected override updated(): void {
    if (!this.focusAfterRender) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }

  private isSensitive(report: Report | undefined): boolean {
    const category = report?.category?.trim().toLocaleLowerCase();
    if (!category || !this.sensitiveCategories) return false;
    return this.sensitiveCategories.split(',').some((c) => c.trim().toLocaleLowerCase() === category);
  }

  private listed(reportId: string): Report | undefined {
    const state = this.reports.state;
    const list = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
    return list?.items.find((r) => r.id === reportId);
  }

  private open(reportId: string): void {
    this.view = { name: 'report', reportId };
    this.focusAfterRender = '#report-title';
    if (!this.isSensitive(this.listed(reportId)) || this.revealed.has(reportId)) this.opened(reportId);
  }

  /** The patient sees the report: it is no longer new here, and the page hears its id (nothing else). */
  private opened(reportId: string): void {
    const patient = this.patientId();
    if (patient) this.seen.add(patient, reportId);
    this.emit('portal-result-opened', { reportId });
  }

  private reveal(reportId: string): void {
    this.revealed = new Set([...this.revealed, reportId]);
    this.focusAfterRender = '#report-title';
    this.opened(reportId);
  }

  private openReading(): void {
    this.view = { name: 'reading' };
    this.focusAfterRender = '#reading-title';
    void this.readings.ready(() => this.openReading());
  }

  private back(): void {
    this.view = { name: 'list' };
    this.trendFor = undefined;
    this.focusAfterRender = '#results-title';
  }

  private releaseWords(): string | undefined {
    if (this.releaseNotice === 'off') return undefined;
    return this.releaseNotice?.trim() || this.l10n.t('results.release');
  }

  protected override render() {
    const access = this.renderAccessState();
    if (access) return access;
    const view = this.view;
    return html`<div part="results-root">
      ${view.name === 'report' ? this.renderOpen(view.reportId) : view.name === 'reading' ? this.renderReading() : this.renderReports()}
    </div>`;
  }

  private renderReading() {
    const part = this.readings.value;
    if (this.readings.failure) return renderError(this.l10n, this.readings.failure.error, () => this.readings.retry());
    if (!part) return renderLoading(this.l10n);
    return part.render({ l10n: this.l10n, form: part.form, onCancel: () => this.back() });
  }

  private renderReports() {
    const state = this.reports.state;
    if (state.status === 'error') return renderError(this.l10n, state.error, () => void this.reports.reload());
    const list = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
    if (!list) return renderLoading(this.l10n);
    const patient = this.patientId();
    return renderList({
      l10n: this.l10n,
      reports: list.items,
      category: this.category,
      query: this.query,
      releaseNotice: this.releaseWords(),
      isNew: (id) => (patient ? !this.seen.has(patient, id) : false),
      onCategory: (category) => (this.category = category),
      onQuery: (query) => (this.query = query),
      onOpen: (id) => this.open(id),
      onAddReading: this.readingsScope.allowed ? () => this.openReading() : undefined,
    });
  }

  private renderOpen(reportId: string) {
    const state = this.report.state;
    const back = () => this.back();
    if (state.status === 'error') {
      return html`${renderError(this.l10n, state.error, () => void this.report.reload())}
        <button class="link-button" part="back" type="button" @click=${back}>${this.l10n.t('report.back')}</button>`;
    }
    const loaded = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
    // The list already holds the report: shown at once, replaced by the fresh copy when it lands.
    const fresh = loaded?.report.id === reportId ? loaded : undefined;
    const report = fresh?.report ?? this.listed(reportId);
    if (!report) return renderLoading(this.l10n);
    if (this.isSensitive(report) && !this.revealed.has(reportId)) {
      return renderSensitiveChoice({ l10n: this.l10n, name: nameOf(report), onView: () => this.reveal(reportId), onWait: back });
    }
    const detail = this.detail.value;
    if (!detail) {
      if (this.detail.failure) return renderError(this.l10n, this.detail.failure.error, () => this.detail.retry());
      void this.detail.ready(() => this.requestUpdate());
      return renderLoading(this.l10n);
    }
    return detail.render({
      l10n: this.l10n,
      report,
      patient: fresh?.patient,
      about: this.aboutLink,
      files: detail.files.files(report),
      onBack: back,
      extra: (result, range) => this.renderTrendFor(result, range),
    });
  }

  private toggleTrend(result: Result, range: ReferenceRange | undefined): void {
    if (this.trendFor?.resultId === result.id) {
      this.trendFor = undefined;
      return;
    }
    const coding = result.code.codings[0]!;
    this.trendFor = { resultId: result.id, name: nameOf(result), code: { system: coding.system, code: coding.code }, range };
    void this.trendPart.ready(() => this.toggleTrend(result, range));
  }

  /** "Show how … has changed" on a measured, coded result; its chart and table when open. */
  private renderTrendFor(result: Result, range: ReferenceRange | undefined) {
    if (result.value.kind !== 'quantity' || result.code.codings.length === 0) return nothing;
    const open = this.trendFor?.resultId === result.id;
    const name = nameOf(result);
    const id = `trend-${result.id}`;
    const toggle = html`<button class="link-button" part="trend-toggle" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${open ? id : nothing}
      @click=${() => this.toggleTrend(result, range)}>${open ? this.l10n.t('trend.hide') : this.l10n.t('trend.show', { name })}</button>`;
    // One template whether open or not, so the button stays the same node (and keeps focus).
    return html`${toggle}${open ? html`<div id=${id}>${this.renderTrendBody(name)}</div>` : nothing}`;
  }

  private renderTrendBody(name: string) {
    const state = this.history.state;
    const part = this.trendPart.value;
    let body;
    if (this.trendPart.failure) body = renderError(this.l10n, this.trendPart.failure.error, () => this.trendPart.retry());
    else if (state.status === 'error') body = renderError(this.l10n, state.error, () => void this.history.reload());
    else if (state.status !== 'ready' || !state.value || !part) body = renderLoading(this.l10n);
    else body = part.renderTrend({ l10n: this.l10n, name, history: state.value.items, range: this.trendFor?.range });
    return body;
  }
}
