import { html, nothing, type TemplateResult } from 'lit';
import { chooseReferenceRange, type RangeChoice } from '../../model/result-logic.js';
import type { ReferenceRange, Report, Result, ResultComponent, ResultValue } from '../../model/results.js';
import { aboutHref, type AboutSetting } from './about-link.js';
import { resultFlag, TONE_ICON, type Flag } from './flags.js';
import type { ReportFile } from './report-files.js';
import { nameOf } from './list-view.js';
import { conceptWords, quantityNumber, quantityText, rangeAudience, rangeBounds, recordedTime, unitText } from './result-text.js';
import type { ResultsKey, ResultsL10n } from './strings.js';

export interface ReportContext {
  l10n: ResultsL10n;
  report: Report;
  /** Whose ranges apply (age and sex), when the patient's record could be read. */
  patient?: { birthDate?: string; gender?: string };
  about: AboutSetting;
  /** The report's attached files, each checked against its declared type. */
  files: readonly ReportFile[];
  onBack(): void;
  /** What a result with history offers (the trend), when the element has it. */
  extra?(result: Result, range: ReferenceRange | undefined): TemplateResult | typeof nothing;
}

const ABSENT_CODES = new Set([
  'unknown', 'asked-unknown', 'temp-unknown', 'not-asked', 'asked-declined', 'masked', 'not-applicable', 'unsupported',
  'as-text', 'error', 'not-a-number', 'negative-infinity', 'positive-infinity', 'not-performed', 'not-permitted',
]);

function when(l10n: ResultsL10n, value: string, key: ResultsKey): TemplateResult {
  const { text, zone } = recordedTime(value, l10n.locale);
  return html`${l10n.t(key, { when: text })}${zone ? html` <span class="zone">${l10n.t('report.atLab', { zone })}</span>` : nothing}`;
}

/** A value as the patient reads it; quantities keep their digits as written (`part="value-text"`) and their unit apart. */
function renderValue(l10n: ResultsL10n, value: ResultValue, hasParts: boolean): TemplateResult | typeof nothing {
  const locale = l10n.locale;
  switch (value.kind) {
    case 'quantity': {
      const unit = unitText(value.quantity);
      return html`<span class="value-text" part="value-text" data-kind="quantity">${quantityNumber(value.quantity, locale)}</span>${unit ? html` <span part="unit">${unit}</span>` : nothing}`;
    }
    case 'text':
      return html`<span class="value-text" part="value-text text">${value.text}</span>`;
    case 'concept':
      return html`<span class="value-text" part="value-text coded">${conceptWords(value.concept) ?? l10n.t('result.codedNoWords')}</span>`;
    case 'boolean':
      return html`<span class="value-text" part="value-text">${l10n.t(value.value ? 'result.yes' : 'result.no')}</span>`;
    case 'datetime':
      return html`<span class="value-text" part="value-text">${recordedTime(value.value, locale).text}</span>`;
    case 'range': {
      const low = value.low ? quantityText(value.low, locale) : '';
      const high = value.high ? quantityText(value.high, locale) : '';
      return html`<span class="value-text" part="value-text">${low && high ? l10n.t('result.between', { low, high }) : low || high}</span>`;
    }
    case 'ratio':
      return html`<span class="value-text" part="value-text">${l10n.t('result.ratio', {
        numerator: quantityText(value.numerator, locale),
        denominator: quantityText(value.denominator, locale),
      })}</span>`;
    case 'absent': {
      // A panel or a blood pressure carries its values in its parts: nothing is missing.
      if (hasParts && !value.reason) return nothing;
      const reason = conceptWords(value.reason, (code) => (ABSENT_CODES.has(code) ? l10n.t(`absent.${code}` as ResultsKey) : undefined));
      return html`<span class="value-text" part="value-text absent">${reason ? l10n.t('result.absent', { reason }) : l10n.t('result.absentUnknown')}</span>`;
    }
  }
}

function flagWords(l10n: ResultsL10n, flag: Flag): string {
  if (flag.kind === 'range') return `${l10n.t(`result.${flag.position}`)} ${l10n.t('result.fromRange')}`;
  return flag.words.length > 0 ? flag.words.join('; ') : l10n.t('result.flaggedCode', { words: l10n.t('result.codedNoWords') });
}

function renderFlag(l10n: ResultsL10n, flag: Flag | undefined): TemplateResult | typeof nothing {
  if (!flag) return nothing;
  return html`<span class="flag" part="flag" data-tone=${flag.tone}><span class="icon" aria-hidden="true">${TONE_ICON[flag.tone]}</span> ${flagWords(l10n, flag)}</span>`;
}

function rangeLine(l10n: ResultsL10n, range: ReferenceRange, who?: string): string | undefined {
  const locale = l10n.locale;
  const bounds = rangeBounds(range, locale, { low: (low) => l10n.t('result.rangeLow', { low }), high: (high) => l10n.t('result.rangeHigh', { high }) });
  if (!bounds) return undefined;
  return who ? l10n.t('result.rangeFor', { who, range: bounds }) : l10n.t('result.range', { range: bounds });
}

function renderRanges(l10n: ResultsL10n, choice: RangeChoice): TemplateResult | typeof nothing {
  const audience = (range: ReferenceRange) => rangeAudience(range, l10n.locale, (age) => l10n.t('result.age', { age }));
  if (choice.kind === 'none') return nothing;
  if (choice.kind === 'chosen') {
    const only = choice.because.length === 1 && choice.because[0] === 'only-range';
    const line = rangeLine(l10n, choice.range, only ? undefined : (audience(choice.range) ?? l10n.t('result.rangeChosen')));
    return line ? html`<p class="range" part="range">${line}</p>` : nothing;
  }
  const lines = choice.ranges.flatMap((range) => rangeLine(l10n, range, audience(range)) ?? []);
  if (lines.length === 0) return nothing;
  return html`<div class="range" part="range several"><p>${l10n.t('result.rangesSeveral')}</p>
    <ul>${lines.map((line) => html`<li>${line}</li>`)}</ul></div>`;
}

const chosenRange = (choice: RangeChoice): ReferenceRange | undefined => (choice.kind === 'chosen' ? choice.range : undefined);

function renderComponents(ctx: ReportContext, result: Result): TemplateResult | typeof nothing {
  if (result.components.length === 0) return nothing;
  const { l10n } = ctx;
  const one = (component: ResultComponent, last: boolean) => {
    const choice = chooseReferenceRange(component.referenceRanges, ctx.patient ?? {}, result.effective);
    const flag = resultFlag(component, l10n.locale, chosenRange(choice));
    return html`<span class="component" part="component"
      ><span class="label">${conceptWords(component.code) ?? component.code.text}</span> ${renderValue(l10n, component.value, false)}${flag
        ? html` (${renderFlag(l10n, flag)})`
        : nothing}${last ? '' : ', '}</span
    >`;
  };
  return html`<p class="components" part="components">${result.components.map((c, i) => one(c, i === result.components.length - 1))}</p>`;
}

const STATUS_SHOWN = new Set(['preliminary', 'amended', 'corrected', 'cancelled', 'registered']);

function renderResult(ctx: ReportContext, result: Result, depth: number, byId: ReadonlyMap<string, Result>, seen: ReadonlySet<string>): TemplateResult {
  const { l10n, report } = ctx;
  const heading = Math.min(6, depth + 3);
  const name = nameOf(result);
  const title =
    heading === 3 ? html`<h3 class="result-name">${name}</h3>` : heading === 4 ? html`<h4 class="result-name">${name}</h4>` : html`<h5 class="result-name">${name}</h5>`;
  if (result.status === 'entered-in-error') {
    // Never shown as a result: its name struck through, labelled, no value.
    return html`<li class="result" part="result withdrawn" data-status="entered-in-error">
      <del>${title}</del>
      <p class="status" part="result-status">${l10n.t('result.status.entered-in-error')}</p>
    </li>`;
  }
  const inside = new Set([...seen, result.id]);
  const members = result.memberIds.flatMap((id) => (inside.has(id) ? [] : (byId.get(id) ?? [])));
  const choice = chooseReferenceRange(result.referenceRanges, ctx.patient ?? {}, result.effective);
  const flag = resultFlag(result, l10n.locale, chosenRange(choice));
  const value = renderValue(l10n, result.value, result.components.length > 0 || members.length > 0);
  const about = aboutHref(result.code, l10n.locale, ctx.about);
  const ownTime = result.effective && result.effective !== report.effective ? result.effective : undefined;
  return html`<li class="result" part="result" data-status=${result.status} data-tone=${flag?.tone ?? 'none'}>
    ${title}
    ${STATUS_SHOWN.has(result.status) && result.status !== report.status ? html`<p class="status" part="result-status">${l10n.t(`result.status.${result.status}` as ResultsKey)}</p>` : nothing}
    ${result.patientReported ? html`<p class="status" part="you-reported">${l10n.t('result.youReported')}</p>` : nothing}
    ${value === nothing ? nothing : html`<p class="value" part="value">${value}</p>`}
    ${flag ? html`<p class="flag-line">${renderFlag(l10n, flag)}</p>` : nothing}
    ${renderComponents(ctx, result)} ${renderRanges(l10n, choice)}
    ${ownTime ? html`<p class="meta" part="result-time">${when(l10n, ownTime, 'result.time')}</p>` : nothing}
    ${result.note ? html`<p class="note" part="note"><strong>${l10n.t('result.note')}:</strong> ${result.note}</p>` : nothing}
    ${about
      ? html`<p><a part="about" href=${about.href} target="_blank" rel="noopener noreferrer"
          aria-label=${l10n.t(about.medlinePlus ? 'result.aboutName' : 'result.aboutNameOther', { name })}>${l10n.t('result.about')}</a></p>`
      : nothing}
    ${ctx.extra?.(result, chosenRange(choice)) ?? nothing}
    ${members.length > 0
      ? html`<ul class="results members" part="members" aria-label=${l10n.t('result.panel')}>
          ${members.map((member) => renderResult(ctx, member, depth + 1, byId, inside))}
        </ul>`
      : nothing}
  </li>`;
}

function renderFiles(l10n: ResultsL10n, files: readonly ReportFile[]): TemplateResult | typeof nothing {
  if (files.length === 0) return nothing;
  const one = (file: ReportFile) => {
    const title = file.title || l10n.t('report.fileUntitled');
    if (file.status === 'ready') return html`<a part="download" href=${file.url} download=${file.fileName}>${l10n.t('report.download', { title })}</a>`;
    return html`<span part="file-refused">${l10n.t(file.status === 'refused' ? 'report.fileRefused' : 'report.fileElsewhere', { title })}</span>`;
  };
  return html`<section class="files" part="files" aria-labelledby="files-title">
    <h3 id="files-title">${l10n.t('report.files')}</h3>
    <ul>${files.map((file) => html`<li>${one(file)}</li>`)}</ul>
  </section>`;
}

/**
 * The results to list at the top: those no other result holds as a panel member, then any that only a cycle of
 * panels holds (A in B, B in A), so that a malformed report still shows every result once.
 */
function topLevel(results: readonly Result[]): Result[] {
  const held = new Set(results.flatMap((result) => result.memberIds.filter((id) => id !== result.id)));
  const top = results.filter((result) => !held.has(result.id));
  const byId = new Map(results.map((result) => [result.id, result]));
  const reached = new Set<string>();
  const visit = (result: Result) => {
    if (reached.has(result.id)) return;
    reached.add(result.id);
    result.memberIds.forEach((id) => {
      const member = byId.get(id);
      if (member) visit(member);
    });
  };
  top.forEach(visit);
  for (const result of results) {
    if (reached.has(result.id)) continue;
    top.push(result);
    visit(result);
  }
  return top;
}

/** One report: its status and times as the lab recorded them, the summary, and each result with its range and flag. */
export function renderReport(ctx: ReportContext): TemplateResult {
  const { l10n, report } = ctx;
  const byId = new Map(report.results.map((result) => [result.id, result]));
  const shown = topLevel(report.results);
  const missing = report.missingResults;
  return html`<article part="report" aria-labelledby="report-title" data-status=${report.status}>
    <button class="link-button" part="back" type="button" @click=${ctx.onBack}>${l10n.t('report.back')}</button>
    <h2 class="title" id="report-title" tabindex="-1">${nameOf(report)}</h2>
    <p class="report-status" part="report-status" data-status=${report.status}>${l10n.t(`report.status.${report.status}`)}</p>
    <p class="meta" part="report-time">
      ${report.effective ? when(l10n, report.effective, 'report.collected') : nothing}${report.effective && report.issued ? html`<br />` : nothing}
      ${report.issued ? when(l10n, report.issued, 'report.issued') : nothing}
    </p>
    ${report.performer ? html`<p class="meta" part="performer">${l10n.t('report.performer', { name: report.performer })}</p>` : nothing}
    ${report.conclusion
      ? html`<section class="conclusion" part="conclusion" aria-labelledby="conclusion-title">
          <h3 id="conclusion-title">${l10n.t('report.conclusion')}</h3>
          <p>${report.conclusion}</p>
        </section>`
      : nothing}
    ${renderFiles(l10n, ctx.files)}
    ${missing > 0 ? html`<p class="notice" part="missing">${missing === 1 ? l10n.t('report.missingOne') : l10n.t('report.missing', { count: missing })}</p>` : nothing}
    ${shown.length === 0
      ? html`<p class="notice" part="no-results">${l10n.t('report.noResults')}</p>`
      : html`<ul class="results" part="result-list">
          ${shown.map((result) => renderResult(ctx, result, 0, byId, new Set()))}
        </ul>`}
  </article>`;
}
