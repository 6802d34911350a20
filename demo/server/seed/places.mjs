// @ts-check
/**
 * The directory: the organization, its three clinics in two time zones, the clinicians and their roles, and
 * the services they offer. Nothing here depends on the date.
 *
 * How the adapter reads it (src/api/fhir/map/scheduling.ts):
 * - Location instructions are `Location.description`; the zone is the core `timezone` extension.
 * - Every bookable service is a HealthcareService, named on the Schedules that offer it as an `actor`. The
 *   clinicians' Schedules therefore carry no `serviceType` (each coded serviceType would become a second,
 *   differently named service for the same visit). Vaccination Schedules add SMART Scheduling Links
 *   `vaccine-product`/`vaccine-dose`, which become the product-and-dose services `vaccine:<cvx>[:dose-<n>]`.
 */
import { BRAND, SYSTEMS, concept, ref } from './common.mjs';
import { fhirTime, minutesOf } from './time.mjs';

/** @typedef {import('@medplum/fhirtypes').Organization} Organization */
/** @typedef {import('@medplum/fhirtypes').Location} Location */
/** @typedef {import('@medplum/fhirtypes').Practitioner} Practitioner */
/** @typedef {import('@medplum/fhirtypes').PractitionerRole} PractitionerRole */
/** @typedef {import('@medplum/fhirtypes').HealthcareService} HealthcareService */
/** @typedef {import('@medplum/fhirtypes').HumanName} HumanName */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */

export const ORG = { id: 'org-riverside', name: BRAND };
export const LAB = { id: 'org-riverside-lab', name: `${BRAND} Laboratory` };

/**
 * @typedef {{ id: string, name: string, zone: string, lines: string[], city: string, state: string,
 *   postalCode: string, phone: string, description: string, position: { latitude: number, longitude: number } }} Building
 * @typedef {{ id: string, name: string, zone: string, phone: string, description: string, virtual: true, room: string }} VirtualPlace
 * @typedef {Building | VirtualPlace} Place
 */

/**
 * Video visits: a virtual Location (`physicalType` "vi", location-physical-type: Virtual) whose https `url` telecom is
 * the standing room patients join; every visit booked there is a video visit.
 * @type {VirtualPlace}
 */
const VIDEO = {
  id: 'loc-video',
  name: 'Riverside Video Visits',
  zone: 'America/New_York',
  phone: '(212) 555-0142',
  description: 'Join from a quiet, private place, and check your camera and microphone first.',
  virtual: true,
  room: 'https://video.riverside-health.example/rooms/primary-care',
};

/** @type {{ downtown: Building, eastside: Building, lakeview: Building, video: VirtualPlace }} */
export const PLACES = {
  downtown: {
    id: 'loc-downtown',
    name: 'Riverside Downtown Clinic',
    zone: 'America/New_York',
    lines: ['48 Mercer Landing', 'Floor 3'],
    city: 'New York',
    state: 'NY',
    postalCode: '10013',
    phone: '(212) 555-0142',
    description: 'Check in at the front desk on the 3rd floor 15 minutes before your visit. Bring your insurance card and a list of the medicines you take.',
    position: { latitude: 40.7221, longitude: -74.0012 },
  },
  eastside: {
    id: 'loc-eastside',
    name: 'Riverside Eastside Vaccination Center',
    zone: 'America/New_York',
    lines: ['1730 East River Parkway'],
    city: 'New York',
    state: 'NY',
    postalCode: '10128',
    phone: '(212) 555-0157',
    description: 'Bring your vaccination card and a photo ID. Wear a short-sleeved shirt. Walk-ins welcome when times are free.',
    position: { latitude: 40.7794, longitude: -73.9441 },
  },
  lakeview: {
    id: 'loc-lakeview',
    name: 'Riverside Lakeview Clinic',
    zone: 'America/Chicago',
    lines: ['3120 North Lakeshore Terrace'],
    city: 'Chicago',
    state: 'IL',
    postalCode: '60657',
    phone: '(773) 555-0186',
    description: 'Free parking behind the building; enter from Lakeshore Terrace. Se habla español.',
    position: { latitude: 41.9387, longitude: -87.6441 },
  },
  video: VIDEO,
};

/** IANA zone of a Location id. @type {Record<string, string>} */
export const ZONE_OF = Object.fromEntries(Object.values(PLACES).map((p) => [p.id, p.zone]));

/**
 * @typedef {{ id: string, roleId: string, given: string[], family: string, text: string, prefix?: string,
 *   suffix?: string, gender: 'female' | 'male', place: Place, role: 'doctor' | 'nurse' | 'pharmacist',
 *   roleText: string, specialty?: [string, string, string], languages: string[], days: number[], hours: [string, string] }} Clinician
 */

/** Clinicians by a short key. `specialty` is [SNOMED code, display, words]; `days` are weekdays (0 = Sunday). */
export const CLINICIANS = /** @type {const} @satisfies {Record<string, Clinician>} */ ({
  hart: {
    id: 'prac-amelia-hart', roleId: 'role-hart-downtown', given: ['Amelia'], family: 'Hart', text: 'Dr. Amelia Hart', prefix: 'Dr.',
    suffix: 'MD', gender: 'female', place: PLACES.downtown, role: 'doctor', roleText: 'Physician',
    specialty: ['419772000', 'Family practice', 'Family medicine'], languages: ['en'], days: [1, 2, 3, 4, 5], hours: ['09:00', '16:30'],
  },
  patel: {
    id: 'prac-nina-patel', roleId: 'role-patel-downtown', given: ['Nina'], family: 'Patel', text: 'Dr. Nina Patel', prefix: 'Dr.',
    suffix: 'MD', gender: 'female', place: PLACES.downtown, role: 'doctor', roleText: 'Physician',
    specialty: ['394537008', 'Pediatric specialty', 'Pediatrics'], languages: ['en', 'hi'], days: [1, 2, 3, 4, 5], hours: ['09:00', '16:30'],
  },
  bell: {
    id: 'prac-marcus-bell', roleId: 'role-bell-downtown', given: ['Marcus'], family: 'Bell', text: 'Marcus Bell, RN', suffix: 'RN',
    gender: 'male', place: PLACES.downtown, role: 'nurse', roleText: 'Registered nurse', languages: ['en'], days: [1, 2, 3, 4, 5], hours: ['08:30', '17:00'],
  },
  liu: {
    id: 'prac-james-liu', roleId: 'role-liu-eastside', given: ['James'], family: 'Liu', text: 'James Liu, PharmD', suffix: 'PharmD',
    gender: 'male', place: PLACES.eastside, role: 'pharmacist', roleText: 'Pharmacist', languages: ['en', 'zh'], days: [1, 2, 3, 4, 5, 6], hours: ['08:00', '18:00'],
  },
  herrera: {
    id: 'prac-lucia-herrera', roleId: 'role-herrera-lakeview', given: ['Lucía'], family: 'Herrera', text: 'Dr. Lucía Herrera', prefix: 'Dr.',
    suffix: 'MD', gender: 'female', place: PLACES.lakeview, role: 'doctor', roleText: 'Physician',
    specialty: ['419772000', 'Family practice', 'Family medicine'], languages: ['es', 'en'], days: [1, 2, 3, 4, 5], hours: ['09:00', '16:30'],
  },
  alvarez: {
    id: 'prac-rosa-alvarez', roleId: 'role-alvarez-lakeview', given: ['Rosa'], family: 'Álvarez', text: 'Rosa Álvarez, RN', suffix: 'RN',
    gender: 'female', place: PLACES.lakeview, role: 'nurse', roleText: 'Registered nurse', languages: ['es', 'en'], days: [2, 4], hours: ['09:00', '16:00'],
  },
});

const LANGUAGE_NAMES = /** @type {Record<string, string>} */ ({ en: 'English', es: 'Spanish', hi: 'Hindi', zh: 'Chinese' });

/** @param {Clinician} c @returns {HumanName} */
function clinicianName(c) {
  /** @type {HumanName} */
  const name = { use: 'official', text: c.text, family: c.family, given: [...c.given] };
  if (c.prefix) name.prefix = [c.prefix];
  if (c.suffix) name.suffix = [c.suffix];
  return name;
}

/** @param {Clinician} c */
export const clinicianRef = (c) => ref('PractitionerRole', c.roleId, c.text);
/** @param {Clinician} c */
export const practitionerRef = (c) => ref('Practitioner', c.id, c.text);
/** @param {Place} p */
export const locationRef = (p) => ref('Location', p.id, p.name);

/** HealthcareServices by a short key. */
export const SERVICES = {
  primaryCare: {
    id: 'hs-primary-care', name: 'Primary care visit', category: ['17', 'General Practice'], type: [SYSTEMS.serviceType, '124', 'General Practice'],
    places: [PLACES.downtown, PLACES.lakeview, PLACES.video],
    comment: 'A visit with your primary care clinician for a check-up, a follow-up or a new concern.',
  },
  wellChild: {
    id: 'hs-well-child', name: 'Pediatric well-child visit', category: ['29', 'Specialist Paediatric'], type: [SYSTEMS.snomed, '410620009', 'Well child visit'],
    places: [PLACES.downtown],
    comment: 'Growth, development and vaccines for children from birth to 18 years. Bring your child’s vaccination record.',
  },
  flu: {
    id: 'hs-flu-vaccination', name: 'Flu vaccination', category: ['7', 'Community Health Care'], type: [SYSTEMS.serviceType, '57', 'Immunization'],
    places: [PLACES.eastside, PLACES.lakeview],
    comment: 'Seasonal influenza vaccine for everyone 6 months and older. No prescription needed.',
  },
  covid: {
    id: 'hs-covid-vaccination', name: 'COVID-19 vaccination', category: ['7', 'Community Health Care'], type: [SYSTEMS.serviceType, '57', 'Immunization'],
    places: [PLACES.eastside, PLACES.lakeview],
    comment: 'COVID-19 vaccine, first and second doses. Book your second dose for 21 days (Pfizer-BioNTech) or 28 days (Moderna) after the first.',
  },
};

/** @typedef {typeof SERVICES[keyof typeof SERVICES]} ServiceDef */

/** @param {ServiceDef} s */
export const serviceRef = (s) => ref('HealthcareService', s.id, s.name);

/** @param {ServiceDef} s */
export const serviceTypeOf = (s) => concept(s.type[0], s.type[1], s.type[2], s.name);

/** @returns {Resource[]} */
export function directoryResources() {
  /** @type {Organization[]} */
  const organizations = [
    {
      resourceType: 'Organization', id: ORG.id, active: true, name: ORG.name,
      type: [concept('http://terminology.hl7.org/CodeSystem/organization-type', 'prov', 'Healthcare Provider')],
      telecom: [{ system: 'phone', value: '(212) 555-0100', use: 'work' }, { system: 'url', value: 'https://riverside-health.example' }],
      address: [{ use: 'work', line: ['48 Mercer Landing'], city: 'New York', state: 'NY', postalCode: '10013', country: 'US' }],
    },
    {
      resourceType: 'Organization', id: LAB.id, active: true, name: LAB.name, partOf: ref('Organization', ORG.id, ORG.name),
      type: [concept('http://terminology.hl7.org/CodeSystem/organization-type', 'prov', 'Healthcare Provider')],
      telecom: [{ system: 'phone', value: '(212) 555-0199', use: 'work' }],
    },
  ];

  /** @type {Location[]} */
  const locations = Object.values(PLACES).map((p) => {
    /** @type {Location} */
    const location = {
      resourceType: 'Location', id: p.id, status: 'active', mode: 'instance', name: p.name, description: p.description,
      extension: [{ url: SYSTEMS.timezone, valueCode: p.zone }],
      telecom: [{ system: 'phone', value: p.phone, use: 'work' }],
      managingOrganization: ref('Organization', ORG.id, ORG.name),
    };
    if ('virtual' in p) {
      location.physicalType = concept('http://terminology.hl7.org/CodeSystem/location-physical-type', 'vi', 'Virtual');
      location.telecom?.push({ system: 'url', value: p.room, use: 'work' });
    } else {
      location.address = { use: 'work', type: 'physical', line: [...p.lines], city: p.city, state: p.state, postalCode: p.postalCode, country: 'US' };
      location.position = { ...p.position };
    }
    return location;
  });

  /** @type {Clinician[]} */
  const clinicians = Object.values(CLINICIANS);
  /** @type {Practitioner[]} */
  const practitioners = clinicians.map((c) => ({
    resourceType: 'Practitioner', id: c.id, active: true, name: [clinicianName(c)], gender: c.gender,
    telecom: [{ system: 'phone', value: c.place.phone, use: 'work' }],
    communication: c.languages.map((code) => concept(SYSTEMS.bcp47, code, LANGUAGE_NAMES[code])),
  }));

  /** @type {PractitionerRole[]} */
  const roles = clinicians.map((c) => {
    /** @type {PractitionerRole} */
    const role = {
      resourceType: 'PractitionerRole', id: c.roleId, active: true,
      practitioner: practitionerRef(c), organization: ref('Organization', ORG.id, ORG.name), location: [locationRef(c.place)],
      code: [concept(SYSTEMS.practitionerRole, c.role, c.role === 'doctor' ? 'Doctor' : c.role === 'nurse' ? 'Nurse' : 'Pharmacist', c.roleText)],
      healthcareService: Object.values(SERVICES).filter((s) => servicesOf(c).includes(s.id)).map(serviceRef),
      telecom: [{ system: 'phone', value: c.place.phone, use: 'work' }],
      availableTime: [
        {
          daysOfWeek: c.days.map((d) => /** @type {const} */ (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'])[d]),
          availableStartTime: fhirTime(minutesOf(c.hours[0])),
          availableEndTime: fhirTime(minutesOf(c.hours[1])),
        },
      ],
    };
    if (c.specialty) role.specialty = [concept(SYSTEMS.snomed, c.specialty[0], c.specialty[1], c.specialty[2])];
    return role;
  });

  /** @type {HealthcareService[]} */
  const services = Object.values(SERVICES).map((s) => ({
    resourceType: 'HealthcareService', id: s.id, active: true, name: s.name, comment: s.comment,
    providedBy: ref('Organization', ORG.id, ORG.name),
    category: [concept(SYSTEMS.serviceCategory, s.category[0], s.category[1])],
    type: [serviceTypeOf(s)],
    location: s.places.map(locationRef),
    telecom: [{ system: 'phone', value: s.places[0].phone, use: 'work' }],
    appointmentRequired: true,
  }));

  return [...organizations, ...locations, ...practitioners, ...roles, ...services];
}

/**
 * HealthcareService ids a clinician takes part in.
 * @param {Clinician} c
 * @returns {string[]}
 */
function servicesOf(c) {
  switch (c.id) {
    case CLINICIANS.hart.id:
    case CLINICIANS.herrera.id:
      return [SERVICES.primaryCare.id];
    case CLINICIANS.patel.id:
      return [SERVICES.wellChild.id];
    case CLINICIANS.bell.id:
      return [SERVICES.primaryCare.id, SERVICES.wellChild.id];
    default:
      return [SERVICES.flu.id, SERVICES.covid.id];
  }
}
