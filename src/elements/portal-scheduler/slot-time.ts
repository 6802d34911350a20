import { zoneLabel } from '../../i18n/format.js';
import type { Locale } from '../../model/config.js';
import type { Location, Practitioner, Service, Slot } from '../../model/scheduling.js';
import { dateTimeFormat, type FormatOptions } from '../../time/intl.js';
import { dayInZone, instantMs, offsetMinutesOf } from '../../time/zones.js';
import { schedulerStrings } from './strings.js';

/**
 * Slot times as a person reads them: in the clinic's IANA zone with its label. Nothing here reads the
 * browser's zone: the viewer's zone is passed in, so the same slot reads the same from UTC−11 to UTC+14.
 * Which day a slot belongs to is time's business (`localDayOf`, `bucketByLocalDay` in time/zones).
 */

const MINUTE_MS = 60_000;

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
  return timeZone ? { timeZone, shiftMs: 0 } : { timeZone: 'UTC', shiftMs: offsetMinutesOf(instant) * MINUTE_MS };
}

/** "UTC−05:00" (true minus sign, which screen readers say as "minus"); "UTC" for a zero offset. */
function offsetLabel(instant: string): string {
  const total = offsetMinutesOf(instant);
  if (total === 0) return 'UTC';
  const abs = Math.abs(total);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `UTC${total < 0 ? '\u2212' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The formats a slot is read in, kept as constants: a week view formats thousands of slots (see `dateTimeFormat`). */
const SLOT_FORMATS = {
  time: { hour: 'numeric', minute: '2-digit' },
  weekdayTime: { weekday: 'short', hour: 'numeric', minute: '2-digit' },
  fullDate: { dateStyle: 'full' },
} satisfies Record<string, FormatOptions>;
type Kind = keyof typeof SLOT_FORMATS;

function format(instant: string, clock: Clock, locale: string, kind: Kind): string {
  return dateTimeFormat(locale, clock.timeZone, SLOT_FORMATS[kind]).format(instantMs(instant) + clock.shiftMs);
}

function dayOn(instant: string, clock: Clock): string {
  return dayInZone(clock.timeZone, instantMs(instant) + clock.shiftMs);
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
  location?: Pick<Location, 'timeZone' | 'name' | 'virtual'>;
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
  const parts = [schedulerStrings.t(locale, 'slotTime.when', { day, time: labels.time, zone: labels.zone })];
  if (labels.viewerTime) parts.push(schedulerStrings.t(locale, 'slotTime.yourTime', { time: labels.viewerTime }));
  if (places !== undefined && places > 1) parts.push(schedulerStrings.t(locale, 'slotTime.places', { count: places }));
  if (practitioner) parts.push(schedulerStrings.t(locale, 'slotTime.withPractitioner', { name: practitioner.name }));
  if (location) parts.push(location.virtual ? schedulerStrings.t(locale, 'slotTime.video') : schedulerStrings.t(locale, 'slotTime.atLocation', { name: location.name }));
  if (service) parts.push(schedulerStrings.t(locale, 'slotTime.forService', { name: service.name }));
  return parts.join(', ');
}
