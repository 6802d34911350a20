/**
 * Calendar and wall-clock arithmetic in IANA zones, built on `Intl` only.
 *
 * Seed data says "a slot at 08:00 local time on the day after tomorrow". Adding 24 h to an instant gets
 * that wrong twice a year (the clinic would open at 07:00 or 09:00 on the day after a DST change), so days
 * are counted on a plain calendar and each local wall time is converted to an instant on its own.
 *
 * Shared by the memory adapter (its seed and slot generation) and the scheduler (clinic days, the search of
 * one day); nothing here reads the browser's zone.
 */

/** A calendar date with no zone (month 1-12). */
export interface PlainDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `formatToParts` on a cached formatter is the hot path when a day holds thousands of slots. */
function wallClockFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

interface WallClock extends PlainDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** What the en-US formatter above prints ("03/14/2027, 08:00:00"). */
const WALL_CLOCK_TEXT = /^(\d{2})\/(\d{2})\/(\d{4}),? (\d{2}):(\d{2}):(\d{2})$/;

function wallClockAt(zone: string, epochMs: number): WallClock {
  const formatter = wallClockFormatter(zone);
  // `format` and a pattern are several times cheaper than `formatToParts`; the parts are the fallback for
  // any engine or year that prints otherwise.
  const match = WALL_CLOCK_TEXT.exec(formatter.format(epochMs));
  const parts: Record<string, number> = {};
  if (match) {
    [parts.month, parts.day, parts.year, parts.hour, parts.minute, parts.second] = match.slice(1).map(Number);
  } else {
    for (const part of formatter.formatToParts(epochMs)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    // Some engines print midnight as 24 even with h23; normalise so arithmetic stays on the same day.
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/**
 * Offsets already asked for, by zone and whole second. Generating day after day asks the same instants
 * again (the probe one day after Monday's 08:00 is the probe one day before Wednesday's), and the answer for
 * an instant never changes. Cleared when it grows, so a long-lived adapter does not keep every second.
 */
const offsets = new Map<string, number>();
const MAX_CACHED_OFFSETS = 10_000;

/** Offset of `zone` from UTC at an instant, in ms (New York in winter: -5 h). */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  const key = `${zone}|${wholeSeconds}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const wall = wallClockAt(zone, wholeSeconds);
    offset = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - wholeSeconds;
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The calendar date an instant falls on in `zone`. */
export function dateInZone(zone: string, epochMs: number): PlainDate {
  const { year, month, day } = wallClockAt(zone, epochMs);
  return { year, month, day };
}

/** Calendar arithmetic: no clock is involved, so no DST. */
export function addDays(date: PlainDate, days: number): PlainDate {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: PlainDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: PlainDate, b: PlainDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return daysBetween(b, a);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** FHIR `date` (`2027-03-14`). */
export function toFhirDate(date: PlainDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** Compact form used inside ids (`20270314`). */
export function toDateKey(date: PlainDate): string {
  return `${pad(date.year, 4)}${pad(date.month)}${pad(date.day)}`;
}

export function fromDateKey(key: string): PlainDate {
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(4, 6)), day: Number(key.slice(6, 8)) };
}

/**
 * The instant a local wall time names in `zone`, disambiguated like Temporal's `compatible`: in a fall-back
 * overlap the earlier instant wins; in a spring-forward gap the time moves forward by the gap (02:30 on the
 * March change in New York becomes 03:30 EDT), which is what a person setting a clock would expect.
 */
export function wallTimeToEpochMs(zone: string, date: PlainDate, minuteOfDay: number): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS;
  // US zones change offset at most once in a day, so the offsets a day before and after bracket the answer.
  const before = zoneOffsetMs(zone, wallAsUtc - DAY_MS);
  const after = zoneOffsetMs(zone, wallAsUtc + DAY_MS);
  // No change nearby: the one candidate is the answer (checking it could only lead to the same value below).
  if (before === after) return wallAsUtc - before;
  const valid = [wallAsUtc - before, wallAsUtc - after].filter((epoch) => epoch + zoneOffsetMs(zone, epoch) === wallAsUtc).sort((a, b) => a - b);
  if (valid.length > 0) return valid[0];
  // In the gap: read the wall time with the offset that held before the change.
  return wallAsUtc - before;
}

/** `2027-03-14T08:00:00-04:00`: an instant written with the offset `zone` has at that moment. */
export function formatInstant(epochMs: number, zone: string): string {
  const offset = zoneOffsetMs(zone, epochMs);
  return formatWithOffset(epochMs, offset);
}

const offsetSuffixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => pad(value));
let lastDay = Number.NaN;
let lastDate = '';

/** Same, with an offset the caller already knows (lets a day of slots share one `Intl` lookup). */
export function formatWithOffset(epochMs: number, offsetMs: number): string {
  const wall = Math.floor(epochMs / 1000) * 1000 + offsetMs;
  // A day of slots writes one date and one or two offsets thousands of times: only the clock is worked out
  // per slot, which takes half the time of `toISOString` per slot.
  const day = Math.floor(wall / DAY_MS);
  if (day !== lastDay) {
    lastDay = day;
    lastDate = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let suffix = offsetSuffixes.get(offsetMs);
  if (suffix === undefined) {
    const sign = offsetMs < 0 ? '-' : '+';
    const offsetMinutes = Math.abs(offsetMs) / MINUTE_MS;
    suffix = `${sign}${pad(Math.floor(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
    offsetSuffixes.set(offsetMs, suffix);
  }
  const seconds = (wall - day * DAY_MS) / 1000;
  return `${lastDate}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}${suffix}`;
}

/** Local wall time in `zone` as an instant string with offset. */
export function zonedInstant(zone: string, date: PlainDate, minuteOfDay: number): string {
  return formatInstant(wallTimeToEpochMs(zone, date, minuteOfDay), zone);
}

/**
 * The instant a local day (`2027-03-14`) begins in `zone` (New York → `2027-03-14T05:00:00.000Z`), to search
 * one clinic day. Where a clock change skips midnight itself, the day's first instant (the moved clock).
 */
export function startOfLocalDay(day: string, zone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
  if (!date || toFhirDate(addDays(date, 0)) !== day) throw new RangeError('startOfLocalDay: expected a YYYY-MM-DD day');
  return new Date(wallTimeToEpochMs(zone, date, 0)).toISOString();
}
