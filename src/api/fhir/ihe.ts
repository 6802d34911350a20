import type { BookingRequest, Service, Slot, SlotQuery, SlotSearchResult } from '../../model/index.js';
import { ApiError } from '../errors.js';
import type { Resolved } from './appointments.js';
import { resolvedBookingPlan, type BookingPlan } from './capabilities.js';
import type { FhirClient } from './client.js';
import { clientRequestIdentifier, compact, isRecord, parseReference, practitionerReference, records, type Json } from './map/common.js';
import { isProposalId, mapProposal, parseProposalId, proposalSchedule, proposalServices, type ProposalKey } from './map/ihe.js';
import { parseServiceId } from './map/scheduling.js';
import { indexByReference, searchAll } from './search.js';
import { slotMatchesQuery } from './slot-query.js';

/**
 * IHE ITI Scheduling: times from `Appointment/$find` [ITI-115], held with `$hold` [ITI-116] and booked with `$book`
 * [ITI-117], with the parameter names of the profile's OperationDefinitions (appointment-find, appointment-hold,
 * appointment-book). Loaded only for a server whose CapabilityStatement names them.
 */
export interface IheDeps {
  resolveActors(references: Iterable<unknown>, known: Map<string, unknown>, operation: string, signal: AbortSignal): Promise<void>;
  resolvedFrom(resources: Map<string, unknown>, schedules: unknown[]): Resolved & { dropped: number };
}

/** What `$book` is sent for one proposed time, and what finds it again if the answer is lost. */
export interface IheBooking {
  parameters: Json;
  /** The Appointment `$book` acts on (a hold, or the proposal), to read back after a lost answer. */
  appointmentId?: string;
  start?: string;
  slotIds: string[];
  chosen?: Service;
}

const plans = new WeakMap<FhirClient, Promise<BookingPlan>>();

/**
 * How this server books, with the OperationDefinitions its statement names read where their canonicals do not
 * tell (once per client; a failure is not kept). A definition on this server is read; another is looked up by
 * its canonical.
 */
export function bookingPlanFor(fhir: FhirClient, signal: AbortSignal): Promise<BookingPlan> {
  let plan = plans.get(fhir);
  if (!plan) {
    const operation = 'scheduling.bookingMode';
    const read = async (canonical: string) => {
      const local = /(?:^|\/)OperationDefinition\/([A-Za-z0-9\-.]{1,64})$/.exec(canonical);
      if (local && (!canonical.includes('://') || fhir.http.isUnderBase(canonical))) return (await fhir.read('OperationDefinition', local[1], operation, signal)).body;
      const { matches } = await fhir.search(`OperationDefinition?url=${encodeURIComponent(canonical)}`, operation, signal, 1);
      return matches[0];
    };
    plan = fhir.capabilities(signal).then((statement) => resolvedBookingPlan(statement, read));
    plans.set(fhir, plan);
    plan.catch(() => plans.delete(fhir));
  }
  return plan;
}

// The proposals the last searches showed, by model slot id, per client: booking one sends it back whole.
const proposals = new WeakMap<FhirClient, Map<string, Json>>();
const MAX_REMEMBERED = 20_000;

function remembered(fhir: FhirClient): Map<string, Json> {
  let known = proposals.get(fhir);
  if (!known) proposals.set(fhir, (known = new Map()));
  return known;
}

/** The one Appointment of a `$hold`/`$book` answer (a Bundle, or the Appointment itself). */
export function appointmentOf(body: unknown): Json | undefined {
  if (isRecord(body) && body.resourceType === 'Appointment') return body;
  if (isRecord(body) && body.resourceType === 'Bundle') {
    return records(body.entry).map((e) => e.resource).find((r): r is Json => isRecord(r) && r.resourceType === 'Appointment');
  }
  return undefined;
}

const reference = (value: string) => ({ reference: value });

/** Times from `$find`; undefined when the server's `$find` is not the IHE operation (then Slot search answers). */
export async function findSlots(fhir: FhirClient, deps: IheDeps, query: SlotQuery, signal: AbortSignal): Promise<SlotSearchResult | undefined> {
  const operation = 'scheduling.searchSlots';
  if (!(await bookingPlanFor(fhir, signal).then((plan) => plan.ihe.find, () => false))) return undefined;
  const parameter: Json[] = [
    { name: 'start', valueDateTime: query.from },
    { name: 'end', valueDateTime: query.to },
  ];
  if (query.locationId) parameter.push({ name: 'location-reference', valueReference: reference(`Location/${query.locationId}`) });
  if (query.practitionerId) parameter.push({ name: 'practitioner', valueReference: reference(practitionerReference(query.practitionerId)) });
  const service = query.serviceId ? parseServiceId(query.serviceId) : undefined;
  // A coded visit type the server can match; a HealthcareService or vaccine is checked here, on what comes back.
  if (service?.kind === 'service-type') parameter.push({ name: 'visit-type', valueString: service.system ? `${service.system}|${service.code}` : service.code });
  const body = await fhir.operation('Appointment/$find', { resourceType: 'Parameters', parameter }, operation, signal);
  if (!isRecord(body) || body.resourceType !== 'Bundle') throw new ApiError('invalid-response', { operation });
  const matches: unknown[] = [];
  const included: unknown[] = [];
  for (const entry of records(body.entry)) {
    if (!isRecord(entry.resource)) continue;
    const mode = isRecord(entry.search) ? entry.search.mode : undefined;
    if (entry.resource.resourceType === 'Appointment' && mode !== 'include') matches.push(entry.resource);
    else if (entry.resource.resourceType !== 'OperationOutcome') included.push(entry.resource);
  }
  const next = records(body.link).find((link) => link.relation === 'next' && typeof link.url === 'string');
  // A server may cut the answer short and say so only by its `total` (IHE's searchset carries one): the days past
  // the cut are then unchecked, not empty.
  let truncated = !next && typeof body.total === 'number' && body.total > matches.length;
  if (next) {
    const rest = await searchAll(fhir.http, String(next.url), { operation, maxPages: 29 }, signal);
    matches.push(...rest.matches.filter((r) => isRecord(r) && r.resourceType === 'Appointment'));
    included.push(...rest.included);
    truncated = rest.truncated;
  }
  const known = indexByReference(included);
  await deps.resolveActors(
    matches.flatMap((a) => records(isRecord(a) ? a.participant : undefined).map((p) => p.actor)),
    known,
    operation,
    signal,
  );
  // Each proposal as the Schedule it stands for: services (a vaccine's next dose too) resolve as for Slots.
  const resolved = deps.resolvedFrom(known, matches.flatMap((a) => (isRecord(a) ? [proposalSchedule(a)] : [])));
  const cache = remembered(fhir);
  if (cache.size > MAX_REMEMBERED) cache.clear();
  const slots: Slot[] = [];
  let dropped = resolved.dropped;
  for (const appointment of matches) {
    const slot = mapProposal(appointment);
    if (!slot.ok) {
      dropped++;
      continue;
    }
    cache.set(slot.value.id, appointment as Json);
    if (slotMatchesQuery(slot.value, query, resolved.services)) slots.push(slot.value);
  }
  return {
    slots,
    services: resolved.services,
    locations: resolved.locations,
    practitioners: resolved.practitioners,
    dropped,
    truncated,
  };
}

/** The proposal behind a model slot id: as `$find` gave it, else read again (its Appointment, or its Slot). */
async function proposalFor(fhir: FhirClient, slotId: string, operation: string, signal: AbortSignal): Promise<{ key: ProposalKey; appointment: Json }> {
  const key = parseProposalId(slotId);
  if (!key) throw new ApiError('not-found', { operation });
  const cached = remembered(fhir).get(slotId);
  if (cached) return { key, appointment: cached };
  if (key.appointmentId) {
    const read = await fhir.read('Appointment', key.appointmentId, operation, signal).catch(() => undefined);
    if (read) return { key, appointment: read.body };
  }
  if (key.slotIds.length === 0) throw new ApiError('not-found', { operation });
  // A server that keeps no proposals: the same time, rebuilt from its Slot and Schedule.
  const { body: slot } = await fhir.read('Slot', key.slotIds[0], operation, signal);
  const scheduleRef = parseReference(slot.schedule);
  const schedule = scheduleRef ? (await fhir.read('Schedule', scheduleRef.id, operation, signal)).body : undefined;
  return {
    key,
    appointment: compact({
      resourceType: 'Appointment',
      status: 'proposed',
      start: slot.start,
      end: slot.end,
      serviceType: slot.serviceType ?? schedule?.serviceType,
      slot: key.slotIds.map((id) => reference(`Slot/${id}`)),
      participant: records(schedule?.actor).map((actor) => ({ actor, required: 'required', status: 'needs-action' })),
    }),
  };
}

export { isProposalId };

/** `$hold` of a proposed time: `appointment-reference` to the proposal. */
export async function holdParameters(fhir: FhirClient, slotId: string, operation: string, signal: AbortSignal): Promise<Json> {
  const { key } = await proposalFor(fhir, slotId, operation, signal);
  if (!key.appointmentId) throw new ApiError('not-found', { operation });
  return { resourceType: 'Parameters', parameter: [{ name: 'appointment-reference', valueReference: reference(`Appointment/${key.appointmentId}`) }] };
}

/**
 * `$book` of a proposed (or held) time: the whole Appointment as `appointment-resource`, status `pending` as the
 * profile asks, with the patient among its participants, this request's identifier (so it can be found again),
 * and the chosen service in words.
 */
export async function bookParameters(fhir: FhirClient, request: BookingRequest, patientId: string, operation: string, signal: AbortSignal): Promise<IheBooking> {
  const { key, appointment } = await proposalFor(fhir, request.slotId, operation, signal);
  const services = proposalServices(appointment);
  const chosen = services.find((s) => s.id === request.serviceId) ?? (request.serviceId === undefined && services.length === 1 ? services[0] : undefined);
  const others = records(appointment.participant).filter((p) => parseReference(p.actor)?.type !== 'Patient');
  const id = request.holdId ?? key.appointmentId;
  const slot = records(appointment.slot).length ? appointment.slot : key.slotIds.map((s) => reference(`Slot/${s}`));
  const resource = compact({
    resourceType: 'Appointment',
    id,
    identifier: [clientRequestIdentifier(request.clientRequestId)],
    status: 'pending',
    serviceType: chosen?.code
      ? [{ coding: [compact({ ...chosen.code, display: chosen.name })], text: chosen.name }]
      : appointment.serviceType,
    start: appointment.start,
    end: appointment.end,
    slot,
    participant: [{ actor: reference(`Patient/${patientId}`), required: 'required', status: 'accepted' }, ...others],
    comment: request.comment?.trim() ? request.comment : undefined,
  });
  const parameter: Json[] = [{ name: 'appointment-resource', resource }];
  if (resource.comment) parameter.push({ name: 'comment', valueString: resource.comment });
  return compact({
    parameters: { resourceType: 'Parameters', parameter },
    appointmentId: id,
    start: typeof appointment.start === 'string' ? appointment.start : undefined,
    slotIds: records(slot).flatMap((ref) => {
      const parsed = parseReference(ref);
      return parsed?.type === 'Slot' ? [parsed.id] : [];
    }),
    chosen,
  });
}
