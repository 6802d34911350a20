import { VACCINE_NAMES_ES } from './vaccine-names.es.js';

/**
 * The vaccines a patient can pick by name when reporting a dose given elsewhere: current CVX codes (CDC) a person in
 * the US is likely to have had, COVID-19 products included, each with plain words in English and Spanish (the
 * CDC's full names are written for clinicians). Loaded with the report form only. The Spanish words are the record's
 * own (vaccine-names.es.ts), so a reported dose reads the same in the form and in the history; only a choice that
 * speaks as the patient ("not sure which") has words of its own.
 */
export interface CvxChoice {
  cvx: string;
  en: string;
  es: string;
}

const CHOICES: ReadonlyArray<Omit<CvxChoice, 'es'> & { es?: string }> = [
  { cvx: '309', en: 'COVID-19 vaccine, Pfizer-BioNTech, updated (12 years and older)' },
  { cvx: '312', en: 'COVID-19 vaccine, Moderna (50 mcg dose)' },
  { cvx: '313', en: 'COVID-19 vaccine, Novavax (updated)' },
  { cvx: '208', en: 'COVID-19 vaccine, Pfizer-BioNTech (original, 30 mcg)' },
  { cvx: '207', en: 'COVID-19 vaccine, Moderna (original)' },
  { cvx: '212', en: 'COVID-19 vaccine, Johnson & Johnson (Janssen)' },
  { cvx: '213', en: 'COVID-19 vaccine, not sure which', es: 'Vacuna contra el COVID-19, no sé cuál' },
  { cvx: '150', en: 'Flu shot (injectable, preservative free)' },
  { cvx: '197', en: 'Flu shot, high dose (65 and older)' },
  { cvx: '149', en: 'Flu vaccine, nasal spray' },
  { cvx: '88', en: 'Flu vaccine, not sure which', es: 'Vacuna contra la gripe, no sé cuál' },
  { cvx: '115', en: 'Tdap (tetanus, diphtheria, whooping cough)' },
  { cvx: '113', en: 'Td (tetanus and diphtheria)' },
  { cvx: '187', en: 'Shingles vaccine (Shingrix)' },
  { cvx: '43', en: 'Hepatitis B vaccine, adult' },
  { cvx: '189', en: 'Hepatitis B vaccine, Heplisav-B' },
  { cvx: '52', en: 'Hepatitis A vaccine, adult' },
  { cvx: '104', en: 'Hepatitis A and B vaccine (Twinrix)' },
  { cvx: '215', en: 'Pneumococcal vaccine PCV15 (Vaxneuvance)' },
  { cvx: '216', en: 'Pneumococcal vaccine PCV20 (Prevnar 20)' },
  { cvx: '33', en: 'Pneumococcal vaccine PPSV23 (Pneumovax 23)' },
  { cvx: '03', en: 'MMR (measles, mumps, rubella)' },
  { cvx: '21', en: 'Chickenpox vaccine (varicella)' },
  { cvx: '165', en: 'HPV vaccine (Gardasil 9)' },
  { cvx: '147', en: 'Meningococcal ACWY vaccine' },
  { cvx: '163', en: 'Meningococcal B vaccine (Bexsero)' },
  { cvx: '10', en: 'Polio vaccine (IPV)' },
  { cvx: '305', en: 'RSV vaccine for adults' },
  { cvx: '25', en: 'Typhoid vaccine, oral' },
  { cvx: '184', en: 'Yellow fever vaccine' },
];

export const CVX_CHOICES: readonly CvxChoice[] = CHOICES.map((choice) => ({ ...choice, es: choice.es ?? VACCINE_NAMES_ES[choice.cvx] ?? choice.en }));
