import type { Slot } from '../model/scheduling.js';
import { dayAsUtcMs, dayOfWallMs, toDay, type Day, type DayParts } from './days.js';
import { dateTimeFormat, type FormatOptions } from './intl.js';

/**
 * Wall-clock arithmetic in IANA zones, built on `Intl` only.
 *
 * Seed data says "a slot at 08:00 local time on the day after tomorrow". Adding 24 h to an instant gets
 * that wrong twice a year (the clinic would open at 07:00 or 09:00 on the day after a DST change), so days
 * are counted on a plain calendar and each local wall time is converted to an instant on its own.
 *
 * Shared by the memory adapter (its seed and slot generation), the scheduler (clinic days, the search of
 * one day) and the slot labels; nothing here reads the browser's zone: the same slot falls on the same day
 * from UTC−11 to UTC+14.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const WALL_CLOCK: FormatOptions = { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' };

/** `formatToParts` on a cached formatter is the hot path when a day holds thousands of slots. */
function wallClockFormatter(zone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-US', zone, WALL_CLOCK);
}

interface WallClock extends DayParts {
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

/** The calendar day an instant falls on in `zone`. */
export function dayInZone(zone: string, epochMs: number): Day {
  return toDay(wallClockAt(zone, epochMs));
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The instant a local wall time names in `zone`, disambiguated like Temporal's `compatible`: in a fall-back
 * overlap the earlier instant wins; in a spring-forward gap the time moves forward by the gap (02:30 on the
 * March change in New York becomes 03:30 EDT), which is what a person setting a clock would expect.
 */
export function wallTimeToEpochMs(zone: string, day: Day, minuteOfDay: number): number {
  const wallAsUtc = dayAsUtcMs(day) + minuteOfDay * MINUTE_MS;
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
export function toInstant(epochMs: number, zone: string): string {
  return toInstantWithOffset(epochMs, zoneOffsetMs(zone, epochMs));
}

const offsetSuffixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => pad(value));
let lastDay = Number.NaN;
let lastDate = '';

/** Same, with an offset the caller already knows (lets a day of slots share one `Intl` lookup). */
export function toInstantWithOffset(epochMs: number, offsetMs: number): string {
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
export function zonedInstant(zone: string, day: Day, minuteOfDay: number): string {
  return toInstant(wallTimeToEpochMs(zone, day, minuteOfDay), zone);
}

/**
 * The instant a local day (`2027-03-14`) begins in `zone` (New York → `2027-03-14T05:00:00.000Z`), to search
 * one clinic day. Where a clock change skips midnight itself, the day's first instant (the moved clock).
 */
export function startOfLocalDay(day: Day, zone: string): string {
  return new Date(wallTimeToEpochMs(zone, day, 0)).toISOString();
}

/** The fixed-offset zone an instant was written in (`…-05:00` → `-05:00`, `…Z` → `+00:00`). */
export function offsetOf(instant: string): string {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(instant);
  return match?.[1] === 'Z' ? '+00:00' : (match?.[1] ?? '+00:00');
}

/** The same offset in minutes east of UTC (`-05:00` → -300). */
export function offsetMinutesOf(instant: string): number {
  const [, sign, hours, minutes] = /^([+-])(\d{2}):(\d{2})$/.exec(offsetOf(instant)) ?? ['', '+', '0', '0'];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** Epoch ms of an instant. A leap second (`:60`, allowed by FHIR) reads as the second before it. */
export function instantMs(instant: string): number {
  // Checked before the rewrite: a month of slots parses thousands of instants, and almost none has `:60`.
  const epoch = Date.parse(instant.includes(':60') ? instant.replace(/:60(?=[.Z+-])/, ':59') : instant);
  // The value stays out of the message: a slot time tied to a person is PHI.
  if (Number.isNaN(epoch)) throw new RangeError('time: not an instant with an offset');
  return epoch;
}

/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`; with no zone, on the day written in the
 * instant itself (`2026-11-01T23:30:00-05:00` → `2026-11-01`, wherever the browser is).
 */
export function localDayOf(instant: string, timeZone?: string): Day {
  const epoch = instantMs(instant);
  // The date an instant is written with is its date in its own offset.
  return timeZone ? dayInZone(timeZone, epoch) : instant.slice(0, 10);
}

/**
 * A zone's offset at any instant from `fromMs` to `toMs`, read with a few `Intl` calls instead of one per instant:
 * the offset at each day boundary of the span, and where two neighbours differ, the second the clock changed (by
 * bisection, about 17 more calls). A month of a clinic's slots then costs ~35 lookups rather than ~1,500. It rests
 * on what every zone's rules hold: a clock changes at most once within a day. Outside the span, each instant is
 * asked of `Intl` on its own.
 */
export function offsetsAcross(zone: string, fromMs: number, toMs: number): (epochMs: number) => number {
  const start = Math.floor(fromMs / 1000) * 1000;
  const points = [start];
  for (let at = start + DAY_MS; at < toMs; at += DAY_MS) points.push(at);
  points.push(Math.max(start, Math.floor(toMs / 1000) * 1000));
  // Each change as [first instant of the new offset, offset]; the span starts with the offset at `start`.
  const changes: [number, number][] = [[start, zoneOffsetMs(zone, start)]];
  for (let i = 1; i < points.length; i++) {
    const offset = zoneOffsetMs(zone, points[i]);
    let before = points[i - 1];
    if (offset === changes[changes.length - 1][1]) continue;
    let after = points[i];
    while (after - before > 1000) {
      const middle = before + Math.floor((after - before) / 2000) * 1000;
      if (zoneOffsetMs(zone, middle) === offset) after = middle;
      else before = middle;
    }
    changes.push([after, offset]);
  }
  const end = points[points.length - 1];
  return (epochMs) => {
    if (epochMs < start || epochMs > end + 999) return zoneOffsetMs(zone, epochMs);
    let i = changes.length - 1;
    while (i > 0 && epochMs < changes[i][0]) i--;
    return changes[i][1];
  };
}

/**
 * Groups slots by the local day of their clinic (`zoneOf` gives the zone, `undefined` for the slot's own
 * offset). Days come in calendar order, slots within a day by start instant (ties keep input order).
 */
export function bucketByLocalDay<S extends Pick<Slot, 'start'>>(
  slots: readonly S[],
  zoneOf: (slot: S) => string | undefined,
): Map<Day, S[]> {
  const entries = slots.map((slot) => ({ slot, epoch: instantMs(slot.start), zone: zoneOf(slot) }));
  // Each zone's offsets over the span its slots cover, found once.
  const spans = new Map<string, [number, number]>();
  for (const { zone, epoch } of entries) {
    if (!zone) continue;
    const span = spans.get(zone);
    if (!span) spans.set(zone, [epoch, epoch]);
    else if (epoch < span[0]) span[0] = epoch;
    else if (epoch > span[1]) span[1] = epoch;
  }
  const offsetOf = new Map([...spans].map(([zone, [from, to]]) => [zone, offsetsAcross(zone, from, to)]));
  const byDay = new Map<Day, { slot: S; epoch: number }[]>();
  // A month's slots fall on some thirty days: each day's name is written once.
  const dayNames = new Map<number, Day>();
  for (const entry of entries) {
    const offset = entry.zone ? offsetOf.get(entry.zone) : undefined;
    let day: Day;
    if (offset) {
      const dayNumber = Math.floor((entry.epoch + offset(entry.epoch)) / DAY_MS);
      day = dayNames.get(dayNumber) ?? dayOfWallMs(dayNumber * DAY_MS);
      dayNames.set(dayNumber, day);
    } else {
      day = entry.slot.start.slice(0, 10);
    }
    let bucket = byDay.get(day);
    if (!bucket) byDay.set(day, (bucket = []));
    bucket.push(entry);
  }
  const result = new Map<Day, S[]>();
  for (const day of [...byDay.keys()].sort()) {
    result.set(
      day,
      byDay
        .get(day)!
        .sort((a, b) => a.epoch - b.epoch)
        .map((entry) => entry.slot),
    );
  }
  return result;
}
