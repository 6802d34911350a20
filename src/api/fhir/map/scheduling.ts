/**
 * Directory and availability: Location, Practitioner(Role), HealthcareService, Schedule and Slot → model.
 *
 * Service ids. A bookable "service" comes from three places, and its id says which, so a write can send
 * the right FHIR element back (FHIR ids cannot contain `|` or `:`, so the forms never collide):
 * - a HealthcareService: its plain FHIR id (`mapService`);
 * - a Schedule/Slot `serviceType` coding: the FHIR token `system|code` (`|code` when the coding has no
 *   system), directly usable in `Schedule?service-type=`;
 * - a SMART Scheduling Links vaccine product on a Schedule: `vaccine:<cvx>` or `vaccine:<cvx>:dose-<n>`,
 *   shared by every location that offers that product and dose.
 */
import type { Coding } from '../../../model/common.js';
import type { Location, Practitioner, Service, Slot, VaccineProduct } from '../../../model/scheduling.js';
import { isIanaZone, SLOT_STATUSES } from '../../../model/values.js';
import { CVX_SYSTEM, LOCATION_PHYSICAL_TYPE_SYSTEM, NEXT_DOSE_INTERVAL_EXTENSION, SCHEDULING_LINKS, TIMEZONE_EXTENSION } from '../constants.js';
import {
  isOneOf,
  identified,
  asResource,
  compact,
  conceptName,
  extensionOf,
  extensionsOf,
  fail,
  formatHumanName,
  guarded,
  httpUrl,
  httpsUrl,
  instantMillis,
  int,
  isInstant,
  isRecord,
  phoneOf,
  pickName,
  practitionerIdFromReference,
  records,
  referenceDisplay,
  referenceIdOf,
  str,
  toAddress,
  toCoding,
  withCheckedIds,
  type Json,
  type MapOutcome,
} from './common.js';

// ---------------------------------------------------------------- service ids

export type ServiceKey =
  | { kind: 'healthcare-service'; id: string }
  | { kind: 'service-type'; system?: string; code: string }
  | { kind: 'vaccine'; cvx: string; doseNumber?: number };

function serviceIdForCoding(coding: Coding): string {
  return `${coding.system ?? ''}|${coding.code}`;
}

function vaccineServiceId(cvx: string, doseNumber?: number): string {
  return doseNumber === undefined ? `vaccine:${cvx}` : `vaccine:${cvx}:dose-${doseNumber}`;
}

/** Reads a service id back into what it stands for (see the file comment). */
export function parseServiceId(serviceId: string): ServiceKey {
  const vaccine = /^vaccine:(\d{1,3})(?::dose-(\d+))?$/.exec(serviceId);
  if (vaccine) return compact({ kind: 'vaccine' as const, cvx: vaccine[1], doseNumber: vaccine[2] ? Number(vaccine[2]) : undefined });
  const bar = serviceId.lastIndexOf('|');
  if (bar >= 0) {
    const system = serviceId.slice(0, bar);
    return system ? { kind: 'service-type', system, code: serviceId.slice(bar + 1) } : { kind: 'service-type', code: serviceId.slice(bar + 1) };
  }
  return { kind: 'healthcare-service', id: serviceId };
}

/** The service id a concept's first coding stands for (`system|code`), whether or not it is named. */
export function serviceIdFromConcept(concept: unknown): string | undefined {
  const coding = isRecord(concept) ? records(concept.coding).flatMap((c) => toCoding(c) ?? [])[0] : undefined;
  return coding ? serviceIdForCoding(coding) : undefined;
}

/**
 * The first coded coding of a concept, as a Service (id = token) named by the concept's text or display; undefined
 * for text-only concepts and for bare codes, which name nothing a patient can read.
 */
export function serviceFromConcept(concept: unknown): Service | undefined {
  if (!isRecord(concept)) return undefined;
  const coding = records(concept.coding).flatMap((c) => toCoding(c) ?? [])[0];
  const name = conceptName(concept);
  if (!coding || !name) return undefined;
  const service = withCheckedIds({ id: serviceIdForCoding(coding), name, code: coding }, [serviceIdForCoding(coding)]);
  return service.ok ? service.value : undefined;
}

/** The portal-kit next-dose interval on a Schedule or HealthcareService; a value that is not a positive whole number is ignored. */
function nextDoseInterval(element: unknown): number | undefined {
  const days = int(extensionOf(element, NEXT_DOSE_INTERVAL_EXTENSION)?.valueInteger);
  return days !== undefined && days > 0 ? days : undefined;
}

/**
 * The schedule's own interval, else the first one found on a HealthcareService it names as an actor (looked up
 * in `healthcareServices`, keyed `HealthcareService/<id>` or by plain id).
 */
function intervalFor(schedule: Json, healthcareServices?: ReadonlyMap<string, unknown>): number | undefined {
  const own = nextDoseInterval(schedule);
  if (own !== undefined || !healthcareServices) return own;
  for (const actor of records(schedule.actor)) {
    const id = referenceIdOf(actor, ['HealthcareService']);
    if (id === undefined) continue;
    const days = nextDoseInterval(asResource(healthcareServices.get(`HealthcareService/${id}`) ?? healthcareServices.get(id), 'HealthcareService'));
    if (days !== undefined) return days;
  }
  return undefined;
}

function vaccineProducts(schedule: Json, healthcareServices?: ReadonlyMap<string, unknown>): VaccineProduct[] {
  const dose = int(extensionOf(schedule, SCHEDULING_LINKS.vaccineDose)?.valueInteger);
  const products = extensionsOf(schedule, SCHEDULING_LINKS.vaccineProduct);
  const interval = products.length > 0 ? intervalFor(schedule, healthcareServices) : undefined;
  return products.flatMap((ext) => {
    const coding = toCoding(ext.valueCoding);
    if (!coding || (coding.system !== undefined && coding.system !== CVX_SYSTEM) || !/^\d{1,3}$/.test(coding.code)) return [];
    return [
      compact({
        cvx: coding.code,
        display: coding.display,
        doseNumber: dose !== undefined && dose > 0 ? dose : undefined,
        nextDoseIntervalDays: interval,
      }),
    ];
  });
}

function dedupe(services: Service[]): Service[] {
  const seen = new Set<string>();
  return services.filter((s) => !seen.has(s.id) && seen.add(s.id));
}

/**
 * What a Schedule offers. A Scheduling Links schedule with `vaccine-product` extensions offers those
 * products (one service per product, with the schedule's `vaccine-dose` and the portal-kit next-dose
 * interval, see NEXT_DOSE_INTERVAL_EXTENSION); its serviceType ("Immunization") only names the kind of
 * visit, so it becomes the service's `code`. Otherwise each coded serviceType is a service. Invalid pieces
 * are skipped, not fatal: the slots stay bookable. `healthcareServices` (the resolved HealthcareService
 * actors, keyed `HealthcareService/<id>`) lets an interval set once on the service reach its schedules.
 */
export function servicesFromSchedule(schedule: unknown, healthcareServices?: ReadonlyMap<string, unknown>): Service[] {
  const resource = asResource(schedule, 'Schedule');
  if (!resource) return [];
  const types = records(resource.serviceType);
  const products = vaccineProducts(resource, healthcareServices);
  if (products.length > 0) {
    const code = types.flatMap((t) => records(t.coding).flatMap((c) => toCoding(c) ?? []))[0];
    const typeName = conceptName(types[0]);
    return dedupe(
      products.flatMap((vaccine) => {
        // A CVX code is 1-3 digits (checked above), so the id is always short enough.
        return [compact({ id: vaccineServiceId(vaccine.cvx, vaccine.doseNumber), name: vaccine.display ?? typeName ?? vaccine.cvx, code, vaccine })];
      }),
    );
  }
  return dedupe(types.flatMap((t) => serviceFromConcept(t) ?? []));
}

/**
 * The Schedule's main service (the first of `servicesFromSchedule`), or undefined when it names none.
 * Not a MapOutcome: a schedule without a service is not a bad entry, its slots simply have no service.
 * A schedule can offer several; fill `SlotSearchResult.services` from `slotServices` to resolve them all.
 */
export function serviceFromSchedule(schedule: unknown): Service | undefined {
  try {
    return servicesFromSchedule(schedule)[0];
  } catch {
    return undefined;
  }
}

/** HealthcareService → Service, id = its FHIR id. Name: `name`, else the first `type` in words. */
export const mapService = guarded((resource: unknown): MapOutcome<Service> => {
  const head = identified(resource, 'HealthcareService');
  if (!head.ok) return head;
  const { resource: service, id } = head;
  const type = records(service.type)[0];
  const name = str(service.name) ?? conceptName(type);
  if (!name) return fail('missing-name');
  return withCheckedIds(compact({ id, name, code: records(type?.coding).flatMap((c) => toCoding(c) ?? [])[0], description: str(service.comment) }), [id]);
});

// ---------------------------------------------------------------- locations and clinicians

/** The location's IANA zone, only if this browser's Intl can format in it. */
function timeZoneOf(location: Json): string | undefined {
  const zone = str(extensionOf(location, TIMEZONE_EXTENSION)?.valueCode);
  return zone !== undefined && isIanaZone(zone) ? zone : undefined;
}

/**
 * Location → Location.
 * - timeZone: the core `timezone` extension; a zone Intl cannot use is dropped (slots then show their own
 *   offset), the location is kept.
 * - instructions: FHIR R4 Location has no instructions field. `description` is the closest: Scheduling
 *   Links publishers put directions there ("Located behind old Berkshire Bank building"). It is used
 *   unless it merely repeats the name ("Patient's Home"), which would tell the person nothing new.
 * - virtual: `physicalType` "vi" (location-physical-type: Virtual) makes every visit there a video visit; its
 *   https `url` telecom, if any, is the standing room patients join.
 */
export const mapLocation = guarded((resource: unknown): MapOutcome<Location> => {
  const head = identified(resource, 'Location');
  if (!head.ok) return head;
  const { resource: location, id } = head;
  const name = str(location.name);
  if (!name) return fail('missing-name');
  const description = str(location.description);
  const physical = isRecord(location.physicalType) ? records(location.physicalType.coding) : [];
  const virtual = physical.some((c) => c.system === LOCATION_PHYSICAL_TYPE_SYSTEM && c.code === 'vi');
  return withCheckedIds(
    compact({
      id,
      name,
      address: toAddress(location.address),
      phone: phoneOf(location.telecom),
      timeZone: timeZoneOf(location),
      instructions: description && description.trim().toLowerCase() !== name.trim().toLowerCase() ? description : undefined,
      virtual: virtual || undefined,
      // A virtual place's `url` contact is its standing video room.
      videoLink: virtual ? records(location.telecom).flatMap((t) => (t.system === 'url' ? (httpsUrl(t.value) ?? []) : []))[0] : undefined,
    }),
    [id],
  );
});

/**
 * Practitioner or PractitionerRole → Practitioner (ids: see `practitionerIdFromReference`).
 * A role's name comes from its Practitioner when the caller resolved it (`practitioners`, keyed by
 * Practitioner id or by `Practitioner/<id>`), else from `PractitionerRole.practitioner.display`. Its role words come from
 * `specialty` ("General medicine"), else `code` ("Physician"): specialty is what patients choose by.
 */
export const mapPractitioner = guarded(
  (resource: unknown, practitioners?: ReadonlyMap<string, unknown>): MapOutcome<Practitioner> => {
    if (!isRecord(resource)) return fail('wrong-type');
    const id = str(resource.id);
    if (resource.resourceType === 'Practitioner') {
      if (!id) return fail('missing-id');
      const name = formatHumanName(pickName(resource.name), true);
      if (!name) return fail('missing-name');
      return withCheckedIds({ id, name }, [id]);
    }
    if (resource.resourceType !== 'PractitionerRole') return fail('wrong-type');
    if (!id) return fail('missing-id');
    const practitionerId = referenceIdOf(resource.practitioner, ['Practitioner']);
    const practitioner =
      practitionerId === undefined
        ? undefined
        : asResource(practitioners?.get(practitionerId) ?? practitioners?.get(`Practitioner/${practitionerId}`), 'Practitioner');
    const name = formatHumanName(pickName(practitioner?.name), true) ?? referenceDisplay(resource.practitioner);
    if (!name) return fail('missing-name');
    const role = conceptName(records(resource.specialty)[0]) ?? conceptName(records(resource.code)[0]);
    return withCheckedIds(compact({ id: `PractitionerRole/${id}`, name, role }), [`PractitionerRole/${id}`]);
  },
);

// ---------------------------------------------------------------- slots

/** What every slot of one schedule takes from it. */
interface ScheduleFacts {
  id?: string;
  healthcareServiceIds: string[];
  locationId?: string;
  practitionerId?: string;
  services: Service[];
}

// Worked out once per Schedule object: a month's search hands ~1,500 slots to a few schedules (the client
// reads each included Schedule once), and reading actors and vaccine extensions per slot was most of the
// time mapping took. The answers' objects are never changed after parsing, so a cached reading stays true.
const facts = new WeakMap<Json, ScheduleFacts>();

function factsOf(schedule: Json): ScheduleFacts {
  let known = facts.get(schedule);
  if (!known) {
    const actors = records(schedule.actor);
    known = compact({
      id: str(schedule.id),
      healthcareServiceIds: actors.flatMap((a) => referenceIdOf(a, ['HealthcareService']) ?? []),
      locationId: actors.flatMap((a) => referenceIdOf(a, ['Location']) ?? [])[0],
      practitionerId: actors.flatMap((a) => practitionerIdFromReference(a) ?? [])[0],
      services: servicesFromSchedule(schedule),
    });
    facts.set(schedule, known);
  }
  return known;
}

/** The schedule's facts, but only if it is the one this slot belongs to (a mismatch must not move the slot). */
function scheduleFactsFor(scheduleId: string | undefined, schedule: unknown): ScheduleFacts | undefined {
  const candidate = asResource(schedule, 'Schedule');
  if (!candidate || scheduleId === undefined) return undefined;
  const known = factsOf(candidate);
  return known.id === scheduleId ? known : undefined;
}

function ownServices(slot: Json): Service[] {
  return Array.isArray(slot.serviceType) ? records(slot.serviceType).flatMap((t) => serviceFromConcept(t) ?? []) : [];
}

/**
 * The Service objects a slot's `serviceIds` name (those that can be built from the Schedule and Slot
 * themselves; HealthcareService actors resolve through `mapService`). Use it to fill
 * `SlotSearchResult.services` so every id resolves.
 */
export function slotServices(slot: unknown, schedule?: unknown): Service[] {
  const resource = asResource(slot, 'Slot');
  if (!resource) return [];
  const owner = scheduleFactsFor(referenceIdOf(resource.schedule, ['Schedule'], true), schedule);
  const own = ownServices(resource);
  if (own.length === 0) return owner?.services ?? [];
  return dedupe([...(owner?.services ?? []), ...own]);
}

/**
 * Slot (+ its Schedule) → Slot.
 * - start/end must be FHIR instants, taken verbatim. The Scheduling Links spec example
 *   `2021-03-10T15:00:00-05` is not one (offset without minutes) and is rejected, not repaired: guessing
 *   at a clock time is how a slot ends up shown in the wrong zone.
 * - locationId / practitionerId / HealthcareService ids come from the Schedule's `actor`s; service ids
 *   also from its serviceType/vaccine extensions and the slot's own serviceType (see `slotServices`).
 *   The schedule is used only when it is the one `Slot.schedule` points at.
 * - capacity / bookingLink / bookingPhone from the Scheduling Links slot extensions; an invalid extension
 *   value is ignored (the slot itself is fine). bookingLink must be absolute http(s).
 */
export const mapSlot = guarded((resource: unknown, schedule?: unknown): MapOutcome<Slot> => {
  const head = identified(resource, 'Slot');
  if (!head.ok) return head;
  const { resource: slot, id } = head;
  if (slot.start === undefined) return fail('missing-start');
  if (!isInstant(slot.start)) return fail('invalid-start');
  if (slot.end === undefined) return fail('missing-end');
  if (!isInstant(slot.end)) return fail('invalid-end');
  if ((instantMillis(slot.end) ?? 0) < (instantMillis(slot.start) ?? 0)) return fail('end-before-start');
  if (!isOneOf(SLOT_STATUSES, slot.status)) return fail('invalid-status');

  const scheduleId = referenceIdOf(slot.schedule, ['Schedule'], true);
  const owner = scheduleFactsFor(scheduleId, schedule);
  const own = ownServices(slot);
  const capacity = int(extensionOf(slot, SCHEDULING_LINKS.slotCapacity)?.valueInteger);
  const serviceIds = [...new Set([...(owner?.healthcareServiceIds ?? []), ...(owner?.services ?? []).map((s) => s.id), ...own.map((s) => s.id)])];
  return withCheckedIds(
    compact({
      id,
      start: slot.start,
      end: slot.end,
      status: slot.status,
      scheduleId,
      serviceIds,
      locationId: owner?.locationId,
      practitionerId: owner?.practitionerId,
      capacity: capacity !== undefined && capacity >= 0 ? capacity : undefined,
      bookingLink: httpUrl(extensionOf(slot, SCHEDULING_LINKS.bookingDeepLink)?.valueUrl),
      bookingPhone: str(extensionOf(slot, SCHEDULING_LINKS.bookingPhone)?.valueString),
    }),
    [id, ...serviceIds],
  );
});
