import type { PatientSummary } from '../../../model/index.js';

/**
 * The signed-in patient. Her name carries accents and two given names on purpose: banners, greetings and
 * sorting must cope with both. Spanish is her preferred language, so stories can start in `es`.
 */
export function seedPatient(patientId: string): PatientSummary {
  return {
    id: patientId,
    displayName: 'Ana María Mejía',
    givenName: 'Ana María',
    familyName: 'Mejía',
    birthDate: '1968-04-12',
    gender: 'female',
    preferredLanguage: 'es',
  };
}
