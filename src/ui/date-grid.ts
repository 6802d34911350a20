import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LocalizeController } from '../controllers/localize.js';
import { formatFhirDate, type MessageKey } from '../i18n/index.js';
import type { Locale } from '../model/config.js';
import { token } from '../styles/tokens.js';
import { addDays, addMonths, addYears, clampDay, dayToUtcDate, endOfWeek, monthGrid, monthOf, startOfWeek } from '../time/days.js';
import { WEEK_START, weekdayOrder, type Day, type Month, type Weekday } from '../time/days.js';
import { dateTimeFormat } from '../time/intl.js';

/** What the grid needs to speak the element's language; an element passes its `LocalizeController`. */
export type DateGridL10n = Pick<LocalizeController, 'locale' | 't'>;

/** The data a host may change at any time through `configure()`. Days are `YYYY-MM-DD`. */
export interface DateGridState {
  /** Today in the clinic's zone (marked `aria-current="date"`); the grid never reads the browser clock. */
  today: Day;
  /** First bookable day (the horizon's start); focus cannot move before it. */
  min?: Day;
  /** Last bookable day (the horizon's end); focus cannot move past it. */
  max?: Day;
  /** Days with free times: the only days that can be selected. */
  available?: Iterable<Day>;
  /**
   * From this day on, free times are unknown: the search was cut short (a mass-vaccination site on a server
   * that pages) before reaching them. Such days can be chosen and say so; the host searches a chosen one.
   */
  uncheckedFrom?: Day;
  selected?: Day;
}

export interface DateGridOptions extends DateGridState {
  l10n: DateGridL10n;
  /** Day focused first; default the selected day, else today (moved into the bounds). */
  focus?: Day;
  /** An available day was chosen (click, Enter or Space). */
  onSelect?: (day: Day) => void;
  /** The person moved to another month (keys or buttons); not called for `configure()`. */
  onMonthChange?: (month: Month) => void;
  /** Where the grid is rendered (the host's shadow root), so focus can follow the keys. */
  root: () => ParentNode;
}

/**
 * State and keyboard behaviour of a month date picker following the WAI-ARIA APG date-picker grid: one
 * focusable day (roving tabindex), arrows by day/week, Home/End to the week's ends, PageUp/PageDown by month,
 * Shift+PageUp/PageDown by year, Enter/Space to select. The displayed month is always the focused day's month.
 * Render it with `renderDateGrid`; render `announcement` in a polite live region.
 */
export class DateGridController implements ReactiveController {
  /** The month just navigated to ("November 2026"), for the host's polite live region; '' until then. */
  announcement = '';

  private focusedDay: Day;
  private pendingFocus = false;
  // Read through getters: every change goes through configure(), which re-clamps focus and re-renders.
  private state: Omit<DateGridState, 'available'> & { available: ReadonlySet<Day> };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DateGridOptions,
  ) {
    this.state = { today: options.today, available: new Set() };
    this.focusedDay = options.focus ?? options.selected ?? options.today;
    this.configure(options);
    host.addController(this);
  }

  get today(): Day { return this.state.today; }
  get min(): Day | undefined { return this.state.min; }
  get max(): Day | undefined { return this.state.max; }
  get selected(): Day | undefined { return this.state.selected; }
  get available(): ReadonlySet<Day> { return this.state.available; }
  get uncheckedFrom(): Day | undefined { return this.state.uncheckedFrom; }

  get l10n(): DateGridL10n {
    return this.options.l10n;
  }

  /** The day holding `tabindex="0"`. */
  get focused(): Day {
    return this.focusedDay;
  }

  /** The displayed month, `YYYY-MM`. */
  get month(): Month {
    return monthOf(this.focusedDay);
  }

  get weekStart(): Weekday {
    return WEEK_START[this.l10n.locale];
  }

  /**
   * Replaces the fields given (a field present as `undefined` clears it; `today` and `available` keep their
   * value when absent). Focus is moved inside the new bounds.
   */
  configure(state: Partial<DateGridState>): void {
    const has = (key: keyof DateGridState) => key in state;
    this.state = {
      today: state.today ?? this.today,
      min: has('min') ? state.min : this.min,
      max: has('max') ? state.max : this.max,
      selected: has('selected') ? state.selected : this.selected,
      uncheckedFrom: has('uncheckedFrom') ? state.uncheckedFrom : this.uncheckedFrom,
      available: state.available ? new Set(state.available) : this.available,
    };
    this.focusedDay = clampDay(this.focusedDay, this.min, this.max);
    this.host.requestUpdate();
  }

  isInBounds(day: Day): boolean {
    return clampDay(day, this.min, this.max) === day;
  }

  isSelectable(day: Day): boolean {
    return this.isInBounds(day) && (this.available.has(day) || this.isUnchecked(day));
  }

  /** A day the search did not reach, so it may have free times (see `uncheckedFrom`). */
  isUnchecked(day: Day): boolean {
    return this.uncheckedFrom !== undefined && day >= this.uncheckedFrom && !this.available.has(day);
  }

  get canShowPrevious(): boolean {
    return !this.min || monthOf(this.min) < this.month;
  }

  get canShowNext(): boolean {
    return !this.max || monthOf(this.max) > this.month;
  }

  /** The previous-month button: the same day of that month (clamped), focus stays on the button. */
  showPreviousMonth(): void {
    if (this.canShowPrevious) this.focusDay(addMonths(this.focusedDay, -1), false);
  }

  showNextMonth(): void {
    if (this.canShowNext) this.focusDay(addMonths(this.focusedDay, 1), false);
  }

  /**
   * Makes `day` (moved into the bounds) the focused day; with `moveFocus`, DOM focus follows after the next
   * update. A move to another month sets `announcement` and calls `onMonthChange`.
   */
  focusDay(day: Day, moveFocus = true): void {
    const target = clampDay(day, this.min, this.max);
    const monthChanged = monthOf(target) !== this.month;
    this.focusedDay = target;
    this.pendingFocus = moveFocus;
    if (monthChanged) {
      this.announcement = formatFhirDate(this.month, this.l10n.locale);
      this.options.onMonthChange?.(this.month);
    }
    this.host.requestUpdate();
  }

  /** Selects `day` if it has free times and lies in the bounds; returns whether it did. */
  select(day: Day): boolean {
    if (!this.isSelectable(day)) return false;
    this.state = { ...this.state, selected: day };
    this.host.requestUpdate();
    this.options.onSelect?.(day);
    return true;
  }

  readonly onKeydown = (event: KeyboardEvent): void => {
    const day = dayOf(event);
    if (!day || event.altKey || event.ctrlKey || event.metaKey) return;
    const paging = event.key === 'PageUp' || event.key === 'PageDown';
    if (event.shiftKey && !paging) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select(day);
      return;
    }
    const step = (event.currentTarget as Element).matches(':dir(rtl)') ? -1 : 1;
    const byMonth = event.shiftKey ? addYears : addMonths;
    const moves: Record<string, () => Day> = {
      ArrowRight: () => addDays(day, step),
      ArrowLeft: () => addDays(day, -step),
      ArrowDown: () => addDays(day, 7),
      ArrowUp: () => addDays(day, -7),
      Home: () => startOfWeek(day, this.weekStart),
      End: () => endOfWeek(day, this.weekStart),
      PageUp: () => byMonth(day, -1),
      PageDown: () => byMonth(day, 1),
    };
    if (!Object.hasOwn(moves, event.key)) return;
    event.preventDefault();
    this.focusDay(moves[event.key](), true);
  };

  readonly onClick = (event: MouseEvent): void => {
    const day = dayOf(event);
    if (!day || !this.isInBounds(day)) return;
    this.focusDay(day, true);
    this.select(day);
  };

  hostUpdated(): void {
    if (!this.pendingFocus) return;
    this.pendingFocus = false;
    // One grid per host: the focused day is found in its render root.
    this.options.root().querySelector<HTMLElement>(`.calendar-grid [data-day="${this.focusedDay}"]`)?.focus();
  }
}

function dayOf(event: Event): Day | undefined {
  return (event.target as Element | null)?.closest<HTMLElement>('[data-day]')?.dataset.day;
}

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
  const t = (key: MessageKey) => l10n.t(key);
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
  const nav = (label: MessageKey, enabled: boolean, run: () => void, glyph: string) =>
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
