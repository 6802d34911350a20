import type { Appointment, BookingMode, BookingRequest, Hold, ListResult, Location, Practitioner, Service } from '../../model/index.js';
import { ACTIVE_APPOINTMENT_STATUSES } from '../../model/values.js';
import { ApiError } from '../errors.js';
import type { SchedulingApi } from '../portal-api.js';
import { versionFromEtag, type FhirClient } from './client.js';
import { HOLD_EXPIRES_EXTENSION } from './constants.js';
import { isRecord, parseReference } from './map/common.js';
import { buildAppointmentCancel, buildAppointmentCreate, mapAppointment } from './map/appointment.js';
import { mapSlot, slotServices } from './map/scheduling.js';
import { collectMapped } from './mapped.js';
import { indexByReference } from './search.js';

/** How far back an upcoming-list search reaches for visits still going on: longer than any visit. */
const STILL_ON_MS = 24 * 3_600_000;

/** The scheduling calls that act for a signed-in patient. */
export type AppointmentsApi = Pick<SchedulingApi, 'holdSlot' | 'book' | 'listAppointments' | 'cancelAppointment'>;

/** What slots and appointments point at, resolved once per call. */
export interface Resolved {
  locations: Record<string, Location>;
  practitioners: Record<string, Practitioner>;
  services: Record<string, Service>;
}

/** What the search half of the scheduling API lends this half. */
export interface AppointmentsDeps {
  bookingMode(signal: AbortSignal): Promise<BookingMode>;
  resolveActors(references: Iterable<unknown>, known: Map<string, unknown>, operation: string, signal: AbortSignal): Promise<void>;
  resolvedFrom(resources: Map<string, unknown>, schedules: unknown[]): Resolved & { dropped: number };
}

/**
 * Holding, booking, listing and cancelling appointments. Loaded on first use: a public page that only finds
 * times never downloads the appointment mapper or the write builders.
 */
export function fhirAppointments(fhir: FhirClient, deps: AppointmentsDeps): AppointmentsApi {
  const { resolveActors, resolvedFrom } = deps;

  /** The server's Appointment as the model's, its actors resolved; `booked` is the service the person chose, if this answers their booking. */
  async function appointmentFrom(resource: unknown, operation: string, signal: AbortSignal, booked?: Service): Promise<Appointment> {
    const known = new Map<string, unknown>();
    const participants = isRecord(resource) && Array.isArray(resource.participant) ? resource.participant : [];
    await resolveActors(participants.map((p) => (isRecord(p) ? p.actor : undefined)), known, operation, signal);
    const resolved = resolvedFrom(known, []);
    const mapped = mapAppointment(resource, { ...resolved, patientId: fhir.patientId(operation), ...(booked ? { booked } : {}) });
    if (!mapped.ok) throw new ApiError('invalid-response', { operation });
    return mapped.value;
  }

  async function readSlot(slotId: string, operation: string, signal: AbortSignal) {
    const { body } = await fhir.read('Slot', slotId, operation, signal);
    const scheduleRef = parseReference(body.schedule);
    const schedule = scheduleRef ? (await fhir.read('Schedule', scheduleRef.id, operation, signal)).body : undefined;
    const slot = mapSlot(body, schedule);
    if (!slot.ok) throw new ApiError('invalid-response', { operation });
    return { slot: slot.value, services: slotServices(body, schedule) };
  }

  function heldAppointment(body: unknown): Record<string, unknown> | undefined {
    if (isRecord(body) && body.resourceType === 'Appointment') return body;
    if (isRecord(body) && body.resourceType === 'Bundle' && Array.isArray(body.entry)) {
      const entry = body.entry.find((e) => isRecord(e) && isRecord(e.resource) && e.resource.resourceType === 'Appointment');
      return isRecord(entry) && isRecord(entry.resource) ? entry.resource : undefined;
    }
    return undefined;
  }

  return {
    async holdSlot(slotId, signal): Promise<Hold> {
      const operation = 'scheduling.holdSlot';
      if ((await deps.bookingMode(signal)) !== 'operation') throw new ApiError('not-found', { operation });
      const { slot } = await readSlot(slotId, operation, signal);
      const proposal = buildAppointmentCreate({
        slot,
        patientId: fhir.patientId(operation),
        clientRequestId: crypto.randomUUID(),
        status: 'proposed',
      });
      const body = await fhir.operation('Appointment/$hold', { resourceType: 'Parameters', parameter: [{ name: 'appt-resource', resource: proposal }] }, operation, signal);
      const held = heldAppointment(body);
      if (!held || typeof held.id !== 'string') throw new ApiError('invalid-response', { operation });
      const expires = Array.isArray(held.extension)
        ? held.extension.find((ext) => isRecord(ext) && ext.url === HOLD_EXPIRES_EXTENSION)
        : undefined;
      const expiresAt = isRecord(expires) && typeof expires.valueInstant === 'string' ? expires.valueInstant : undefined;
      return expiresAt ? { id: held.id, slotId, expiresAt } : { id: held.id, slotId };
    },

    async book(request: BookingRequest, signal): Promise<Appointment> {
      const operation = 'scheduling.book';
      const patientId = fhir.patientId(operation);
      const { slot, services } = await readSlot(request.slotId, operation, signal);
      // What the person chose, as the slot's schedule names it: the confirmation and the stored Appointment say it in words.
      const chosen = services.find((service) => service.id === request.serviceId) ?? (request.serviceId === undefined && services.length === 1 ? services[0] : undefined);
      const appointment = buildAppointmentCreate({
        slot,
        patientId,
        serviceId: request.serviceId ?? chosen?.id,
        service: chosen,
        comment: request.comment,
        clientRequestId: request.clientRequestId,
        status: 'booked',
      });
      if ((await deps.bookingMode(signal)) === 'operation') {
        const resource = request.holdId ? { ...appointment, id: request.holdId } : appointment;
        const body = await fhir.operation('Appointment/$book', { resourceType: 'Parameters', parameter: [{ name: 'appt-resource', resource }] }, operation, signal);
        const booked = heldAppointment(body);
        if (!booked) throw new ApiError('invalid-response', { operation });
        return appointmentFrom(booked, operation, signal, chosen);
      }
      // Without an operation the slot is checked first, so a taken time fails fast even on servers that
      // do not police slots themselves. A busy slot may be our own earlier booking (a replayed click): then
      // the appointment carrying this request's key is the answer, not a conflict.
      if (slot.status !== 'free') {
        const earlier = await fhir.findByClientRequestId('Appointment', request.clientRequestId, operation, signal);
        if (!earlier) throw new ApiError('conflict', { operation });
        return appointmentFrom(earlier, operation, signal, chosen);
      }
      const created = await fhir.createOnce('Appointment', appointment, request.clientRequestId, operation, signal);
      return appointmentFrom(created, operation, signal, chosen);
    },

    async listAppointments({ upcomingOnly }, signal): Promise<ListResult<Appointment>> {
      const operation = 'scheduling.listAppointments';
      const patientId = fhir.patientId(operation);
      const params = new URLSearchParams({ patient: `Patient/${patientId}`, _sort: 'date', _count: '100', _include: 'Appointment:actor' });
      // `date` is the start: a visit in progress started up to a day ago, and stays listed until it ends.
      if (upcomingOnly) params.set('date', `ge${new Date(Date.now() - STILL_ON_MS).toISOString()}`);
      const found = await fhir.search(`Appointment?${params}`, operation, signal, 10);
      const known = indexByReference(found.included);
      await resolveActors(
        found.matches.flatMap((a) => (isRecord(a) && Array.isArray(a.participant) ? a.participant.map((p) => (isRecord(p) ? p.actor : undefined)) : [])),
        known,
        operation,
        signal,
      );
      const resolved = resolvedFrom(known, []);
      const mapped = collectMapped(found.matches, (resource) => mapAppointment(resource, { ...resolved, patientId }));
      const now = Date.now();
      const items = upcomingOnly
        ? mapped.items.filter(
            (a) => ACTIVE_APPOINTMENT_STATUSES.includes(a.status) && (a.start === undefined || Date.parse(a.end ?? a.start) > now),
          )
        : mapped.items;
      items.sort((a, b) => (a.start ? Date.parse(a.start) : Infinity) - (b.start ? Date.parse(b.start) : Infinity));
      return { items, dropped: mapped.dropped, truncated: found.truncated };
    },

    async cancelAppointment({ id, version }, signal): Promise<Appointment> {
      const operation = 'scheduling.cancelAppointment';
      const current = await fhir.read('Appointment', id, operation, signal);
      const currentVersion = (isRecord(current.body.meta) && typeof current.body.meta.versionId === 'string'
        ? current.body.meta.versionId
        : undefined) ?? versionFromEtag(current.etag);
      // The person saw `version`; if it moved on meanwhile, let them look again rather than cancel blind.
      if (version && currentVersion && version !== currentVersion) throw new ApiError('conflict', { operation });
      const updated = await fhir.update('Appointment', buildAppointmentCancel(current.body), version ?? currentVersion, operation, signal);
      return appointmentFrom(updated, operation, signal);
    },
  };
}
