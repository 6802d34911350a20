import { html, nothing, svg, type TemplateResult } from 'lit';
import { groupResultSeries, unitKey, type ResultSeries } from '../../model/result-logic.js';
import type { ReferenceRange, Result } from '../../model/results.js';
import { resultFlag, TONE_ICON } from './flags.js';
import { quantityNumber, recordedTime } from './result-text.js';
import type { ResultsL10n } from './strings.js';

export interface TrendContext {
  l10n: ResultsL10n;
  /** The test's name in words. */
  name: string;
  history: readonly Result[];
  /** The range shown as a band: the one chosen for the result the trend was opened from. */
  range?: ReferenceRange;
}

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 8, right: 8, top: 12, bottom: 12 };

const dayOf = (result: Result, l10n: ResultsL10n) => {
  const when = result.effective ?? result.issued;
  return when ? recordedTime(when.slice(0, 10), l10n.locale).text : '—';
};
const whenMs = (result: Result) => {
  const ms = Date.parse(result.effective ?? result.issued ?? '');
  return Number.isNaN(ms) ? 0 : ms;
};

/** The change from the one before the last to the last, in words ("Up 12% since Mar 3, 2026"). */
export function changeWords(l10n: ResultsL10n, series: ResultSeries): string {
  const points = series.points;
  if (points.length < 2) return l10n.t('trend.only');
  const last = Number(points.at(-1)!.quantity.value);
  const before = Number(points.at(-2)!.quantity.value);
  const date = dayOf(points.at(-2)!.result, l10n);
  if (!Number.isFinite(last) || !Number.isFinite(before) || before === 0) return l10n.t('trend.same', { date });
  const percent = Math.round(((last - before) / Math.abs(before)) * 100);
  if (percent === 0) return l10n.t('trend.same', { date });
  return l10n.t(percent > 0 ? 'trend.up' : 'trend.down', { percent: Math.abs(percent), date });
}

/** Band bounds usable on this series' axis: only in its own unit (same UCUM code, or no unit). */
function bandOf(series: ResultSeries, range: ReferenceRange | undefined): { low?: number; high?: number } | undefined {
  if (!range) return undefined;
  const fits = (bound: ReferenceRange['low']) => bound && !bound.comparator && (unitKey(bound) === series.key || unitKey(bound) === 'none');
  const low = fits(range.low) ? Number(range.low!.value) : undefined;
  const high = fits(range.high) ? Number(range.high!.value) : undefined;
  return low === undefined && high === undefined ? undefined : { low, high };
}

function chart(ctx: TrendContext, series: ResultSeries): TemplateResult {
  const { l10n } = ctx;
  const values = series.points.map((p) => Number(p.quantity.value));
  const band = bandOf(series, ctx.range);
  const all = [...values, ...(band?.low !== undefined ? [band.low] : []), ...(band?.high !== undefined ? [band.high] : [])];
  let min = Math.min(...all);
  let max = Math.max(...all);
  // A margin around the values, so points never sit on the frame and a one-sided range still shows as a band.
  const margin = (max - min || Math.abs(max) || 1) * 0.15;
  min -= margin;
  max += margin;
  const times = series.points.map((p) => whenMs(p.result));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (ms: number, i: number) =>
    PAD.left + (t1 === t0 ? (series.points.length === 1 ? 0.5 : i / (series.points.length - 1)) : (ms - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (HEIGHT - PAD.top - PAD.bottom);
  const bandTop = band?.high !== undefined ? y(band.high) : PAD.top;
  const bandBottom = band?.low !== undefined ? y(band.low) : HEIGHT - PAD.bottom;
  const coords = series.points.map((p, i) => [x(times[i], i), y(values[i])] as const);
  const label = l10n.t('trend.chart', {
    name: ctx.name,
    count: series.points.length,
    from: dayOf(series.points[0].result, l10n),
    to: dayOf(series.points.at(-1)!.result, l10n),
    unit: series.unit ?? '',
  });
  return html`<svg class="trend-chart" part="trend-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${label}>
    ${band ? svg`<rect class="band" x=${PAD.left} y=${bandTop} width=${WIDTH - PAD.left - PAD.right} height=${Math.max(0, bandBottom - bandTop)}></rect>` : nothing}
    ${coords.length > 1 ? svg`<polyline class="line" points=${coords.map(([cx, cy]) => `${cx.toFixed(1)},${cy.toFixed(1)}`).join(' ')}></polyline>` : nothing}
    ${coords.map(([cx, cy], i) =>
      series.points[i].result.patientReported
        ? svg`<rect class="point reported" x=${cx - 4} y=${cy - 4} width="8" height="8"></rect>`
        : svg`<circle class="point" cx=${cx} cy=${cy} r="4"></circle>`,
    )}
  </svg>${band ? html`<p class="meta">${l10n.t('trend.band')}</p>` : nothing}`;
}

function table(ctx: TrendContext, series: ResultSeries): TemplateResult {
  const { l10n } = ctx;
  return html`<table class="trend-table" part="trend-table">
    <caption>${l10n.t('trend.title', { name: ctx.name })}${series.unit ? ` (${series.unit})` : ''}</caption>
    <thead><tr><th scope="col">${l10n.t('trend.date')}</th><th scope="col">${l10n.t('trend.value')}</th><th scope="col">${l10n.t('trend.source')}</th></tr></thead>
    <tbody>
      ${[...series.points].reverse().map(({ result, quantity }) => {
        const flag = resultFlag(result, l10n.locale, ctx.range);
        const words = flag?.kind === 'coded' ? flag.words.join('; ') : flag ? l10n.t(`result.${flag.position}`) : '';
        return html`<tr>
          <td>${dayOf(result, l10n)}</td>
          <td>${quantityNumber(quantity, l10n.locale)}${series.unit ? ` ${series.unit}` : ''}${flag && words
            ? html` <span class="flag" data-tone=${flag.tone}><span aria-hidden="true">${TONE_ICON[flag.tone]}</span> ${words}</span>`
            : nothing}</td>
          <td>${result.patientReported ? l10n.t('result.youReported') : l10n.t('trend.lab')}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/**
 * A test's history: one small chart on one unit's axis (the series with the most results), the normal range as a
 * band, the change since the result before in words, and the same points as a table. Values in other units are
 * listed, never plotted on that axis.
 */
export function renderTrend(ctx: TrendContext): TemplateResult {
  const { l10n } = ctx;
  const trend = groupResultSeries(ctx.history);
  const [main, ...others] = trend.series;
  const left = trend.unplotted.length;
  return html`<section class="trend" part="trend" aria-label=${l10n.t('trend.title', { name: ctx.name })}>
    ${main
      ? html`<p class="change" part="trend-change">${changeWords(l10n, main)}</p>
          ${chart(ctx, main)} ${table(ctx, main)}`
      : nothing}
    ${others.length > 0
      ? html`<div part="trend-other-units">
          <p>${l10n.t('trend.otherUnits')}</p>
          <ul>
            ${others.map(
              (series) =>
                html`<li>${series.points.map((p) => `${quantityNumber(p.quantity, l10n.locale)}${series.unit ? ` ${series.unit}` : ''} (${dayOf(p.result, l10n)})`).join('; ')}</li>`,
            )}
          </ul>
        </div>`
      : nothing}
    ${left > 0 ? html`<p class="meta">${left === 1 ? l10n.t('trend.leftOne') : l10n.t('trend.left', { count: left })}</p>` : nothing}
  </section>`;
}
