// @ts-check
/**
 * Lab reports: DiagnosticReports (LOINC) whose `result`s are Observations with UCUM quantities, a reference
 * range on every one, and a v3 interpretation flag computed from that range.
 *
 * Daniel's history spans two years and tells a story a trend chart can show: his HbA1c climbs to 7.4 % and
 * comes back down once treatment starts, LDL falls on a statin, and eGFR slowly declines. María José's iron
 * deficiency anemia improves. Mia has one screening at her 1-year check-up.
 */
import { SYSTEMS, concept, pick, quantity, ref } from './common.mjs';
import { LAB, practitionerRef } from './places.mjs';
import { PATIENTS, birthDate, onWeekday, patientRef } from './patients.mjs';
import { addDays, zonedInstant } from './time.mjs';

/** @typedef {import('@medplum/fhirtypes').Observation} Observation */
/** @typedef {import('@medplum/fhirtypes').ObservationReferenceRange} ObservationReferenceRange */
/** @typedef {import('@medplum/fhirtypes').DiagnosticReport} DiagnosticReport */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {import('./patients.mjs').SeedPatient} SeedPatient */

/**
 * @typedef {{ loinc: string, display: string, text: string, unit: string, human?: string, low?: number,
 *   high?: number, rangeText?: string, appliesTo?: string }} Test
 */

/** @type {Record<string, Test>} */
const TESTS = {
  a1c: { loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', text: 'Hemoglobin A1c', unit: '%', low: 4.0, high: 5.6 },
  glucose: { loinc: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma', text: 'Glucose', unit: 'mg/dL', low: 70, high: 99 },
  bun: { loinc: '3094-0', display: 'Urea nitrogen [Mass/volume] in Serum or Plasma', text: 'Urea nitrogen (BUN)', unit: 'mg/dL', low: 7, high: 20 },
  creatM: { loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', text: 'Creatinine', unit: 'mg/dL', low: 0.74, high: 1.35, appliesTo: 'Men' },
  egfr: {
    loinc: '98979-8', display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)',
    text: 'eGFR (kidney function)', unit: 'mL/min/{1.73_m2}', human: 'mL/min/1.73 m²', low: 60, rangeText: '≥60 mL/min/1.73 m²',
  },
  sodium: { loinc: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', text: 'Sodium', unit: 'mmol/L', low: 136, high: 145 },
  potassium: { loinc: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', text: 'Potassium', unit: 'mmol/L', low: 3.5, high: 5.1 },
  chol: { loinc: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', text: 'Total cholesterol', unit: 'mg/dL', high: 199, rangeText: '<200 mg/dL' },
  trig: { loinc: '2571-8', display: 'Triglyceride [Mass/volume] in Serum or Plasma', text: 'Triglycerides', unit: 'mg/dL', high: 149, rangeText: '<150 mg/dL' },
  hdlM: { loinc: '2085-9', display: 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', text: 'HDL cholesterol', unit: 'mg/dL', low: 40, rangeText: '≥40 mg/dL', appliesTo: 'Men' },
  ldl: { loinc: '13457-7', display: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', text: 'LDL cholesterol', unit: 'mg/dL', high: 99, rangeText: '<100 mg/dL' },
  wbc: { loinc: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count', text: 'White blood cells', unit: '10*3/uL', human: '10³/µL', low: 4.5, high: 11.0 },
  rbcM: { loinc: '789-8', display: 'Erythrocytes [#/volume] in Blood by Automated count', text: 'Red blood cells', unit: '10*6/uL', human: '10⁶/µL', low: 4.5, high: 5.9, appliesTo: 'Men' },
  rbcF: { loinc: '789-8', display: 'Erythrocytes [#/volume] in Blood by Automated count', text: 'Red blood cells', unit: '10*6/uL', human: '10⁶/µL', low: 4.2, high: 5.4, appliesTo: 'Women' },
  hgbM: { loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', text: 'Hemoglobin', unit: 'g/dL', low: 13.5, high: 17.5, appliesTo: 'Men' },
  hgbF: { loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', text: 'Hemoglobin', unit: 'g/dL', low: 12.0, high: 15.5, appliesTo: 'Women' },
  hgbChild: { loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', text: 'Hemoglobin', unit: 'g/dL', low: 10.5, high: 13.5, appliesTo: 'Children 1-2 years' },
  hctM: { loinc: '4544-3', display: 'Hematocrit [Volume Fraction] of Blood by Automated count', text: 'Hematocrit', unit: '%', low: 41.0, high: 53.0, appliesTo: 'Men' },
  hctF: { loinc: '4544-3', display: 'Hematocrit [Volume Fraction] of Blood by Automated count', text: 'Hematocrit', unit: '%', low: 36.0, high: 46.0, appliesTo: 'Women' },
  mcv: { loinc: '787-2', display: 'MCV [Entitic volume] by Automated count', text: 'Mean cell volume', unit: 'fL', low: 80, high: 100 },
  plt: { loinc: '777-3', display: 'Platelets [#/volume] in Blood by Automated count', text: 'Platelets', unit: '10*3/uL', human: '10³/µL', low: 150, high: 400 },
  ferritinF: { loinc: '2276-4', display: 'Ferritin [Mass/volume] in Serum or Plasma', text: 'Ferritin (iron stores)', unit: 'ng/mL', low: 15, high: 150, appliesTo: 'Women' },
  tsh: { loinc: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma', text: 'TSH (thyroid)', unit: 'm[IU]/L', human: 'mIU/L', low: 0.4, high: 4.5 },
  vitd: { loinc: '1989-3', display: '25-Hydroxyvitamin D3+25-Hydroxyvitamin D2 [Mass/volume] in Serum or Plasma', text: 'Vitamin D, 25-hydroxy', unit: 'ng/mL', low: 30, high: 100 },
  lead: { loinc: '5671-3', display: 'Lead [Mass/volume] in Blood', text: 'Lead, blood', unit: 'ug/dL', human: 'µg/dL', high: 3.4, rangeText: '<3.5 µg/dL' },
};

const PANELS = {
  a1c: ['4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', 'Hemoglobin A1c'],
  bmp: ['51990-0', 'Basic metabolic panel - Blood', 'Basic metabolic panel'],
  lipid: ['24331-1', 'Lipid 1996 panel - Serum or Plasma', 'Lipid panel'],
  cbc: ['58410-2', 'CBC panel - Blood by Automated count', 'Complete blood count (CBC)'],
  ferritin: ['2276-4', 'Ferritin [Mass/volume] in Serum or Plasma', 'Ferritin'],
  tsh: ['3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', 'Thyroid function (TSH)'],
  vitd: ['1989-3', '25-Hydroxyvitamin D3+25-Hydroxyvitamin D2 [Mass/volume] in Serum or Plasma', 'Vitamin D'],
  lead: ['5671-3', 'Lead [Mass/volume] in Blood', 'Lead screening'],
  hgb: ['718-7', 'Hemoglobin [Mass/volume] in Blood', 'Hemoglobin'],
};

/**
 * @typedef {{ panel: keyof typeof PANELS, values: [keyof typeof TESTS, number][], conclusion?: string }} ReportDef
 * @typedef {{ day: number | ((today: string) => string), reports: ReportDef[] }} Draw
 */

/** @type {Record<'daniel' | 'mia' | 'maria', Draw[]>} */
const DRAWS = {
  // LDL is the Friedewald estimate of the other three lipid values (TC - HDL - TG/5).
  daniel: [
    { day: -700, reports: [
      { panel: 'a1c', values: [['a1c', 6.2]] },
      { panel: 'bmp', values: [['glucose', 104], ['bun', 15], ['creatM', 0.96], ['egfr', 90], ['sodium', 139], ['potassium', 4.3]] },
      { panel: 'lipid', values: [['chol', 241], ['trig', 190], ['hdlM', 41], ['ldl', 162]] },
    ] },
    { day: -520, reports: [
      { panel: 'a1c', values: [['a1c', 6.8]] },
      { panel: 'bmp', values: [['glucose', 118], ['bun', 16], ['creatM', 1.02], ['egfr', 84], ['sodium', 141], ['potassium', 4.1]] },
    ] },
    { day: -340, reports: [
      { panel: 'a1c', values: [['a1c', 7.4]], conclusion: 'HbA1c is in the diabetes range. Starting metformin; recheck in 3 to 6 months.' },
      { panel: 'bmp', values: [['glucose', 136], ['bun', 19], ['creatM', 1.1], ['egfr', 76], ['sodium', 138], ['potassium', 4.6]] },
      { panel: 'lipid', values: [['chol', 252], ['trig', 215], ['hdlM', 38], ['ldl', 171]], conclusion: 'LDL well above goal. Starting atorvastatin 20 mg.' },
      { panel: 'cbc', values: [['wbc', 6.2], ['rbcM', 4.82], ['hgbM', 14.6], ['hctM', 43.5], ['mcv', 90], ['plt', 245]] },
    ] },
    { day: -160, reports: [
      { panel: 'a1c', values: [['a1c', 7.1]] },
      { panel: 'bmp', values: [['glucose', 124], ['bun', 21], ['creatM', 1.21], ['egfr', 68], ['sodium', 140], ['potassium', 4.4]] },
      { panel: 'lipid', values: [['chol', 204], ['trig', 170], ['hdlM', 42], ['ldl', 128]] },
    ] },
    { day: -20, reports: [
      { panel: 'a1c', values: [['a1c', 6.6]], conclusion: 'HbA1c keeps improving on metformin.' },
      // Potassium 5.40: a value whose second decimal is significant (the lab reports to 0.01).
      { panel: 'bmp', values: [['glucose', 109], ['bun', 24], ['creatM', 1.38], ['egfr', 59], ['sodium', 137], ['potassium', 5.40]],
        conclusion: 'eGFR slightly below 60 and potassium mildly high; repeat in 3 months.' },
      { panel: 'lipid', values: [['chol', 172], ['trig', 160], ['hdlM', 44], ['ldl', 96]] },
      { panel: 'cbc', values: [['wbc', 7.1], ['rbcM', 4.61], ['hgbM', 13.2], ['hctM', 39.8], ['mcv', 86], ['plt', 262]] },
    ] },
  ],
  mia: [
    { day: (today) => addDays(birthDate(PATIENTS.mia, today), 366), reports: [
      { panel: 'lead', values: [['lead', 1.1]] },
      { panel: 'hgb', values: [['hgbChild', 11.8]] },
    ] },
  ],
  maria: [
    { day: -400, reports: [
      { panel: 'cbc', values: [['wbc', 5.8], ['rbcF', 4.05], ['hgbF', 10.9], ['hctF', 33.1], ['mcv', 76], ['plt', 310]] },
      { panel: 'ferritin', values: [['ferritinF', 8]], conclusion: 'Anemia por deficiencia de hierro. Iniciar sulfato ferroso 325 mg diario.' },
      { panel: 'tsh', values: [['tsh', 2.1]] },
    ] },
    { day: -45, reports: [
      { panel: 'cbc', values: [['wbc', 6.4], ['rbcF', 4.38], ['hgbF', 12.4], ['hctF', 37.2], ['mcv', 83], ['plt', 285]] },
      { panel: 'ferritin', values: [['ferritinF', 32]], conclusion: 'Hierro y hemoglobina normalizados. Continuar el hierro 3 meses más.' },
      { panel: 'vitd', values: [['vitd', 18]] },
    ] },
  ],
};

const FLAGS = { H: 'High', L: 'Low', N: 'Normal' };

/** @param {Test} test @param {number} value @returns {'H' | 'L' | 'N'} */
function flagOf(test, value) {
  if (test.high !== undefined && value > test.high) return 'H';
  if (test.low !== undefined && value < test.low) return 'L';
  return 'N';
}

/** @param {Test} test @returns {ObservationReferenceRange} */
function rangeOf(test) {
  /** @type {ObservationReferenceRange} */
  const range = {};
  if (test.low !== undefined) range.low = quantity(test.low, test.unit, test.human);
  if (test.high !== undefined) range.high = quantity(test.high, test.unit, test.human);
  if (test.rangeText !== undefined) range.text = test.rangeText;
  // Sex as an administrative-gender code beside the words, so a client can choose the patient's range.
  const sex = { Men: 'male', Women: 'female' }[test.appliesTo ?? ''];
  if (sex) range.appliesTo = [{ text: test.appliesTo, coding: [{ system: 'http://hl7.org/fhir/administrative-gender', code: sex }] }];
  else if (test.appliesTo === 'Children 1-2 years') range.age = { low: quantity(1, 'a', 'years'), high: quantity(2, 'a', 'years') };
  else if (test.appliesTo !== undefined) range.appliesTo = [{ text: test.appliesTo }];
  return range;
}

/**
 * @param {string} today
 * @returns {Resource[]}
 */
export function labResources(today) {
  /** @type {Resource[]} */
  const out = [];
  for (const [key, draws] of Object.entries(DRAWS)) {
    const patient = PATIENTS[/** @type {keyof typeof PATIENTS} */ (key)];
    /** @type {Record<string, number>} */
    const ordinals = {};
    for (const draw of draws) {
      const ymd = onWeekday(typeof draw.day === 'number' ? addDays(today, draw.day) : draw.day(today));
      for (const def of draw.reports) {
        const ordinal = (ordinals[def.panel] = (ordinals[def.panel] ?? 0) + 1);
        const reportId = `dr-${patient.key}-${def.panel}-${ordinal}`;
        const effective = zonedInstant(patient.zone, ymd, 8, pick(`${patient.key}-${ymd}`, 0, 50));
        const issued = zonedInstant(patient.zone, ymd, 14, pick(reportId, 0, 59));
        /** @type {Observation[]} */
        const observations = def.values.map(([testKey, value]) => {
          const test = TESTS[testKey];
          const flag = flagOf(test, value);
          return {
            resourceType: 'Observation',
            id: `obs-${patient.key}-${def.panel}-${ordinal}-${testKey.replace(/[MF]$|Child$/, '')}`,
            status: 'final',
            category: [concept(SYSTEMS.observationCategory, 'laboratory', 'Laboratory')],
            code: concept(SYSTEMS.loinc, test.loinc, test.display, test.text),
            subject: patientRef(patient),
            effectiveDateTime: effective,
            issued,
            performer: [ref('Organization', LAB.id, LAB.name)],
            valueQuantity: quantity(value, test.unit, test.human),
            interpretation: [concept(SYSTEMS.interpretation, flag, FLAGS[flag])],
            referenceRange: [rangeOf(test)],
          };
        });
        const [code, display, text] = PANELS[def.panel];
        /** @type {DiagnosticReport} */
        const report = {
          resourceType: 'DiagnosticReport',
          id: reportId,
          status: 'final',
          category: [concept(SYSTEMS.diagnosticService, 'LAB', 'Laboratory')],
          code: concept(SYSTEMS.loinc, code, display, text),
          subject: patientRef(patient),
          effectiveDateTime: effective,
          issued,
          performer: [ref('Organization', LAB.id, LAB.name)],
          resultsInterpreter: [practitionerRef(patient.pcp)],
          result: observations.map((o) => ref('Observation', /** @type {string} */ (o.id), o.code.text)),
        };
        if (def.conclusion) report.conclusion = def.conclusion;
        out.push(...observations, report);
      }
    }
  }
  return out;
}
