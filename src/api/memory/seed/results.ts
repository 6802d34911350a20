import type { Report, ReportStatus, Result } from '../../../model/index.js';
import type { SeedContext } from './context.js';
import {
  absentReason,
  interpretation,
  LAB_TESTS,
  loincConcept,
  PANELS,
  referenceRange,
  UCUM_SYSTEM,
  type Flag,
  type LabTestKey,
  type PanelKey,
} from './lab-tests.js';

type Value = readonly [value: string, flag: Flag] | { absent: 'error' | 'not-performed'; reason: string; note: string };

interface SeedReport {
  panel: PanelKey;
  day: number;
  status: ReportStatus;
  conclusion?: string;
  values: Partial<Record<LabTestKey, Value>>;
  notes?: Partial<Record<LabTestKey, string>>;
}

const PERFORMER = 'Riverside Clinical Laboratory';

// Lipid values are consistent with each other (Friedewald: LDL = total - HDL - TG/5) and improve over two
// years, so a trend chart has a story to tell. Values keep the lab's precision as text: "4.10", "1.00".
const REPORTS: readonly SeedReport[] = [
  {
    panel: 'lipid',
    day: -730,
    status: 'final',
    values: { chol: ['248', 'H'], trig: ['172', 'H'], hdl: ['46', 'L'], ldl: ['168', 'H'] },
  },
  {
    panel: 'bmp',
    day: -365,
    status: 'final',
    values: {
      glucose: ['98', 'N'],
      bun: ['14', 'N'],
      creat: ['0.90', 'N'],
      sodium: ['140', 'N'],
      potassium: ['4.2', 'N'],
      chloride: ['102', 'N'],
      co2: ['25', 'N'],
      calcium: ['9.4', 'N'],
    },
  },
  {
    panel: 'lipid',
    day: -365,
    status: 'final',
    values: { chol: ['241', 'H'], trig: ['160', 'H'], hdl: ['47', 'L'], ldl: ['162', 'H'] },
  },
  {
    panel: 'bmp',
    day: -180,
    status: 'final',
    values: {
      glucose: ['108', 'H'],
      bun: ['16', 'N'],
      creat: ['0.95', 'N'],
      sodium: ['139', 'N'],
      potassium: ['4.5', 'N'],
      chloride: ['101', 'N'],
      co2: ['24', 'N'],
      calcium: ['9.6', 'N'],
    },
  },
  {
    panel: 'lipid',
    day: -180,
    status: 'final',
    values: { chol: ['229', 'H'], trig: ['151', 'H'], hdl: ['49', 'L'], ldl: ['150', 'H'] },
  },
  {
    panel: 'lipid',
    day: -14,
    status: 'final',
    conclusion: 'LDL cholesterol is still above goal but lower than last year.',
    values: { chol: ['221', 'H'], trig: ['148', 'N'], hdl: ['52', 'N'], ldl: ['139', 'H'] },
  },
  {
    panel: 'cbc',
    day: -14,
    status: 'final',
    values: {
      wbc: ['6.8', 'N'],
      rbc: ['4.10', 'L'],
      hgb: ['13.5', 'N'],
      hct: ['39.8', 'N'],
      mcv: ['97', 'N'],
      plt: { absent: 'error', reason: 'Specimen clotted', note: 'Specimen clotted; platelets could not be counted. Please give a new sample.' },
    },
  },
  {
    panel: 'bmp',
    day: -3,
    status: 'preliminary',
    values: {
      glucose: ['126', 'H'],
      bun: ['18', 'N'],
      creat: ['1.00', 'N'],
      sodium: ['138', 'N'],
      potassium: ['6.8', 'HH'],
      chloride: ['100', 'N'],
      co2: ['23', 'N'],
      calcium: ['9.5', 'N'],
    },
    notes: { potassium: 'Specimen slightly hemolyzed; potassium may be falsely high. A repeat sample was requested.' },
  },
];

type Measured = readonly [value: string, flag: Flag];

// `Array.isArray` does not narrow readonly tuples, hence a guard of our own.
const isMeasured = (value: Value): value is Measured => Array.isArray(value);

function buildResult(
  id: string,
  key: LabTestKey,
  value: Value,
  status: Result['status'],
  times: { effective: string; issued: string },
  note?: string,
): Result {
  const test = LAB_TESTS[key];
  const result: Result = {
    id,
    code: loincConcept(test),
    status,
    value: isMeasured(value)
      ? { kind: 'quantity', quantity: { value: value[0], unit: test.unit, system: UCUM_SYSTEM, code: test.unit } }
      : { kind: 'absent', reason: absentReason(value.absent, value.reason) },
    referenceRanges: [referenceRange(test)],
    effective: times.effective,
    issued: times.issued,
    interpretations: [],
    components: [],
    memberIds: [],
  };
  if (isMeasured(value)) {
    result.interpretation = interpretation(value[1]);
    result.interpretations = [result.interpretation];
  }
  const text = note ?? (isMeasured(value) ? undefined : value.note);
  if (text !== undefined) result.note = text;
  return result;
}

/** Lab reports, newest first (the order `listReports` answers in). */
export function seedReports(ctx: SeedContext): Report[] {
  const random = ctx.random('results');
  const counters = new Map<PanelKey, number>();
  const reports = REPORTS.map((entry): Report => {
    const ordinal = (counters.get(entry.panel) ?? 0) + 1;
    counters.set(entry.panel, ordinal);
    const id = `rpt-${entry.panel}-${ordinal}`;
    // Drawn in the morning, released in the afternoon; a preliminary report goes out before noon.
    const effective = ctx.at(entry.day, 7, random.int(0, 50));
    const issued = ctx.at(entry.day, entry.status === 'preliminary' ? 11 : 15, random.int(0, 59));
    const resultStatus = entry.status === 'preliminary' ? 'preliminary' : 'final';
    const results = (Object.entries(entry.values) as Array<[LabTestKey, Value]>).map(([key, value]) =>
      buildResult(`${id.replace('rpt-', 'obs-')}-${key}`, key, value, resultStatus, { effective, issued }, entry.notes?.[key]),
    );
    const report: Report = {
      id,
      code: loincConcept(PANELS[entry.panel]),
      status: entry.status,
      category: 'Laboratory',
      effective,
      issued,
      performer: PERFORMER,
      results,
      missingResults: 0,
    };
    if (entry.conclusion) report.conclusion = entry.conclusion;
    return report;
  });
  return reports.sort((a, b) => Date.parse(b.effective ?? '') - Date.parse(a.effective ?? '') || (a.id < b.id ? -1 : 1));
}
