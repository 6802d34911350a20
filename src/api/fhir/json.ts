/**
 * FHIR JSON with decimals kept as written. `JSON.parse('{"value":2.00}')` yields `2`, and a lab value of
 * `2.00` must stay `2.00`, so every `value` / `valueDecimal` number becomes its source text (a string).
 * Browsers with JSON.parse source text access (Chromium 114+, Firefox 135+, Safari 18.4+) give the exact
 * text; older ones fall back to `String(number)`, which loses trailing zeros but nothing else.
 */
const DECIMAL_KEYS = new Set(['value', 'valueDecimal']);

type SourceContext = { source?: string } | undefined;

// Whether a text may hold a number the reviver would turn into text: a `value`/`valueDecimal` key followed by a
// number, or any `\u` escape (a key could be spelled with escapes). Most answers have none (a month of Slots
// has only `valueInteger`s), and a plain JSON.parse is several times faster than one that calls a reviver
// for every value, with source text.
const MAY_HOLD_DECIMAL = /"value(?:Decimal)?"\s*:\s*-?\d|\\u/;

export function parseFhirJson(text: string): unknown {
  if (!MAY_HOLD_DECIMAL.test(text)) return JSON.parse(text);
  return JSON.parse(text, function reviveDecimal(this: unknown, key: string, value: unknown, context?: SourceContext) {
    if (typeof value === 'number' && DECIMAL_KEYS.has(key)) {
      return context?.source ?? String(value);
    }
    return value;
  } as (key: string, value: unknown) => unknown);
}

/** Reads a FHIR decimal that `parseFhirJson` turned into text, or a plain number from hand-built JSON. */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
