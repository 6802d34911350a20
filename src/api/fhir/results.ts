/**
 * Home readings as FHIR: one patient-reported Observation per reading (LOINC code, UCUM unit, the patient as
 * subject and performer), written once per client key with the client's exactly-once create.
 */
import type { HomeReading, Result } from '../../model/index.js';
import { ApiError, isApiError } from '../errors.js';
import type { FhirClient } from './client.js';
import { LOINC_SYSTEM } from './constants.js';
import { clientRequestIdOf, clientRequestIdentifier, isRecord, referenceIdOf } from './map/common.js';
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

/** Whether the server creates Observations on a PUT to a new id, and honours If-None-Exist (from its statement). */
function writePlan(statement: unknown): { conditionalCreate: boolean; updateCreate: boolean } {
  const plan = { conditionalCreate: true, updateCreate: false };
  if (!isRecord(statement) || !Array.isArray(statement.rest)) return plan;
  for (const rest of statement.rest) {
    for (const resource of isRecord(rest) && Array.isArray(rest.resource) ? rest.resource : []) {
      if (isRecord(resource) && resource.type === 'Observation') {
        return { conditionalCreate: resource.conditionalCreate === true, updateCreate: resource.updateCreate === true };
      }
    }
  }
  return plan;
}

/** An id made from the key, so that a browser's own resend of a PUT rewrites the same reading. */
const readingIdFor = (key: string): string | undefined => {
  const id = `pk-obs-${key}`;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : undefined;
};

export async function addReading(fhir: FhirClient, reading: HomeReading, signal: AbortSignal): Promise<Result> {
  const operation = 'results.addReading';
  const values = reading.kind === 'blood-pressure' ? [reading.systolic, reading.diastolic] : [reading.value];
  // A form hands over checked text; anything else is a programming error, reported without the values.
  if (!values.every((v) => DECIMAL.test(v)) || reading.clientRequestId === '') throw new TypeError(`${operation}: values must be decimal text, with a key`);
  const resource = buildReadingObservation(reading, fhir.patientId(operation));
  const patientId = fhir.patientId(operation);
  const key = reading.clientRequestId;
  // If-None-Exist on the client key, and a look for it before any second try (FhirClient.createOnce).
  const create = () => fhir.createOnce('Observation', resource, key, operation, signal);
  const { conditionalCreate, updateCreate } = await fhir.capabilities(signal).then(writePlan, () => writePlan(undefined));
  const id = readingIdFor(key);
  let stored: unknown;
  if (conditionalCreate || !updateCreate || id === undefined) stored = await create();
  else {
    // Without conditional create a POST the browser resends is stored twice, so update as create under an id
    // from the key: a resend rewrites the same reading. Something else already at that id is no place to write.
    const earlier = async () => {
      try {
        const found = (await fhir.read('Observation', id, operation, signal)).body;
        if (clientRequestIdOf(found) !== key || referenceIdOf(found.subject, ['Patient']) !== patientId) throw new ApiError('conflict', { operation });
        return found;
      } catch (error) {
        if (isApiError(error) && (error.status === 404 || error.status === 410)) return undefined;
        throw error;
      }
    };
    const put = () => fhir.update('Observation', { ...resource, id }, undefined, operation, signal);
    try {
      stored = (await earlier()) ?? (await put());
    } catch (error) {
      if (isApiError(error) && (error.kind === 'network' || error.kind === 'server')) stored = (await earlier()) ?? (await put());
      // Update as create refused to this patient before anything was stored: a create is the one write.
      else if (isApiError(error) && (error.kind === 'forbidden' || error.status === 405 || error.status === 400 || error.status === 422)) stored = await create();
      else throw error;
    }
  }
  const mapped = mapObservation(stored);
  if (!mapped.ok) throw new ApiError('invalid-response', { operation });
  return mapped.value;
}
