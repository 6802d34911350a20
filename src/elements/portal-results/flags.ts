/**
 * What a result's flag says, as words and a tone (shown with an icon, never by colour alone): the lab's
 * interpretation codes in words, or — with a numeric range and no interpretation — where the value lies against the
 * range, bounds included. DOM-free.
 */
import { unitKey } from '../../model/result-logic.js';
import type { Interpretation, Quantity, ReferenceRange, ResultValue } from '../../model/results.js';
import type { Locale } from '../../model/values.js';
import { interpretationWords, rangePosition, type InterpretationTone, type RangePosition } from './interpretations.js';

export interface FlagHolder {
  value: ResultValue;
  referenceRanges: readonly ReferenceRange[];
  interpretation?: Interpretation;
  interpretations?: readonly Interpretation[];
}

export type Flag =
  /** From the lab's codes: `words` in the reader's language, most severe first; undefined words: none known. */
  | { kind: 'coded'; tone: InterpretationTone; words: string[] }
  /** Worked out from the range the lab gave. */
  | { kind: 'range'; tone: InterpretationTone; position: RangePosition };

const SEVERITY_TONE: Record<Interpretation['severity'], InterpretationTone> = { normal: 'normal', abnormal: 'abnormal', critical: 'critical', unknown: 'info' };
const TONE_ORDER: readonly InterpretationTone[] = ['critical', 'abnormal', 'change', 'info', 'normal'];

/** The icon beside a flag's words (decorative: the words carry the meaning). */
export const TONE_ICON: Record<InterpretationTone, string> = { critical: '‼', abnormal: '!', change: '↕', info: 'i', normal: '✓' };

function codedWords(interpretation: Interpretation, locale: Locale): { text?: string; tone: InterpretationTone } {
  const known = interpretationWords(interpretation.code, locale);
  if (known) return known;
  return { text: interpretation.display, tone: SEVERITY_TONE[interpretation.severity] };
}

/** Bounds comparable with the value: same UCUM code, or no unit on the bound. */
function comparable(value: Quantity, bound: Quantity | undefined): string | undefined {
  if (!bound) return undefined;
  if (bound.comparator) return undefined;
  const boundKey = unitKey(bound);
  return boundKey === 'none' || boundKey === unitKey(value) ? bound.value : undefined;
}

/** The flag of a result (or a component) against `range` (the one that applies, when the caller chose). */
export function resultFlag(holder: FlagHolder, locale: Locale = 'en', range?: ReferenceRange): Flag | undefined {
  const codes = holder.interpretations?.length ? holder.interpretations : holder.interpretation ? [holder.interpretation] : [];
  if (codes.length > 0) {
    const read = codes.map((code) => codedWords(code, locale));
    read.sort((a, b) => TONE_ORDER.indexOf(a.tone) - TONE_ORDER.indexOf(b.tone));
    return { kind: 'coded', tone: read[0].tone, words: [...new Set(read.flatMap((r) => r.text ?? []))] };
  }
  const value = holder.value;
  const chosen = range ?? (holder.referenceRanges.length === 1 ? holder.referenceRanges[0] : undefined);
  if (value.kind !== 'quantity' || value.quantity.comparator || !chosen) return undefined;
  const position = rangePosition(value.quantity.value, comparable(value.quantity, chosen.low), comparable(value.quantity, chosen.high));
  return position ? { kind: 'range', tone: position === 'within' ? 'normal' : 'abnormal', position } : undefined;
}
