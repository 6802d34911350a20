import type {
  ListResult,
  Location,
  Practitioner,
  PublishedCatalog,
  Service,
  SlotQuery,
  SlotSearchResult,
} from '../../model/index.js';
import { ApiError } from '../errors.js';
import { lazyFeature, loadOnce } from '../lazy.js';
import type { SchedulingApi } from '../portal-api.js';
import type { AppointmentsApi, Resolved } from './appointments.js';
import type { FhirClient } from './client.js';
import { createDirectory, type Directory } from './directory.js';
import { isRecord, parseReference, practitionerReference } from './map/common.js';
import { mapLocation, mapPractitioner, mapService, mapSlot, servicesFromSchedule, slotServices } from './map/scheduling.js';
import { collectMapped, collectMappedInSlices, type Mapped } from './mapped.js';
import { indexByReference } from './search.js';
import { slotMatchesQuery } from './slot-query.js';
const ACTOR_TYPES = ['Location', 'Practitioner', 'PractitionerRole', 'HealthcareService'] as const;

/**
 * Whether a CapabilityStatement offers a `$find` on Appointment. Only this is read before the first times show;
 * whether it is the IHE operation (its canonical, or the OperationDefinition it names) is told by ihe.ts, loaded
 * for such servers alone, and the rest of the statement matters once someone books.
 */
function offersFind(statement: unknown): boolean {
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return list(isRecord(statement) ? statement.rest : undefined).some((rest) =>
    list(isRecord(rest) ? rest.resource : undefined).some(
      (resource) => isRecord(resource) && resource.type === 'Appointment' && list(resource.operation).some((op) => isRecord(op) && /^\$?find$/i.test(String(op.name))),
    ),
  );
}


/** Clinicians by their roles (with the practitioner included), or plain Practitioners where a server has no roles. */
export async function listClinicians(fhir: FhirClient, operation: string, signal: AbortSignal, directory?: Directory): Promise<ListResult<Practitioner>> {
  const roles = await fhir.search('PractitionerRole?active=true&_include=PractitionerRole:practitioner&_count=100', operation, signal);
  if (roles.matches.length > 0) {
    directory?.remember([...roles.matches, ...roles.included]);
    const practitioners = indexByReference(roles.included);
    return { ...collectMapped(roles.matches, (role) => mapPractitioner(role, practitioners)), truncated: roles.truncated };
  }
  const plain = await fhir.search('Practitioner?_count=100', operation, signal);
  directory?.remember(plain.matches);
  return { ...collectMapped(plain.matches, (practitioner) => mapPractitioner(practitioner)), truncated: plain.truncated };
}

export function fhirScheduling(fhir: FhirClient): SchedulingApi {
  /** The Scheduling Links reader, loaded on first use (most pages never read a publication) and then kept, so its cache serves every later call. */
  const schedulingLinks = loadOnce(() => import('./scheduling-links/index.js').then(({ createSchedulingLinks }) => createSchedulingLinks({ fetch: fhir.publicFetch })));

  /** A relative `source` (`$bulk-publish`) is the FHIR server's own publication; a blank one names none. */
  function publicationSource(source: string, operation: string): string {
    if (source.trim() === '') throw new ApiError('network', { operation });
    try {
      return fhir.http.resolve(source).href;
    } catch {
      throw new ApiError('network', { operation });
    }
  }

  const directory = createDirectory();
  /** Times from the IHE `$find`, loaded only for a server that offers it. */
  const iheFind = loadOnce(() => import('./ihe.js'));

  /**
   * Takes `key` (`Type/id`) from the lists read lately into `known`; false when it is not there. A role comes only
   * with its clinician, which is what names it.
   */
  function fromDirectory(key: string, known: Map<string, unknown>): boolean {
    const resource = directory.get(key);
    if (resource === undefined) return false;
    if (key.startsWith('PractitionerRole/')) {
      const clinician = parseReference(isRecord(resource) ? resource.practitioner : undefined);
      if (clinician) {
        const clinicianKey = `Practitioner/${clinician.id}`;
        const person = known.get(clinicianKey) ?? directory.get(clinicianKey);
        if (person === undefined) return false;
        known.set(clinicianKey, person);
      }
    }
    known.set(key, resource);
    return true;
  }

  /** Reads the actors a set of Schedules/Appointments point at that the server did not `_include` and no list read lately. */
  async function resolveActors(references: Iterable<unknown>, known: Map<string, unknown>, operation: string, signal: AbortSignal) {
    const missing = new Map<string, string[]>();
    for (const ref of references) {
      const parsed = parseReference(ref);
      if (!parsed?.type || !(ACTOR_TYPES as readonly string[]).includes(parsed.type)) continue;
      const key = `${parsed.type}/${parsed.id}`;
      if (known.has(key) || fromDirectory(key, known)) continue;
      missing.set(parsed.type, [...(missing.get(parsed.type) ?? []), parsed.id]);
    }
    // One read per type, all at once: the first times wait for the last of them.
    await Promise.all(
      [...missing].map(async ([type, ids]) => {
        // A role names its clinician by reference: fetch both in one round trip.
        const include = type === 'PractitionerRole' ? 'PractitionerRole:practitioner' : undefined;
        const found = await fhir.readMany(type, ids, operation, signal, include);
        indexByReference(found).forEach((resource, key) => known.set(key, resource));
      }),
    );
  }

  const actorsOf = (schedules: unknown[]) => schedules.flatMap((schedule) => (isRecord(schedule) && Array.isArray(schedule.actor) ? schedule.actor : []));

  function resolvedFrom(resources: Map<string, unknown>, schedules: unknown[]): Resolved & { dropped: number } {
    const out: Resolved & { dropped: number } = { locations: {}, practitioners: {}, services: {}, dropped: 0 };
    const practitionersByRef = new Map([...resources].filter(([key]) => key.startsWith('Practitioner/')));
    for (const [key, resource] of resources) {
      const type = key.split('/')[0];
      const mapped =
        type === 'Location'
          ? mapLocation(resource)
          : type === 'Practitioner' || type === 'PractitionerRole'
            ? mapPractitioner(resource, practitionersByRef)
            : type === 'HealthcareService'
              ? mapService(resource)
              : undefined;
      if (!mapped) continue;
      if (!mapped.ok) {
        out.dropped++;
        continue;
      }
      const target = type === 'Location' ? out.locations : type === 'HealthcareService' ? out.services : out.practitioners;
      (target as Record<string, { id: string }>)[mapped.value.id] = mapped.value;
    }
    for (const schedule of schedules) {
      for (const service of servicesFromSchedule(schedule, resources)) out.services[service.id] ??= service;
    }
    return out;
  }

  async function scheduleIdsFor(query: SlotQuery, signal: AbortSignal): Promise<string[] | undefined> {
    const actor = query.locationId
      ? `Location/${query.locationId}`
      : query.practitionerId
        ? practitionerReference(query.practitionerId)
        : undefined;
    if (!actor) return undefined;
    // The catalog read every active schedule a moment ago: no need to ask which of them this place or clinician has.
    const listed = directory.activeScheduleIds(actor);
    if (listed?.length) return listed;
    const { matches } = await fhir.search(`Schedule?actor=${encodeURIComponent(actor)}&_count=100`, 'scheduling.searchSlots', signal, 5);
    return matches.flatMap((schedule) => (isRecord(schedule) && typeof schedule.id === 'string' ? [schedule.id] : []));
  }

  /** Whether times may come from the IHE `$find`; a statement that cannot be read leaves Slot search, which every server has. */
  const findsByIhe = (signal: AbortSignal) => fhir.capabilities(signal).then(offersFind, () => false);

  return {
    async listServices(signal): Promise<ListResult<Service>> {
      const operation = 'scheduling.listServices';
      // The slot search that follows the catalog needs the statement: read it meanwhile, not after.
      void findsByIhe(signal);
      const [services, schedules] = await Promise.all([
        fhir.search('HealthcareService?active=true&_count=100', operation, signal),
        fhir.search('Schedule?active=true&_count=100', operation, signal),
      ]);
      directory.remember([...services.matches, ...schedules.matches]);
      if (!schedules.truncated) directory.rememberActiveSchedules(schedules.matches);
      const mapped: Mapped<Service> = collectMapped(services.matches, mapService);
      const seen = new Set(mapped.items.map((service) => service.id));
      const healthcareServices = indexByReference(services.matches);
      for (const service of schedules.matches.flatMap((schedule) => servicesFromSchedule(schedule, healthcareServices))) {
        if (!seen.has(service.id)) {
          seen.add(service.id);
          mapped.items.push(service);
        }
      }
      return { ...mapped, truncated: services.truncated || schedules.truncated };
    },

    async listLocations(signal): Promise<ListResult<Location>> {
      const { matches, truncated } = await fhir.search('Location?_count=100', 'scheduling.listLocations', signal);
      directory.remember(matches);
      return { ...collectMapped(matches, mapLocation), truncated };
    },

    listPractitioners(signal): Promise<ListResult<Practitioner>> {
      return listClinicians(fhir, 'scheduling.listPractitioners', signal, directory);
    },

    async searchSlots(query, signal): Promise<SlotSearchResult> {
      const operation = 'scheduling.searchSlots';
      // Asked side by side: on the usual server the statement costs the first times nothing.
      const asked = scheduleIdsFor(query, signal);
      asked.catch(() => undefined);
      if (await findsByIhe(signal)) {
        const found = await (await iheFind(operation)).findSlots(fhir, { resolveActors, resolvedFrom }, query, signal);
        if (found) return found;
      }
      const scheduleIds = await asked;
      const empty: SlotSearchResult = { slots: [], services: {}, locations: {}, practitioners: {}, dropped: 0, truncated: false };
      if (scheduleIds?.length === 0) return empty;
      // Large pages: a month of a busy site is thousands of slots, and each page is a round trip the first times wait
      // for. A server that allows fewer per page sends fewer, with a next link.
      const params = new URLSearchParams({ status: 'free', _count: '1000', _include: 'Slot:schedule', _sort: 'start' });
      params.append('start', `ge${query.from}`);
      params.append('start', `lt${query.to}`);
      if (scheduleIds) params.set('schedule', scheduleIds.map((id) => `Schedule/${id}`).join(','));
      const found = await fhir.search(`Slot?${params}`, operation, signal, 30);
      const known = indexByReference(found.included);
      const scheduleRefs = found.matches.map((slot) => (isRecord(slot) ? slot.schedule : undefined));
      const missingSchedules = scheduleRefs.flatMap((ref) => {
        const parsed = parseReference(ref);
        return parsed && !known.has(`Schedule/${parsed.id}`) && !fromDirectory(`Schedule/${parsed.id}`, known) ? [parsed.id] : [];
      });
      indexByReference(await fhir.readMany('Schedule', missingSchedules, operation, signal)).forEach((r, k) => known.set(k, r));
      const schedules = [...known].filter(([key]) => key.startsWith('Schedule/')).map(([, schedule]) => schedule);
      await resolveActors(actorsOf(schedules), known, operation, signal);
      const resolved = resolvedFrom(known, schedules);
      const scheduleOf = (slot: unknown) => {
        const ref = parseReference(isRecord(slot) ? slot.schedule : undefined);
        return ref ? known.get(`Schedule/${ref.id}`) : undefined;
      };
      const slots = await collectMappedInSlices(found.matches, (slot) => mapSlot(slot, scheduleOf(slot)), signal);
      // A slot may name its own service types beside its schedule's: every id it carries must resolve.
      for (const slot of found.matches) {
        for (const service of slotServices(slot, scheduleOf(slot))) resolved.services[service.id] ??= service;
      }
      return {
        slots: slots.items.filter((slot) => slotMatchesQuery(slot, query, resolved.services)),
        services: resolved.services,
        locations: resolved.locations,
        practitioners: resolved.practitioners,
        dropped: slots.dropped + resolved.dropped,
        truncated: found.truncated,
      };
    },

    async listPublished(source, signal): Promise<PublishedCatalog> {
      const operation = 'scheduling.listPublished';
      const url = publicationSource(source, operation);
      return (await schedulingLinks(operation)).listPublished(url, signal);
    },

    async searchPublished(source, query, signal): Promise<SlotSearchResult> {
      const operation = 'scheduling.searchPublished';
      const url = publicationSource(source, operation);
      return (await schedulingLinks(operation)).searchPublished(url, query, signal);
    },

    // The booking mode is asked when a signed-in person picks a time, just before the hold these load for.
    ...lazyFeature<AppointmentsApi>('scheduling', { bookingMode: true, holdSlot: true, book: true, listAppointments: true, cancelAppointment: true }, async () =>
      (await import('./appointments.js')).fhirAppointments(fhir, { resolveActors, resolvedFrom }),
    ),
  };
}
