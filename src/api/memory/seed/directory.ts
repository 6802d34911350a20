import type { Location, Practitioner, Service } from '../../../model/index.js';

/**
 * Clinics, clinicians and services. Ids are fixed strings (not drawn from the generator) so stories and
 * tests can name them: `searchSlots({ locationId: LOCATION_IDS.vaccination, … })`.
 */
export const LOCATION_IDS = {
  downtown: 'loc-downtown',
  lakeview: 'loc-lakeview',
  vaccination: 'loc-vax',
  video: 'loc-video',
} as const;

export const PRACTITIONER_IDS = {
  okafor: 'prac-okafor',
  lindqvist: 'prac-lindqvist',
  patel: 'prac-patel',
  herrera: 'prac-herrera',
  nguyen: 'prac-nguyen',
} as const;

export const SERVICE_IDS = {
  primaryCare: 'svc-primary-care',
  flu: 'svc-flu',
  covidPfizerDose1: 'svc-covid-208-dose-1',
  covidPfizerDose2: 'svc-covid-208-dose-2',
  covidModernaDose1: 'svc-covid-207-dose-1',
  covidModernaDose2: 'svc-covid-207-dose-2',
} as const;

export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';
const SERVICE_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/service-type';

export const LOCATIONS: readonly Location[] = [
  {
    id: LOCATION_IDS.downtown,
    name: 'Riverside Health Downtown Clinic',
    address: { lines: ['350 Hudson Street', 'Floor 2'], city: 'New York', state: 'NY', postalCode: '10014', country: 'US' },
    phone: '(212) 555-0142',
    timeZone: 'America/New_York',
    instructions: 'Check in at the front desk on the 2nd floor 15 minutes before your visit.',
  },
  {
    id: LOCATION_IDS.lakeview,
    name: 'Riverside Health Lakeview Clinic',
    address: { lines: ['1200 West Belmont Avenue'], city: 'Chicago', state: 'IL', postalCode: '60657', country: 'US' },
    phone: '(773) 555-0187',
    timeZone: 'America/Chicago',
    instructions: 'Free parking behind the building. Entrance on Racine Avenue.',
  },
  {
    id: LOCATION_IDS.vaccination,
    name: 'Riverside Community Vaccination Center',
    address: { lines: ['31-00 47th Avenue'], city: 'Long Island City', state: 'NY', postalCode: '11101', country: 'US' },
    phone: '(718) 555-0123',
    timeZone: 'America/New_York',
    instructions: 'Bring your vaccination card and a photo ID. Wear a short-sleeved shirt.',
  },
  {
    // Video visits: no building, a standing room patients join from their own device.
    id: LOCATION_IDS.video,
    name: 'Riverside Health Video Visits',
    timeZone: 'America/New_York',
    instructions: 'Join from a quiet, private place, and check your camera and microphone first.',
    virtual: true,
    videoLink: 'https://video.riverside.example/rooms/primary-care',
  },
];

export const PRACTITIONERS: readonly Practitioner[] = [
  { id: PRACTITIONER_IDS.okafor, name: 'Dr. Grace Okafor', role: 'Family medicine' },
  { id: PRACTITIONER_IDS.lindqvist, name: 'Dr. Erik Lindqvist', role: 'Internal medicine' },
  { id: PRACTITIONER_IDS.patel, name: 'Priya Patel, RN', role: 'Registered nurse' },
  { id: PRACTITIONER_IDS.herrera, name: 'Dra. Lucía Herrera', role: 'Family medicine' },
  { id: PRACTITIONER_IDS.nguyen, name: 'Minh Nguyen, NP', role: 'Nurse practitioner' },
];

const IMMUNIZATION_TYPE = { system: SERVICE_TYPE_SYSTEM, code: '57', display: 'Immunization' };

// CVX codes and intervals are the real products': Pfizer-BioNTech 30 mcg (208) has its second dose 21 days
// after the first, Moderna (207) 28 days; a flu shot has no series.
export const SERVICES: readonly Service[] = [
  {
    id: SERVICE_IDS.primaryCare,
    name: 'Primary care visit',
    code: { system: SERVICE_TYPE_SYSTEM, code: '124', display: 'General Practice' },
    description: 'A visit with your primary care clinician for a check-up or a new concern.',
  },
  {
    id: SERVICE_IDS.flu,
    name: 'Flu vaccination',
    code: IMMUNIZATION_TYPE,
    description: 'Seasonal influenza vaccine for adults.',
    vaccine: { cvx: '140', display: 'Influenza, split virus, trivalent, PF' },
  },
  {
    id: SERVICE_IDS.covidPfizerDose1,
    name: 'COVID-19 vaccination (Pfizer-BioNTech), dose 1',
    code: IMMUNIZATION_TYPE,
    vaccine: { cvx: '208', display: 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', doseNumber: 1, nextDoseIntervalDays: 21 },
  },
  {
    id: SERVICE_IDS.covidPfizerDose2,
    name: 'COVID-19 vaccination (Pfizer-BioNTech), dose 2',
    code: IMMUNIZATION_TYPE,
    vaccine: { cvx: '208', display: 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', doseNumber: 2 },
  },
  {
    id: SERVICE_IDS.covidModernaDose1,
    name: 'COVID-19 vaccination (Moderna), dose 1',
    code: IMMUNIZATION_TYPE,
    vaccine: {
      cvx: '207',
      display: 'COVID-19, mRNA, LNP-S, PF, 100 mcg/0.5mL dose or 50 mcg/0.25mL dose',
      doseNumber: 1,
      nextDoseIntervalDays: 28,
    },
  },
  {
    id: SERVICE_IDS.covidModernaDose2,
    name: 'COVID-19 vaccination (Moderna), dose 2',
    code: IMMUNIZATION_TYPE,
    vaccine: { cvx: '207', display: 'COVID-19, mRNA, LNP-S, PF, 100 mcg/0.5mL dose or 50 mcg/0.25mL dose', doseNumber: 2 },
  },
];

export function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
