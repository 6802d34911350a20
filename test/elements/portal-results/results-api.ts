import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import { ApiError } from '../../../src/api/errors.js';
import type { PortalApi } from '../../../src/api/portal-api.js';
import type { Report, Result } from '../../../src/model/results.js';
import { PATIENT_ID } from '../../contract/element-contract.js';

/** The memory adapter, answering with these reports instead of its seed (everything else unchanged). */
export function apiWithReports(reports: readonly Report[], patient?: { birthDate?: string; gender?: 'male' | 'female' } | 'unreadable'): PortalApi {
  const memory = createMemoryAdapter({ patientId: PATIENT_ID });
  return {
    ...memory,
    patient: patient === 'unreadable'
      ? { current: async () => Promise.reject(new ApiError('forbidden', { operation: 'patient.current' })) }
      : patient
      ? { current: async (signal) => ({ ...(await memory.patient.current(signal)), ...patient }) }
      : memory.patient,
    results: {
      ...memory.results,
      listReports: async () => ({ items: [...reports], dropped: 0, truncated: false }),
      getReport: async (id) => {
        const found = reports.find((r) => r.id === id);
        if (!found) throw new ApiError('not-found', { operation: 'results.getReport' });
        return found;
      },
    },
  };
}

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

/** A small result, with what a test needs changed. */
export function result(id: string, overrides: Partial<Result> = {}): Result {
  return {
    id,
    code: { text: 'Potassium', codings: [{ system: LOINC, code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma' }] },
    status: 'final',
    value: { kind: 'quantity', quantity: { value: '4.2', unit: 'mmol/L', system: UCUM, code: 'mmol/L' } },
    referenceRanges: [],
    interpretations: [],
    components: [],
    memberIds: [],
    ...overrides,
  };
}

export function report(id: string, results: Result[], overrides: Partial<Report> = {}): Report {
  return {
    id,
    code: { text: 'Basic metabolic panel', codings: [{ system: LOINC, code: '51990-0' }] },
    status: 'final',
    category: 'Laboratory',
    effective: '2026-03-03T07:15:00-05:00',
    results,
    missingResults: 0,
    ...overrides,
  };
}

/** A storage kept in a Map, so tests see what the element writes. */
export function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}
