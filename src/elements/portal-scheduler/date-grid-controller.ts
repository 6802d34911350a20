import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatFhirDate } from '../../i18n/index.js';
import { addDays, addMonths, addYears, clampDay, endOfWeek, monthOf, startOfWeek } from '../../time/days.js';
import { WEEK_START, type Day, type Month, type Weekday } from '../../time/days.js';
import type { SchedulerTranslator } from './strings.js';

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
  l10n: SchedulerTranslator;
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
  /** Months opened by `skipEmptyMonth`; and whether the person has moved months themselves (then it never does). */
  private skipped = 0;
  private skipping = false;
  private personMoved = false;
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

  get l10n(): SchedulerTranslator {
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
      if (!this.skipping) this.personMoved = true;
      this.announcement = formatFhirDate(this.month, this.l10n.locale);
      this.options.onMonthChange?.(this.month);
    }
    this.host.requestUpdate();
  }

  /**
   * The month on screen has no free time left (late in a month, a closed fortnight): the next month opens by
   * itself, announced like any move, at most twice and never once the person has moved months themselves.
   */
  skipEmptyMonth(): void {
    if (this.personMoved || this.skipped >= 2 || !this.canShowNext) return;
    this.skipped++;
    this.skipping = true;
    try {
      this.focusDay(addMonths(this.focusedDay, 1), false);
    } finally {
      this.skipping = false;
    }
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
