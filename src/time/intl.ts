/**
 * The one cache of `Intl.DateTimeFormat`s, for the zone arithmetic here and for every label i18n and the
 * building blocks format. It sits in `time/` because that is the lowest layer both may import.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A formatter for `locale` and `options`, built once. Building one (ICU loads the zone's rules and the
 * locale's patterns each time, ~0.1 ms) costs over ten times as much as using it, and a day of times formats
 * the same few combinations over and over.
 *
 * `key`, when given, must name everything `options` holds (equal keys mean equal formats). Callers on a hot
 * path (a label per slot, thousands a day) pass one, because writing `options` out as JSON on every call
 * costs more than the lookup itself; elsewhere the JSON of `options` is the key.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions, key?: string): Intl.DateTimeFormat {
  const id = `${locale}|${key ?? JSON.stringify(options)}`;
  let format = formats.get(id);
  if (!format) formats.set(id, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}
