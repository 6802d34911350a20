import { css, html, nothing, type TemplateResult } from 'lit';
import { formatFhirDate } from '../../i18n/index.js';
import type { Locale } from '../../model/config.js';
import { token } from '../../styles/tokens.js';
import { addDays, dayToUtcDate, monthGrid, weekdayOrder, type Day } from '../../time/days.js';
import { dateTimeFormat } from '../../time/intl.js';
import type { DateGridController } from './date-grid-controller.js';
import type { SchedulerKey } from './strings.js';

// The date grid's markup and styles; its state and keys are DateGridController's.
function format(day: Day, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  return dateTimeFormat(locale, 'UTC', options).format(dayToUtcDate(day));
}

/** A known Sunday, to name weekdays through Intl. */
const SUNDAY = '2023-01-01';

export interface DateGridRenderOptions {
  /** Prefix for ids in the host's shadow root (the heading is `${id}-heading`); default `date-grid`. */
  id?: string;
  /** `aria-level` of the month heading; default 3. */
  headingLevel?: number;
}

/**
 * The month heading, previous/next month buttons and the `role="grid"` of days. The host adds
 * `dateGridStyles` to its styles and renders `controller.announcement` in its own polite live region.
 */
export function renderDateGrid(controller: DateGridController, options: DateGridRenderOptions = {}): TemplateResult {
  const { l10n } = controller;
  const { locale } = l10n;
  const t = (key: SchedulerKey) => l10n.t(key);
  const headingId = `${options.id ?? 'date-grid'}-heading`;
  const weekdays = weekdayOrder(controller.weekStart).map((weekday) => addDays(SUNDAY, weekday));
  const status = (day: Day) =>
    t(
      !controller.isInBounds(day)
        ? 'dateGrid.outOfRange'
        : controller.available.has(day)
          ? 'dateGrid.available'
          : controller.isUnchecked(day)
            ? 'dateGrid.unchecked'
            : 'dateGrid.unavailable',
    );

  const cell = (day: Day | null) => {
    if (!day) return html`<td role="gridcell" class="blank"></td>`;
    const available = controller.isSelectable(day);
    const selected = day === controller.selected;
    const today = day === controller.today;
    const label = [format(day, locale, { dateStyle: 'full' }), ...(today ? [t('dateGrid.today')] : []), status(day)].join(', ');
    const unchecked = available && controller.isUnchecked(day);
    const part = ['day', available && 'day-available', unchecked && 'day-unchecked', selected && 'day-selected', today && 'day-today', !available && 'day-disabled'];
    // The APG grid: the cell itself takes focus and carries the state; its name says date, today and free times.
    return html`<td role="gridcell" class="day" part=${part.filter(Boolean).join(' ')} data-day=${day} aria-label=${label}
      tabindex=${day === controller.focused ? 0 : -1} aria-selected=${selected ? 'true' : nothing}
      aria-disabled=${available ? nothing : 'true'} aria-current=${today ? 'date' : nothing}>
      <span class="day-number" aria-hidden="true">${Number(day.slice(8))}</span>
      <span class="day-marker" aria-hidden="true"></span>
    </td>`;
  };

  // aria-disabled, not disabled: a disabled button would drop keyboard focus at the horizon's end.
  const nav = (label: SchedulerKey, enabled: boolean, run: () => void, glyph: string) =>
    html`<button type="button" class="calendar-nav" part="calendar-nav" aria-label=${t(label)} aria-disabled=${enabled ? nothing : 'true'} @click=${run}>
      <span aria-hidden="true">${glyph}</span>
    </button>`;

  return html`<div class="calendar" part="calendar">
    <div class="calendar-header">
      ${nav('dateGrid.previousMonth', controller.canShowPrevious, () => controller.showPreviousMonth(), '‹')}
      <div class="calendar-heading" part="calendar-heading" id=${headingId} role="heading" aria-level=${options.headingLevel ?? 3}>
        ${formatFhirDate(controller.month, locale)}
      </div>
      ${nav('dateGrid.nextMonth', controller.canShowNext, () => controller.showNextMonth(), '›')}
    </div>
    <table class="calendar-grid" part="calendar-grid" role="grid" aria-labelledby=${headingId}
      @keydown=${controller.onKeydown} @click=${controller.onClick}>
      <thead>
        <tr>${weekdays.map((day) => html`<th scope="col" part="weekday" abbr=${format(day, locale, { weekday: 'long' })}>
            <span class="weekday-short">${format(day, locale, { weekday: 'short' })}</span><span class="weekday-narrow">${format(day, locale, { weekday: 'narrow' })}</span>
          </th>`)}</tr>
      </thead>
      <tbody>
        ${monthGrid(controller.focused, controller.weekStart).map((week) => html`<tr>${week.map(cell)}</tr>`)}
      </tbody>
    </table>
  </div>`;
}

/**
 * @csspart calendar - The whole date picker.
 * @csspart calendar-heading - The month and year.
 * @csspart calendar-nav - Previous and next month buttons.
 * @csspart calendar-grid - The table of days.
 * @csspart weekday - A weekday column header.
 * @csspart day - Every day cell; also `day-available`, `day-unchecked` (free times not searched yet), `day-selected`, `day-today`, `day-disabled`.
 */
export const dateGridStyles = css`
  .calendar {
    max-width: 28rem;
    /* The weekday headings switch to one letter when the grid is too narrow for "mié" or "Wed". */
    container-type: inline-size;
  }
  .calendar-header {
    display: flex;
    align-items: center;
    gap: ${token('--portal-space')};
    margin-bottom: ${token('--portal-space')};
  }
  .calendar-heading {
    flex: 1 1 auto;
    min-width: 0;
    text-align: center;
    font-size: 1.125em;
    font-weight: 600;
    /* Whole words on their own line first ("noviembre" / "de 2026"); split a word only if it cannot fit. */
    overflow-wrap: break-word;
  }
  .calendar-nav {
    min-width: ${token('--portal-target-size')};
    min-height: ${token('--portal-target-size')};
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    color: ${token('--portal-color-text')};
    font: inherit;
    font-size: 1.25em;
    cursor: pointer;
  }
  .calendar-nav[aria-disabled='true'] {
    border-style: dashed;
    color: ${token('--portal-color-text-muted')};
    cursor: not-allowed;
  }
  .calendar-nav span:dir(rtl) {
    display: inline-block;
    transform: scaleX(-1);
  }
  .calendar-grid {
    width: 100%;
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: 2px;
  }
  th {
    padding: 0 0 calc(${token('--portal-space')} / 2);
    overflow: hidden;
    color: ${token('--portal-color-text-muted')};
    font-size: 0.875em;
    font-weight: 600;
    text-align: center;
  }
  .weekday-narrow {
    display: none;
  }
  @container (max-width: 15rem) {
    .calendar-heading {
      font-size: 1em;
    }
    .weekday-short {
      display: none;
    }
    .weekday-narrow {
      display: inline;
    }
  }
  .day {
    height: ${token('--portal-target-size')};
    min-width: 24px;
    padding: 0;
    border: 1px solid transparent;
    border-radius: ${token('--portal-radius')};
    color: ${token('--portal-color-text-muted')};
    text-align: center;
    vertical-align: middle;
    cursor: default;
  }
  .day-number {
    display: block;
    line-height: 1.2;
  }
  .day-marker {
    display: block;
    width: 0;
    height: 0;
    margin: 2px auto 0;
    border: 3px solid currentColor;
    border-radius: 50%;
    /* Hidden, not transparent: forced-colors mode repaints transparent borders. */
    visibility: hidden;
  }
  .day[part~='day-available'] {
    border-color: ${token('--portal-color-border')};
    color: ${token('--portal-color-text')};
    font-weight: 700;
    cursor: pointer;
  }
  .day[part~='day-available'] .day-marker {
    visibility: visible;
  }
  /* Not searched yet: choosable, but without the free-times dot, and a dashed edge says "unknown". */
  .day[part~='day-unchecked'] {
    border-style: dashed;
    font-weight: 400;
  }
  .day[part~='day-unchecked'] .day-marker {
    visibility: hidden;
  }
  .day[part~='day-available']:hover {
    background: ${token('--portal-color-surface-raised')};
  }
  .day[aria-current='date'] .day-number {
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .day[aria-selected='true'] {
    border-color: ${token('--portal-color-accent')};
    background: ${token('--portal-color-accent')};
    color: ${token('--portal-color-accent-contrast')};
  }
  .day:focus-visible {
    outline: ${token('--portal-focus-ring')};
    outline-offset: 1px;
  }
  @media (forced-colors: active) {
    .calendar-nav {
      border-color: ButtonText;
    }
    .calendar-nav[aria-disabled='true'] {
      border-color: GrayText;
      color: GrayText;
    }
    .day {
      border-color: Canvas;
    }
    .day[aria-disabled='true'] {
      color: GrayText;
    }
    .day[part~='day-available'] {
      border-color: CanvasText;
      color: CanvasText;
    }
    .day[aria-selected='true'] {
      forced-color-adjust: none;
      border-color: Highlight;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
