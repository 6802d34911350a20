/**
 * FHIR JSON with decimals kept as written, in any engine: the synchronous reader (`parseFhirJson`) for code that
 * cannot wait, and the path taken where JSON.parse gives a reviver no source text (see json.ts), which a page in
 * a current browser never loads.
 */
import { DECIMAL_KEYS, HAS_SOURCE_TEXT, MAY_HOLD_DECIMAL, parseWithSourceText } from './json.js';

export function parseFhirJson(text: string): unknown {
  return HAS_SOURCE_TEXT ? parseWithSourceText(text) : parseFhirJsonFallback(text);
}

/** The path taken where JSON.parse gives a reviver no source text; exported so tests run it in any engine. */
export function parseFhirJsonFallback(text: string): unknown {
  return MAY_HOLD_DECIMAL.test(text) ? JSON.parse(quoteDecimals(text)) : JSON.parse(text);
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The fallback: one pass over the text that finds each object key (a string followed by `:`), decodes it the
 * way JSON.parse would (escapes included), and when it is `value`/`valueDecimal` with a number after it,
 * writes that number as a string. Strings are skipped whole, so a `"value": 1` inside a string is left alone.
 * Invalid JSON stays invalid: JSON.parse still reports it.
 */
export function quoteDecimals(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    const end = i;
    let j = i;
    while (j < text.length && /\s/.test(text[j])) j++;
    if (text[j] !== ':') continue;
    const raw = text.slice(start, end);
    let key: unknown = raw.slice(1, -1);
    if (raw.includes('\\')) {
      try {
        key = JSON.parse(raw);
      } catch {
        continue;
      }
    }
    if (typeof key !== 'string' || !DECIMAL_KEYS.has(key)) continue;
    j++;
    while (j < text.length && /\s/.test(text[j])) j++;
    NUMBER.lastIndex = j;
    const match = NUMBER.exec(text);
    if (!match) continue;
    out += text.slice(copied, j) + '"' + match[0] + '"';
    copied = j + match[0].length;
    i = copied;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

