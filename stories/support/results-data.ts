/**
 * Lab reports for the results stories that the memory adapter's seed does not have (a nested panel, a blood
 * pressure, text and coded values, entered-in-error, amended, mixed units, a sensitive category), served by the
 * memory adapter with its results api answering these instead.
 */
import { createMemoryAdapter } from '../../src/api/memory/index.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import type { Quantity, Report, Result } from '../../src/model/results.js';
import { STORY_PATIENT_ID } from './with-portal.js';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

const q = (value: string, unit: string, code = unit): Quantity => ({ value, unit, system: UCUM, code });
const loinc = (code: string, text: string) => ({ text, codings: [{ system: LOINC, code }] });

function result(id: string, text: string, code: string, value: Result['value'], extra: Partial<Result> = {}): Result {
  return { id, code: loinc(code, text), status: 'final', value, referenceRanges: [], interpretations: [], components: [], memberIds: [], effective: '2026-03-03T08:10:00-05:00', ...extra };
}
const measured = (value: string, unit: string, code = unit) => ({ kind: 'quantity' as const, quantity: q(value, unit, code) });
const report = (id: string, text: string, results: Result[], extra: Partial<Report> = {}): Report => ({
  id,
  code: { text, codings: [] },
  status: 'final',
  category: 'Laboratory',
  effective: '2026-03-03T08:10:00-05:00',
  issued: '2026-03-03T15:42:00-05:00',
  performer: 'Riverside Clinical Laboratory',
  results,
  missingResults: 0,
  ...extra,
});

const urinalysis = [
  result('ua', 'Urinalysis', '24356-8', { kind: 'absent' }, { memberIds: ['ua-color', 'ua-ph', 'ua-protein'] }),
  result('ua-color', 'Color of urine', '5778-6', { kind: 'concept', concept: { text: 'Yellow', codings: [] } }),
  result('ua-ph', 'pH of urine', '5803-2', measured('6.0', '[pH]'), { referenceRanges: [{ low: q('4.5', '[pH]'), high: q('8.0', '[pH]') }] }),
  result('ua-protein', 'Protein in urine', '20454-5', { kind: 'concept', concept: { text: 'Negative', codings: [] } }, {
    interpretations: [{ code: 'NEG', system: V3, severity: 'normal' }],
  }),
];

const bloodPressure = result('bp', 'Blood pressure', '85354-9', { kind: 'absent' }, {
  components: [
    { code: loinc('8480-6', 'Systolic'), value: measured('107', 'mmHg', 'mm[Hg]'), referenceRanges: [{ high: q('120', 'mmHg', 'mm[Hg]') }] },
    { code: loinc('8462-4', 'Diastolic'), value: measured('60', 'mmHg', 'mm[Hg]'), referenceRanges: [{ high: q('80', 'mmHg', 'mm[Hg]') }] },
  ],
});

const textAndCoded = [
  result('blood-group', 'Blood group', '883-9', { kind: 'concept', concept: { text: 'Group A', codings: [] } }),
  result('comment', 'Lab comment', '8251-1', { kind: 'text', text: 'Sample received at room temperature; results are valid.' }),
  result('culture', 'Throat culture', '626-2', { kind: 'concept', concept: { text: 'No growth of Streptococcus pyogenes', codings: [] } }, {
    interpretations: [{ code: 'ND', system: V3, severity: 'normal' }],
  }),
  result('decimal', 'A very small amount', '1234-5', measured('1E-22', 'g')),
];

const glucose = (id: string, value: string, unit: 'mg/dL' | 'mmol/L', effective: string, patientReported?: boolean) =>
  result(id, 'Glucose', '2345-7', measured(value, unit), {
    effective,
    referenceRanges: unit === 'mg/dL' ? [{ low: q('70', 'mg/dL'), high: q('99', 'mg/dL') }] : [],
    ...(patientReported ? { patientReported } : {}),
  });
const glucoseHistory = [
  glucose('g1', '92', 'mg/dL', '2025-09-02T08:00:00-04:00'),
  glucose('g2', '5.6', 'mmol/L', '2025-11-20T08:00:00-05:00'),
  glucose('g3', '101', 'mg/dL', '2026-01-05T08:00:00-05:00'),
  glucose('g4', '113', 'mg/dL', '2026-03-03T08:10:00-05:00'),
];

export type ResultsStoryData = 'panel' | 'blood-pressure' | 'text-coded' | 'entered-in-error' | 'amended' | 'mixed-units' | 'sensitive';

const DATA: Record<ResultsStoryData, Report[]> = {
  panel: [report('r-ua', 'Urinalysis', urinalysis)],
  'blood-pressure': [report('r-bp', 'Vital signs', [bloodPressure], { category: 'Vital signs' })],
  'text-coded': [report('r-text', 'Blood bank and microbiology', textAndCoded)],
  'entered-in-error': [
    report('r-wrong', 'Hemoglobin A1c', [result('a1c', 'Hemoglobin A1c', '4548-4', measured('9.1', '%'))], { status: 'entered-in-error' }),
    report('r-right', 'Hemoglobin A1c', [result('a1c-2', 'Hemoglobin A1c', '4548-4', measured('5.6', '%'), { referenceRanges: [{ high: q('5.6', '%') }] })], {
      effective: '2026-03-04T09:00:00-05:00',
    }),
  ],
  amended: [
    report('r-amended', 'Thyroid stimulating hormone', [result('tsh', 'TSH', '3016-3', measured('2.10', 'm[IU]/L'), { status: 'amended', referenceRanges: [{ low: q('0.40', 'm[IU]/L'), high: q('4.00', 'm[IU]/L') }], note: 'Corrected after a calibration check; the first value released was 21.0.' })], { status: 'amended' }),
  ],
  'mixed-units': [report('r-glucose', 'Glucose', [glucoseHistory[3]])],
  sensitive: [
    report('r-genetic', 'BRCA1/BRCA2 genetic test', [result('brca', 'BRCA1/BRCA2 variants', '21636-6', { kind: 'concept', concept: { text: 'No pathogenic variant found', codings: [] } })], { category: 'Genetics' }),
  ],
};

/** The memory adapter answering with one story's reports (and, for glucose, its history in two units). */
export function resultsStoryApi(data: ResultsStoryData): () => PortalApi {
  return () => {
    const memory = createMemoryAdapter({ patientId: STORY_PATIENT_ID });
    const reports = DATA[data];
    return {
      ...memory,
      results: {
        ...memory.results,
        listReports: async () => ({ items: reports, dropped: 0, truncated: false }),
        getReport: async (id, signal) => reports.find((r) => r.id === id) ?? memory.results.getReport(id, signal),
        resultHistory: async (code, signal) =>
          code.code === '2345-7' ? { items: glucoseHistory, dropped: 0, truncated: false } : memory.results.resultHistory(code, signal),
      },
    };
  };
}
