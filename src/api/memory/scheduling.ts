import {
  ACTIVE_APPOINTMENT_STATUSES,
  type Appointment,
  type AppointmentStatus,
  type BookingRequest,
  type Hold,
  type ListResult,
  type Location,
  type Practitioner,
  type PublishedCatalog,
  type Service,
  type Slot,
  type SlotQuery,
  type SlotSearchResult,
} from '../../model/index.js';
import type { SchedulingApi } from '../portal-api.js';
import type { MemoryOperation } from './options.js';
import { apiError, type Runtime } from './runtime.js';
import { embedVisit } from './seed/appointments.js';
import { HOME_ZONE } from './seed/context.js';
import { SCHEDULES } from './seed/schedules.js';
import type { AppointmentRecord, MemoryStore } from './store.js';
import { toInstant } from '../../time/zones.js';

/** Statuses a patient may still cancel online; arrived or checked-in visits are the front desk's business. */
const CANCELLABLE: readonly AppointmentStatus[] = ['proposed', 'pending', 'booked'];

const startMs = (record: AppointmentRecord): number => (record.start ? Date.parse(record.start) : Number.NaN);

function toAppointment(record: AppointmentRecord, nowMs: number): Appointment {
  // Worked out per read: an appointment stops being cancellable the moment it starts.
  const cancellable = CANCELLABLE.includes(record.status) && startMs(record) > nowMs;
  return { ...record, cancellable };
}

function matchesVaccine(service: Service, wanted: NonNullable<SlotQuery['vaccine']>): boolean {
  const product = service.vaccine;
  if (!product || product.cvx !== wanted.cvx) return false;
  // A service open to any dose (no doseNumber) matches whichever dose is asked for.
  return wanted.doseNumber === undefined || product.doseNumber === undefined || product.doseNumber === wanted.doseNumber;
}

/** Where published slots are booked. The memory adapter has no booking site; this one is never opened in tests. */
const BOOKING_SITE = 'https://booking.example.org/book';

/** A blank source, or one naming `unreachable`, cannot be read: so stories can show a publication that fails. */
function checkSource(source: string, operation: MemoryOperation): void {
  if (source.trim() === '' || source.includes('unreachable')) throw apiError('network', operation);
}

/**
 * Which lanes the seed publishes through SMART Scheduling Links: those that give vaccines and nothing else
 * (a clinician's mixed lane is booked in the portal), as the demo server publishes the schedules that carry
 * a vaccine product. Worked out from the opening hours, so it needs no generated slots.
 */
function publishedPlaces(store: MemoryStore): { serviceIds: Set<string>; locationIds: Set<string> } {
  const serviceIds = new Set<string>();
  const locationIds = new Set<string>();
  for (const site of SCHEDULES) {
    for (const stream of site.streams) {
      for (let day = 0; day < 7; day++) {
        for (const [from, to] of site.hours(day)) {
          for (let minute = from; minute + stream.minutes <= to; minute += stream.minutes) {
            const services = stream.services(minute);
            if (!services.every((id) => store.services.get(id)?.vaccine)) continue;
            services.forEach((id) => serviceIds.add(id));
            locationIds.add(site.locationId);
          }
        }
      }
    }
  }
  return { serviceIds, locationIds };
}

/**
 * Most slots one search answers with, as the FHIR adapter's page cap does on a real server (200 a page, 30
 * pages): past it the answer says `truncated`, and the scheduler asks again for the day it needs.
 */
export const SEARCH_LIMIT = 6000;

export function createSchedulingApi(store: MemoryStore, runtime: Runtime): SchedulingApi {
  const now = (): number => runtime.nowMs();
  const isPublished = (slot: Slot): boolean => slot.serviceIds.length > 0 && slot.serviceIds.every((id) => store.services.get(id)?.vaccine);

  function searchSlots(query: SlotQuery, operation: MemoryOperation = 'scheduling.searchSlots', published = false): SlotSearchResult {
    const fromMs = Date.parse(query.from);
    const toMs = Date.parse(query.to);
    // A server answers 400 to a query it cannot read; the FHIR adapter reports that as `invalid-response`.
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw apiError('invalid-response', operation);
    const result: SlotSearchResult = { slots: [], services: {}, locations: {}, practitioners: {}, dropped: 0, truncated: false };
    if (runtime.switches().empty) return result;

    // The services a slot must offer at least one of: the asked-for service, narrowed to the vaccine.
    const eligible = new Set(
      [...store.services.values()]
        .filter((service) => query.serviceId === undefined || service.id === query.serviceId)
        .filter((service) => query.vaccine === undefined || matchesVaccine(service, query.vaccine))
        .map((service) => service.id),
    );
    const found = store.slots.search(
      { fromMs, toMs, nowMs: now(), locationId: query.locationId, limit: SEARCH_LIMIT },
      (slot) =>
        (query.practitionerId === undefined || slot.practitionerId === query.practitionerId) &&
        slot.serviceIds.some((id) => eligible.has(id)) &&
        (!published || isPublished(slot)),
    );
    result.slots = found.slots;
    result.truncated = found.truncated;
    if (published) {
      // What a publisher's Slot file says on top: where to book it, and whom to call.
      result.slots = result.slots.map((slot) => {
        const phone = slot.bookingPhone ?? (slot.locationId ? store.locations.get(slot.locationId)?.phone : undefined);
        return { ...slot, bookingLink: `${BOOKING_SITE}?slot=${encodeURIComponent(slot.id)}`, ...(phone ? { bookingPhone: phone } : {}) };
      });
    }
    for (const slot of result.slots) {
      for (const id of slot.serviceIds) {
        const service = store.services.get(id);
        if (service) result.services[id] = service;
      }
      const location: Location | undefined = slot.locationId ? store.locations.get(slot.locationId) : undefined;
      if (location) result.locations[location.id] = location;
      const practitioner: Practitioner | undefined = slot.practitionerId ? store.practitioners.get(slot.practitionerId) : undefined;
      if (practitioner) result.practitioners[practitioner.id] = practitioner;
    }
    return result;
  }

  function listPublished(): PublishedCatalog {
    const { serviceIds, locationIds } = publishedPlaces(store);
    return {
      services: runtime.list([...store.services.values()].filter((service) => serviceIds.has(service.id))),
      locations: runtime.list([...store.locations.values()].filter((location) => locationIds.has(location.id))),
    };
  }

  function holdSlot(slotId: string): Hold {
    const { bookingMode, holdMinutes } = runtime.switches();
    // A REST-only server has no `$hold` operation: the request hits a URL that does not exist.
    if (bookingMode !== 'operation') throw apiError('not-found', 'scheduling.holdSlot');
    const found = store.slots.get(slotId, now());
    if (!found) throw apiError('not-found', 'scheduling.holdSlot');
    if (found.slot.status !== 'free' || found.startMs < now()) throw apiError('conflict', 'scheduling.holdSlot');
    const hold = store.slots.hold(slotId, now(), holdMinutes);
    const zone = (found.slot.locationId && store.locations.get(found.slot.locationId)?.timeZone) || HOME_ZONE;
    return { id: hold.id, slotId, expiresAt: toInstant(hold.expiresAtMs, zone) };
  }

  function book(request: BookingRequest): Appointment {
    const op = 'scheduling.book';
    if (!request.clientRequestId) throw apiError('invalid-response', op);
    // Conditional create: a key seen before answers with what it created, whatever happened since.
    const earlier = store.bookingKeys.get(request.clientRequestId);
    const earlierRecord = earlier === undefined ? undefined : store.appointments.get(earlier);
    if (earlierRecord) return toAppointment(earlierRecord, now());

    const { bookingMode, conflictOnBook } = runtime.switches();
    let holdId: string | undefined;
    if (bookingMode === 'operation' && request.holdId !== undefined) {
      const hold = store.slots.findHold(request.holdId, now());
      // A lapsed or foreign hold means the time may be gone: say so and let the person pick again.
      if (!hold || hold.slotId !== request.slotId) throw apiError('conflict', op);
      holdId = hold.id;
    }
    // Our own hold does not count against us.
    const found = store.slots.get(request.slotId, now(), holdId);
    if (!found) throw apiError('not-found', op);
    const { slot } = found;
    const serviceId = request.serviceId ?? slot.serviceIds[0];
    if (serviceId === undefined || !slot.serviceIds.includes(serviceId)) throw apiError('invalid-response', op);
    if (conflictOnBook) {
      store.slots.takeAll(slot.id);
      if (holdId) store.slots.releaseHold(holdId);
      throw apiError('conflict', op);
    }
    if (slot.status !== 'free' || found.startMs < now()) throw apiError('conflict', op);

    store.slots.take(slot.id);
    if (holdId) store.slots.releaseHold(holdId);
    const record: AppointmentRecord = {
      id: store.nextId('appt'),
      status: 'booked',
      start: slot.start,
      end: slot.end,
      ...embedVisit(store, { locationId: slot.locationId ?? '', serviceId, practitionerId: slot.practitionerId }),
      slotIds: [slot.id],
      version: '1',
      clientRequestId: request.clientRequestId,
    };
    store.appointments.set(record.id, record);
    store.bookingKeys.set(request.clientRequestId, record.id);
    if (runtime.switches().loseBookAnswer) throw apiError('network', op);
    return toAppointment(record, now());
  }

  function listAppointments(upcomingOnly: boolean): ListResult<Appointment> {
    const nowMs = now();
    let records = [...store.appointments.values()];
    if (upcomingOnly) {
      // Still upcoming until it is over: a visit in progress stays on the list.
      records = records.filter((record) => {
        const ends = Date.parse(record.end ?? record.start ?? '');
        return ACTIVE_APPOINTMENT_STATUSES.includes(record.status) && (Number.isNaN(ends) || ends > nowMs);
      });
    }
    // Soonest first; appointments without a time yet (proposed, waitlist) go last.
    const key = (record: AppointmentRecord): number => {
      const start = startMs(record);
      return Number.isNaN(start) ? Number.POSITIVE_INFINITY : start;
    };
    records.sort((a, b) => (key(a) === key(b) ? (a.id < b.id ? -1 : 1) : key(a) < key(b) ? -1 : 1));
    return runtime.list(records.map((record) => toAppointment(record, nowMs)));
  }

  function cancelAppointment(target: Pick<Appointment, 'id' | 'version'>): Appointment {
    const op = 'scheduling.cancelAppointment';
    const record = store.appointments.get(target.id);
    if (!record) throw apiError('not-found', op);
    // If-Match: someone (another tab, the front desk) changed it since the caller read it.
    if (target.version !== undefined && target.version !== record.version) throw apiError('conflict', op);
    if (record.status === 'cancelled') return toAppointment(record, now());
    if (!toAppointment(record, now()).cancellable) throw apiError('forbidden', op);
    const cancelled: AppointmentRecord = { ...record, status: 'cancelled', version: String(Number(record.version ?? '0') + 1) };
    store.appointments.set(record.id, cancelled);
    for (const slotId of record.slotIds) store.slots.release(slotId);
    return toAppointment(cancelled, now());
  }

  return {
    bookingMode: (signal) => runtime.call('scheduling.bookingMode', signal, undefined, () => runtime.switches().bookingMode),
    listServices: (signal) =>
      runtime.call('scheduling.listServices', signal, undefined, () => runtime.list([...store.services.values()])),
    listLocations: (signal) =>
      runtime.call('scheduling.listLocations', signal, undefined, () => runtime.list([...store.locations.values()])),
    listPractitioners: (signal) =>
      runtime.call('scheduling.listPractitioners', signal, undefined, () => runtime.list([...store.practitioners.values()])),
    searchSlots: (query, signal) => runtime.call('scheduling.searchSlots', signal, query, (sent) => searchSlots(sent)),
    listPublished: (source, signal) =>
      runtime.call('scheduling.listPublished', signal, source, (sent) => {
        checkSource(sent, 'scheduling.listPublished');
        return listPublished();
      }),
    searchPublished: (source, query, signal) =>
      runtime.call('scheduling.searchPublished', signal, { source, query }, (sent) => {
        checkSource(sent.source, 'scheduling.searchPublished');
        return searchSlots(sent.query, 'scheduling.searchPublished', true);
      }),
    holdSlot: (slotId, signal) => runtime.call('scheduling.holdSlot', signal, slotId, holdSlot),
    book: (request, signal) => runtime.call('scheduling.book', signal, request, book),
    listAppointments: (options, signal) =>
      runtime.call('scheduling.listAppointments', signal, options, ({ upcomingOnly }) => listAppointments(upcomingOnly)),
    cancelAppointment: (appointment, signal) =>
      runtime.call('scheduling.cancelAppointment', signal, appointment, cancelAppointment),
  };
}
