/**
 * Home readings as FHIR: one patient-reported Observation per reading (LOINC code, UCUM unit, the patient as
 * subject and performer), written once per client key with the client's exactly-once create.
 */
import type { HomeReading, Result } from '../../model/index.js';
import { ApiError } from '../errors.js';
import type { FhirClient } from './client.js';
import { LOINC_SYSTEM } from './constants.js';
import { clientRequestIdentifier } from './map/common.js';
import { mapObservation } from './map/index.js';

const UCUM = 'http://unitsofmeasure.org';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

const loinc = (code: string, display: string) => ({ coding: [{ system: LOINC_SYSTEM, code, display }], text: display });
// The HTTP layer writes bodies with JSON.stringify, so the value goes out as a number: a typed `70.0` is sent as 70.
const quantity = (value: string, unit: string, code: string) => ({ value: Number(value), unit, system: UCUM, code });
const category = (code: 'vital-signs' | 'survey', display: string) => [{ coding: [{ system: CATEGORY, code, display }] }];

/** Units as the form offers them, with the words shown beside the UCUM code. */
const UNIT_TEXT: Readonly<Record<string, string>> = { 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L', kg: 'kg', '[lb_av]': 'lb' };

/**
 * The Observation for a reading. Blood pressure and weight are vital signs (the FHIR vital-signs profile's codes); a home glucose is
 * self-reported, category survey, with the LOINC code for glucose by a meter.
 */
export function buildReadingObservation(reading: HomeReading, patientId: string): Record<string, unknown> {
  const patient = { reference: `Patient/${patientId}` };
  const base = {
    resourceType: 'Observation',
    identifier: [clientRequestIdentifier(reading.clientRequestId)],
    status: 'final',
    subject: patient,
    performer: [patient],
    effectiveDateTime: reading.takenAt,
  };
  switch (reading.kind) {
    case 'blood-pressure':
      return {
        ...base,
        category: category('vital-signs', 'Vital Signs'),
        code: loinc('85354-9', 'Blood pressure panel with all children optional'),
        component: [
          { code: loinc('8480-6', 'Systolic blood pressure'), valueQuantity: quantity(reading.systolic, 'mmHg', 'mm[Hg]') },
          { code: loinc('8462-4', 'Diastolic blood pressure'), valueQuantity: quantity(reading.diastolic, 'mmHg', 'mm[Hg]') },
        ],
      };
    case 'weight':
      return {
        ...base,
        category: category('vital-signs', 'Vital Signs'),
        code: loinc('29463-7', 'Body weight'),
        valueQuantity: quantity(reading.value, UNIT_TEXT[reading.unit], reading.unit),
      };
    case 'glucose':
      return {
        ...base,
        category: category('survey', 'Survey'),
        code:
          reading.unit === 'mg/dL'
            ? loinc('41653-7', 'Glucose [Mass/volume] in Capillary blood by Glucometer')
            : loinc('14743-9', 'Glucose [Moles/volume] in Capillary blood by Glucometer'),
        valueQuantity: quantity(reading.value, UNIT_TEXT[reading.unit], reading.unit),
      };
  }
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

export async function addReading(fhir: FhirClient, reading: HomeReading, signal: AbortSignal): Promise<Result> {
  const operation = 'results.addReading';
  const values = reading.kind === 'blood-pressure' ? [reading.systolic, reading.diastolic] : [reading.value];
  // A form hands over checked text; anything else is a programming error, reported without the values.
  if (!values.every((v) => DECIMAL.test(v)) || reading.clientRequestId === '') throw new TypeError(`${operation}: values must be decimal text, with a key`);
  const resource = buildReadingObservation(reading, fhir.patientId(operation));
  // If-None-Exist on the client key, and a look for it before any second try (FhirClient.createOnce).
  const stored = await fhir.createOnce('Observation', resource, reading.clientRequestId, operation, signal);
  const mapped = mapObservation(stored);
  if (!mapped.ok) throw new ApiError('invalid-response', { operation });
  return mapped.value;
}
