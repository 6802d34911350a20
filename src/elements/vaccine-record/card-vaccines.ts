import type { Locale } from '../../model/values.js';

/**
 * Words for the vaccine codes a SMART Health Card may carry without a display (cards are minified, so most carry
 * none): CVX, and the other systems the HL7 SMART Health Cards Vaccination & Testing IG allows (ICD-11 MMS, ATC,
 * SNOMED CT, Australia's AIR). Only codes seen in that IG's examples or in the CDC CVX table are named; anything
 * else is named by its own display or text, else as "vaccine (system code)": never a bare code.
 */
const CVX = 'http://hl7.org/fhir/sid/cvx';
const NAMES: Record<string, { en: string; es: string }> = {
  [`${CVX}|207`]: { en: 'COVID-19 vaccine, Moderna', es: 'Vacuna contra el COVID-19, Moderna' },
  [`${CVX}|208`]: { en: 'COVID-19 vaccine, Pfizer-BioNTech', es: 'Vacuna contra el COVID-19, Pfizer-BioNTech' },
  [`${CVX}|210`]: { en: 'COVID-19 vaccine, AstraZeneca', es: 'Vacuna contra el COVID-19, AstraZeneca' },
  [`${CVX}|211`]: { en: 'COVID-19 vaccine, Novavax', es: 'Vacuna contra el COVID-19, Novavax' },
  [`${CVX}|212`]: { en: 'COVID-19 vaccine, Johnson & Johnson (Janssen)', es: 'Vacuna contra el COVID-19, Johnson & Johnson (Janssen)' },
  [`${CVX}|213`]: { en: 'COVID-19 vaccine', es: 'Vacuna contra el COVID-19' },
  [`${CVX}|309`]: { en: 'COVID-19 vaccine, Pfizer-BioNTech (updated)', es: 'Vacuna contra el COVID-19, Pfizer-BioNTech (actualizada)' },
  'http://id.who.int/icd/release/11/mms|XM0GQ8': { en: 'COVID-19 vaccine, mRNA', es: 'Vacuna contra el COVID-19, ARNm' },
  'http://www.whocc.no/atc|J07BX03': { en: 'COVID-19 vaccine', es: 'Vacuna contra el COVID-19' },
  'http://snomed.info/sct|1119305005': { en: 'COVID-19 vaccine (SARS-CoV-2 antigen)', es: 'Vacuna contra el COVID-19 (antígeno del SARS-CoV-2)' },
  'http://snomed.info/sct|840534001': { en: 'COVID-19 vaccination', es: 'Vacunación contra el COVID-19' },
  'https://www.humanservices.gov.au/organisations/health-professionals/enablers/air-vaccine-code-formats|COVAST': {
    en: 'COVID-19 vaccine, AstraZeneca (Vaxzevria)',
    es: 'Vacuna contra el COVID-19, AstraZeneca (Vaxzevria)',
  },
};

const SYSTEM_WORDS: Record<string, string> = {
  [CVX]: 'CVX',
  'http://id.who.int/icd/release/11/mms': 'ICD-11',
  'http://www.whocc.no/atc': 'ATC',
  'http://snomed.info/sct': 'SNOMED CT',
  'https://www.gs1.org/gtin': 'GTIN',
};

interface Coding {
  system?: unknown;
  code?: unknown;
  display?: unknown;
}

/** The vaccine on a card in words: a known code's name, else the card's own text or display, else what it is coded as. */
export function cardVaccineName(concept: unknown, locale: Locale): string {
  const record = typeof concept === 'object' && concept !== null ? (concept as { coding?: unknown; text?: unknown }) : {};
  const codings = (Array.isArray(record.coding) ? record.coding : []).filter((c): c is Coding => typeof c === 'object' && c !== null);
  for (const coding of codings) {
    const known = NAMES[`${String(coding.system)}|${String(coding.code)}`];
    if (known) return known[locale === 'es' ? 'es' : 'en'];
  }
  if (typeof record.text === 'string' && record.text.trim()) return record.text;
  const display = codings.find((c) => typeof c.display === 'string' && c.display.trim())?.display;
  if (typeof display === 'string') return display;
  const first = codings.find((c) => typeof c.code === 'string');
  const vaccine = locale === 'es' ? 'Vacuna' : 'Vaccine';
  return first ? `${vaccine} (${SYSTEM_WORDS[String(first.system)] ?? String(first.system)} ${String(first.code)})` : vaccine;
}
