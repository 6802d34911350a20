// @ts-check
/**
 * GET metadata. Medplum's router has no CapabilityStatement, so this one describes what this server
 * really does: only search parameters medplum can match, no batch/transaction, `$hold`/`$book` only in
 * operation mode, the IHE `$find`/`$hold`/`$book` only in IHE mode, conditional create unless switched off
 * (the adapter chooses its booking strategy from this).
 */
import { supportedSearchParams } from './definitions.mjs';
import { HEALTH_CARDS_ISSUE_DEFINITION, offersHealthCards } from './health-cards.mjs';

/** The types the portal reads or writes (DESIGN.md §4); types seeded into the store are added. */
const PORTAL_TYPES = [
  'Appointment', 'Communication', 'DiagnosticReport', 'HealthcareService', 'Immunization',
  'ImmunizationRecommendation', 'Location', 'Observation', 'Patient', 'Practitioner', 'PractitionerRole',
  'Schedule', 'Slot',
];

/** SMART Scheduling Links: the public slot manifest at `<base>/$bulk-publish`. */
export const BULK_PUBLISH_DEFINITION = 'http://fhir-registry.smarthealthit.org/OperationDefinition/bulk-publish';

export const OPERATION_DEFINITIONS = {
  hold: 'urn:portal-kit:OperationDefinition/Appointment-hold',
  book: 'urn:portal-kit:OperationDefinition/Appointment-book',
};

/** The IHE ITI Scheduling operations' canonicals (their OperationDefinitions in the IHE profile). */
export const IHE_OPERATION_DEFINITIONS = {
  find: 'https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-find',
  hold: 'https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-hold',
  book: 'https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-book',
};

/**
 * @param {import('../store.mjs').FhirStore} store
 * @param {string} base
 * @returns {import('@medplum/fhirtypes').CapabilityStatementRestResourceOperation[]}
 */
function appointmentOperations(store, base) {
  const mode = store.options.bookingMode;
  const defs = mode === 'ihe' ? IHE_OPERATION_DEFINITIONS : mode === 'operation' ? OPERATION_DEFINITIONS : {};
  return Object.entries(defs).map(([name, definition]) => ({
    name,
    definition: mode === 'ihe' && store.options.iheDefinitions === 'own' ? `${base}/OperationDefinition/${OWN_PREFIX}${name}` : definition,
  }));
}

const OWN_PREFIX = 'portal-kit-appointment-';

/** What the in-parameters of each IHE operation are called (the profile's OperationDefinitions). */
const IHE_IN_PARAMETERS = {
  find: ['start', 'end', 'specialty', 'visit-type', 'practitioner', 'organization', 'location-string', 'location-reference', 'patient-reference', 'patient-resource', 'reason'],
  hold: ['appointment-reference'],
  book: ['appointment-reference', 'appointment-resource', 'patient-resource', 'comment'],
};

/**
 * GET OperationDefinition/<id> for this server's own profiles of the IHE operations (`iheDefinitions: 'own'`).
 * @param {import('../store.mjs').FhirStore} store
 * @param {string} id
 * @param {string} base
 * @returns {import('@medplum/fhirtypes').OperationDefinition | undefined}
 */
export function ownOperationDefinition(store, id, base) {
  const name = /** @type {keyof typeof IHE_IN_PARAMETERS} */ (id.slice(OWN_PREFIX.length));
  if (store.options.bookingMode !== 'ihe' || store.options.iheDefinitions !== 'own' || !id.startsWith(OWN_PREFIX) || !IHE_IN_PARAMETERS[name]) return undefined;
  return {
    resourceType: 'OperationDefinition',
    id,
    url: `${base}/OperationDefinition/${id}`,
    name: `PortalKitAppointment${name[0].toUpperCase()}${name.slice(1)}`,
    status: 'active',
    kind: 'operation',
    code: name,
    base: IHE_OPERATION_DEFINITIONS[name],
    resource: ['Appointment'],
    system: false,
    type: true,
    instance: false,
    parameter: [
      ...IHE_IN_PARAMETERS[name].map((parameter) => ({ name: parameter, use: /** @type {const} */ ('in'), min: 0, max: '1' })),
      { name: 'return', use: /** @type {const} */ ('out'), min: 0, max: '1', type: 'Bundle' },
    ],
  };
}

/**
 * @param {import('../store.mjs').FhirStore} store
 * @param {string} base
 * @returns {import('@medplum/fhirtypes').CapabilityStatement}
 */
export function capabilityStatement(store, base) {
  const types = [...new Set([...PORTAL_TYPES, ...store.types])].sort();
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'portal-kit demo FHIR server (@medplum/fhir-router MemoryRepository)' },
    implementation: { description: store.label, url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        resource: types.map((type) => resourceCapability(store, type, base)),
        operation: [{ name: 'bulk-publish', definition: BULK_PUBLISH_DEFINITION }],
      },
    ],
  };
}

/**
 * @param {import('../store.mjs').FhirStore} store
 * @param {string} type
 * @param {string} base
 * @returns {import('@medplum/fhirtypes').CapabilityStatementRestResource}
 */
function resourceCapability(store, type, base) {
  const params = supportedSearchParams(type);
  /** @type {import('@medplum/fhirtypes').CapabilityStatementRestResourceInteraction['code'][]} */
  const interactions = ['read', 'vread', 'search-type', 'create', 'update', 'delete', 'history-instance'];
  if (type !== 'Appointment') {
    interactions.push('patch'); // Appointment PATCH would bypass the slot bookkeeping, so it is refused
  }
  return {
    type: /** @type {import('@medplum/fhirtypes').ResourceType} */ (type),
    interaction: interactions.map((code) => ({ code })),
    versioning: 'versioned',
    updateCreate: true,
    conditionalCreate: store.options.conditionalCreate !== false,
    // medplum's conditional update/delete would bypass the slot bookkeeping, so Appointment refuses them
    conditionalUpdate: type !== 'Appointment',
    conditionalDelete: type === 'Appointment' ? 'not-supported' : 'single',
    searchInclude: params.filter((p) => p.type === 'reference').map((p) => `${type}:${p.code}`),
    searchParam: params.map((p) => ({
      name: /** @type {string} */ (p.code),
      type: p.type,
      ...(p.url ? { definition: p.url } : {}),
    })),
    ...(type === 'Appointment' && store.options.bookingMode !== 'rest' ? { operation: appointmentOperations(store, base) } : {}),
    ...(type === 'Patient' && offersHealthCards(store) ? { operation: [{ name: 'health-cards-issue', definition: HEALTH_CARDS_ISSUE_DEFINITION }] } : {}),
  };
}

/**
 * Declares SMART on FHIR security with the authorization server's endpoints (the `oauth-uris` extension), for
 * clients that read them from the CapabilityStatement rather than from `.well-known/smart-configuration`.
 * @param {import('@medplum/fhirtypes').CapabilityStatement} statement
 * @param {{ authorize: string, token: string, revoke: string }} uris
 * @returns {import('@medplum/fhirtypes').CapabilityStatement}
 */
export function withSmartSecurity(statement, uris) {
  const security = {
    cors: true,
    service: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }],
        text: 'OAuth 2 with SMART App Launch (standalone patient launch)',
      },
    ],
    extension: [
      {
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
        extension: Object.entries(uris).map(([url, valueUri]) => ({ url, valueUri })),
      },
    ],
  };
  return { ...statement, rest: (statement.rest ?? []).map((rest) => ({ ...rest, security })) };
}
