/**
 * Calendar and wall-clock arithmetic in IANA zones, built on `Intl` only.
 *
 * Seed data says "a slot at 08:00 local time on the day after tomorrow". Adding 24 h to an instant gets
 * that wrong twice a year (the clinic would open at 07:00 or 09:00 on the day after a DST change), so days
 * are counted on a plain calendar and each local wall time is converted to an instant on its own.
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

function wallClockAt(zone: string, epochMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormatter(zone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
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

/** Offset of `zone` from UTC at an instant, in ms (New York in winter: -5 h). */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  const wall = wallClockAt(zone, wholeSeconds);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - wholeSeconds;
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
  const candidates = before === after ? [wallAsUtc - before] : [wallAsUtc - before, wallAsUtc - after];
  const valid = candidates.filter((epoch) => epoch + zoneOffsetMs(zone, epoch) === wallAsUtc).sort((a, b) => a - b);
  if (valid.length > 0) return valid[0];
  // In the gap: read the wall time with the offset that held before the change.
  return wallAsUtc - before;
}

/** `2027-03-14T08:00:00-04:00`: an instant written with the offset `zone` has at that moment. */
export function formatInstant(epochMs: number, zone: string): string {
  const offset = zoneOffsetMs(zone, epochMs);
  return formatWithOffset(epochMs, offset);
}

/** Same, with an offset the caller already knows (lets a day of slots share one `Intl` lookup). */
export function formatWithOffset(epochMs: number, offsetMs: number): string {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  const wall = new Date(wholeSeconds + offsetMs).toISOString().slice(0, 19);
  const sign = offsetMs < 0 ? '-' : '+';
  const offsetMinutes = Math.abs(offsetMs) / MINUTE_MS;
  return `${wall}${sign}${pad(Math.floor(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** Local wall time in `zone` as an instant string with offset. */
export function zonedInstant(zone: string, date: PlainDate, minuteOfDay: number): string {
  return formatInstant(wallTimeToEpochMs(zone, date, minuteOfDay), zone);
}
