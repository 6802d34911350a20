import type { Concept, Interpretation, ReferenceRange } from '../../../model/index.js';

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
const GENDER_SYSTEM = 'http://hl7.org/fhir/administrative-gender';
const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const DATA_ABSENT_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

/** One test as the lab reports it: LOINC code, the words a patient reads, unit and adult range. */
export interface LabTest {
  readonly loinc: string;
  readonly loincDisplay: string;
  readonly text: string;
  readonly unit: string;
  readonly low?: string;
  readonly high?: string;
  readonly appliesTo?: 'Women' | 'Men';
  /** How the lab prints a one-sided range ("<200 mg/dL"); the bounds stay for code that compares. */
  readonly rangeText?: string;
}

// Ranges are typical adult ranges as labs print them, written as decimal text with the lab's precision.
export const LAB_TESTS = {
  wbc: { loinc: '6690-2', loincDisplay: 'Leukocytes [#/volume] in Blood by Automated count', text: 'White blood cells', unit: '10*3/uL', low: '4.5', high: '11.0' },
  rbc: { loinc: '789-8', loincDisplay: 'Erythrocytes [#/volume] in Blood by Automated count', text: 'Red blood cells', unit: '10*6/uL', low: '4.20', high: '5.40', appliesTo: 'Women' },
  hgb: { loinc: '718-7', loincDisplay: 'Hemoglobin [Mass/volume] in Blood', text: 'Hemoglobin', unit: 'g/dL', low: '12.0', high: '15.5', appliesTo: 'Women' },
  hct: { loinc: '4544-3', loincDisplay: 'Hematocrit [Volume Fraction] of Blood by Automated count', text: 'Hematocrit', unit: '%', low: '36.0', high: '46.0', appliesTo: 'Women' },
  mcv: { loinc: '787-2', loincDisplay: 'MCV [Entitic volume] by Automated count', text: 'Mean cell volume', unit: 'fL', low: '80', high: '100' },
  plt: { loinc: '777-3', loincDisplay: 'Platelets [#/volume] in Blood by Automated count', text: 'Platelets', unit: '10*3/uL', low: '150', high: '400' },
  chol: { loinc: '2093-3', loincDisplay: 'Cholesterol [Mass/volume] in Serum or Plasma', text: 'Total cholesterol', unit: 'mg/dL', high: '199', rangeText: '<200 mg/dL' },
  trig: { loinc: '2571-8', loincDisplay: 'Triglyceride [Mass/volume] in Serum or Plasma', text: 'Triglycerides', unit: 'mg/dL', high: '149', rangeText: '<150 mg/dL' },
  hdl: { loinc: '2085-9', loincDisplay: 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', text: 'HDL cholesterol', unit: 'mg/dL', low: '50', appliesTo: 'Women', rangeText: '>=50 mg/dL' },
  ldl: { loinc: '13457-7', loincDisplay: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', text: 'LDL cholesterol', unit: 'mg/dL', high: '99', rangeText: '<100 mg/dL' },
  glucose: { loinc: '2345-7', loincDisplay: 'Glucose [Mass/volume] in Serum or Plasma', text: 'Glucose', unit: 'mg/dL', low: '70', high: '99' },
  bun: { loinc: '3094-0', loincDisplay: 'Urea nitrogen [Mass/volume] in Serum or Plasma', text: 'Urea nitrogen (BUN)', unit: 'mg/dL', low: '7', high: '20' },
  creat: { loinc: '2160-0', loincDisplay: 'Creatinine [Mass/volume] in Serum or Plasma', text: 'Creatinine', unit: 'mg/dL', low: '0.50', high: '1.10', appliesTo: 'Women' },
  sodium: { loinc: '2951-2', loincDisplay: 'Sodium [Moles/volume] in Serum or Plasma', text: 'Sodium', unit: 'mmol/L', low: '136', high: '145' },
  potassium: { loinc: '2823-3', loincDisplay: 'Potassium [Moles/volume] in Serum or Plasma', text: 'Potassium', unit: 'mmol/L', low: '3.5', high: '5.1' },
  chloride: { loinc: '2075-0', loincDisplay: 'Chloride [Moles/volume] in Serum or Plasma', text: 'Chloride', unit: 'mmol/L', low: '98', high: '107' },
  co2: { loinc: '2028-9', loincDisplay: 'Carbon dioxide, total [Moles/volume] in Serum or Plasma', text: 'Carbon dioxide', unit: 'mmol/L', low: '22', high: '29' },
  calcium: { loinc: '17861-6', loincDisplay: 'Calcium [Mass/volume] in Serum or Plasma', text: 'Calcium', unit: 'mg/dL', low: '8.6', high: '10.3' },
} as const satisfies Record<string, LabTest>;

export type LabTestKey = keyof typeof LAB_TESTS;

export const PANELS = {
  cbc: { loinc: '58410-2', loincDisplay: 'CBC panel - Blood by Automated count', text: 'Complete blood count (CBC)' },
  lipid: { loinc: '24331-1', loincDisplay: 'Lipid 1996 panel - Serum or Plasma', text: 'Lipid panel' },
  bmp: { loinc: '51990-0', loincDisplay: 'Basic metabolic panel - Blood', text: 'Basic metabolic panel' },
} as const;
export type PanelKey = keyof typeof PANELS;

export function loincConcept(entry: { loinc: string; loincDisplay: string; text: string }): Concept {
  return { text: entry.text, codings: [{ system: LOINC_SYSTEM, code: entry.loinc, display: entry.loincDisplay }] };
}

export function referenceRange(test: LabTest): ReferenceRange {
  const range: ReferenceRange = {};
  const bound = (value: string) => ({ value, unit: test.unit, system: UCUM_SYSTEM, code: test.unit });
  if (test.low !== undefined) range.low = bound(test.low);
  if (test.high !== undefined) range.high = bound(test.high);
  if (test.rangeText !== undefined) range.text = test.rangeText;
  if (test.appliesTo !== undefined) {
    const code = test.appliesTo === 'Women' ? 'female' : 'male';
    range.appliesTo = [{ text: test.appliesTo, codings: [{ system: GENDER_SYSTEM, code }] }];
  }
  return range;
}

export type Flag = 'N' | 'H' | 'L' | 'HH' | 'LL';

const FLAGS: Record<Flag, Omit<Interpretation, 'code' | 'system'>> = {
  N: { display: 'Normal', severity: 'normal' },
  H: { display: 'High', severity: 'abnormal' },
  L: { display: 'Low', severity: 'abnormal' },
  HH: { display: 'Critical high', severity: 'critical' },
  LL: { display: 'Critical low', severity: 'critical' },
};

export function interpretation(flag: Flag): Interpretation {
  return { code: flag, system: INTERPRETATION_SYSTEM, ...FLAGS[flag] };
}

/** FHIR `data-absent-reason` as a concept, with the code system's own display. */
export function absentReason(code: 'error' | 'not-performed', text: string): Concept {
  const display = code === 'error' ? 'Error' : 'Not Performed';
  return { text, codings: [{ system: DATA_ABSENT_SYSTEM, code, display }] };
}
