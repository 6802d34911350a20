/**
 * FHIR JSON with decimals kept as written. `JSON.parse('{"value":2.00}')` yields `2`, and a lab value of
 * `2.00` must stay `2.00`, so every `value` / `valueDecimal` number becomes its source text (a string).
 * Browsers with JSON.parse source text access (Chromium 114+, Firefox 135+, Safari 18.4+) give the exact
 * text to a reviver; in the others the same numbers are quoted in the text before parsing (json-fallback.ts),
 * so `2.00` and `1E-22` stay as written there too. The fallback loads only in the engines that need it, so a
 * page in a current browser does not download it.
 */
export const DECIMAL_KEYS = new Set(['value', 'valueDecimal']);

type SourceContext = { source?: string } | undefined;

// Whether a text may hold a number the reviver would turn into text: a `value`/`valueDecimal` key followed by a
// number, or any `\u` escape (a key could be spelled with escapes). Most answers have none (a month of Slots
// has only `valueInteger`s), and a plain JSON.parse is several times faster than one that calls a reviver
// for every value, with source text.
export const MAY_HOLD_DECIMAL = /"value(?:Decimal)?"\s*:\s*-?\d|\\u/;

/** Whether this engine hands a reviver the number's source text (asked once, on a tiny input). */
export const HAS_SOURCE_TEXT: boolean = (() => {
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

export function parseWithSourceText(text: string): unknown {
  if (!MAY_HOLD_DECIMAL.test(text)) return JSON.parse(text);
  return JSON.parse(text, function reviveDecimal(this: unknown, key: string, value: unknown, context?: SourceContext) {
    if (typeof value === 'number' && DECIMAL_KEYS.has(key)) {
      return context?.source ?? String(value);
    }
    return value;
  } as (key: string, value: unknown) => unknown);
}

/** A FHIR answer's JSON, decimals as written: at once where the engine gives source text, else with the fallback loaded. */
export function parseFhirResponse(text: string): unknown {
  return HAS_SOURCE_TEXT ? parseWithSourceText(text) : import('./json-fallback.js').then((fallback) => fallback.parseFhirJsonFallback(text));
}

/** Reads a FHIR decimal that `parseFhirJson` turned into text, or a plain number from hand-built JSON. */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
