/**
 * The vaccines a patient can pick by name when reporting a dose given elsewhere: current CVX codes (CDC) a person in
 * the US is likely to have had, COVID-19 products included, each with plain words in English and Spanish (the
 * CDC's full names are written for clinicians). Loaded with the report form only.
 */
export interface CvxChoice {
  cvx: string;
  en: string;
  es: string;
}

export const CVX_CHOICES: readonly CvxChoice[] = [
  { cvx: '309', en: 'COVID-19 vaccine, Pfizer-BioNTech, updated (12 years and older)', es: 'Vacuna contra el COVID-19, Pfizer-BioNTech, actualizada (12 años o más)' },
  { cvx: '312', en: 'COVID-19 vaccine, Moderna (50 mcg dose)', es: 'Vacuna contra el COVID-19, Moderna (dosis de 50 mcg)' },
  { cvx: '313', en: 'COVID-19 vaccine, Novavax (updated)', es: 'Vacuna contra el COVID-19, Novavax (actualizada)' },
  { cvx: '208', en: 'COVID-19 vaccine, Pfizer-BioNTech (original, 30 mcg)', es: 'Vacuna contra el COVID-19, Pfizer-BioNTech (original, 30 mcg)' },
  { cvx: '207', en: 'COVID-19 vaccine, Moderna (original)', es: 'Vacuna contra el COVID-19, Moderna (original)' },
  { cvx: '212', en: 'COVID-19 vaccine, Johnson & Johnson (Janssen)', es: 'Vacuna contra el COVID-19, Johnson & Johnson (Janssen)' },
  { cvx: '213', en: 'COVID-19 vaccine, not sure which', es: 'Vacuna contra el COVID-19, no sé cuál' },
  { cvx: '150', en: 'Flu shot (injectable, preservative free)', es: 'Vacuna contra la gripe (inyectable, sin conservantes)' },
  { cvx: '197', en: 'Flu shot, high dose (65 and older)', es: 'Vacuna contra la gripe, dosis alta (65 años o más)' },
  { cvx: '149', en: 'Flu vaccine, nasal spray', es: 'Vacuna contra la gripe, aerosol nasal' },
  { cvx: '88', en: 'Flu vaccine, not sure which', es: 'Vacuna contra la gripe, no sé cuál' },
  { cvx: '115', en: 'Tdap (tetanus, diphtheria, whooping cough)', es: 'Tdap (tétanos, difteria, tos ferina)' },
  { cvx: '113', en: 'Td (tetanus and diphtheria)', es: 'Td (tétanos y difteria)' },
  { cvx: '187', en: 'Shingles vaccine (Shingrix)', es: 'Vacuna contra el herpes zóster (Shingrix)' },
  { cvx: '43', en: 'Hepatitis B vaccine, adult', es: 'Vacuna contra la hepatitis B, adultos' },
  { cvx: '189', en: 'Hepatitis B vaccine, Heplisav-B', es: 'Vacuna contra la hepatitis B, Heplisav-B' },
  { cvx: '52', en: 'Hepatitis A vaccine, adult', es: 'Vacuna contra la hepatitis A, adultos' },
  { cvx: '104', en: 'Hepatitis A and B vaccine (Twinrix)', es: 'Vacuna contra la hepatitis A y B (Twinrix)' },
  { cvx: '215', en: 'Pneumococcal vaccine PCV15 (Vaxneuvance)', es: 'Vacuna antineumocócica PCV15 (Vaxneuvance)' },
  { cvx: '216', en: 'Pneumococcal vaccine PCV20 (Prevnar 20)', es: 'Vacuna antineumocócica PCV20 (Prevnar 20)' },
  { cvx: '33', en: 'Pneumococcal vaccine PPSV23 (Pneumovax 23)', es: 'Vacuna antineumocócica PPSV23 (Pneumovax 23)' },
  { cvx: '03', en: 'MMR (measles, mumps, rubella)', es: 'SPR (sarampión, paperas, rubéola)' },
  { cvx: '21', en: 'Chickenpox vaccine (varicella)', es: 'Vacuna contra la varicela' },
  { cvx: '165', en: 'HPV vaccine (Gardasil 9)', es: 'Vacuna contra el VPH (Gardasil 9)' },
  { cvx: '147', en: 'Meningococcal ACWY vaccine', es: 'Vacuna antimeningocócica ACWY' },
  { cvx: '163', en: 'Meningococcal B vaccine (Bexsero)', es: 'Vacuna antimeningocócica B (Bexsero)' },
  { cvx: '10', en: 'Polio vaccine (IPV)', es: 'Vacuna contra la poliomielitis (IPV)' },
  { cvx: '305', en: 'RSV vaccine for adults', es: 'Vacuna contra el VSR para adultos' },
  { cvx: '25', en: 'Typhoid vaccine, oral', es: 'Vacuna contra la fiebre tifoidea, oral' },
  { cvx: '184', en: 'Yellow fever vaccine', es: 'Vacuna contra la fiebre amarilla' },
];
