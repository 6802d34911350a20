import { PractitionerSchema, type Location, type Practitioner, type Service, type Slot } from '../../../model/index.js';
import { asResource, isRecord, practitionerIdFromReference, records, referenceDisplay, referenceIdOf, str } from '../map/common.js';
import { mapLocation, mapSlot, serviceFromConcept, servicesFromSchedule } from '../map/scheduling.js';

/** The file types a discovery client reads; the specification tells clients to skip the others. */
export const FILE_TYPES = ['Location', 'Schedule', 'Slot'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** A publication, mapped once and then searched for every month a person looks at. */
export interface Publication {
  locations: Location[];
  locationById: Map<string, Location>;
  /** What the schedules offer, in file order. */
  catalog: Service[];
  /** The catalog plus the services slots name by their own serviceType. */
  services: Record<string, Service>;
  practitioners: Map<string, Practitioner>;
  /** Free slots, soonest first. */
  slots: { slot: Slot; startMs: number }[];
  dropped: Record<FileType, number>;
}

export function buildPublication(raw: Record<FileType, unknown[]>, dropped: Record<FileType, number>): Publication {
  const locationById = new Map<string, Location>();
  for (const resource of raw.Location) {
    const mapped = mapLocation(resource);
    if (!mapped.ok) dropped.Location++;
    else if (!locationById.has(mapped.value.id)) locationById.set(mapped.value.id, mapped.value);
  }

  const schedules = new Map<string, Record<string, unknown>>();
  const retired = new Set<string>();
  for (const resource of raw.Schedule) {
    const schedule = asResource(resource, 'Schedule');
    const id = str(schedule?.id);
    if (!schedule || !id) dropped.Schedule++;
    // An inactive schedule is withdrawn: neither it nor its slots are offered.
    else if (schedule.active === false) retired.add(id);
    else if (!schedules.has(id)) schedules.set(id, schedule);
  }

  const services: Record<string, Service> = {};
  const catalog: Service[] = [];
  const practitioners = new Map<string, Practitioner>();
  for (const schedule of schedules.values()) {
    for (const service of servicesFromSchedule(schedule)) {
      if (services[service.id]) continue;
      services[service.id] = service;
      catalog.push(service);
    }
    // Publications carry no Practitioner files; the specification has schedules name clinicians in `display`.
    for (const actor of records(schedule.actor)) {
      const id = practitionerIdFromReference(actor);
      const name = referenceDisplay(actor);
      const parsed = id && name ? PractitionerSchema.safeParse({ id, name }) : undefined;
      if (parsed?.success && !practitioners.has(parsed.data.id)) practitioners.set(parsed.data.id, parsed.data);
    }
  }

  const slots: Publication['slots'] = [];
  const slotIds = new Set<string>();
  for (const resource of raw.Slot) {
    const scheduleId = isRecord(resource) ? referenceIdOf(resource.schedule, ['Schedule'], true) : undefined;
    if (scheduleId !== undefined && retired.has(scheduleId)) continue;
    const mapped = mapSlot(resource, scheduleId === undefined ? undefined : schedules.get(scheduleId));
    if (!mapped.ok) {
      dropped.Slot++;
      continue;
    }
    const slot = mapped.value;
    if (slot.status !== 'free' || slotIds.has(slot.id)) continue;
    slotIds.add(slot.id);
    // A slot may name its own service types beside its schedule's: every id it carries must resolve.
    for (const type of records((resource as Record<string, unknown>).serviceType)) {
      const own = serviceFromConcept(type);
      if (own) services[own.id] ??= own;
    }
    // A HealthcareService actor's id would resolve to nothing: publications carry no such file that is read here.
    slot.serviceIds = slot.serviceIds.filter((id) => services[id] !== undefined);
    slots.push({ slot, startMs: Date.parse(slot.start) });
  }
  slots.sort((a, b) => a.startMs - b.startMs || (a.slot.id < b.slot.id ? -1 : a.slot.id > b.slot.id ? 1 : 0));

  return { locations: [...locationById.values()], locationById, catalog, services, practitioners, slots, dropped };
}
