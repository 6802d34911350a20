/**
 * Loading the shared fixtures (test/fixtures/shared, never edited) in the browser. The test server's root
 * is the repository root. JSON goes through `parseFhirJson`, exactly as the adapter reads server answers,
 * so decimals arrive as their source text.
 */
import { parseFhirJson } from '../../../../src/api/fhir/json-fallback.js';

export const SHARED = '/test/fixtures/shared/';
export const DERIVED = '/test/fixtures/derived/fhir-map/';

async function text(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`fixture ${path}: HTTP ${response.status}`);
  return response.text();
}

/** One JSON fixture, parsed like server JSON. `path` is relative to test/fixtures/shared/. */
export async function loadShared(path: string): Promise<unknown> {
  return parseFhirJson(await text(SHARED + path));
}

export async function loadDerived(path: string): Promise<unknown> {
  return parseFhirJson(await text(DERIVED + path));
}

/** Every line of an NDJSON fixture (the last line of some files has no newline). */
export async function loadNdjson(path: string): Promise<unknown[]> {
  return (await text(SHARED + path))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(parseFhirJson);
}

export async function loadSharedText(path: string): Promise<string> {
  return text(SHARED + path);
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The resource and, for a Bundle, every entry's resource (Bundles inside Bundles too), in file order. */
export function resourcesIn(document: unknown): Json[] {
  if (!isRecord(document) || typeof document.resourceType !== 'string') return [];
  const out: Json[] = [document];
  if (document.resourceType === 'Bundle' && Array.isArray(document.entry)) {
    for (const entry of document.entry) if (isRecord(entry)) out.push(...resourcesIn(entry.resource));
  }
  return out;
}

/** The one resource of a type with an id in a list (throws when absent: the fixture is the premise). */
export function find(resources: readonly Json[], resourceType: string, id: string): Json {
  const found = resources.find((r) => r.resourceType === resourceType && r.id === id);
  if (!found) throw new Error(`fixture has no ${resourceType}/${id}`);
  return found;
}

export const byId = (resources: readonly Json[], resourceType: string): Map<string, unknown> =>
  new Map(resources.filter((r) => r.resourceType === resourceType && typeof r.id === 'string').map((r) => [r.id as string, r]));

/**
 * Every JSON file under fhir-r4/ (182). A browser cannot list a directory, so the list is written out;
 * the fixture-sweep test checks it against fhir-r4/PROVENANCE.md so a new fixture cannot be missed.
 */
export const FHIR_R4_FILES = [
  'fhir-r4/r4-spec-examples/bundles/Bundle-bundle-example.json',
  'fhir-r4/r4-spec-examples/bundles/Bundle-bundle-references.json',
  'fhir-r4/r4-spec-examples/bundles/Bundle-bundle-request-medsallergies.json',
  'fhir-r4/r4-spec-examples/bundles/Bundle-bundle-response-medsallergies.json',
  'fhir-r4/r4-spec-examples/bundles/Bundle-bundle-response.json',
  'fhir-r4/r4-spec-examples/bundles/Bundle-bundle-search-warning.json',
  'fhir-r4/r4-spec-examples/bundles/Bundle-bundle-transaction.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/Bundle-101.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/Bundle-f001.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/Bundle-f202.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/Bundle-lipids.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/Bundle-micro.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/DiagnosticReport-102.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/DiagnosticReport-example-pgx.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/DiagnosticReport-f201.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/DiagnosticReport-pap.json',
  'fhir-r4/r4-spec-examples/diagnostic-reports/DiagnosticReport-ultrasound.json',
  'fhir-r4/r4-spec-examples/immunizations/Immunization-example.json',
  'fhir-r4/r4-spec-examples/immunizations/Immunization-historical.json',
  'fhir-r4/r4-spec-examples/immunizations/Immunization-notGiven.json',
  'fhir-r4/r4-spec-examples/immunizations/Immunization-protocol.json',
  'fhir-r4/r4-spec-examples/immunizations/Immunization-subpotent.json',
  'fhir-r4/r4-spec-examples/immunizations/ImmunizationEvaluation-example.json',
  'fhir-r4/r4-spec-examples/immunizations/ImmunizationEvaluation-notValid.json',
  'fhir-r4/r4-spec-examples/immunizations/ImmunizationRecommendation-example.json',
  'fhir-r4/r4-spec-examples/messaging/Communication-example.json',
  'fhir-r4/r4-spec-examples/messaging/Communication-fm-attachment.json',
  'fhir-r4/r4-spec-examples/messaging/Communication-fm-solicited.json',
  'fhir-r4/r4-spec-examples/messaging/CommunicationRequest-example.json',
  'fhir-r4/r4-spec-examples/messaging/CommunicationRequest-fm-solicit.json',
  'fhir-r4/r4-spec-examples/messaging/Device-f001.json',
  'fhir-r4/r4-spec-examples/observations/Observation-abdo-tender.json',
  'fhir-r4/r4-spec-examples/observations/Observation-bgpanel.json',
  'fhir-r4/r4-spec-examples/observations/Observation-blood-pressure-cancel.json',
  'fhir-r4/r4-spec-examples/observations/Observation-blood-pressure-dar.json',
  'fhir-r4/r4-spec-examples/observations/Observation-blood-pressure.json',
  'fhir-r4/r4-spec-examples/observations/Observation-bloodgroup.json',
  'fhir-r4/r4-spec-examples/observations/Observation-bmd.json',
  'fhir-r4/r4-spec-examples/observations/Observation-bmi.json',
  'fhir-r4/r4-spec-examples/observations/Observation-body-height.json',
  'fhir-r4/r4-spec-examples/observations/Observation-body-temperature.json',
  'fhir-r4/r4-spec-examples/observations/Observation-date-lastmp.json',
  'fhir-r4/r4-spec-examples/observations/Observation-decimal.json',
  'fhir-r4/r4-spec-examples/observations/Observation-example-phenotype.json',
  'fhir-r4/r4-spec-examples/observations/Observation-example.json',
  'fhir-r4/r4-spec-examples/observations/Observation-eye-color.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f001.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f002.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f003.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f004.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f005.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f202.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f203.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f204.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f205.json',
  'fhir-r4/r4-spec-examples/observations/Observation-f206.json',
  'fhir-r4/r4-spec-examples/observations/Observation-head-circumference.json',
  'fhir-r4/r4-spec-examples/observations/Observation-heart-rate.json',
  'fhir-r4/r4-spec-examples/observations/Observation-respiratory-rate.json',
  'fhir-r4/r4-spec-examples/observations/Observation-rhstatus.json',
  'fhir-r4/r4-spec-examples/observations/Observation-satO2.json',
  'fhir-r4/r4-spec-examples/observations/Observation-trachcare.json',
  'fhir-r4/r4-spec-examples/observations/Observation-unsat.json',
  'fhir-r4/r4-spec-examples/observations/Observation-vitals-panel.json',
  'fhir-r4/r4-spec-examples/observations/Observation-vp-oyster.json',
  'fhir-r4/r4-spec-examples/operation-outcomes/OperationOutcome-101.json',
  'fhir-r4/r4-spec-examples/operation-outcomes/OperationOutcome-allok.json',
  'fhir-r4/r4-spec-examples/operation-outcomes/OperationOutcome-break-the-glass.json',
  'fhir-r4/r4-spec-examples/operation-outcomes/OperationOutcome-exception.json',
  'fhir-r4/r4-spec-examples/operation-outcomes/OperationOutcome-searchfail.json',
  'fhir-r4/r4-spec-examples/operation-outcomes/OperationOutcome-validationfail.json',
  'fhir-r4/r4-spec-examples/people/Encounter-example.json',
  'fhir-r4/r4-spec-examples/people/Encounter-f001.json',
  'fhir-r4/r4-spec-examples/people/Encounter-f203.json',
  'fhir-r4/r4-spec-examples/people/Encounter-home.json',
  'fhir-r4/r4-spec-examples/people/Organization-1.json',
  'fhir-r4/r4-spec-examples/people/Organization-1832473e-2fe0-452d-abe9-3cdb9879522f.json',
  'fhir-r4/r4-spec-examples/people/Organization-2.json',
  'fhir-r4/r4-spec-examples/people/Organization-f001.json',
  'fhir-r4/r4-spec-examples/people/Organization-f201.json',
  'fhir-r4/r4-spec-examples/people/Organization-f203.json',
  'fhir-r4/r4-spec-examples/people/Organization-hl7.json',
  'fhir-r4/r4-spec-examples/people/Patient-animal.json',
  'fhir-r4/r4-spec-examples/people/Patient-example.json',
  'fhir-r4/r4-spec-examples/people/Patient-f001.json',
  'fhir-r4/r4-spec-examples/people/Patient-f201.json',
  'fhir-r4/r4-spec-examples/people/Patient-glossy.json',
  'fhir-r4/r4-spec-examples/people/Patient-infant-mom.json',
  'fhir-r4/r4-spec-examples/people/Patient-infant-twin-1.json',
  'fhir-r4/r4-spec-examples/people/Patient-mom.json',
  'fhir-r4/r4-spec-examples/people/Patient-newborn.json',
  'fhir-r4/r4-spec-examples/people/Patient-pat1.json',
  'fhir-r4/r4-spec-examples/people/Patient-pat2.json',
  'fhir-r4/r4-spec-examples/people/Practitioner-example.json',
  'fhir-r4/r4-spec-examples/people/Practitioner-f001.json',
  'fhir-r4/r4-spec-examples/people/Practitioner-f002.json',
  'fhir-r4/r4-spec-examples/people/Practitioner-f005.json',
  'fhir-r4/r4-spec-examples/people/Practitioner-f201.json',
  'fhir-r4/r4-spec-examples/people/Practitioner-f202.json',
  'fhir-r4/r4-spec-examples/people/Practitioner-xcda1.json',
  'fhir-r4/r4-spec-examples/people/RelatedPerson-newborn-mom.json',
  'fhir-r4/r4-spec-examples/scheduling/Appointment-2docs.json',
  'fhir-r4/r4-spec-examples/scheduling/Appointment-example.json',
  'fhir-r4/r4-spec-examples/scheduling/Appointment-examplereq.json',
  'fhir-r4/r4-spec-examples/scheduling/AppointmentResponse-example.json',
  'fhir-r4/r4-spec-examples/scheduling/AppointmentResponse-exampleresp.json',
  'fhir-r4/r4-spec-examples/scheduling/Condition-example.json',
  'fhir-r4/r4-spec-examples/scheduling/Endpoint-example.json',
  'fhir-r4/r4-spec-examples/scheduling/HealthcareService-example.json',
  'fhir-r4/r4-spec-examples/scheduling/Location-1.json',
  'fhir-r4/r4-spec-examples/scheduling/Location-2.json',
  'fhir-r4/r4-spec-examples/scheduling/Location-amb.json',
  'fhir-r4/r4-spec-examples/scheduling/Location-hl7.json',
  'fhir-r4/r4-spec-examples/scheduling/Location-ph.json',
  'fhir-r4/r4-spec-examples/scheduling/Location-ukp.json',
  'fhir-r4/r4-spec-examples/scheduling/PractitionerRole-example.json',
  'fhir-r4/r4-spec-examples/scheduling/Schedule-example.json',
  'fhir-r4/r4-spec-examples/scheduling/Schedule-exampleloc1.json',
  'fhir-r4/r4-spec-examples/scheduling/Schedule-exampleloc2.json',
  'fhir-r4/r4-spec-examples/scheduling/ServiceRequest-myringotomy.json',
  'fhir-r4/r4-spec-examples/scheduling/Slot-1.json',
  'fhir-r4/r4-spec-examples/scheduling/Slot-2.json',
  'fhir-r4/r4-spec-examples/scheduling/Slot-3.json',
  'fhir-r4/r4-spec-examples/scheduling/Slot-example.json',
  'fhir-r4/synthea/Enda_Schaefer_dd760206-6c4e-4e25-a799-f5c563e489a1.json',
  'fhir-r4/synthea/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json',
  'fhir-r4/synthea/Gustavo_Mejia_59a8543c-e24f-4a01-b28b-47ccde6bc11d.json',
  'fhir-r4/us-core/immunizations/imm-1.json',
  'fhir-r4/us-core/labs/Specimen-example-serum-hemolyzed.json',
  'fhir-r4/us-core/labs/at-home-in-vitro-test.json',
  'fhir-r4/us-core/labs/diagnosticreport-cbc.json',
  'fhir-r4/us-core/labs/diagnosticreport-metabolic-panel.json',
  'fhir-r4/us-core/labs/observation-cbc-erythrocytes.json',
  'fhir-r4/us-core/labs/observation-cbc-hematocrit.json',
  'fhir-r4/us-core/labs/observation-cbc-hemoglobin.json',
  'fhir-r4/us-core/labs/observation-cbc-leukocytes.json',
  'fhir-r4/us-core/labs/observation-cbc-mch.json',
  'fhir-r4/us-core/labs/observation-cbc-mchc.json',
  'fhir-r4/us-core/labs/observation-cbc-mcv.json',
  'fhir-r4/us-core/labs/observation-cbc-platelets.json',
  'fhir-r4/us-core/labs/observation-serum-bun.json',
  'fhir-r4/us-core/labs/observation-serum-calcium.json',
  'fhir-r4/us-core/labs/observation-serum-chloride.json',
  'fhir-r4/us-core/labs/observation-serum-co2.json',
  'fhir-r4/us-core/labs/observation-serum-creatinine.json',
  'fhir-r4/us-core/labs/observation-serum-glucose.json',
  'fhir-r4/us-core/labs/observation-serum-potassium.json',
  'fhir-r4/us-core/labs/observation-serum-sodium.json',
  'fhir-r4/us-core/labs/servicerequest-bmp.json',
  'fhir-r4/us-core/labs/servicerequest-cbc.json',
  'fhir-r4/us-core/labs/specimen-example-serum.json',
  'fhir-r4/us-core/labs/specimen-example-whole-blood.json',
  'fhir-r4/us-core/labs/urobilinogen.json',
  'fhir-r4/us-core/people/encounter-1036.json',
  'fhir-r4/us-core/people/encounter-example-1.json',
  'fhir-r4/us-core/people/hl7east.json',
  'fhir-r4/us-core/people/location-hospital.json',
  'fhir-r4/us-core/people/organization-acme-lab.json',
  'fhir-r4/us-core/people/patient-child-example.json',
  'fhir-r4/us-core/people/patient-deceased-example.json',
  'fhir-r4/us-core/people/patient-example.json',
  'fhir-r4/us-core/people/patient-infant-example.json',
  'fhir-r4/us-core/people/practitioner-1.json',
  'fhir-r4/us-core/people/practitioner-2.json',
  'fhir-r4/us-core/searchset-bundles/PractitionerRole_Practitioner_Endpoint_Bundle_Example.json',
  'fhir-r4/us-core/searchset-bundles/allergyintolerance-provenance-example1.json',
  'fhir-r4/us-core/searchset-bundles/bundle-docref-example1.json',
  'fhir-r4/us-core/vitals/Observation-average-blood-pressure.json',
  'fhir-r4/us-core/vitals/blood-pressure.json',
  'fhir-r4/us-core/vitals/bmi.json',
  'fhir-r4/us-core/vitals/bp-data-absent.json',
  'fhir-r4/us-core/vitals/head-circumference.json',
  'fhir-r4/us-core/vitals/heart-rate.json',
  'fhir-r4/us-core/vitals/height.json',
  'fhir-r4/us-core/vitals/observation-satO2-fiO2.json',
  'fhir-r4/us-core/vitals/ofc-percentile.json',
  'fhir-r4/us-core/vitals/oxygen-saturation.json',
  'fhir-r4/us-core/vitals/pediatric-bmi-example.json',
  'fhir-r4/us-core/vitals/pediatric-wt-example.json',
  'fhir-r4/us-core/vitals/respiratory-rate.json',
  'fhir-r4/us-core/vitals/temperature.json',
  'fhir-r4/us-core/vitals/weight.json',
] as const;

export const SCHEDULING_LINKS_NDJSON = {
  locations: 'smart-scheduling-links/smart-on-fhir-examples/locations.ndjson',
  schedules: 'smart-scheduling-links/smart-on-fhir-examples/schedules.ndjson',
  slots: [
    'smart-scheduling-links/smart-on-fhir-examples/slots-2021-W09.ndjson',
    'smart-scheduling-links/smart-on-fhir-examples/slots-2021-W10.ndjson',
    'smart-scheduling-links/smart-on-fhir-examples/slots-2021-W11.ndjson',
    'smart-scheduling-links/smart-on-fhir-examples/slots-2021-W12.ndjson',
    'smart-scheduling-links/smart-on-fhir-examples/slots-2021-W13.ndjson',
  ],
} as const;

/** The Scheduling Links JSON examples that are FHIR resources (manifests and schemas are not). */
export const SCHEDULING_LINKS_JSON = [
  'smart-scheduling-links/hl7-ig-inline/healthcareservice.json',
  'smart-scheduling-links/hl7-ig-inline/location.json',
  'smart-scheduling-links/hl7-ig-inline/practitionerrole.json',
  'smart-scheduling-links/hl7-ig-inline/schedule-has-availability.json',
  'smart-scheduling-links/hl7-ig-inline/schedule.json',
  'smart-scheduling-links/hl7-ig-inline/slot.json',
  'smart-scheduling-links/smart-on-fhir-examples/spec-inline-location.json',
  'smart-scheduling-links/smart-on-fhir-examples/spec-inline-schedule-has-availability.json',
  'smart-scheduling-links/smart-on-fhir-examples/spec-inline-schedule.json',
  'smart-scheduling-links/smart-on-fhir-examples/spec-inline-slot.json',
] as const;

/** Strings a hostile server might put in any text field. Mapping carries them; rendering is text-only. */
export const XSS = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', 'javascript:alert(1)', '{{constructor.constructor("alert(1)")()}}'];
