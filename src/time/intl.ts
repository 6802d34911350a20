/**
 * The caches of `Intl` formatters: the one of `Intl.DateTimeFormat`s, for the zone arithmetic here and for every
 * label i18n and the elements format, and the one of `Intl.NumberFormat`s. They sit in `time/` because that is the
 * lowest layer all of them may import, and apart from the day arithmetic, so an element that only counts down (the
 * idle warning) does not pull calendars in with them.
 */

export type FormatOptions = Omit<Intl.DateTimeFormatOptions, 'timeZone'>;

/** By locale, then zone, then options: every lookup is by a string the caller already holds. */
const formats = new Map<string, Map<string, Map<string, Intl.DateTimeFormat>>>();
/** The JSON of each options object seen, so a caller's constant options are written out once, not per call. */
const shapes = new WeakMap<FormatOptions, string>();

/**
 * A formatter for `locale`, `timeZone` (absent: the viewer's) and `options`, built once. Building one (ICU
 * loads the zone's rules and the locale's patterns each time, ~0.1 ms) costs over ten times as much as using
 * it, and a day of times formats the same few combinations over and over.
 *
 * Callers on a hot path (a label per slot, thousands a day) pass options kept in a constant, and the zone
 * apart from them: then a lookup allocates nothing and joins no key. `options` must not change afterwards.
 */
export function dateTimeFormat(locale: string, timeZone: string | undefined, options: FormatOptions): Intl.DateTimeFormat {
  let byZone = formats.get(locale);
  if (!byZone) formats.set(locale, (byZone = new Map()));
  let byShape = byZone.get(timeZone ?? '');
  if (!byShape) byZone.set(timeZone ?? '', (byShape = new Map()));
  let shape = shapes.get(options);
  if (shape === undefined) shapes.set(options, (shape = JSON.stringify(options)));
  let format = byShape.get(shape);
  if (!format) byShape.set(shape, (format = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return format;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number formatter for `locale` and `options`, built once. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
