import { html, nothing, type TemplateResult } from 'lit';
import type { Report } from '../../model/results.js';
import { conceptWords, recordedTime } from './result-text.js';
import type { ResultsL10n } from './strings.js';

export interface ListContext {
  l10n: ResultsL10n;
  reports: readonly Report[];
  category: string;
  query: string;
  /** The release-before-review notice, or undefined when the host turned it off. */
  releaseNotice: string | undefined;
  isNew(reportId: string): boolean;
  onCategory(category: string): void;
  onQuery(query: string): void;
  onOpen(reportId: string): void;
  /** Offered with `allow-readings`: opens the home reading form. */
  onAddReading?: () => void;
}

/** A report's or result's name in words (a test known only by its code still shows that code: it is all there is). */
export const nameOf = (report: Pick<Report, 'code'>): string => conceptWords(report.code) ?? report.code.text;

const whenMs = (report: Report): number => {
  const value = report.effective ?? report.issued;
  // Only for ordering: a date alone sorts as its UTC midnight.
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

/** Newest first; undated last; equal times keep the server's order. */
export function newestFirst(reports: readonly Report[]): Report[] {
  return reports
    .map((report, index) => ({ report, index, ms: whenMs(report) }))
    .sort((a, b) => b.ms - a.ms || a.index - b.index)
    .map((entry) => entry.report);
}

/** The categories present, in first-seen order. */
export function categoriesOf(reports: readonly Report[]): string[] {
  return [...new Set(reports.flatMap((report) => report.category ?? []))];
}

/** Reports in a category (all when empty) whose name, or a result's name, contains the query (any case). */
export function filterReports(reports: readonly Report[], category: string, query: string): Report[] {
  const needle = query.trim().toLocaleLowerCase();
  return reports.filter((report) => {
    if (category && report.category !== category) return false;
    if (!needle) return true;
    return [report, ...report.results].some((item) => nameOf(item).toLocaleLowerCase().includes(needle));
  });
}

/**
 * Results the lab flagged abnormal or critical. The list counts the lab's own codes only (a flag worked out from a
 * range needs the detail's range choice, which loads with the report).
 */
function flaggedCount(report: Report): number {
  return report.results.filter((result) => {
    if (result.status === 'entered-in-error') return false;
    const codes = result.interpretations?.length ? result.interpretations : result.interpretation ? [result.interpretation] : [];
    return codes.some((code) => code.severity === 'abnormal' || code.severity === 'critical');
  }).length;
}

function renderItem(ctx: ListContext, report: Report): TemplateResult {
  const { l10n } = ctx;
  const name = nameOf(report);
  const when = report.effective ?? report.issued;
  const date = when ? recordedTime(when.slice(0, 10), l10n.locale).text : undefined;
  if (report.status === 'entered-in-error') {
    // Never shown as a result: struck through, labelled, and not openable.
    return html`<li>
      <div class="report-item" part="report-item withdrawn" data-status="entered-in-error">
        <span class="name"><del>${name}</del></span>
        <span class="meta">${l10n.t('results.enteredInError')}</span>
      </div>
    </li>`;
  }
  const flagged = flaggedCount(report);
  const fresh = ctx.isNew(report.id);
  return html`<li>
    <button class="report-item" part="report-item" type="button" ?data-new=${fresh} data-status=${report.status} @click=${() => ctx.onOpen(report.id)}>
      <span class="name">${name}${fresh ? html` <span class="badge" part="new-marker">${l10n.t('results.new')}</span>` : nothing}</span>
      ${date ? html`<span class="meta">${date}</span>` : nothing}
      ${report.status === 'final' ? nothing : html`<span class="meta status" part="status">${l10n.t(`report.status.${report.status}`)}</span>`}
      ${flagged > 0
        ? html`<span class="meta flagged" part="flagged"><span aria-hidden="true">⚠ </span>${flagged === 1 ? l10n.t('results.flaggedOne') : l10n.t('results.flagged', { count: flagged })}</span>`
        : nothing}
      ${report.category ? html`<span class="meta">${report.category}</span>` : nothing}
    </button>
  </li>`;
}

/** Reports newest first, with a category filter and a search by name. */
export function renderList(ctx: ListContext): TemplateResult {
  const { l10n } = ctx;
  const all = newestFirst(ctx.reports);
  const categories = categoriesOf(all);
  const shown = filterReports(all, ctx.category, ctx.query);
  return html`<section part="results" aria-labelledby="results-title">
    <h2 class="title" id="results-title" tabindex="-1">${l10n.t('results.title')}</h2>
    ${ctx.releaseNotice ? html`<p class="notice" part="release-notice">${ctx.releaseNotice}</p>` : nothing}
    ${ctx.onAddReading
      ? html`<p><button class="button" part="button add-reading" type="button" @click=${ctx.onAddReading}>${l10n.t('reading.open')}</button></p>`
      : nothing}
    ${all.length === 0
      ? html`<p class="notice" part="empty">${l10n.t('results.empty')}</p>`
      : html`<div class="toolbar" part="filters">
            ${categories.length > 1
              ? html`<label class="field"
                  ><span>${l10n.t('results.category')}</span>
                  <select part="category" @change=${(e: Event) => ctx.onCategory((e.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${ctx.category === ''}>${l10n.t('results.allCategories')}</option>
                    ${categories.map((c) => html`<option value=${c} ?selected=${ctx.category === c}>${c}</option>`)}
                  </select></label
                >`
              : nothing}
            <label class="field"
              ><span>${l10n.t('results.search')}</span>
              <input part="search" type="search" .value=${ctx.query} @input=${(e: Event) => ctx.onQuery((e.target as HTMLInputElement).value)}
            /></label>
          </div>
          <p class="visually-hidden" role="status" aria-live="polite">
            ${shown.length === 1 ? l10n.t('results.countOne') : l10n.t('results.count', { count: shown.length })}
          </p>
          ${shown.length === 0
            ? html`<p class="notice" part="no-match">${l10n.t('results.noMatch')}</p>`
            : html`<ul class="reports" part="reports">
                ${shown.map((report) => renderItem(ctx, report))}
              </ul>`}`}
  </section>`;
}

/** A report in a sensitive category, before the patient chooses: view it now, or wait for the clinician. */
export function renderSensitiveChoice(ctx: { l10n: ResultsL10n; name: string; onView(): void; onWait(): void }): TemplateResult {
  const { l10n } = ctx;
  return html`<section part="sensitive" aria-labelledby="report-title">
    <button class="link-button" part="back" type="button" @click=${ctx.onWait}>${l10n.t('report.back')}</button>
    <h2 class="title" id="report-title" tabindex="-1">${ctx.name}</h2>
    <p>${l10n.t('sensitive.body')}</p>
    <div class="choice">
      <button class="button" part="button view-now" type="button" @click=${ctx.onView}>${l10n.t('sensitive.view')}</button>
      <button class="button secondary" part="button wait" type="button" @click=${ctx.onWait}>${l10n.t('sensitive.wait')}</button>
    </div>
  </section>`;
}
