/**
 * Lab results: Observation → Result, DiagnosticReport (+ its Observations) → Report.
 *
 * Decimals are carried as the text `parseFhirJson` produced ("2.00", "1E-22"); plain numbers from
 * hand-built JSON are stringified. Nothing here turns a value into a float.
 */
import {
  REPORT_STATUSES,
  RESULT_STATUSES,
  ReportSchema,
  ResultSchema,
  type Interpretation,
  type InterpretationSeverity,
  type Quantity,
  type ReferenceRange,
  type Report,
  type Result,
  type ResultComponent,
  type ResultValue,
} from '../../../model/results.js';
import { V3_INTERPRETATION_SYSTEM } from '../constants.js';
import { decimalText } from '../json.js';
import {
  identifiedWithStatus,
  compact,
  conceptText,
  fail,
  guarded,
  isRecord,
  parseReference,
  records,
  referenceDisplay,
  referenceIdOf,
  str,
  toConcept,
  validated,
  type Json,
  type MapOutcome,
} from './common.js';

/**
 * v3 ObservationInterpretation (and the matching HL7 v2 table 0078) → how worried to be. Flags are shown
 * as words next to this severity, never as colour alone.
 *
 * | severity | codes | why |
 * |---|---|---|
 * | critical | AA, HH, LL, HU, H>, LU, L< | the code system's "critical"/"significantly" outside the range |
 * | abnormal | A, H, L, HX, LX, EX, <, > | outside the reference range or an action threshold; off-scale `<`/`>` says which side, not how far |
 * | abnormal | POS, DET, RR, WR, CAR, Carrier | a finding was detected; for most tests that is what needs a look |
 * | abnormal | R, SYN-R, I, NS, SDD | susceptibility results that narrow the treatment |
 * | abnormal | U, D, W, UNE | a significant change, a worsening, or an unexpected result |
 * | normal   | N, NEG, ND, NR, S, SYN-S, VS, MS, EXP | within range, not detected, expected, or treatable |
 * | unknown  | IND, E, B, IE, QCF, TOX, AC, HM, NCL, OBX, any other code or system | the result could not be judged ("better" says nothing about where the value is now) |
 */
const SEVERITY: Readonly<Record<string, InterpretationSeverity>> = {
  ...Object.fromEntries(['AA', 'HH', 'LL', 'HU', 'H>', 'LU', 'L<'].map((c) => [c, 'critical'])),
  ...Object.fromEntries(
    ['A', 'H', 'L', 'HX', 'LX', 'EX', '<', '>', 'POS', 'DET', 'RR', 'WR', 'CAR', 'Carrier', 'R', 'SYN-R', 'I', 'NS', 'SDD', 'U', 'D', 'W', 'UNE'].map(
      (c) => [c, 'abnormal'],
    ),
  ),
  ...Object.fromEntries(['N', 'NEG', 'ND', 'NR', 'S', 'SYN-S', 'VS', 'MS', 'EXP'].map((c) => [c, 'normal'])),
};

/** Systems whose codes the table above speaks for (no system: assume the usual one). */
const INTERPRETATION_SYSTEMS: readonly (string | undefined)[] = [
  V3_INTERPRETATION_SYSTEM,
  'http://hl7.org/fhir/v3/ObservationInterpretation',
  'http://terminology.hl7.org/CodeSystem/v2-0078',
  'http://hl7.org/fhir/v2/0078',
  undefined,
];

const RANK: Readonly<Record<InterpretationSeverity, number>> = { critical: 3, abnormal: 2, normal: 1, unknown: 0 };

/**
 * Every interpretation coding, in source order (several concepts, several codings each). A concept with only
 * text keeps the text as `display` with an empty code and severity unknown.
 */
export function interpretationsOf(value: unknown): Interpretation[] {
  return records(value).flatMap((concept): Interpretation[] => {
    const codings = records(concept.coding).filter((c) => str(c.code));
    if (codings.length === 0) {
      const text = str(concept.text);
      return text ? [{ code: '', display: text, severity: 'unknown' }] : [];
    }
    return codings.map((coding) => {
      const code = coding.code as string;
      const system = str(coding.system);
      const severity: InterpretationSeverity = INTERPRETATION_SYSTEMS.includes(system) ? (SEVERITY[code] ?? 'unknown') : 'unknown';
      return compact({ code, system, display: str(coding.display) ?? str(concept.text), severity });
    });
  });
}

/** The most severe of several interpretations (the first of equals): under-flagging is the worse mistake. */
export function mostSevere(interpretations: readonly Interpretation[]): Interpretation | undefined {
  let best: Interpretation | undefined;
  for (const item of interpretations) if (!best || RANK[item.severity] > RANK[best.severity]) best = item;
  return best;
}

/** The interpretation to show first. */
export function interpretationOf(value: unknown): Interpretation | undefined {
  return mostSevere(interpretationsOf(value));
}

function quantityOf(value: unknown): Quantity | undefined {
  if (!isRecord(value)) return undefined;
  const text = decimalText(value.value);
  if (text === undefined) return undefined;
  return compact({
    value: text,
    unit: str(value.unit) ?? str(value.code),
    comparator: value.comparator as Quantity['comparator'],
    system: str(value.system),
    code: str(value.code),
  });
}

function referenceRanges(value: unknown): ReferenceRange[] {
  return records(value).flatMap((range) => {
    const appliesTo = records(range.appliesTo).flatMap((c) => toConcept(c) ?? []);
    const ageRange = isRecord(range.age) ? compact({ low: quantityOf(range.age.low), high: quantityOf(range.age.high) }) : {};
    const mapped = compact({
      low: quantityOf(range.low),
      high: quantityOf(range.high),
      text: str(range.text),
      type: toConcept(range.type),
      appliesTo: appliesTo.length > 0 ? appliesTo : undefined,
      age: Object.keys(ageRange).length > 0 ? ageRange : undefined,
    });
    return Object.keys(mapped).length > 0 ? [mapped] : [];
  });
}

/**
 * value[x] → ResultValue. valueInteger becomes a unit-less quantity; valueTime is shown as text. A value
 * the model cannot show (valueSampledData, valuePeriod, an unreadable quantity) rejects the result with a
 * reason instead of pretending there is no value. No value at all is `absent` (with dataAbsentReason).
 */
function valueOf(source: Json): ResultValue | string {
  if (source.valueQuantity !== undefined) {
    const quantity = quantityOf(source.valueQuantity);
    return quantity ? { kind: 'quantity', quantity } : 'invalid-quantity';
  }
  if (source.valueInteger !== undefined) {
    return typeof source.valueInteger === 'number' && Number.isSafeInteger(source.valueInteger)
      ? { kind: 'quantity', quantity: { value: String(source.valueInteger) } }
      : 'invalid-integer';
  }
  if (source.valueString !== undefined) return typeof source.valueString === 'string' ? { kind: 'text', text: source.valueString } : 'invalid-string';
  if (source.valueTime !== undefined) return typeof source.valueTime === 'string' ? { kind: 'text', text: source.valueTime } : 'invalid-time';
  if (source.valueCodeableConcept !== undefined) {
    const concept = toConcept(source.valueCodeableConcept);
    return concept ? { kind: 'concept', concept } : 'invalid-concept';
  }
  if (source.valueBoolean !== undefined) return typeof source.valueBoolean === 'boolean' ? { kind: 'boolean', value: source.valueBoolean } : 'invalid-boolean';
  if (source.valueDateTime !== undefined) return { kind: 'datetime', value: source.valueDateTime as string };
  if (source.valueRange !== undefined) {
    const range = isRecord(source.valueRange) ? source.valueRange : {};
    return compact({ kind: 'range' as const, low: quantityOf(range.low), high: quantityOf(range.high) });
  }
  if (source.valueRatio !== undefined) {
    const ratio = isRecord(source.valueRatio) ? source.valueRatio : {};
    const numerator = quantityOf(ratio.numerator);
    const denominator = quantityOf(ratio.denominator);
    return numerator && denominator ? { kind: 'ratio', numerator, denominator } : 'invalid-ratio';
  }
  if (source.valueSampledData !== undefined || source.valuePeriod !== undefined) return 'unsupported-value';
  return compact({ kind: 'absent' as const, reason: toConcept(source.dataAbsentReason) });
}

function interpretationFields(value: unknown): { interpretation?: Interpretation; interpretations: Interpretation[] } {
  const interpretations = interpretationsOf(value);
  return compact({ interpretation: mostSevere(interpretations), interpretations });
}

function componentOf(component: Json): ResultComponent | string {
  const value = valueOf(component);
  if (typeof value === 'string') return value;
  return compact({
    code: toConcept(component.code) ?? { text: '', codings: [] },
    value,
    referenceRanges: referenceRanges(component.referenceRange),
    ...interpretationFields(component.interpretation),
  });
}

/** Observation → Result. Status outside the R4 value set, or no readable code, rejects it. */
export const mapObservation = guarded((resource: unknown): MapOutcome<Result> => {
  const head = identifiedWithStatus(resource, 'Observation', RESULT_STATUSES);
  if (!head.ok) return head;
  const { resource: observation, id, status } = head;
  const code = toConcept(observation.code);
  if (!code) return fail('missing-code');
  const value = valueOf(observation);
  if (typeof value === 'string') return fail(value);
  const components: ResultComponent[] = [];
  for (const [index, component] of records(observation.component).entries()) {
    const mapped = componentOf(component);
    if (typeof mapped === 'string') return fail(`component.${index}.${mapped}`);
    components.push(mapped);
  }
  const period = isRecord(observation.effectivePeriod) ? observation.effectivePeriod : undefined;
  const notes = records(observation.note).flatMap((n) => str(n.text) ?? []);
  return validated(
    ResultSchema,
    compact({
      id,
      code,
      status,
      value,
      referenceRanges: referenceRanges(observation.referenceRange),
      ...interpretationFields(observation.interpretation),
      effective: observation.effectiveDateTime ?? observation.effectiveInstant ?? period?.start,
      issued: observation.issued,
      components,
      memberIds: records(observation.hasMember).flatMap((m) => referenceIdOf(m, ['Observation'], true) ?? []),
      note: notes.length > 0 ? notes.join('\n\n') : undefined,
      patientReported: records(observation.performer).some((p) => referenceIdOf(p, ['Patient']) !== undefined) || undefined,
    }),
  );
});

/** The Observation a report's `result` reference points at: a contained one, else the caller's map. */
function observationFor(ref: unknown, report: Json, observationsById: ReadonlyMap<string, unknown>): unknown {
  const parsed = parseReference(ref);
  if (!parsed || (parsed.type !== undefined && parsed.type !== 'Observation')) return undefined;
  if (parsed.contained) return records(report.contained).find((c) => c.id === parsed.id);
  return observationsById.get(parsed.id);
}

/** presentedForm attachments that carry bytes or a link; undefined when there are none. */
function presentedForms(value: unknown): Report['presentedForms'] {
  const forms = records(value).flatMap((form) => {
    const data = str(form.data);
    const url = str(form.url);
    if (!data && !url) return [];
    return [compact({ contentType: str(form.contentType), title: str(form.title), data, url })];
  });
  return forms.length > 0 ? forms : undefined;
}

/**
 * DiagnosticReport → Report with its results in the report's order. A `result` reference that cannot be
 * resolved, or resolves to an Observation that does not map, is counted in `missingResults`, so the page
 * can say "2 results could not be shown" instead of silently showing fewer.
 * category: the first category in words. performer: the first performer's display.
 */
export const mapDiagnosticReport = guarded(
  (resource: unknown, observationsById: ReadonlyMap<string, unknown>): MapOutcome<Report> => {
    const head = identifiedWithStatus(resource, 'DiagnosticReport', REPORT_STATUSES);
    if (!head.ok) return head;
    const { resource: report, id, status } = head;
    const code = toConcept(report.code);
    if (!code) return fail('missing-code');
    const results: Result[] = [];
    let missingResults = 0;
    for (const ref of records(report.result)) {
      const mapped = mapObservation(observationFor(ref, report, observationsById));
      if (mapped.ok) results.push(mapped.value);
      else missingResults++;
    }
    const period = isRecord(report.effectivePeriod) ? report.effectivePeriod : undefined;
    return validated(
      ReportSchema,
      compact({
        id,
        code,
        status,
        category: conceptText(records(report.category)[0]),
        effective: report.effectiveDateTime ?? period?.start,
        issued: report.issued,
        performer: records(report.performer).flatMap((p) => referenceDisplay(p) ?? [])[0],
        conclusion: str(report.conclusion),
        results,
        presentedForms: presentedForms(report.presentedForm),
        missingResults,
      }),
    );
  },
);
