import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { PortalApi } from '../../api/portal-api.js';
import type { Immunization } from '../../model/immunization.js';
import { daysInMonth } from '../../time/days.js';
import { dayInZone } from '../../time/zones.js';
import { CVX_CHOICES, type CvxChoice } from './cvx-choices.js';
import type { VaccinesKey, VaccinesL10n } from './strings.js';

/** What the person has typed so far; kept through a failed save so nothing is lost. */
export interface ReportDraft {
  vaccineName: string;
  year: string;
  month: string;
  day: string;
  lot: string;
  place: string;
  source: 'record' | 'recall';
}

type Field = 'vaccine' | 'year' | 'day' | 'lot';
export interface ReportProblem {
  field: Field;
  key: VaccinesKey;
}

const EMPTY: ReportDraft = { vaccineName: '', year: '', month: '', day: '', lot: '', place: '', source: 'recall' };
const FIELD_IDS: Record<Field, string> = { vaccine: 'report-vaccine', year: 'report-year', day: 'report-day', lot: 'report-lot' };
const LOT = /^[A-Za-z0-9-]{1,20}$/;
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

function nameOf(choice: CvxChoice, l10n: VaccinesL10n): string {
  return l10n.locale === 'es' ? choice.es : choice.en;
}

/** The choice whose name (in either language, case and spacing aside) is what was typed. */
function choiceFor(name: string): CvxChoice | undefined {
  const folded = name.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!folded) return undefined;
  return CVX_CHOICES.find((c) => c.en.toLowerCase() === folded || c.es.toLowerCase() === folded);
}

/** The FHIR date the person gave, at the precision they gave it (`2021`, `2021-05`, `2021-05-03`). */
function dateOf(draft: ReportDraft): string {
  return [draft.year.trim(), draft.month, draft.day.trim() ? draft.day.trim().padStart(2, '0') : ''].filter(Boolean).join('-');
}

/** Everything that stops the save, each tied to its field; today in the person's own calendar. */
export function reportProblems(draft: ReportDraft, today: string): ReportProblem[] {
  const problems: ReportProblem[] = [];
  if (!choiceFor(draft.vaccineName)) problems.push({ field: 'vaccine', key: 'report.error.vaccine' });
  const year = draft.year.trim();
  if (!/^\d{4}$/.test(year) || Number(year) < 1900) problems.push({ field: 'year', key: 'report.error.year' });
  else {
    const day = draft.day.trim();
    const dayProblem: ReportProblem | undefined =
      day && !draft.month
        ? { field: 'day', key: 'report.error.dayNeedsMonth' }
        : day && (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > daysInMonth(Number(year), Number(draft.month)))
          ? { field: 'day', key: 'report.error.day' }
          : undefined;
    // A date in the future is said at once, also beside a day still to fix (judged then on year and month alone).
    const date = dayProblem ? [year, draft.month].filter(Boolean).join('-') : dateOf(draft);
    if (date > today.slice(0, date.length)) problems.push({ field: 'year', key: 'report.error.future' });
    if (dayProblem) problems.push(dayProblem);
  }
  if (draft.lot.trim() && !LOT.test(draft.lot.trim())) problems.push({ field: 'lot', key: 'report.error.lot' });
  return problems;
}

export interface ReportOptions {
  api(): PortalApi | undefined;
  onSaved(record: Immunization): void;
  onError(error: unknown): void;
}

/**
 * The report form's state and its one write. A press while saving writes nothing; a failed save keeps the
 * draft and its key, so trying again is the same write (the adapter looks for it before creating another).
 */
export class ReportForm {
  draft: ReportDraft = { ...EMPTY };
  saving = false;
  failed = false;
  showProblems = false;
  saved?: Immunization;
  private key?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ReportOptions,
  ) {}

  edit(change: Partial<ReportDraft>): void {
    this.draft = { ...this.draft, ...change };
    // A different dose is a different write.
    this.key = undefined;
    this.host.requestUpdate();
  }

  reset(): void {
    this.draft = { ...EMPTY };
    this.key = undefined;
    this.failed = false;
    this.showProblems = false;
    this.host.requestUpdate();
  }

  problems(): ReportProblem[] {
    return reportProblems(this.draft, dayInZone(Intl.DateTimeFormat().resolvedOptions().timeZone, Date.now()));
  }

  /** Saves once; returns the first field with a problem when there is one (for focus). */
  async submit(): Promise<string | undefined> {
    if (this.saving) return undefined;
    const problems = this.problems();
    if (problems.length > 0) {
      this.showProblems = true;
      this.host.requestUpdate();
      return FIELD_IDS[problems[0]!.field];
    }
    const api = this.options.api();
    const choice = choiceFor(this.draft.vaccineName);
    if (!api || !choice) return undefined;
    this.key ??= crypto.randomUUID();
    this.saving = true;
    this.failed = false;
    this.showProblems = false;
    this.host.requestUpdate();
    try {
      const record = await api.immunizations.report(
        {
          cvx: choice.cvx,
          vaccineText: choice.en,
          occurrenceDate: dateOf(this.draft),
          source: this.draft.source,
          ...(this.draft.lot.trim() ? { lotNumber: this.draft.lot.trim() } : {}),
          ...(this.draft.place.trim() ? { location: this.draft.place.trim() } : {}),
          clientRequestId: this.key,
        },
        new AbortController().signal,
      );
      this.saved = record;
      this.draft = { ...EMPTY };
      this.key = undefined;
      this.options.onSaved(record);
    } catch (error) {
      this.failed = true;
      this.options.onError(error);
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
    return undefined;
  }
}

export interface ReportViewContext {
  l10n: VaccinesL10n;
  form: ReportForm;
  onSubmit(): void;
  onCancel(): void;
  /** Moves focus to a field (the links in the list of problems). */
  onFocus(id: string): void;
}

function described(field: Field, problems: readonly ReportProblem[], hint?: string): string {
  return [hint, problems.some((p) => p.field === field) ? `${FIELD_IDS[field]}-problem` : undefined].filter(Boolean).join(' ');
}

function problemFor(l10n: VaccinesL10n, field: Field, problems: readonly ReportProblem[]) {
  const problem = problems.find((p) => p.field === field);
  return problem ? html`<p class="field-problem" part="field-problem" id=${`${FIELD_IDS[field]}-problem`}>${l10n.t(problem.key)}</p>` : nothing;
}

/** The form: vaccine by name, the date as precisely as known, lot, place, record or memory; problems beside their fields. */
export function renderReport(ctx: ReportViewContext): TemplateResult {
  const { l10n, form } = ctx;
  const { draft } = form;
  const problems = form.showProblems ? form.problems() : [];
  const input = (key: keyof ReportDraft) => (event: Event) => form.edit({ [key]: (event.target as HTMLInputElement).value });
  return html`<form class="report" part="report-form" aria-labelledby="report-title" novalidate @submit=${(e: Event) => (e.preventDefault(), ctx.onSubmit())}>
    <h2 class="title" id="report-title" tabindex="-1">${l10n.t('report.title')}</h2>
    <p class="meta">${l10n.t('report.intro')}</p>
    ${problems.length > 0
      ? html`<div class="problems" part="problems" role="alert">
          <p>${l10n.t('report.problems')}</p>
          <ul>
            ${problems.map((p) => html`<li><a href=${`#${FIELD_IDS[p.field]}`} @click=${(e: Event) => (e.preventDefault(), ctx.onFocus(FIELD_IDS[p.field]))}>${l10n.t(p.key)}</a></li>`)}
          </ul>
        </div>`
      : nothing}
    <div class="field">
      <label for="report-vaccine">${l10n.t('report.vaccine')}</label>
      <p class="meta" id="report-vaccine-hint">${l10n.t('report.vaccineHint')}</p>
      <input id="report-vaccine" part="vaccine-input" list="report-vaccines" autocomplete="off" .value=${draft.vaccineName} @input=${input('vaccineName')}
        aria-describedby=${described('vaccine', problems, 'report-vaccine-hint')} aria-invalid=${problems.some((p) => p.field === 'vaccine') ? 'true' : 'false'} />
      <datalist id="report-vaccines">${CVX_CHOICES.map((c) => html`<option value=${nameOf(c, l10n)}></option>`)}</datalist>
      ${problemFor(l10n, 'vaccine', problems)}
    </div>
    <fieldset class="field date" part="date-input" aria-describedby="report-date-hint">
      <legend>${l10n.t('report.date')}</legend>
      <p class="meta" id="report-date-hint">${l10n.t('report.dateHint')}</p>
      <div class="date-parts">
        <span><label for="report-year">${l10n.t('report.year')}</label>
          <input id="report-year" inputmode="numeric" maxlength="4" size="4" .value=${draft.year} @input=${input('year')}
            aria-describedby=${described('year', problems)} aria-invalid=${problems.some((p) => p.field === 'year') ? 'true' : 'false'} /></span>
        <span><label for="report-month">${l10n.t('report.month')}</label>
          <select id="report-month" @change=${input('month')}>
            <option value="" ?selected=${!draft.month}>${l10n.t('report.anyMonth')}</option>
            ${MONTHS.map((m) => html`<option value=${m} ?selected=${draft.month === m}>${new Intl.DateTimeFormat(l10n.locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, Number(m) - 1, 15))}</option>`)}
          </select></span>
        <span><label for="report-day">${l10n.t('report.day')}</label>
          <input id="report-day" inputmode="numeric" maxlength="2" size="2" .value=${draft.day} @input=${input('day')}
            aria-describedby=${described('day', problems)} aria-invalid=${problems.some((p) => p.field === 'day') ? 'true' : 'false'} /></span>
      </div>
      ${problemFor(l10n, 'year', problems)} ${problemFor(l10n, 'day', problems)}
    </fieldset>
    <div class="field">
      <label for="report-lot">${l10n.t('report.lot')}</label>
      <input id="report-lot" part="lot-input" autocomplete="off" .value=${draft.lot} @input=${input('lot')}
        aria-describedby=${described('lot', problems)} aria-invalid=${problems.some((p) => p.field === 'lot') ? 'true' : 'false'} />
      ${problemFor(l10n, 'lot', problems)}
    </div>
    <div class="field">
      <label for="report-place">${l10n.t('report.place')}</label>
      <input id="report-place" part="place-input" autocomplete="off" .value=${draft.place} @input=${input('place')} />
    </div>
    <fieldset class="field" part="source-input">
      <legend>${l10n.t('report.source')}</legend>
      ${(['record', 'recall'] as const).map(
        (source) => html`<label class="choice"><input type="radio" name="report-source" value=${source} .checked=${draft.source === source}
          @change=${() => form.edit({ source })} /> ${l10n.t(`report.source.${source}`)}</label>`,
      )}
    </fieldset>
    ${form.failed ? html`<p class="failed" part="report-failed" role="alert">${l10n.t('report.failed')}</p>` : nothing}
    <div class="actions">
      <button class="button" part="button save" type="submit" ?disabled=${form.saving}>${form.saving ? l10n.t('report.saving') : l10n.t('report.save')}</button>
      <button class="link-button" part="cancel" type="button" @click=${ctx.onCancel}>${l10n.t('report.cancel')}</button>
    </div>
  </form>`;
}

/** The report part: loaded the first time the person opens the form. */
export function createReporting(host: ReactiveControllerHost, options: ReportOptions) {
  return { form: new ReportForm(host, options), render: renderReport };
}
export type Reporting = ReturnType<typeof createReporting>;
