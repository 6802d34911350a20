/**
 * What the results model knows beyond its shapes: the reference range that applies to a patient, a test's history as
 * trend series, the unit a value is compared by. Types only from the schemas' module: importing this pulls no zod in,
 * so an element's first render can use it.
 */
import type { Quantity, ReferenceRange, Result } from './results.js';

/** What decided a chosen range, or why none could be chosen. */
export type RangeChoice =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'chosen';
      readonly range: ReferenceRange;
      /** Index in the ranges given. */
      readonly index: number;
      /** `only-range`: nothing to choose between; otherwise the criteria that matched this patient. */
      readonly because: readonly ('only-range' | 'age' | 'sex' | 'type')[];
    }
  | {
      readonly kind: 'several';
      /** Every range that may apply (all of them when none does), in the order given. */
      readonly ranges: readonly ReferenceRange[];
      readonly because: 'age-unknown' | 'sex-unknown' | 'criteria-unknown' | 'none-applies' | 'ambiguous';
    };

type Match = 'match' | 'mismatch' | 'unknown' | 'none';

const SEX_CODES: Readonly<Record<string, 'male' | 'female'>> = {
  // administrative-gender, v3 AdministrativeGender, SNOMED CT (248153007 male, 248152002 female)
  male: 'male',
  female: 'female',
  M: 'male',
  F: 'female',
  '248153007': 'male',
  '248152002': 'female',
};

/** Completed years, months, weeks or days between two calendar days given as parts. */
function completed(unit: 'a' | 'mo' | 'wk' | 'd', from: readonly number[], to: readonly number[]): number {
  const [y1, m1, d1] = from;
  const [y2, m2, d2] = to;
  if (unit === 'a' || unit === 'mo') {
    const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
    return unit === 'a' ? Math.floor(months / 12) : months;
  }
  const days = dayNumber(y2, m2, d2) - dayNumber(y1, m1, d1);
  return unit === 'wk' ? Math.floor(days / 7) : days;
}

/** Days since a fixed origin, integer maths only (no Date, so no zone can move a day). */
function dayNumber(y: number, m: number, d: number): number {
  const a = m <= 2 ? y - 1 : y;
  const era = Math.floor(a / 400);
  const yoe = a - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/** The earliest and latest day a FHIR partial date (`1974`, `1974-12`, `1974-12-25`, a dateTime) can be. */
function dayBounds(value: string): [number[], number[]] | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[3]) {
    const day = [year, Number(match[2]), Number(match[3])];
    return [day, day];
  }
  if (match[2]) {
    const month = Number(match[2]);
    const last = month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    return [
      [year, month, 1],
      [year, month, last],
    ];
  }
  return [
    [year, 1, 1],
    [year, 12, 31],
  ];
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const AGE_UNITS: Readonly<Record<string, 'a' | 'mo' | 'wk' | 'd'>> = {
  a: 'a',
  yr: 'a',
  yrs: 'a',
  y: 'a',
  year: 'a',
  years: 'a',
  mo: 'mo',
  month: 'mo',
  months: 'mo',
  wk: 'wk',
  week: 'wk',
  weeks: 'wk',
  d: 'd',
  day: 'd',
  days: 'd',
};

function ageMatch(range: ReferenceRange, birthDate: string | undefined, at: string | undefined): Match {
  if (!range.age) return 'none';
  const birth = birthDate ? dayBounds(birthDate) : undefined;
  const when = at ? dayBounds(at) : undefined;
  if (!birth || !when) return 'unknown';
  const verdicts = new Set<Match>();
  for (const bound of [range.age.low, range.age.high]) {
    if (!bound) continue;
    const unit = AGE_UNITS[bound.code ?? ''] ?? AGE_UNITS[(bound.unit ?? '').toLowerCase()];
    const limit = Number(bound.value);
    if (!unit || !Number.isFinite(limit)) return 'unknown';
    // Youngest and oldest the patient can be: latest birth to earliest observation day, and the reverse.
    const youngest = completed(unit, birth[1], when[0]);
    const oldest = completed(unit, birth[0], when[1]);
    const ok = (age: number) => (bound === range.age?.low ? age >= limit : age <= limit);
    verdicts.add(ok(youngest) && ok(oldest) ? 'match' : !ok(youngest) && !ok(oldest) ? 'mismatch' : 'unknown');
  }
  if (verdicts.has('mismatch')) return 'mismatch';
  if (verdicts.has('unknown') || verdicts.size === 0) return 'unknown';
  return 'match';
}

/** appliesTo split into the sex it names (if any) and whether other criteria (race, condition) remain. */
function appliesMatch(range: ReferenceRange, gender: string | undefined): { sex: Match; other: boolean } {
  let sex: Match = 'none';
  let other = false;
  for (const concept of range.appliesTo ?? []) {
    const named = concept.codings.map((c) => SEX_CODES[c.code]).find((s) => s !== undefined);
    if (!named) {
      other = true;
      continue;
    }
    if (gender !== 'male' && gender !== 'female') sex = sex === 'mismatch' ? sex : 'unknown';
    else if (named !== gender) sex = 'mismatch';
    else if (sex === 'none') sex = 'match';
  }
  return { sex, other };
}

/** A range typed as something other than the normal range (recommended, therapeutic, …). */
const isNormalType = (range: ReferenceRange): boolean =>
  !range.type || range.type.codings.some((c) => c.code === 'normal') || range.type.codings.length === 0;

/**
 * The reference range that applies to this patient, and why; every candidate when it cannot choose.
 * Age is counted at the time of the observation (`at`, its effective date as recorded) from the birth date,
 * both FHIR partial dates: a birth year alone gives an age that is only sometimes certain, and an uncertain
 * age chooses nothing. Sex comes from appliesTo codes (administrative-gender, v3, SNOMED CT); other
 * appliesTo criteria (race, a condition) cannot be judged here and leave the choice to the reader.
 */
export function chooseReferenceRange(
  ranges: readonly ReferenceRange[],
  patient: { readonly birthDate?: string; readonly gender?: string },
  at: string | undefined,
): RangeChoice {
  if (ranges.length === 0) return { kind: 'none' };
  if (ranges.length === 1) return { kind: 'chosen', range: ranges[0], index: 0, because: ['only-range'] };
  const normal = ranges.filter(isNormalType);
  const pool = normal.length > 0 ? normal : ranges;
  const typeDecided = pool.length < ranges.length;
  const judged = pool.map((range) => ({ range, age: ageMatch(range, patient.birthDate, at), ...appliesMatch(range, patient.gender) }));
  const possible = judged.filter((j) => j.age !== 'mismatch' && j.sex !== 'mismatch');
  if (possible.length === 0) return { kind: 'several', ranges, because: 'none-applies' };
  const unknown = possible.find((j) => j.age === 'unknown' || j.sex === 'unknown' || j.other);
  if (unknown) {
    const because = unknown.age === 'unknown' ? 'age-unknown' : unknown.sex === 'unknown' ? 'sex-unknown' : 'criteria-unknown';
    return { kind: 'several', ranges: possible.map((j) => j.range), because };
  }
  // Several left with nothing unknown: the most specific one (most matched criteria) wins, if it is alone.
  const score = (j: (typeof judged)[number]) => (j.age === 'match' ? 1 : 0) + (j.sex === 'match' ? 1 : 0);
  const best = Math.max(...possible.map(score));
  const top = possible.filter((j) => score(j) === best);
  if (top.length > 1) return { kind: 'several', ranges: top.map((j) => j.range), because: 'ambiguous' };
  const chosen = top[0];
  const because: ('age' | 'sex' | 'type')[] = [];
  if (chosen.age === 'match') because.push('age');
  if (chosen.sex === 'match') because.push('sex');
  if (typeDecided) because.push('type');
  return { kind: 'chosen', range: chosen.range, index: ranges.indexOf(chosen.range), because: because.length > 0 ? because : ['only-range'] };
}

const UCUM = 'http://unitsofmeasure.org';

/** One line of a trend chart: results whose values share one unit, oldest first. */
export interface ResultSeries {
  /** `ucum:<code>` for a UCUM-coded unit, `text:<unit>` for a unit known only by its text, `none` for none. */
  readonly key: string;
  /** The unit to label the axis with: the first point's display unit. */
  readonly unit?: string;
  readonly points: readonly { readonly result: Result; readonly quantity: Quantity }[];
}

export interface ResultTrend {
  /** Largest series first (ties: the one seen first). */
  readonly series: readonly ResultSeries[];
  /** Results that are never plotted, and why; a list shows them instead. */
  readonly unplotted: readonly { readonly result: Result; readonly because: 'entered-in-error' | 'cancelled' | 'not-a-quantity' }[];
}

/** The unit a value is compared by: its UCUM code when it has one, else its text ("mmol/l" and "mmol/L" as text differ). */
export function unitKey(quantity: Quantity): string {
  if (quantity.code && (quantity.system === undefined || quantity.system === UCUM)) return `ucum:${quantity.code}`;
  if (quantity.system && quantity.code) return `${quantity.system}|${quantity.code}`;
  return quantity.unit ? `text:${quantity.unit}` : 'none';
}

const whenMs = (result: Result): number => {
  const value = result.effective ?? result.issued;
  // Date-only values order by their day; a missing time sorts first. Only for ordering, never for display.
  const ms = value ? Date.parse(/^\d{4}(-\d{2})?$/.test(value) ? `${value}${value.length === 4 ? '-01' : ''}-01` : value) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

/**
 * A test's history as trend series: values in different units are never on one series (a chart draws one
 * axis per series and lists the rest). Entered-in-error and cancelled results, and values that are not
 * a single quantity (text, coded, absent, ranges), are left out of every series and returned with why.
 */
export function groupResultSeries(history: readonly Result[]): ResultTrend {
  const byKey = new Map<string, { result: Result; quantity: Quantity }[]>();
  const unplotted: { result: Result; because: 'entered-in-error' | 'cancelled' | 'not-a-quantity' }[] = [];
  const ordered = history.map((result, index) => ({ result, index, ms: whenMs(result) })).sort((a, b) => a.ms - b.ms || a.index - b.index);
  for (const { result } of ordered) {
    if (result.status === 'entered-in-error' || result.status === 'cancelled') {
      unplotted.push({ result, because: result.status });
      continue;
    }
    if (result.value.kind !== 'quantity') {
      unplotted.push({ result, because: 'not-a-quantity' });
      continue;
    }
    const key = unitKey(result.value.quantity);
    const points = byKey.get(key) ?? [];
    points.push({ result, quantity: result.value.quantity });
    byKey.set(key, points);
  }
  const series = [...byKey].map(([key, points]) => compactSeries(key, points));
  // Stable: equal sizes keep the order they were first seen in.
  series.sort((a, b) => b.points.length - a.points.length);
  return { series, unplotted };
}

function compactSeries(key: string, points: { result: Result; quantity: Quantity }[]): ResultSeries {
  const unit = points[0].quantity.unit;
  return unit === undefined ? { key, points } : { key, unit, points };
}
