// @ts-check
/**
 * Code systems, small builders and the hash every "random" choice in the seed comes from. There is no
 * random number generator: a value that looks random is a hash of a stable id, so regenerating gives the
 * same answer and one resource never shifts another.
 */

/** @typedef {import('@medplum/fhirtypes').CodeableConcept} CodeableConcept */
/** @typedef {import('@medplum/fhirtypes').Coding} Coding */
/** @typedef {import('@medplum/fhirtypes').Reference} Reference */

export const BRAND = 'Riverside Community Health';

export const SYSTEMS = {
  cvx: 'http://hl7.org/fhir/sid/cvx',
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  bcp47: 'urn:ietf:bcp:47',
  timezone: 'http://hl7.org/fhir/StructureDefinition/timezone',
  serviceType: 'http://terminology.hl7.org/CodeSystem/service-type',
  serviceCategory: 'http://terminology.hl7.org/CodeSystem/service-category',
  practitionerRole: 'http://terminology.hl7.org/CodeSystem/practitioner-role',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  diagnosticService: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  immunizationOrigin: 'http://terminology.hl7.org/CodeSystem/immunization-origin',
  immunizationFunction: 'http://terminology.hl7.org/CodeSystem/v2-0443',
  recommendationStatus: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status',
  actSite: 'http://terminology.hl7.org/CodeSystem/v3-ActSite',
  route: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration',
  appointmentType: 'http://terminology.hl7.org/CodeSystem/v2-0276',
  cancelationReason: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason',
  communicationCategory: 'http://terminology.hl7.org/CodeSystem/communication-category',
  participantType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  maritalStatus: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
  relationship: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  mrn: 'https://fhir.riverside-health.example/sid/mrn',
};

/** SMART Scheduling Links extensions on a Schedule (see src/api/fhir/constants.ts). */
export const SCHEDULING_LINKS = {
  vaccineProduct: 'http://fhir-registry.smarthealthit.org/StructureDefinition/vaccine-product',
  vaccineDose: 'http://fhir-registry.smarthealthit.org/StructureDefinition/vaccine-dose',
};

/** portal-kit's own extensions, where FHIR has no element (see src/api/fhir/constants.ts). */
export const PORTAL_KIT = {
  /** Days from the dose a vaccination Schedule gives to the next dose of its series (valueInteger). */
  nextDoseInterval: 'urn:portal-kit:next-dose-interval-days',
};

/**
 * 32-bit FNV-1a with a murmur3 finalizer, so ids that differ in one digit still spread over the range.
 * @param {string} text
 * @returns {number} unsigned 32-bit
 */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A whole number in [min, max] picked by hashing `key`.
 * @param {string} key
 * @param {number} min
 * @param {number} max
 */
export function pick(key, min, max) {
  return min + (hash32(key) % (max - min + 1));
}

/**
 * @param {string} system
 * @param {string} code
 * @param {string} [display]
 * @param {string} [text]
 * @returns {CodeableConcept}
 */
export function concept(system, code, display, text) {
  /** @type {CodeableConcept} */
  const out = { coding: [display === undefined ? { system, code } : { system, code, display }] };
  if (text !== undefined) out.text = text;
  return out;
}

/**
 * A reference with the display a client can show without resolving it.
 * @template {import('@medplum/fhirtypes').ResourceType} T
 * @param {T} type
 * @param {string} id
 * @param {string} [display]
 * @returns {import('@medplum/fhirtypes').Reference<import('@medplum/fhirtypes').ExtractResource<T>>}
 */
export function ref(type, id, display) {
  return display === undefined ? { reference: `${type}/${id}` } : { reference: `${type}/${id}`, display };
}

/**
 * A UCUM quantity. `value` is a JS number: JSON carries no trailing zeros, so `5.40` reaches the wire as
 * `5.4` unless the server writes decimals from their text.
 * @param {number} value
 * @param {string} unit UCUM code (also used as the human unit unless `human` is given)
 * @param {string} [human]
 */
export function quantity(value, unit, human) {
  return { value, unit: human ?? unit, system: SYSTEMS.ucum, code: unit };
}
