import type { HomeReading, Report, Result } from '../../model/index.js';
import type { ResultsApi } from '../portal-api.js';
import { apiError, type Runtime } from './runtime.js';
import type { MemoryStore } from './store.js';

const effectiveMs = (item: { effective?: string }): number => (item.effective ? Date.parse(item.effective) : 0);

const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const loinc = (code: string, text: string) => ({ text, codings: [{ system: LOINC, code, display: text }] });
const measured = (value: string, unit: string, code: string) => ({ kind: 'quantity' as const, quantity: { value, unit, system: UCUM, code } });

/** A home reading as the FHIR adapter reads its Observation back (same LOINC codes and units). */
function readingResult(reading: HomeReading, id: string): Result {
  const base = { id, status: 'final' as const, effective: reading.takenAt, referenceRanges: [], interpretations: [], memberIds: [], patientReported: true };
  switch (reading.kind) {
    case 'blood-pressure':
      return {
        ...base,
        code: loinc('85354-9', 'Blood pressure panel with all children optional'),
        value: { kind: 'absent' },
        components: [
          { code: loinc('8480-6', 'Systolic blood pressure'), value: measured(reading.systolic, 'mmHg', 'mm[Hg]'), referenceRanges: [], interpretations: [] },
          { code: loinc('8462-4', 'Diastolic blood pressure'), value: measured(reading.diastolic, 'mmHg', 'mm[Hg]'), referenceRanges: [], interpretations: [] },
        ],
      };
    case 'weight':
      return { ...base, code: loinc('29463-7', 'Body weight'), value: measured(reading.value, reading.unit === 'kg' ? 'kg' : 'lb', reading.unit), components: [] };
    case 'glucose':
      return {
        ...base,
        code:
          reading.unit === 'mg/dL'
            ? loinc('41653-7', 'Glucose [Mass/volume] in Capillary blood by Glucometer')
            : loinc('14743-9', 'Glucose [Moles/volume] in Capillary blood by Glucometer'),
        value: measured(reading.value, reading.unit, reading.unit),
        components: [],
      };
  }
}

export function createResultsApi(store: MemoryStore, runtime: Runtime): ResultsApi {
  // Home readings by their client key: a retry with the same key answers the reading already stored.
  const readings = new Map<string, Result>();

  function addReading(reading: HomeReading): Result {
    const earlier = readings.get(reading.clientRequestId);
    if (earlier) return earlier;
    const result = readingResult(reading, `reading-${readings.size + 1}`);
    readings.set(reading.clientRequestId, result);
    return result;
  }

  function listReports() {
    const reports = [...store.reports].sort((a, b) => effectiveMs(b) - effectiveMs(a) || (a.id < b.id ? -1 : 1));
    return runtime.list(reports);
  }

  function getReport(reportId: string): Report {
    const report = store.reports.find((r) => r.id === reportId);
    if (!report) throw apiError('not-found', 'results.getReport');
    return report;
  }

  /** Every result of one test across all reports, oldest first, as a trend chart reads them. */
  function resultHistory(code: { system?: string; code: string }) {
    const matches = (result: Result): boolean =>
      result.code.codings.some((c) => c.code === code.code && (code.system === undefined || c.system === code.system));
    const history = [...store.reports.flatMap((report) => report.results), ...readings.values()]
      .filter(matches)
      .sort((a, b) => effectiveMs(a) - effectiveMs(b) || (a.id < b.id ? -1 : 1));
    return runtime.list(history);
  }

  return {
    listReports: (signal) => runtime.call('results.listReports', signal, undefined, listReports),
    getReport: (reportId, signal) => runtime.call('results.getReport', signal, reportId, getReport),
    resultHistory: (code, signal) => runtime.call('results.resultHistory', signal, code, resultHistory),
    addReading: (reading, signal) => runtime.call('results.addReading', signal, reading, addReading),
  };
}
