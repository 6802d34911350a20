import type { Locale } from '../model/config.js';
import { dayToUtcDate, parsePartialDate } from '../time/days.js';
import { dateTimeFormat, numberFormat, type FormatOptions } from '../time/intl.js';
import { offsetOf } from '../time/zones.js';

/**
 * Formats a FHIR date from its parts at the precision recorded: `2021` → "2021", `2021-05` → "May 2021",
 * `2021-05-03` → "May 3, 2021". It never goes through `new Date('2021-05-03')`, which is UTC midnight and
 * shows the day before anywhere west of Greenwich. A dateTime is shown by its date part.
 */
export function formatFhirDate(value: string, locale: Locale, month: 'long' | 'short' = 'long'): string {
  const date = parsePartialDate(value);
  if (!date) return value;
  const precision = date.day !== undefined ? 2 : date.month !== undefined ? 1 : 0;
  return dateTimeFormat(locale, 'UTC', DATE_FORMATS[month][precision]).format(dayToUtcDate(date));
}

/** Year, month and year, full date; constants, as a list of times may show a day on each. */
const DATE_FORMATS: Record<'long' | 'short', readonly FormatOptions[]> = {
  long: [{ year: 'numeric' }, { year: 'numeric', month: 'long' }, { year: 'numeric', month: 'long', day: 'numeric' }],
  short: [{ year: 'numeric' }, { year: 'numeric', month: 'short' }, { year: 'numeric', month: 'short', day: 'numeric' }],
};

export interface InstantFormat {
  locale: Locale;
  /** IANA zone to show the time in; absent: the instant's own offset. */
  timeZone?: string;
  date?: 'full' | 'long' | 'medium' | 'short';
  time?: boolean;
  /** Append the zone's short name ("EST"). */
  zone?: boolean;
}

/** Formats an instant in a zone. Without a zone it keeps the writer's offset rather than the viewer's. */
export function formatInstant(instant: string, format: InstantFormat): string {
  const timeZone = format.timeZone ?? offsetOf(instant);
  const options: FormatOptions = {};
  if (format.date) options.dateStyle = format.date;
  if (format.time !== false) {
    if (format.date) options.timeStyle = 'short';
    else Object.assign(options, { hour: 'numeric', minute: '2-digit' });
  }
  let text = dateTimeFormat(format.locale, timeZone, options).format(new Date(instant));
  if (format.zone) text += ` ${zoneLabel(instant, timeZone, format.locale)}`;
  return text;
}

const ZONE_NAME: FormatOptions = { timeZoneName: 'short' };

/** Short zone label at that instant ("EST" in January, "EDT" in July; "GMT+5:30" where no abbreviation exists). */
export function zoneLabel(instant: string, timeZone: string, locale: Locale): string {
  const intlLocale = locale === 'es' ? 'es-US' : 'en-US';
  const parts = dateTimeFormat(intlLocale, timeZone, ZONE_NAME).formatToParts(new Date(instant));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/**
 * Formats a lexical decimal keeping its precision: "2.00" → "2.00" (es: "2,00"), "1000000" → "1,000,000".
 * Exponent forms ("1E-22") are shown as written: grouping them would invent digits.
 */
export function formatDecimal(text: string, locale: Locale): string {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const fraction = text.split('.')[1]?.length ?? 0;
  const format = numberFormat(locale, { minimumFractionDigits: fraction, maximumFractionDigits: fraction });
  // Intl formats a numeric string exactly (no float round trip) in current engines.
  return format.format(text as unknown as number);
}

