import { dateInZone, toFhirDate } from '../api/zoned-time.js';
import type { Locale } from '../model/config.js';
import type { Location, Practitioner, Service, Slot } from '../model/scheduling.js';
import { offsetOf, zoneLabel } from './format.js';
import { translate } from './index.js';

/**
 * Slot times as a person reads them: in the clinic's IANA zone with its label, bucketed on the clinic's
 * local midnight. Nothing here reads the browser's zone: the viewer's zone is passed in, so the same slot
 * reads the same from UTC−11 to UTC+14, and days are found by asking `Intl` for the local date of each
 * instant rather than by adding 24 h (which is wrong on the two days a year the clocks change).
 */

const MINUTE_MS = 60_000;
const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/** US Spanish (12-hour clock, "a.m.") matches the English layout a US clinic publishes its hours in. */
const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

/**
 * Where an instant is read: an IANA zone, or (when a clinic publishes none) the fixed offset the instant
 * was written with. Fixed offsets are applied by shifting the instant and reading it in UTC, which works in
 * every engine (offset `timeZone`s in `Intl` are recent).
 */
interface Clock {
  readonly timeZone: string;
  readonly shiftMs: number;
}

function clockFor(instant: string, timeZone: string | undefined): Clock {
  return timeZone ? { timeZone, shiftMs: 0 } : { timeZone: 'UTC', shiftMs: offsetMinutes(instant) * MINUTE_MS };
}

function offsetMinutes(instant: string): number {
  const [, sign, hours, minutes] = /^([+-])(\d{2}):(\d{2})$/.exec(offsetOf(instant)) ?? ['', '+', '0', '0'];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** "UTC−05:00" (true minus sign, which screen readers say as "minus"); "UTC" for a zero offset. */
function offsetLabel(instant: string): string {
  const total = offsetMinutes(instant);
  if (total === 0) return 'UTC';
  const abs = Math.abs(total);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `UTC${total < 0 ? '\u2212' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Epoch ms of an instant. A leap second (`:60`, allowed by FHIR) reads as the second before it. */
function epochOf(instant: string): number {
  // Checked before the rewrite: a month of slots parses thousands of instants, and almost none has `:60`.
  const epoch = Date.parse(instant.includes(':60') ? instant.replace(/:60(?=[.Z+-])/, ':59') : instant);
  // The value stays out of the message: a slot time tied to a person is PHI.
  if (Number.isNaN(epoch)) throw new RangeError('slot-time: not an instant with an offset');
  return epoch;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formatters are cached: a week view formats thousands of slots. */
function formatter(locale: string, timeZone: string, kind: 'time' | 'weekdayTime' | 'fullDate'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let cached = formatters.get(key);
  if (!cached) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: 'numeric', minute: '2-digit' }
        : kind === 'weekdayTime'
          ? { weekday: 'short', hour: 'numeric', minute: '2-digit' }
          : { dateStyle: 'full' };
    cached = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

function format(instant: string, clock: Clock, locale: string, kind: 'time' | 'weekdayTime' | 'fullDate'): string {
  return formatter(locale, clock.timeZone, kind).format(epochOf(instant) + clock.shiftMs);
}

function dayOn(instant: string, clock: Clock): string {
  return dayAt(epochOf(instant) + clock.shiftMs, clock.timeZone);
}

function dayAt(epoch: number, timeZone: string): string {
  return toFhirDate(dateInZone(timeZone, epoch));
}

/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`; with no zone, on the day written in the
 * instant itself (`2026-11-01T23:30:00-05:00` → `2026-11-01`, wherever the browser is).
 */
export function localDayOf(instant: string, timeZone?: string): string {
  if (timeZone) return dayOn(instant, clockFor(instant, timeZone));
  epochOf(instant);
  // The date an instant is written with is its date in its own offset.
  return instant.slice(0, 10);
}

/**
 * Groups slots by the local day of their clinic (`zoneOf` gives the zone, `undefined` for the slot's own
 * offset). Days come in calendar order, slots within a day by start instant (ties keep input order).
 */
export function bucketByLocalDay<S extends Pick<Slot, 'start'>>(
  slots: readonly S[],
  zoneOf: (slot: S) => string | undefined,
): Map<string, S[]> {
  const byDay = new Map<string, { slot: S; epoch: number }[]>();
  // Asking `Intl` once per slot costs ~300 ms for a month at a mass-vaccination site. Every zone's offset is
  // a whole number of quarter hours and changes only on a quarter hour, so all instants in one UTC quarter
  // hour share their local date: one `Intl` call per zone and quarter hour is enough.
  const known = new Map<string, Map<number, string>>();
  for (const slot of slots) {
    const zone = zoneOf(slot);
    const epoch = epochOf(slot.start);
    let day: string | undefined;
    if (zone) {
      let inZone = known.get(zone);
      if (!inZone) known.set(zone, (inZone = new Map()));
      const quarter = Math.floor(epoch / QUARTER_HOUR_MS);
      day = inZone.get(quarter);
      if (day === undefined) inZone.set(quarter, (day = dayAt(epoch, zone)));
    } else {
      // The date an instant is written with is its date in its own offset.
      day = slot.start.slice(0, 10);
    }
    let bucket = byDay.get(day);
    if (!bucket) byDay.set(day, (bucket = []));
    bucket.push({ slot, epoch });
  }
  const result = new Map<string, S[]>();
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

export interface SlotTimeLabels {
  /** Wall-clock time at the clinic ("9:30 AM"; es "9:30 a.m."). */
  time: string;
  /** Zone label at that instant ("EST", "EDT", "CST"; "UTC−05:00" when only an offset is known). */
  zone: string;
  /**
   * The same instant on the viewer's clock with its label ("8:00 PM GMT+5:30"), led by the short weekday
   * when it falls on another calendar day ("Wed 4:30 AM GMT+14"). Absent when it reads the same as the
   * clinic's time, or when no viewer zone is given.
   */
  viewerTime?: string;
  /** The clinic publishes no IANA zone: `time`/`zone` come from the slot's own offset (say so in the UI, `time.offsetOnly`). */
  offsetOnly: boolean;
}

export interface SlotTimeOptions {
  locale: Locale;
  location?: Pick<Location, 'timeZone'>;
  /** The viewer's IANA zone (the element passes the browser's); absent: no second line. */
  viewerZone?: string;
}

/** How a slot's start reads at the clinic, and on the viewer's clock when that differs. */
export function slotTimeLabels(slot: Pick<Slot, 'start'>, options: SlotTimeOptions): SlotTimeLabels {
  const intlLocale = INTL_LOCALE[options.locale];
  const clinicZone = options.location?.timeZone;
  const clinic = clockFor(slot.start, clinicZone);
  const time = format(slot.start, clinic, intlLocale, 'time');
  const zone = clinicZone ? zoneLabel(slot.start, clinicZone, options.locale) : offsetLabel(slot.start);
  const labels: SlotTimeLabels = { time, zone, offsetOnly: !clinicZone };
  if (!options.viewerZone) return labels;

  const viewer = clockFor(slot.start, options.viewerZone);
  const viewerClock = format(slot.start, viewer, intlLocale, 'time');
  const viewerZoneLabel = zoneLabel(slot.start, options.viewerZone, options.locale);
  const otherDay = dayOn(slot.start, viewer) !== dayOn(slot.start, clinic);
  if (viewerClock === time && viewerZoneLabel === zone && !otherDay) return labels;
  const viewerTime = otherDay ? format(slot.start, viewer, intlLocale, 'weekdayTime') : viewerClock;
  return { ...labels, viewerTime: `${viewerTime} ${viewerZoneLabel}` };
}

export interface SlotNameOptions extends SlotTimeOptions {
  location?: Pick<Location, 'timeZone' | 'name'>;
  practitioner?: Pick<Practitioner, 'name'>;
  service?: Pick<Service, 'name'>;
  /**
   * How many places one button stands for (lanes sharing the start), said when more than one: a single place
   * needs no count, and the catalogue then only ever needs the plural.
   */
  places?: number;
}

/**
 * The accessible name of a time button: day, time, zone, clinician and place in one sentence
 * ("Tuesday, November 3, 2026, 9:30 AM EST, with Dr. Amara Hart, at Riverside Downtown Clinic"), plus the
 * viewer's time when it is shown on the button, the count of places and the service when given, so that no
 * visible text is missing from what a screen reader says. `labels` saves a caller that already has them
 * from working them out twice.
 */
export function slotAccessibleName(slot: Pick<Slot, 'start'>, options: SlotNameOptions, labels = slotTimeLabels(slot, options)): string {
  const { locale, location, practitioner, service, places } = options;
  const day = format(slot.start, clockFor(slot.start, location?.timeZone), INTL_LOCALE[locale], 'fullDate');
  const parts = [translate(locale, 'slotTime.when', { day, time: labels.time, zone: labels.zone })];
  if (labels.viewerTime) parts.push(translate(locale, 'slotTime.yourTime', { time: labels.viewerTime }));
  if (places !== undefined && places > 1) parts.push(translate(locale, 'slotTime.places', { count: places }));
  if (practitioner) parts.push(translate(locale, 'slotTime.withPractitioner', { name: practitioner.name }));
  if (location) parts.push(translate(locale, 'slotTime.atLocation', { name: location.name }));
  if (service) parts.push(translate(locale, 'slotTime.forService', { name: service.name }));
  return parts.join(', ');
}

/**
 * The calendar day `intervalDays` after a first dose (`2027-02-28` + 28 → `2027-03-28`). Pure calendar
 * arithmetic on the date's parts: no clock, so no DST and no viewer zone can move it.
 */
export function followUpDay(firstDoseDay: string, intervalDays: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(firstDoseDay);
  if (!match || !Number.isInteger(intervalDays)) throw new RangeError('followUpDay: expected a YYYY-MM-DD day and a whole number of days');
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new RangeError('followUpDay: not a calendar day');
  date.setUTCDate(date.getUTCDate() + intervalDays);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
