import type {
  Immunization,
  ListResult,
  PatientSummary,
  Recommendation,
  Report,
  Result,
} from '../../model/index.js';
import { ApiError } from '../errors.js';
import type { ImmunizationsApi, PatientApi, ResultsApi } from '../portal-api.js';
import type { FhirClient } from './client.js';
import {
  buildImmunizationCreate,
  mapDiagnosticReport,
  mapImmunization,
  mapObservation,
  mapPatient,
  mapRecommendations,
} from './map/index.js';
import { isRecord, parseReference } from './map/common.js';
import { collectMapped } from './mapped.js';
import { addReading } from './results.js';
import { sharedWhileRunning } from '../in-flight.js';
import { indexByReference } from './search.js';
import { writeOnce } from './write-once.js';
import { offersHealthCards } from './capabilities.js';

// The patient-record features of the FHIR adapter. Every search is scoped to the patient in the token's
// context; nothing here takes a patient id from the caller.

/** How long the signed-in patient's summary answers every element that shows their name, without asking again. */
export const PATIENT_SUMMARY_FRESH_MS = 60_000;

export function fhirPatient(fhir: FhirClient, now: () => number = Date.now): PatientApi {
  const operation = 'patient.current';
  // The banner, the sign-in button and any other element showing the name all ask at sign-in: one read serves them.
  const read = sharedWhileRunning(async (patientId: string, signal: AbortSignal) => {
    const { body } = await fhir.read('Patient', patientId, operation, signal);
    const mapped = mapPatient(body);
    if (!mapped.ok) throw new ApiError('invalid-response', { operation });
    return mapped.value;
  });
  let last: { patientId: string; summary: PatientSummary; at: number } | undefined;
  return {
    async current(signal): Promise<PatientSummary> {
      const patientId = fhir.patientId(operation);
      if (last?.patientId === patientId && now() - last.at < PATIENT_SUMMARY_FRESH_MS) return last.summary;
      const summary = await read(patientId, signal);
      last = { patientId, summary, at: now() };
      return summary;
    },
  };
}

// Messaging lives in its own module (attachments, read marks, exactly-once sends) and loads with this chunk.
export { fhirMessaging } from './messaging.js';

export function fhirResults(fhir: FhirClient): ResultsApi {
  async function reports(query: string, operation: string, signal: AbortSignal): Promise<ListResult<Report>> {
    const found = await fhir.search(query, operation, signal, 10);
    const observations = indexByReference(found.included);
    const missing = found.matches.flatMap((report) =>
      isRecord(report) && Array.isArray(report.result)
        ? report.result.flatMap((ref) => {
            const parsed = parseReference(ref);
            return parsed && !observations.has(`Observation/${parsed.id}`) ? [parsed.id] : [];
          })
        : [],
    );
    indexByReference(await fhir.readMany('Observation', missing, operation, signal)).forEach((r, k) => observations.set(k, r));
    const byId = new Map([...observations].map(([key, value]) => [key.replace(/^Observation\//, ''), value]));
    return { ...collectMapped(found.matches, (report) => mapDiagnosticReport(report, byId)), truncated: found.truncated };
  }

  return {
    listReports(signal) {
      const operation = 'results.listReports';
      const patient = encodeURIComponent(`Patient/${fhir.patientId(operation)}`);
      return reports(`DiagnosticReport?patient=${patient}&_sort=-date&_count=50&_include=DiagnosticReport:result`, operation, signal);
    },

    async getReport(reportId, signal): Promise<Report> {
      const operation = 'results.getReport';
      const patient = encodeURIComponent(`Patient/${fhir.patientId(operation)}`);
      const found = await reports(
        `DiagnosticReport?_id=${encodeURIComponent(reportId)}&patient=${patient}&_include=DiagnosticReport:result`,
        operation,
        signal,
      );
      const report = found.items[0];
      if (!report) throw new ApiError(found.dropped > 0 ? 'invalid-response' : 'not-found', { operation });
      return report;
    },

    async resultHistory(code, signal): Promise<ListResult<Result>> {
      const operation = 'results.resultHistory';
      const patient = encodeURIComponent(`Patient/${fhir.patientId(operation)}`);
      const token = encodeURIComponent(code.system ? `${code.system}|${code.code}` : code.code);
      const found = await fhir.search(`Observation?patient=${patient}&code=${token}&_sort=date&_count=100`, operation, signal, 10);
      return { ...collectMapped(found.matches, mapObservation), truncated: found.truncated };
    },

    addReading: (reading, signal) => addReading(fhir, reading, signal),
  };
}

export function fhirImmunizations(fhir: FhirClient): ImmunizationsApi {
  return {
    async list(signal): Promise<ListResult<Immunization>> {
      const operation = 'immunizations.list';
      const patient = encodeURIComponent(`Patient/${fhir.patientId(operation)}`);
      const found = await fhir.search(`Immunization?patient=${patient}&_sort=-date&_count=100`, operation, signal, 10);
      return { ...collectMapped(found.matches, mapImmunization), truncated: found.truncated };
    },

    async recommendations(signal): Promise<ListResult<Recommendation>> {
      const operation = 'immunizations.recommendations';
      const patient = encodeURIComponent(`Patient/${fhir.patientId(operation)}`);
      const found = await fhir.search(`ImmunizationRecommendation?patient=${patient}&_count=50`, operation, signal, 5);
      const out: ListResult<Recommendation> = { items: [], dropped: 0, truncated: found.truncated };
      for (const resource of found.matches) {
        const mapped = mapRecommendations(resource);
        out.items.push(...mapped.items);
        out.dropped += mapped.dropped;
      }
      return out;
    },

    async report(report, signal): Promise<Immunization> {
      const operation = 'immunizations.report';
      const patientId = fhir.patientId(operation);
      const resource = buildImmunizationCreate({ report, patientId });
      const created = await writeOnce(
        fhir,
        { type: 'Immunization', resource, key: report.clientRequestId, idPrefix: 'pk-imm-', patientId, patientElement: 'patient', operation },
        signal,
      );
      const mapped = mapImmunization(created);
      if (!mapped.ok) throw new ApiError('invalid-response', { operation });
      return mapped.value;
    },

    healthCardsOffered: (signal) => fhir.capabilities(signal).then(offersHealthCards, () => false),

    async issueHealthCards(signal): Promise<string[]> {
      const operation = 'immunizations.issueHealthCards';
      const patient = encodeURIComponent(fhir.patientId(operation));
      // Issuing changes nothing on the server, so a retry after a lost answer only signs again.
      const { body } = await fhir.http.request(
        `Patient/${patient}/$health-cards-issue`,
        { method: 'POST', body: { resourceType: 'Parameters', parameter: [{ name: 'credentialType', valueUri: 'Immunization' }] } },
        operation,
        signal,
      );
      if (!isRecord(body) || body.resourceType !== 'Parameters') throw new ApiError('invalid-response', { operation });
      return (Array.isArray(body.parameter) ? body.parameter : []).flatMap((p) =>
        isRecord(p) && p.name === 'verifiableCredential' && typeof p.valueString === 'string' && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(p.valueString) ? [p.valueString] : [],
      );
    },
  };
}
