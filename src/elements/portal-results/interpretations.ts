import type { Locale } from '../../model/values.js';

/** How a result's interpretation reads at a glance: shown as a word and an icon, never by colour alone. */
export type InterpretationTone = 'normal' | 'abnormal' | 'critical' | 'change' | 'info';

interface Words {
  en: string;
  es: string;
  tone: InterpretationTone;
}

/**
 * Every selectable code of the R4 ObservationInterpretation code system
 * (`http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation`, 49 codes), in words a patient reads, in
 * English and Spanish. The code system's own displays are for clinicians ("Off scale low", "Hold for Medical
 * Review"); these say the same plainly. Grouped as the code system groups them.
 */
export const INTERPRETATIONS: Readonly<Record<string, Words>> = {
  // Normality
  N: { en: 'Normal', es: 'Normal', tone: 'normal' },
  A: { en: 'Abnormal', es: 'Anormal', tone: 'abnormal' },
  AA: { en: 'Critical: abnormal', es: 'Crítico: anormal', tone: 'critical' },
  HH: { en: 'Critical: very high', es: 'Crítico: muy alto', tone: 'critical' },
  LL: { en: 'Critical: very low', es: 'Crítico: muy bajo', tone: 'critical' },
  H: { en: 'High', es: 'Alto', tone: 'abnormal' },
  'H>': { en: 'Significantly high', es: 'Significativamente alto', tone: 'abnormal' },
  HU: { en: 'Significantly high', es: 'Significativamente alto', tone: 'abnormal' },
  L: { en: 'Low', es: 'Bajo', tone: 'abnormal' },
  'L<': { en: 'Significantly low', es: 'Significativamente bajo', tone: 'abnormal' },
  LU: { en: 'Significantly low', es: 'Significativamente bajo', tone: 'abnormal' },
  // Exceptions: the value could not be measured as usual
  '<': { en: 'Below what the test can measure', es: 'Por debajo de lo que la prueba puede medir', tone: 'info' },
  '>': { en: 'Above what the test can measure', es: 'Por encima de lo que la prueba puede medir', tone: 'info' },
  AC: { en: 'Interfering substances found (anti-complementary)', es: 'Se hallaron sustancias que interfieren (anticomplementarias)', tone: 'info' },
  IE: { en: 'Not enough evidence to interpret', es: 'Sin evidencia suficiente para interpretar', tone: 'info' },
  QCF: { en: 'The lab’s quality check failed', es: 'Falló el control de calidad del laboratorio', tone: 'info' },
  TOX: { en: 'A cytotoxic substance was present', es: 'Había una sustancia citotóxica', tone: 'info' },
  // Change since the last result
  B: { en: 'Better', es: 'Mejor', tone: 'change' },
  W: { en: 'Worse', es: 'Peor', tone: 'change' },
  U: { en: 'Went up significantly', es: 'Subió de forma significativa', tone: 'change' },
  D: { en: 'Went down significantly', es: 'Bajó de forma significativa', tone: 'change' },
  // Genetic
  CAR: { en: 'Carrier', es: 'Portador', tone: 'info' },
  Carrier: { en: 'Carrier', es: 'Portador', tone: 'info' },
  // Susceptibility (an infection's response to a medicine)
  S: { en: 'Susceptible', es: 'Sensible', tone: 'info' },
  VS: { en: 'Very susceptible', es: 'Muy sensible', tone: 'info' },
  MS: { en: 'Moderately susceptible', es: 'Moderadamente sensible', tone: 'info' },
  SDD: { en: 'Susceptible at a higher dose', es: 'Sensible según la dosis', tone: 'info' },
  'SYN-S': { en: 'Susceptible in combination', es: 'Sensible en combinación', tone: 'info' },
  I: { en: 'Intermediate', es: 'Intermedio', tone: 'info' },
  R: { en: 'Resistant', es: 'Resistente', tone: 'abnormal' },
  'SYN-R': { en: 'Resistant in combination', es: 'Resistente en combinación', tone: 'abnormal' },
  NS: { en: 'Not susceptible', es: 'No sensible', tone: 'abnormal' },
  NCL: { en: 'No standard cut-off for this medicine', es: 'Sin punto de corte estándar para este medicamento', tone: 'info' },
  // Thresholds
  EX: { en: 'Outside the threshold', es: 'Fuera del umbral', tone: 'abnormal' },
  HX: { en: 'Above the upper threshold', es: 'Por encima del umbral superior', tone: 'abnormal' },
  LX: { en: 'Below the lower threshold', es: 'Por debajo del umbral inferior', tone: 'abnormal' },
  HM: { en: 'Held for review by a clinician', es: 'Retenido para revisión por un profesional', tone: 'info' },
  // Detection
  POS: { en: 'Positive', es: 'Positivo', tone: 'abnormal' },
  DET: { en: 'Detected', es: 'Detectado', tone: 'abnormal' },
  NEG: { en: 'Negative', es: 'Negativo', tone: 'normal' },
  ND: { en: 'Not detected', es: 'No detectado', tone: 'normal' },
  IND: { en: 'Indeterminate', es: 'Indeterminado', tone: 'info' },
  E: { en: 'Equivocal (unclear)', es: 'Dudoso', tone: 'info' },
  // Expectation
  EXP: { en: 'As expected', es: 'Como se esperaba', tone: 'normal' },
  UNE: { en: 'Unexpected', es: 'Inesperado', tone: 'abnormal' },
  // Reactivity
  NR: { en: 'Non-reactive', es: 'No reactivo', tone: 'normal' },
  RR: { en: 'Reactive', es: 'Reactivo', tone: 'abnormal' },
  WR: { en: 'Weakly reactive', es: 'Débilmente reactivo', tone: 'abnormal' },
  OBX: { en: 'See the notes for what this means', es: 'Vea las notas para saber qué significa', tone: 'info' },
};

/** A code's words and tone in `locale`; undefined for a code the code system does not have. */
export function interpretationWords(code: string, locale: Locale): { text: string; tone: InterpretationTone } | undefined {
  const words = Object.hasOwn(INTERPRETATIONS, code) ? INTERPRETATIONS[code] : undefined;
  return words ? { text: words[locale], tone: words.tone } : undefined;
}

export type RangePosition = 'below' | 'within' | 'above';

/**
 * Where a value lies against a numeric reference range, bounds included ("within" at exactly the low or high
 * value), for a result that carries a range but no interpretation. Values and bounds are the decimals as written;
 * undefined when the value is not a number or the range gives no bound.
 */
export function rangePosition(value: string, low?: string, high?: string): RangePosition | undefined {
  const v = decimal(value);
  const lo = low === undefined ? undefined : decimal(low);
  const hi = high === undefined ? undefined : decimal(high);
  if (v === undefined || (lo === undefined && hi === undefined)) return undefined;
  if (lo !== undefined && v < lo) return 'below';
  if (hi !== undefined && v > hi) return 'above';
  return 'within';
}

/** A FHIR decimal's value; undefined for anything that is not one. */
function decimal(text: string): number | undefined {
  return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text.trim()) ? Number(text) : undefined;
}
