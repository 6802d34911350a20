import type { Locale } from '../model/config.js';

/**
 * Calendar arithmetic on plain days (`YYYY-MM-DD`) and months (`YYYY-MM`). Everything here is integer
 * maths on the date's parts (days since 1970-01-01 in the proleptic Gregorian calendar): no `Date`, no
 * clock, so no DST switch and no viewer time zone (UTC−11 to UTC+14) can move a day.
 *
 * A day is passed around as its `YYYY-MM-DD` string everywhere (elements, controllers, the memory adapter,
 * the zone maths): it is what FHIR writes, it compares with `===` and keys a `Map`, and it needs no
 * conversion at any boundary. `DayParts` is only the parsed form the arithmetic works on.
 */

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;
/** A calendar month, `YYYY-MM`. */
export type Month = string;
/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The first day of the week people expect: Sunday in US English, Monday in Spanish. */
export const WEEK_START: Record<Locale, Weekday> = { en: 0, es: 1 };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DayParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (`2027-02-29` is not). */
export function isDay(value: unknown): value is Day {
  const match = typeof value === 'string' ? DAY.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseDay(day: Day): DayParts {
  // The value stays out of the message: a day may be someone's date of birth.
  if (!isDay(day)) throw new RangeError('Not a calendar day (YYYY-MM-DD)');
  const [year, month, date] = day.split('-').map(Number);
  return { year, month, day: date };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function toDay({ year, month, day }: DayParts): Day {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Days since 1970-01-01 (Howard Hinnant's `days_from_civil`). */
function epochDay({ year, month, day }: DayParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of `epochDay` (`civil_from_days`). */
function fromEpochDay(days: number): DayParts {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 00:00 UTC on `day`, in ms since the epoch: the day's wall clock read as if it were UTC. */
/** The calendar day that holds the UTC millisecond `wallMs` (a wall-clock time written as if it were UTC). */
export function dayOfWallMs(wallMs: number): Day {
  return toDay(fromEpochDay(Math.floor(wallMs / 86_400_000)));
}

export function dayAsUtcMs(day: Day): number {
  return epochDay(parseDay(day)) * 86_400_000;
}

export function addDays(day: Day, days: number): Day {
  return toDay(fromEpochDay(epochDay(parseDay(day)) + days));
}

/** Same day of the month `months` later, clamped to the month's end (Jan 31 + 1 month → Feb 28 or 29). */
export function addMonths(day: Day, months: number): Day {
  const parts = parseDay(day);
  const index = parts.year * 12 + parts.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return toDay({ year, month, day: Math.min(parts.day, daysInMonth(year, month)) });
}

/**
 * The calendar day `intervalDays` after a first dose (`2027-02-28` + 28 → `2027-03-28`). Only whole days:
 * half a day after a dose names no day.
 */
export function followUpDay(firstDoseDay: Day, intervalDays: number): Day {
  if (!Number.isInteger(intervalDays)) throw new RangeError('followUpDay: expected a whole number of days');
  return addDays(firstDoseDay, intervalDays);
}

export function addYears(day: Day, years: number): Day {
  return addMonths(day, years * 12);
}

export function weekday(day: Day): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(parseDay(day)) + 4) % 7) + 7) % 7) as Weekday;
}

/** The first day of the week `day` lies in, for weeks starting on `weekStart`. */
export function startOfWeek(day: Day, weekStart: Weekday): Day {
  return addDays(day, -((weekday(day) - weekStart + 7) % 7));
}

export function endOfWeek(day: Day, weekStart: Weekday): Day {
  return addDays(startOfWeek(day, weekStart), 6);
}

export function monthOf(day: Day): Month {
  return day.slice(0, 7);
}

export function firstOfMonth(day: Day): Day {
  return `${monthOf(day)}-01`;
}

export function lastOfMonth(day: Day): Day {
  const { year, month } = parseDay(day);
  return toDay({ year, month, day: daysInMonth(year, month) });
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDays(a: Day, b: Day): number {
  return epochDay(parseDay(a)) - epochDay(parseDay(b));
}

/** `day` moved into `[min, max]` (either bound may be absent). */
export function clampDay(day: Day, min?: Day, max?: Day): Day {
  if (min && compareDays(day, min) < 0) return min;
  if (max && compareDays(day, max) > 0) return max;
  return day;
}

/**
 * The weeks of the month `day` lies in, as rows of 7 cells starting on `weekStart`; cells outside the month
 * are `null`. Only the weeks the month touches are returned (4 to 6 rows).
 */
export function monthGrid(day: Day, weekStart: Weekday): (Day | null)[][] {
  const { year, month } = parseDay(day);
  const first = firstOfMonth(day);
  const length = daysInMonth(year, month);
  const lead = (weekday(first) - weekStart + 7) % 7;
  return Array.from({ length: Math.ceil((lead + length) / 7) }, (_, week) =>
    Array.from({ length: 7 }, (_, column) => {
      const index = week * 7 + column - lead;
      return index >= 0 && index < length ? addDays(first, index) : null;
    }),
  );
}

/** The seven weekdays in display order for weeks starting on `weekStart`. */
export function weekdayOrder(weekStart: Weekday): Weekday[] {
  return Array.from({ length: 7 }, (_, i) => ((weekStart + i) % 7) as Weekday);
}

/** Compact form used inside ids (`20270314`). */
export function toDayKey(day: Day): string {
  return day.replaceAll('-', '');
}

/** The day a compact key names, or undefined when it names none (`20270230`). */
export function fromDayKey(key: string): Day | undefined {
  const day = `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6)}`;
  return isDay(day) ? day : undefined;
}

/** A FHIR `date` at the precision it was recorded: `2021`, `2021-05` or `2021-05-03`. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

/**
 * The parts of a FHIR `date` (a `dateTime` by its date part), read from the text: never through
 * `new Date('2021-05-03')`, which is UTC midnight and the day before anywhere west of Greenwich.
 */
export function parsePartialDate(value: string): PartialDate | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match;
  return { year: Number(year), ...(month ? { month: Number(month) } : {}), ...(day ? { day: Number(day) } : {}) };
}

/**
 * A `Date` at noon UTC on a day (the first of the month or year where the date is partial), only for
 * `Intl.DateTimeFormat(…, { timeZone: 'UTC' })`: formatting it in UTC shows exactly that day, whatever zone
 * the browser is in.
 */
export function dayToUtcDate(day: Day | PartialDate): Date {
  const { year, month = 1, day: date = 1 } = typeof day === 'string' ? parseDay(day) : day;
  const value = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  value.setUTCFullYear(year, month - 1, date);
  value.setUTCHours(12, 0, 0, 0);
  return value;
}
