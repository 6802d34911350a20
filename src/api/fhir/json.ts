/**
 * FHIR JSON with decimals kept as written. `JSON.parse('{"value":2.00}')` yields `2`, and a lab value of
 * `2.00` must stay `2.00`, so every `value` / `valueDecimal` number becomes its source text (a string).
 * Browsers with JSON.parse source text access (Chromium 114+, Firefox 135+, Safari 18.4+) give the exact
 * text to a reviver; in the others the same numbers are quoted in the text before parsing (quoteDecimals), so
 * `2.00` and `1E-22` stay as written there too.
 */
const DECIMAL_KEYS = new Set(['value', 'valueDecimal']);

type SourceContext = { source?: string } | undefined;

// Whether a text may hold a number the reviver would turn into text: a `value`/`valueDecimal` key followed by a
// number, or any `\u` escape (a key could be spelled with escapes). Most answers have none (a month of Slots
// has only `valueInteger`s), and a plain JSON.parse is several times faster than one that calls a reviver
// for every value, with source text.
const MAY_HOLD_DECIMAL = /"value(?:Decimal)?"\s*:\s*-?\d|\\u/;

/** Whether this engine hands a reviver the number's source text (asked once, on a tiny input). */
const HAS_SOURCE_TEXT: boolean = (() => {
  let seen = false;
  try {
    JSON.parse('[1.0]', ((_key: string, value: unknown, context?: SourceContext) => {
      if (context?.source === '1.0') seen = true;
      return value;
    }) as (key: string, value: unknown) => unknown);
  } catch {
    return false;
  }
  return seen;
})();

export function parseFhirJson(text: string): unknown {
  return HAS_SOURCE_TEXT ? parseWithSourceText(text) : parseFhirJsonFallback(text);
}

/** The path taken where JSON.parse gives a reviver no source text; exported so tests run it in any engine. */
export function parseFhirJsonFallback(text: string): unknown {
  return MAY_HOLD_DECIMAL.test(text) ? JSON.parse(quoteDecimals(text)) : JSON.parse(text);
}

function parseWithSourceText(text: string): unknown {
  if (!MAY_HOLD_DECIMAL.test(text)) return JSON.parse(text);
  return JSON.parse(text, function reviveDecimal(this: unknown, key: string, value: unknown, context?: SourceContext) {
    if (typeof value === 'number' && DECIMAL_KEYS.has(key)) {
      return context?.source ?? String(value);
    }
    return value;
  } as (key: string, value: unknown) => unknown);
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

/** Reads a FHIR decimal that `parseFhirJson` turned into text, or a plain number from hand-built JSON. */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
