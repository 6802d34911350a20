import type { Locale } from '../model/config.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One `Intl.DateTimeFormat` per distinct use. Building one (ICU loads the zone's rules and the locale's
 * patterns each time, ~0.1 ms) costs over ten times as much as using it, and a day of times formats the same
 * few combinations over and over. `key` names everything `options` holds, so equal keys mean equal formats.
 */
function cachedFormat(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * Formats a FHIR date from its parts at the precision recorded: `2021` → "2021", `2021-05` → "May 2021",
 * `2021-05-03` → "May 3, 2021". It never goes through `new Date('2021-05-03')`, which is UTC midnight and
 * shows the day before anywhere west of Greenwich. A dateTime is shown by its date part.
 */
export function formatFhirDate(value: string, locale: Locale, month: 'long' | 'short' = 'long'): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!match) return value;
  const [, year, mm, dd] = match;
  const utc = new Date(Date.UTC(Number(year), mm ? Number(mm) - 1 : 0, dd ? Number(dd) : 1, 12));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (mm) options.month = month;
  if (dd) options.day = 'numeric';
  return cachedFormat(`date|${locale}|${month}|${Boolean(mm)}|${Boolean(dd)}`, locale, options).format(utc);
}

export interface InstantFormat {
  locale: Locale;
  /** IANA zone to show the time in; absent: the instant's own offset. */
  timeZone?: string;
  date?: 'full' | 'long' | 'medium' | 'short';
  time?: boolean;
  /** Append the zone's short name ("EST"). */
  zone?: boolean;
}

/** The fixed-offset zone an instant was written in (`-05:00` → `-05:00`), for when a clinic has no IANA zone. */
export function offsetOf(instant: string): string {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(instant);
  return match?.[1] === 'Z' ? '+00:00' : (match?.[1] ?? '+00:00');
}

/** Formats an instant in a zone. Without a zone it keeps the writer's offset rather than the viewer's. */
export function formatInstant(instant: string, format: InstantFormat): string {
  const timeZone = format.timeZone ?? offsetOf(instant);
  const options: Intl.DateTimeFormatOptions = { timeZone };
  if (format.date) options.dateStyle = format.date;
  if (format.time !== false) {
    if (format.date) options.timeStyle = 'short';
    else Object.assign(options, { hour: 'numeric', minute: '2-digit' });
  }
  const key = `instant|${format.locale}|${timeZone}|${format.date ?? ''}|${format.time !== false}`;
  let text = cachedFormat(key, format.locale, options).format(new Date(instant));
  if (format.zone) text += ` ${zoneLabel(instant, timeZone, format.locale)}`;
  return text;
}

/** Short zone label at that instant ("EST" in January, "EDT" in July; "GMT+5:30" where no abbreviation exists). */
export function zoneLabel(instant: string, timeZone: string, locale: Locale): string {
  const intlLocale = locale === 'es' ? 'es-US' : 'en-US';
  const parts = cachedFormat(`zone|${intlLocale}|${timeZone}`, intlLocale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(instant));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/**
 * Formats a lexical decimal keeping its precision: "2.00" → "2.00" (es: "2,00"), "1000000" → "1,000,000".
 * Exponent forms ("1E-22") are shown as written: grouping them would invent digits.
 */
export function formatDecimal(text: string, locale: Locale): string {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const fraction = text.split('.')[1]?.length ?? 0;
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: fraction, maximumFractionDigits: fraction });
  // Intl formats a numeric string exactly (no float round trip) in current engines.
  return format.format(text as unknown as number);
}
