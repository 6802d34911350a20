// @ts-check
/**
 * Calendar dates and zoned instants for the seed, without the host's zone or clock.
 *
 * A calendar date is a `YYYY-MM-DD` string and all arithmetic on it is done in UTC, where every day has 24
 * hours. A clock time at a place becomes an instant only through `zonedInstant`, which asks `Intl` for the
 * zone's UTC offset at that moment, so the days clocks change are right (a 09:00 slot is `-04:00` in
 * October and `-05:00` in November in New York).
 */

const DAY_MS = 86_400_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * @param {string} ymd `YYYY-MM-DD`
 * @returns {[number, number, number]} year, month (1-12), day
 */
export function parseYmd(ymd) {
  const match = YMD.exec(ymd);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${ymd}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`No such date: ${ymd}`);
  }
  return [year, month, day];
}

/** @param {number} value @param {number} [width] */
const pad = (value, width = 2) => String(value).padStart(width, '0');

/** @param {number} epochMs midnight UTC of a day @returns {string} */
function ymdOfUtc(epochMs) {
  const date = new Date(epochMs);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** @param {string} ymd @returns {number} */
function utcMidnight(ymd) {
  const [year, month, day] = parseYmd(ymd);
  return Date.UTC(year, month - 1, day);
}

/** The date `days` later (earlier when negative). @param {string} ymd @param {number} days */
export function addDays(ymd, days) {
  return ymdOfUtc(utcMidnight(ymd) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). @param {string} from @param {string} to */
export function daysBetween(from, to) {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** The same month and day `years` later; 29 February becomes 28 February in other years. @param {string} ymd @param {number} years */
export function addYears(ymd, years) {
  const [year, month, day] = parseYmd(ymd);
  const target = year + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return `${pad(target, 4)}-${pad(month)}-${pad(month === 2 && day === 29 && !leap ? 28 : day)}`;
}

/** 0 = Sunday … 6 = Saturday. @param {string} ymd */
export function weekday(ymd) {
  return new Date(utcMidnight(ymd)).getUTCDay();
}

/** `YYYYMMDD`, for ids. @param {string} ymd */
export function compactYmd(ymd) {
  parseYmd(ymd);
  return ymd.replaceAll('-', '');
}

/** @type {Map<string, Intl.DateTimeFormat>} */
const formatters = new Map();

/** @param {string} zone */
function formatter(zone) {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

/**
 * The wall clock in `zone` at `epochMs`, to the second.
 * @param {string} zone
 * @param {number} epochMs
 */
function wallClock(zone, epochMs) {
  /** @type {Record<string, number>} */
  const fields = {};
  for (const part of formatter(zone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return { year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second };
}

/**
 * UTC offset of `zone` at `epochMs`, in minutes east of UTC (New York in winter: -300).
 * @param {string} zone
 * @param {number} epochMs
 */
export function offsetMinutes(zone, epochMs) {
  const wall = wallClock(zone, epochMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((wallAsUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** @type {Map<string, number | null>} */
const dayOffsets = new Map();

/**
 * The zone's offset on `ymd` when it is the same all day (every day but the few when clocks change), else
 * undefined. Cached: a day of slots then costs a handful of `Intl` calls instead of several per slot.
 * @param {string} zone
 * @param {string} ymd
 */
function dayOffset(zone, ymd) {
  const key = `${zone}|${ymd}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const midnight = utcMidnight(ymd);
    // Offsets a day can have lie within ±18 h: probe a span that covers local midnight to midnight anywhere.
    const probes = [midnight - 18 * 3_600_000, midnight + 12 * 3_600_000, midnight + 42 * 3_600_000].map((t) => offsetMinutes(zone, t));
    offset = probes.every((o) => o === probes[0]) ? probes[0] : null;
    if (dayOffsets.size > 10_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? undefined;
}

/**
 * The instant at which the clocks in `zone` show `minuteOfDay` on `ymd`. Two passes settle the offset on
 * either side of a change. A time the clocks skip (02:30 on a spring-forward night) lands an hour later; a
 * time they repeat gets its first occurrence. Clinics here never open at those hours.
 * @param {string} zone IANA zone
 * @param {string} ymd local calendar date
 * @param {number} minuteOfDay minutes after local midnight
 * @returns {number} epoch milliseconds
 */
export function zonedEpoch(zone, ymd, minuteOfDay) {
  const wallAsUtc = utcMidnight(ymd) + minuteOfDay * 60_000;
  const uniform = minuteOfDay >= 0 && minuteOfDay < 1440 ? dayOffset(zone, ymd) : undefined;
  if (uniform !== undefined) return wallAsUtc - uniform * 60_000;
  const first = wallAsUtc - offsetMinutes(zone, wallAsUtc) * 60_000;
  const second = wallAsUtc - offsetMinutes(zone, first) * 60_000;
  return offsetMinutes(zone, second) === offsetMinutes(zone, first) ? second : Math.max(first, second);
}

/**
 * A FHIR instant for `epochMs` written with `zone`'s offset at that moment: `2026-11-02T09:00:00-05:00`.
 * @param {number} epochMs
 * @param {string} zone
 */
export function formatInstant(epochMs, zone) {
  const offset = offsetMinutes(zone, epochMs);
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/**
 * The FHIR instant of local `hour:minute` on `ymd` in `zone`.
 * @param {string} zone
 * @param {string} ymd
 * @param {number} hour
 * @param {number} [minute]
 */
export function zonedInstant(zone, ymd, hour, minute = 0) {
  return formatInstant(zonedEpoch(zone, ymd, hour * 60 + minute), zone);
}

/** Local `HH:MM` as minutes after midnight. @param {string} hhmm */
export function minutesOf(hhmm) {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes after midnight as `HHMM`, for ids. @param {number} minuteOfDay */
export function compactTime(minuteOfDay) {
  return `${pad(Math.floor(minuteOfDay / 60))}${pad(minuteOfDay % 60)}`;
}

/** Minutes after midnight as `HH:MM:SS` (FHIR `time`). @param {number} minuteOfDay */
export function fhirTime(minuteOfDay) {
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:00`;
}
