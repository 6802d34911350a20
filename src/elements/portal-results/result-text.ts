/**
 * A result's value, unit, range and time as text a patient reads, from the model's lexical decimals: nothing here
 * goes through a float, so `2.00` stays `2.00` and `1E-22` keeps its digits ("1 × 10⁻²²"). DOM-free.
 */
import { formatDecimal, formatFhirDate, formatInstant, zoneLabel } from '../../i18n/index.js';
import type { Concept } from '../../model/common.js';
import type { Locale } from '../../model/values.js';
import type { Quantity, ReferenceRange } from '../../model/results.js';
import { offsetOf } from '../../time/zones.js';

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '⁺',
};
const EXPONENT = /^(-?)(\d+(?:\.\d+)?)[eE]([+-]?\d+)$/;

/**
 * A lexical decimal written readably without changing a digit: grouped as the locale groups (`1000000` →
 * "1,000,000"), trailing zeros kept, and an exponent as a power of ten (`1E-22` → "1 × 10⁻²²",
 * `-1.0E+245` → "-1.0 × 10⁺²⁴⁵": the sign as the source wrote it).
 */
export function readableDecimal(text: string, locale: Locale): string {
  const match = EXPONENT.exec(text);
  if (!match) return formatDecimal(text, locale);
  const [, sign, mantissa, exponent] = match;
  return `${sign}${formatDecimal(mantissa, locale)} × 10${[...exponent].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/** The unit people read: the source's own text, else its (UCUM) code; none for a count. */
export function unitText(quantity: Pick<Quantity, 'unit' | 'code'>): string | undefined {
  const unit = quantity.unit ?? quantity.code;
  // UCUM's "1" (and an empty text) is a pure number: nothing to show after it.
  return unit && unit !== '1' ? unit : undefined;
}

/** The number as written, with its comparator (`<5`) and readable digits, without the unit. */
export function quantityNumber(quantity: Quantity, locale: Locale): string {
  return `${quantity.comparator ?? ''}${readableDecimal(quantity.value, locale)}`;
}

/** "4.2 mmol/L", "< 5 mg/dL", "12" for a count. */
export function quantityText(quantity: Quantity, locale: Locale): string {
  const unit = unitText(quantity);
  const number = quantityNumber(quantity, locale);
  return unit ? `${number} ${unit}` : number;
}

/**
 * A concept in words: its text, else a coding's display. A concept known only by a code gets the words the caller
 * has for it (`known`, e.g. data-absent reasons), else undefined: the caller says it has no words, never the code
 * alone.
 */
export function conceptWords(concept: Concept | undefined, known?: (code: string) => string | undefined): string | undefined {
  if (!concept) return undefined;
  const bare = concept.codings.some((c) => c.code === concept.text && !c.display);
  if (concept.text && !bare) return concept.text;
  for (const coding of concept.codings) {
    const words = known?.(coding.code);
    if (words) return words;
  }
  const display = concept.codings.find((c) => c.display)?.display;
  return display ?? undefined;
}

/** A range's bounds as text ("3.5–5.0 mmol/L", "up to 200 mg/dL"), or its own text when it has no bounds. */
export function rangeBounds(
  range: ReferenceRange,
  locale: Locale,
  words: { low(low: string): string; high(high: string): string },
): string | undefined {
  const { low, high } = range;
  if (low && high) {
    const unit = unitText(high) ?? unitText(low);
    const sameUnit = !unitText(low) || !unitText(high) || unitText(low) === unitText(high);
    if (sameUnit) return `${quantityNumber(low, locale)}–${quantityNumber(high, locale)}${unit ? ` ${unit}` : ''}`;
    return `${quantityText(low, locale)}–${quantityText(high, locale)}`;
  }
  if (low) return words.low(quantityText(low, locale));
  if (high) return words.high(quantityText(high, locale));
  return range.text;
}

/** Who a range is for, in the source's words: its appliesTo concepts and its age bounds. */
export function rangeAudience(range: ReferenceRange, locale: Locale, age: (text: string) => string): string | undefined {
  const parts = (range.appliesTo ?? []).flatMap((concept) => conceptWords(concept) ?? []);
  if (range.age) {
    const { low, high } = range.age;
    const text = low && high ? `${quantityNumber(low, locale)}–${quantityText(high, locale)}` : low ? `≥ ${quantityText(low, locale)}` : high ? `≤ ${quantityText(high, locale)}` : '';
    if (text) parts.push(age(text));
  }
  if (parts.length === 0 && range.text && (range.low || range.high)) parts.push(range.text);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

const HAS_TIME = /T\d{2}:\d{2}/;

/**
 * When something was recorded, as the source recorded it: a date alone at its precision ("May 2021"), a time on
 * the source's own clock at the offset it wrote, never moved into the reader's zone — the lab's day is the same
 * day in every browser. `zone` is the label of that clock ("GMT-5"), for the caller to show beside it.
 */
export function recordedTime(value: string, locale: Locale): { text: string; zone?: string } {
  if (!HAS_TIME.test(value) || !/(Z|[+-]\d{2}:\d{2})$/.test(value)) return { text: formatFhirDate(value, locale, 'short') };
  const offset = offsetOf(value);
  return {
    text: formatInstant(value, { locale, date: 'medium' }),
    zone: zoneLabel(value, offset, locale),
  };
}
