/**
 * Vaccine record: Immunization → Immunization, ImmunizationRecommendation → Recommendation[], and the
 * patient-reported Immunization a `report` POSTs.
 */
import {
  FORECAST_STATUSES,
  IMMUNIZATION_STATUSES,
  ImmunizationSchema,
  RecommendationSchema,
  type Immunization,
  type NewImmunizationReport,
  type Recommendation,
  type Vaccine,
} from '../../../model/immunization.js';
import { ACT_REASON_SYSTEM, ACT_SITE_SYSTEM, CVX_SYSTEM, IMMUNIZATION_ORIGIN_SYSTEM, LOINC_SYSTEM } from '../constants.js';
import type { Immunization as FhirImmunization } from '../fhir-types.js';
import {
  isOneOf,
  identified,
  identifiedWithStatus,
  clientRequestIdentifier,
  codingWithSystem,
  compact,
  conceptText,
  datePart,
  fail,
  guarded,
  int,
  isRecord,
  ok,
  records,
  referenceDisplay,
  str,
  toConcept,
  validated,
  type Json,
  type MapOutcome,
} from './common.js';

/** LOINC 30980-7 "Date vaccine due". */
const DATE_DUE = '30980-7';
const ADMINISTERING_PROVIDER = 'AP';

function vaccineOf(concept: unknown): Vaccine | undefined {
  const mapped = toConcept(concept);
  if (!mapped) return undefined;
  return compact({ text: mapped.text, cvx: codingWithSystem(concept, CVX_SYSTEM)?.code, concept: mapped });
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

/** The immunization-origin code system's displays, for a reportOrigin sent as a code alone. */
const ORIGIN_DISPLAYS: Record<string, string> = { provider: 'Other Provider', record: 'Written Record', recall: 'Parent/Guardian/Patient Recall', school: 'School Record' };

/** The code of a concept's first coding in `system`, if any. */
function codeIn(concept: unknown, system: string): string | undefined {
  if (!isRecord(concept)) return undefined;
  return records(concept.coding).flatMap((c) => (c.system === system && typeof c.code === 'string' && c.code !== '' ? [c.code] : []))[0];
}

function originWords(concept: Json): string | undefined {
  return records(concept.coding).flatMap((c) => (c.system === IMMUNIZATION_ORIGIN_SYSTEM && typeof c.code === 'string' ? (ORIGIN_DISPLAYS[c.code] ?? []) : []))[0];
}

/** A concept's text or a coding's display; nothing for a bare code (a person cannot read "40468003"). */
function wordsOf(concept: Json): string | undefined {
  return str(concept.text) ?? records(concept.coding).flatMap((c) => str(c.display) ?? [])[0];
}

/** positiveInt or string choice (`doseNumber[x]`, `seriesDoses[x]`) as text. */
function choiceText(source: Json | undefined, base: string): string | undefined {
  const number = int(source?.[`${base}PositiveInt`]);
  return number !== undefined ? String(number) : str(source?.[`${base}String`]);
}

/** The administering provider (function AP) if named, else the first performer with a display. */
function performerOf(immunization: Json): string | undefined {
  const performers = records(immunization.performer);
  const administering = performers.find((p) =>
    records(isRecord(p.function) ? p.function.coding : undefined).some((c) => c.code === ADMINISTERING_PROVIDER),
  );
  return referenceDisplay(administering?.actor) ?? performers.flatMap((p) => referenceDisplay(p.actor) ?? [])[0];
}

/**
 * Immunization → Immunization.
 * - occurrenceDateTime keeps only its date part at its own precision (`2020-11-19T12:46:57-08:00` →
 *   `2020-11-19`, `2021-05` → `2021-05`): the local date where it was given. No Date object, no zone
 *   conversion (see `datePart`). A value that is not a FHIR dateTime rejects the record.
 * - occurrenceString ("January 2012") → occurrenceText, shown as written.
 * - primarySource: FHIR R4 makes it optional. When absent it is taken as true only if there is no
 *   `reportOrigin` either; a reportOrigin means someone other than the giver reported it, which is the
 *   very meaning of primarySource false. Leaning to "reported" never overstates how verified a record is.
 * - cvx: the coding with system http://hl7.org/fhir/sid/cvx; records coded only in AIR/SNOMED/ATC keep
 *   their concept and text without one.
 */
export const mapImmunization = guarded((resource: unknown): MapOutcome<Immunization> => {
  const head = identifiedWithStatus(resource, 'Immunization', IMMUNIZATION_STATUSES);
  if (!head.ok) return head;
  const { resource: immunization, id, status } = head;
  const vaccine = vaccineOf(immunization.vaccineCode);
  if (!vaccine) return fail('missing-vaccine');
  const occurrenceDate = datePart(immunization.occurrenceDateTime);
  if (immunization.occurrenceDateTime !== undefined && occurrenceDate === undefined) return fail('invalid-occurrence');
  const primarySource =
    typeof immunization.primarySource === 'boolean' ? immunization.primarySource : immunization.reportOrigin === undefined;
  const protocols = records(immunization.protocolApplied).map((entry) =>
    compact({
      series: str(entry.series),
      targetDiseases: nonEmpty(records(entry.targetDisease).flatMap((disease) => wordsOf(disease) ?? [])),
      doseNumber: choiceText(entry, 'doseNumber'),
      seriesDoses: choiceText(entry, 'seriesDoses'),
    }),
  );
  const protocol = protocols[0];
  return validated(
    ImmunizationSchema,
    compact({
      id,
      vaccine,
      status,
      statusReason: conceptText(immunization.statusReason),
      statusReasonCode: codeIn(immunization.statusReason, ACT_REASON_SYSTEM),
      occurrenceDate,
      occurrenceText: str(immunization.occurrenceString),
      lotNumber: str(immunization.lotNumber),
      site: conceptText(immunization.site),
      siteCode: codeIn(immunization.site, ACT_SITE_SYSTEM),
      route: conceptText(immunization.route),
      performer: performerOf(immunization),
      location: referenceDisplay(immunization.location),
      primarySource,
      reportOrigin: isRecord(immunization.reportOrigin) ? (wordsOf(immunization.reportOrigin) ?? originWords(immunization.reportOrigin)) : undefined,
      reportOriginCode: codeIn(immunization.reportOrigin, IMMUNIZATION_ORIGIN_SYSTEM),
      doseNumber: protocol?.doseNumber,
      seriesDoses: protocol?.seriesDoses,
      protocolApplied: protocols.length > 0 ? protocols : undefined,
    }),
  );
});

function forecastOf(concept: unknown): Recommendation['forecast'] {
  const codes = records(isRecord(concept) ? concept.coding : undefined).map((c) => c.code);
  const known = codes.find((code) => isOneOf(FORECAST_STATUSES, code));
  return (known as Recommendation['forecast'] | undefined) ?? 'unknown';
}

/** "Date vaccine due" (LOINC 30980-7) when given, else the earliest valid criterion date. */
function dueDateOf(entry: Json): string | undefined {
  const criteria = records(entry.dateCriterion).flatMap((c) => {
    const date = datePart(c.value);
    return date ? [{ date, due: codingWithSystem(c.code, LOINC_SYSTEM)?.code === DATE_DUE }] : [];
  });
  const due = criteria.find((c) => c.due);
  if (due) return due.date;
  // Same-precision FHIR dates order correctly as strings; a shorter (less precise) one sorts first.
  return criteria.map((c) => c.date).sort()[0];
}

/**
 * ImmunizationRecommendation → Recommendation[]. One resource holds many `recommendation` entries; each
 * becomes one Recommendation with id `<resourceId>-<index>` (index in the source array, so ids stay
 * stable when a neighbour is dropped). Returns `{ items, dropped }`, ready to merge into a ListResult,
 * rather than a MapOutcome: a bad entry is counted, the rest survive, and a resource that is not an
 * ImmunizationRecommendation with an id counts as one dropped entry. Never throws. The vaccine is the entry's first vaccineCode, else its targetDisease; forecast is the
 * forecastStatus code when it is one the model knows, else `unknown`.
 */
export function mapRecommendations(resource: unknown): { items: Recommendation[]; dropped: number } {
  const outcome = recommendationsOutcome(resource);
  return outcome.ok ? outcome.value : { items: [], dropped: 1 };
}

const recommendationsOutcome = guarded(
  (resource: unknown): MapOutcome<{ items: Recommendation[]; dropped: number }> => {
    const head = identified(resource, 'ImmunizationRecommendation');
    if (!head.ok) return head;
    const { resource: recommendation, id } = head;
    const items: Recommendation[] = [];
    let dropped = 0;
    for (const [index, entry] of (Array.isArray(recommendation.recommendation) ? recommendation.recommendation : []).entries()) {
      const mapped = isRecord(entry)
        ? validated(
            RecommendationSchema,
            compact({
              id: `${id}-${index}`,
              vaccine: vaccineOf(records(entry.vaccineCode)[0]) ?? vaccineOf(entry.targetDisease),
              forecast: forecastOf(entry.forecastStatus),
              dueDate: dueDateOf(entry),
              doseNumber: choiceText(entry, 'doseNumber'),
              series: str(entry.series),
              description: str(entry.description),
            }),
          )
        : fail('not-an-object');
      if (mapped.ok) items.push(mapped.value);
      else dropped++;
    }
    return ok({ items, dropped });
  },
);

/** immunization-origin codes: `recall` (the patient's memory) or `record` (a written record the patient has). */
const REPORT_ORIGINS = {
  recall: { system: IMMUNIZATION_ORIGIN_SYSTEM, code: 'recall', display: 'Parent/Guardian/Patient Recall' },
  record: { system: IMMUNIZATION_ORIGIN_SYSTEM, code: 'record', display: 'Written Record' },
} as const;

export interface ImmunizationCreateInput {
  report: NewImmunizationReport;
  patientId: string;
}

/**
 * The Immunization to POST for a patient-reported vaccine (with `If-None-Exist`). primarySource false and
 * reportOrigin `recall` (patient/guardian recall) say who vouches for it; occurrenceDateTime is the
 * partial date exactly as the patient gave it ("2021", "2021-05"); a place the patient names is a
 * display-only location reference.
 */
export function buildImmunizationCreate(input: ImmunizationCreateInput): FhirImmunization {
  const { report, patientId } = input;
  const immunization: FhirImmunization = {
    resourceType: 'Immunization',
    identifier: [clientRequestIdentifier(report.clientRequestId)],
    status: 'completed',
    vaccineCode: { coding: [{ system: CVX_SYSTEM, code: report.cvx, display: report.vaccineText }], text: report.vaccineText },
    patient: { reference: `Patient/${patientId}` },
    occurrenceDateTime: report.occurrenceDate,
    primarySource: false,
    reportOrigin: { coding: [REPORT_ORIGINS[report.source ?? 'recall']] },
  };
  if (report.lotNumber !== undefined && report.lotNumber.trim() !== '') immunization.lotNumber = report.lotNumber;
  if (report.location !== undefined && report.location.trim() !== '') immunization.location = { display: report.location };
  return immunization;
}
