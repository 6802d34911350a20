/** Identifier system under which writes carry their idempotency key (`Appointment.identifier`, …). */
export const CLIENT_REQUEST_SYSTEM = 'urn:portal-kit:client-request';

export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';
export const LOINC_SYSTEM = 'http://loinc.org';
export const TIMEZONE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/timezone';
/** R4 `Location.physicalType` codes; `vi` is a virtual place (a video connection). */
export const LOCATION_PHYSICAL_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
/** R5's `Appointment.virtualService` carried in R4 (FHIR cross-version extensions); its `address` is the join link. */
export const VIRTUAL_SERVICE_EXTENSION = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService';
export const V3_INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
export const ACT_SITE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActSite';
/** Why an immunization was not given (the immunization-status-reason value set's codes). */
export const ACT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
export const IMMUNIZATION_ORIGIN_SYSTEM = 'http://terminology.hl7.org/CodeSystem/immunization-origin';

/** SMART Scheduling Links extensions (Schedule and Slot). */
export const SCHEDULING_LINKS = {
  vaccineProduct: 'http://fhir-registry.smarthealthit.org/StructureDefinition/vaccine-product',
  vaccineDose: 'http://fhir-registry.smarthealthit.org/StructureDefinition/vaccine-dose',
  bookingDeepLink: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link',
  bookingPhone: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone',
  slotCapacity: 'http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity',
} as const;

/** Extension on a held Appointment saying until when the hold lasts (instant). */
export const HOLD_EXPIRES_EXTENSION = 'urn:portal-kit:hold-expires';

/**
 * Days from the dose a vaccination Schedule gives to the next dose of its series (valueInteger > 0): 21 on a
 * Pfizer-BioNTech dose-1 schedule, 28 on a Moderna one. Neither FHIR R4 nor SMART Scheduling Links has an
 * element for it, and without it a confirmation cannot tell the person when to come back. Carried on the
 * Schedule, or on a HealthcareService that vaccine Schedules name as an actor (a default for their products
 * that a Schedule's own value overrides).
 */
export const NEXT_DOSE_INTERVAL_EXTENSION = 'urn:portal-kit:next-dose-interval-days';
