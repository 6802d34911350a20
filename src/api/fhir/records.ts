import type {
  Immunization,
  ListResult,
  Message,
  PatientSummary,
  Recipient,
  Recommendation,
  Report,
  Result,
  Thread,
  ThreadWithMessages,
} from '../../model/index.js';
import { ApiError } from '../errors.js';
import type { ImmunizationsApi, MessagingApi, PatientApi, ResultsApi } from '../portal-api.js';
import type { FhirClient } from './client.js';
import {
  buildCommunicationCreate,
  buildImmunizationCreate,
  buildThreads,
  mapCommunication,
  mapDiagnosticReport,
  mapImmunization,
  mapObservation,
  mapPatient,
  mapPractitioner,
  mapRecommendations,
} from './map/index.js';
import { isRecord, parseReference } from './map/common.js';
import { collectMapped } from './mapped.js';
import { sharedWhileRunning } from '../in-flight.js';
import { listClinicians } from './scheduling.js';
import { indexByReference } from './search.js';

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

export function fhirMessaging(fhir: FhirClient): MessagingApi {
  async function patientCommunications(operation: string, signal: AbortSignal) {
    const patientId = fhir.patientId(operation);
    const found = await fhir.search(
      `Communication?subject=${encodeURIComponent(`Patient/${patientId}`)}&_sort=-sent&_count=100&_include=Communication:sender`,
      operation,
      signal,
      10,
    );
    const names: Record<string, string> = {};
    for (const resource of found.included) {
      const mapped = mapPractitioner(resource);
      if (mapped.ok && isRecord(resource)) names[`${resource.resourceType}/${resource.id}`] = mapped.value.name;
    }
    return { ...buildThreads(found.matches, { patientId, names }), truncated: found.truncated };
  }

  return {
    async listThreads(signal): Promise<ListResult<Thread>> {
      const { threads, dropped, truncated } = await patientCommunications('messaging.listThreads', signal);
      return { items: threads, dropped, truncated };
    },

    async getThread(threadId, signal): Promise<ThreadWithMessages> {
      const operation = 'messaging.getThread';
      const { threads, messagesByThread, dropped } = await patientCommunications(operation, signal);
      const thread = threads.find((candidate) => candidate.id === threadId);
      if (!thread) throw new ApiError('not-found', { operation });
      return { thread, messages: messagesByThread[threadId] ?? [], dropped };
    },

    async listRecipients(signal): Promise<ListResult<Recipient>> {
      const operation = 'messaging.listRecipients';
      const patientId = fhir.patientId(operation);
      const [people, teams] = await Promise.all([
        listClinicians(fhir, operation, signal),
        fhir.search(`CareTeam?patient=${encodeURIComponent(`Patient/${patientId}`)}&status=active`, operation, signal),
      ]);
      const items: Recipient[] = people.items.map(({ id, name, role }) => ({ id, kind: 'practitioner', name, ...(role ? { role } : {}) }));
      for (const team of teams.matches) {
        if (isRecord(team) && typeof team.id === 'string' && typeof team.name === 'string' && team.name.trim()) {
          items.push({ id: team.id, kind: 'care-team', name: team.name });
        }
      }
      return { items, dropped: people.dropped, truncated: people.truncated || teams.truncated };
    },

    async send(message, signal): Promise<Message> {
      const operation = 'messaging.send';
      const patientId = fhir.patientId(operation);
      const resource = buildCommunicationCreate({
        message,
        patientId,
        rootCommunicationId: message.threadId,
        sentAt: new Date().toISOString(),
      });
      const created = await fhir.createOnce('Communication', resource, message.clientRequestId, operation, signal);
      const mapped = mapCommunication(created, { patientId });
      if (!mapped.ok) throw new ApiError('invalid-response', { operation });
      return mapped.value;
    },
  };
}

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
      const resource = buildImmunizationCreate({ report, patientId: fhir.patientId(operation) });
      const created = await fhir.createOnce('Immunization', resource, report.clientRequestId, operation, signal);
      const mapped = mapImmunization(created);
      if (!mapped.ok) throw new ApiError('invalid-response', { operation });
      return mapped.value;
    },
  };
}
