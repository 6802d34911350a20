// @ts-check
/**
 * The three demo patients and their care teams. Birth dates are computed from `today`, so each patient is
 * always the same age: Daniel 54, Mia 7, María José 41.
 */
import { SYSTEMS, concept, ref } from './common.mjs';
import { CLINICIANS, ORG, PLACES, clinicianRef } from './places.mjs';
import { addDays, addYears, weekday } from './time.mjs';

/** @typedef {import('@medplum/fhirtypes').Patient} Patient */
/** @typedef {import('@medplum/fhirtypes').CareTeam} CareTeam */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {import('./places.mjs').Clinician} Clinician */
/** @typedef {import('./places.mjs').Place} Place */

/**
 * @typedef {{ id: string, key: string, name: string, language: string, zone: string, home: Place,
 *   pcp: Clinician, team: Clinician[], teamName: string, gender: 'male' | 'female', ageYears: number, ageExtraDays: number }} SeedPatient
 */

export const PATIENTS = /** @type {const} @satisfies {Record<string, SeedPatient>} */ ({
  daniel: {
    id: 'daniel-okafor', key: 'daniel', name: 'Daniel Okafor', language: 'en', zone: PLACES.downtown.zone, home: PLACES.downtown,
    pcp: CLINICIANS.hart, team: [CLINICIANS.hart, CLINICIANS.bell], teamName: 'Downtown primary care team', gender: 'male', ageYears: 54, ageExtraDays: 123,
  },
  mia: {
    id: 'mia-thompson', key: 'mia', name: 'Mia Thompson', language: 'en', zone: PLACES.downtown.zone, home: PLACES.downtown,
    pcp: CLINICIANS.patel, team: [CLINICIANS.patel, CLINICIANS.bell], teamName: 'Downtown pediatrics team', gender: 'female', ageYears: 7, ageExtraDays: 61,
  },
  maria: {
    id: 'maria-pena', key: 'maria', name: 'María José Peña Ibáñez', language: 'es', zone: PLACES.lakeview.zone, home: PLACES.lakeview,
    pcp: CLINICIANS.herrera, team: [CLINICIANS.herrera, CLINICIANS.alvarez], teamName: 'Equipo de atención primaria de Lakeview', gender: 'female', ageYears: 41, ageExtraDays: 200,
  },
});

/** For the demo site's patient picker. */
export const SEED_PATIENTS = Object.values(PATIENTS).map(({ id, name, language }) => ({ id, name, language }));

/** @param {SeedPatient} p */
export const patientRef = (p) => ref('Patient', p.id, p.name);

/** @param {SeedPatient} p */
export const careTeamId = (p) => `careteam-${p.id}`;

/** @param {SeedPatient} p @param {string} today */
export function birthDate(p, today) {
  return addDays(addYears(today, -p.ageYears), -p.ageExtraDays);
}

/**
 * The date itself when the clinic is open then (Mon-Fri), else the Friday before: past visits and lab
 * draws do not happen on weekends.
 * @param {string} ymd
 */
export function onWeekday(ymd) {
  const day = weekday(ymd);
  return day === 0 ? addDays(ymd, -2) : day === 6 ? addDays(ymd, -1) : ymd;
}

/** @param {string} code @param {string} display @param {string} text */
const language = (code, display, text) => ({ language: concept(SYSTEMS.bcp47, code, display, text), preferred: true });

/** @param {SeedPatient} p @param {string} value */
const mrn = (p, value) => [
  { use: /** @type {const} */ ('usual'), type: concept(SYSTEMS.identifierType, 'MR', 'Medical record number'), system: SYSTEMS.mrn, value, assigner: ref('Organization', ORG.id, ORG.name) },
];

/**
 * @param {string} today
 * @returns {Resource[]}
 */
export function patientResources(today) {
  const { daniel, mia, maria } = PATIENTS;
  const org = ref('Organization', ORG.id, ORG.name);
  /** @type {Patient[]} */
  const patients = [
    {
      resourceType: 'Patient', id: daniel.id, active: true, identifier: mrn(daniel, 'RCH-100245'),
      name: [{ use: 'official', family: 'Okafor', given: ['Daniel'] }],
      telecom: [{ system: 'phone', value: '(212) 555-0173', use: 'mobile' }, { system: 'email', value: 'daniel.okafor@example.com', use: 'home' }],
      gender: 'male', birthDate: birthDate(daniel, today),
      address: [{ use: 'home', type: 'physical', line: ['215 West 104th Street', 'Apt 5C'], city: 'New York', state: 'NY', postalCode: '10025', country: 'US' }],
      maritalStatus: concept(SYSTEMS.maritalStatus, 'M', 'Married'),
      communication: [language('en', 'English', 'English')],
      generalPractitioner: [clinicianRef(daniel.pcp)], managingOrganization: org,
    },
    {
      resourceType: 'Patient', id: mia.id, active: true, identifier: mrn(mia, 'RCH-100871'),
      name: [{ use: 'official', family: 'Thompson', given: ['Mia'] }],
      gender: 'female', birthDate: birthDate(mia, today),
      address: [{ use: 'home', type: 'physical', line: ['88 Clinton Ridge', 'Apt 2R'], city: 'Brooklyn', state: 'NY', postalCode: '11201', country: 'US' }],
      contact: [
        {
          relationship: [concept(SYSTEMS.relationship, 'MTH', 'mother', 'Mother')],
          name: { use: 'official', family: 'Thompson', given: ['Keisha'] },
          telecom: [{ system: 'phone', value: '(718) 555-0164', use: 'mobile' }, { system: 'email', value: 'keisha.thompson@example.com', use: 'home' }],
        },
      ],
      communication: [language('en', 'English', 'English')],
      generalPractitioner: [clinicianRef(mia.pcp)], managingOrganization: org,
    },
    {
      resourceType: 'Patient', id: maria.id, active: true, identifier: mrn(maria, 'RCH-204518'),
      name: [{ use: 'official', text: 'María José Peña Ibáñez', family: 'Peña Ibáñez', given: ['María', 'José'] }],
      telecom: [{ system: 'phone', value: '(773) 555-0131', use: 'mobile' }, { system: 'email', value: 'mariajose.pena@example.com', use: 'home' }],
      gender: 'female', birthDate: birthDate(maria, today),
      address: [{ use: 'home', type: 'physical', line: ['4415 North Kedzie Row', 'Apt 2'], city: 'Chicago', state: 'IL', postalCode: '60625', country: 'US' }],
      maritalStatus: concept(SYSTEMS.maritalStatus, 'M', 'Married'),
      communication: [language('es', 'Spanish', 'Español')],
      generalPractitioner: [clinicianRef(maria.pcp)], managingOrganization: org,
    },
  ];

  /** @type {CareTeam[]} */
  const teams = Object.values(PATIENTS).map((p) => ({
    resourceType: 'CareTeam', id: careTeamId(p), status: 'active', name: p.teamName,
    category: [concept(SYSTEMS.loinc, 'LA28865-6', 'Longitudinal care-coordination focused care team')],
    subject: patientRef(p),
    participant: p.team.map((c) => ({
      role: [concept(SYSTEMS.snomed, c.role === 'doctor' ? '446050000' : '224535009', c.role === 'doctor' ? 'Primary care physician' : 'Registered nurse')],
      member: clinicianRef(c),
    })),
    managingOrganization: [org],
    telecom: [{ system: 'phone', value: p.home.phone, use: 'work' }],
  }));

  return [...patients, ...teams];
}
