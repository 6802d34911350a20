import type { Appointment, BookingRequest, Hold, ListResult, Location, Practitioner, Service } from '../../model/index.js';
import { ACTIVE_APPOINTMENT_STATUSES } from '../../model/values.js';
import { ApiError, isApiError } from '../errors.js';
import type { SchedulingApi } from '../portal-api.js';
import { versionFromEtag, type FhirClient } from './client.js';
import { HOLD_EXPIRES_EXTENSION } from './constants.js';
import { clientRequestSearch, isRecord, parseReference, records, type Json } from './map/common.js';
import { buildAppointmentCancel, buildAppointmentCreate, mapAppointment } from './map/appointment.js';
import { mapSlot, slotServices } from './map/scheduling.js';
import { collectMapped } from './mapped.js';
import { indexByReference } from './search.js';
import { appointmentOf, bookingPlanFor, bookParameters, holdParameters, isProposalId } from './ihe.js';

/** How far back an upcoming-list search reaches for visits still going on: longer than any visit. */
const STILL_ON_MS = 24 * 3_600_000;

/** A write that failed this way may or may not have happened: the answer was lost (network) or the server broke off (5xx). */
function outcomeUnknown(error: unknown): boolean {
  return isApiError(error) && (error.kind === 'network' || error.kind === 'server');
}

/** Appointment states in which a booking stands (a hold is `pending`; the callers tell it apart). */
const BOOKED_STATES = new Set(['booked', 'pending', 'arrived', 'checked-in', 'fulfilled']);

/** The scheduling calls that act for a signed-in patient. */
export type AppointmentsApi = Pick<SchedulingApi, 'bookingMode' | 'holdSlot' | 'book' | 'listAppointments' | 'cancelAppointment'>;

/** What slots and appointments point at, resolved once per call. */
export interface Resolved {
  locations: Record<string, Location>;
  practitioners: Record<string, Practitioner>;
  services: Record<string, Service>;
}

/** What the search half of the scheduling API lends this half. */
export interface AppointmentsDeps {
  resolveActors(references: Iterable<unknown>, known: Map<string, unknown>, operation: string, signal: AbortSignal): Promise<void>;
  resolvedFrom(resources: Map<string, unknown>, schedules: unknown[]): Resolved & { dropped: number };
}

/**
 * Holding, booking, listing and cancelling appointments. Loaded on first use: a public page that only finds
 * times never downloads the appointment mapper or the write builders.
 */
export function fhirAppointments(fhir: FhirClient, deps: AppointmentsDeps): AppointmentsApi {
  const { resolveActors, resolvedFrom } = deps;
  const bookingPlan = (signal: AbortSignal) => bookingPlanFor(fhir, signal);
  const holdSession = crypto.randomUUID();

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

  /** An IHE operation; the profile answers a time that can no longer be had with `not-found`: for the person, it is taken. */
  async function iheOperation(path: string, parameters: unknown, operation: string, signal: AbortSignal): Promise<unknown> {
    try {
      return await fhir.operation(path, parameters, operation, signal);
    } catch (error) {
      if (isApiError(error) && error.kind === 'not-found') throw new ApiError('conflict', { operation, status: error.status });
      throw error;
    }
  }

  /**
   * The patient's booking this request made, if the server has one: by the request's key; else (a server that
   * drops identifiers) the Appointment `$book` acted on, if it is booked for this patient; else the patient's
   * appointments at that time on the same slot.
   */
  async function ownBooking(
    clientRequestId: string,
    at: { start?: string; slotIds: string[]; appointmentId?: string },
    operation: string,
    signal: AbortSignal,
  ): Promise<Json | undefined> {
    const patient = `Patient/${fhir.patientId(operation)}`;
    const live = (a: unknown): a is Json => isRecord(a) && typeof a.status === 'string' && BOOKED_STATES.has(a.status);
    const forPatient = (a: Json) => records(a.participant).some((p) => parseReference(p.actor)?.type === 'Patient' && `Patient/${parseReference(p.actor)?.id}` === patient);
    const byKey = await fhir.findByClientRequestId('Appointment', clientRequestId, operation, signal);
    if (live(byKey)) return byKey;
    if (at.appointmentId) {
      const acted = await fhir.read('Appointment', at.appointmentId, operation, signal).catch(() => undefined);
      if (acted && live(acted.body) && acted.body.status !== 'pending' && forPatient(acted.body)) return acted.body;
    }
    if (!at.start) return undefined;
    const params = new URLSearchParams({ patient, date: at.start, _count: '50' });
    const { matches } = await fhir.search(`Appointment?${params}`, operation, signal, 2);
    return matches.find(
      (a): a is Json =>
        live(a) &&
        a.status !== 'pending' &&
        forPatient(a) &&
        (at.slotIds.length === 0
          ? typeof a.start === 'string' && Date.parse(a.start) === Date.parse(at.start ?? '')
          : records(a.slot).some((ref) => at.slotIds.includes(parseReference(ref)?.id ?? ''))),
    );
  }

  /**
   * One booking, whatever becomes of its answers. A conflict may be the person's own booking meeting itself (a
   * request the network or the browser sent again), and a lost answer may hide a booking that happened: both are
   * looked for before anything is reported or sent again, and the request is sent a second time only when the
   * first one is known not to have booked.
   */
  async function once(send: () => Promise<Json>, mine: () => Promise<Json | undefined>): Promise<Json> {
    try {
      return await send();
    } catch (error) {
      const unknown = outcomeUnknown(error);
      if (!unknown && !(isApiError(error) && error.kind === 'conflict')) throw error;
      const earlier = await mine();
      if (earlier) return earlier;
      if (!unknown) throw error;
    }
    try {
      return await send();
    } catch (error) {
      if (!(isApiError(error) && error.kind === 'conflict') && !outcomeUnknown(error)) throw error;
      const late = await mine();
      if (late) return late;
      throw error;
    }
  }

  return {
    bookingMode: async (signal) => (await bookingPlan(signal)).mode,

    async holdSlot(slotId, signal): Promise<Hold> {
      const operation = 'scheduling.holdSlot';
      const plan = await bookingPlan(signal);
      let body: unknown;
      if (plan.ihe.hold && isProposalId(slotId)) {
        body = await iheOperation('Appointment/$hold', await holdParameters(fhir, slotId, operation, signal), operation, signal);
      } else {
        if (!plan.operations || isProposalId(slotId)) throw new ApiError('not-found', { operation });
        const { slot } = await readSlot(slotId, operation, signal);
        // One key per time and sign-in: a hold whose answer was lost is found again, not met as someone else's.
        const key = `hold-${holdSession}-${slotId}`;
        const proposal = buildAppointmentCreate({ slot, patientId: fhir.patientId(operation), clientRequestId: key, status: 'proposed' });
        const send = async () =>
          appointmentOf(await fhir.operation('Appointment/$hold', { resourceType: 'Parameters', parameter: [{ name: 'appt-resource', resource: proposal }] }, operation, signal)) ?? {};
        const mine = async () => {
          const earlier = await fhir.findByClientRequestId('Appointment', key, operation, signal);
          return earlier?.status === 'pending' ? earlier : undefined;
        };
        body = await once(send, mine);
      }
      const held = appointmentOf(body);
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
      const plan = await bookingPlan(signal);
      if (isProposalId(request.slotId)) {
        if (!plan.ihe.book) throw new ApiError('not-found', { operation });
        const ihe = await bookParameters(fhir, request, patientId, operation, signal);
        const send = async () => {
          const booked = appointmentOf(await iheOperation('Appointment/$book', ihe.parameters, operation, signal));
          if (!booked) throw new ApiError('invalid-response', { operation });
          return booked;
        };
        const mine = () => ownBooking(request.clientRequestId, { start: ihe.start, slotIds: ihe.slotIds, appointmentId: ihe.appointmentId }, operation, signal);
        return appointmentFrom(await once(send, mine), operation, signal, ihe.chosen);
      }
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
      const mine = () => ownBooking(request.clientRequestId, { start: slot.start, slotIds: [slot.id], appointmentId: request.holdId }, operation, signal);
      if (plan.operations) {
        const resource = request.holdId ? { ...appointment, id: request.holdId } : appointment;
        const send = async () => {
          const booked = appointmentOf(await fhir.operation('Appointment/$book', { resourceType: 'Parameters', parameter: [{ name: 'appt-resource', resource }] }, operation, signal));
          if (!booked) throw new ApiError('invalid-response', { operation });
          return booked;
        };
        return appointmentFrom(await once(send, mine), operation, signal, chosen);
      }
      // Without an operation the slot is checked first, so a taken time fails fast even on servers that
      // do not police slots themselves. A busy slot may be our own earlier booking (a replayed click): then
      // the appointment carrying this request's key is the answer, not a conflict.
      if (slot.status !== 'free') {
        const earlier = await mine();
        if (!earlier) throw new ApiError('conflict', { operation });
        return appointmentFrom(earlier, operation, signal, chosen);
      }
      // `If-None-Exist` where the server says it honours it; either way nothing is sent twice before looking.
      const ifNoneExist = plan.conditionalCreate ? clientRequestSearch('Appointment', request.clientRequestId) : undefined;
      const send = async () =>
        fhir.resourceFrom(
          await fhir.http.request('Appointment', { method: 'POST', body: appointment, headers: ifNoneExist ? { 'If-None-Exist': ifNoneExist } : {} }, operation, signal),
          'Appointment',
          operation,
          signal,
        );
      return appointmentFrom(await once(send, mine), operation, signal, chosen);
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
      // Already cancelled: this is a retry whose first try got through (its answer was lost), or a release of an
      // appointment a reschedule already let go. Either way it is done, whatever its version is now.
      if (current.body.status === 'cancelled') return appointmentFrom(current.body, operation, signal);
      // The person saw `version`; if it moved on meanwhile, let them look again rather than cancel blind.
      if (version && currentVersion && version !== currentVersion) throw new ApiError('conflict', { operation });
      const sent = version ?? currentVersion;
      const cancel = (body: Record<string, unknown>, at: string | undefined) => fhir.update('Appointment', buildAppointmentCancel(body), at, operation, signal);
      try {
        return await appointmentFrom(await cancel(current.body, sent), operation, signal);
      } catch (error) {
        // A lost answer, or a refusal that may follow our own update (a resent PUT meets the version it made):
        // what the server holds now says whether the cancel happened.
        if (!outcomeUnknown(error) && !(isApiError(error) && error.kind === 'conflict')) throw error;
        const now = await fhir.read('Appointment', id, operation, signal);
        if (now.body.status === 'cancelled') return appointmentFrom(now.body, operation, signal);
        const nowVersion = (isRecord(now.body.meta) && typeof now.body.meta.versionId === 'string' ? now.body.meta.versionId : undefined) ?? versionFromEtag(now.etag);
        // Not cancelled: only a lost answer to an unchanged appointment is tried again; a change made meanwhile is the person's to see.
        if (!outcomeUnknown(error) || (sent && nowVersion && nowVersion !== sent)) throw isApiError(error) && error.kind === 'conflict' ? error : new ApiError('conflict', { operation });
        return appointmentFrom(await cancel(now.body, nowVersion), operation, signal);
      }
    },
  };
}
