/**
 * Appointment → model, and the two Appointment writes (book, cancel).
 */
import {
  APPOINTMENT_STATUSES,
  AppointmentSchema,
  type Appointment,
  type Location,
  type Practitioner,
  type Service,
  type Slot,
} from '../../../model/scheduling.js';
import type { Appointment as FhirAppointment, AppointmentParticipant } from '../fhir-types.js';
import {
  identifiedWithStatus,
  clientRequestIdOf,
  clientRequestIdentifier,
  compact,
  conceptName,
  extensionsOf,
  httpsUrl,
  fail,
  isFhirId,
  guarded,
  instantMillis,
  isInstant,
  isRecord,
  practitionerIdFromReference,
  practitionerReference,
  records,
  referenceDisplay,
  referenceIdOf,
  str,
  type Json,
  type MapOutcome,
  validated,
} from './common.js';
import { VIRTUAL_SERVICE_EXTENSION } from '../constants.js';
import { parseServiceId, serviceFromConcept, serviceIdFromConcept } from './scheduling.js';

export interface AppointmentContext {
  /** Model objects the caller already resolved, by model id. */
  locations?: Readonly<Record<string, Location>>;
  practitioners?: Readonly<Record<string, Practitioner>>;
  services?: Readonly<Record<string, Service>>;
  /** The signed-in patient (from the token response). */
  patientId: string;
  /** What the person chose, when this Appointment is the answer to their booking: it names the visit if nothing else does. */
  booked?: Service;
}

/** Statuses a patient may still cancel from (when the visit is also still ahead). */
const CANCELLABLE: readonly string[] = ['booked', 'pending', 'proposed'];

/**
 * The visit in words, first found: a service the caller resolved (by the HealthcareService participant or a
 * serviceType's code), the one the person just booked, the HealthcareService reference's display, a serviceType's
 * text or display. Never a bare code: with none of these the visit is left unnamed and shows as "appointment".
 */
function resolveService(appointment: Json, ctx: AppointmentContext): Service | undefined {
  const services = ctx.services ?? {};
  const offered = records(appointment.participant).filter((p) => referenceIdOf(p.actor, ['HealthcareService']) !== undefined);
  const candidates = [
    ...offered.flatMap((p) => referenceIdOf(p.actor, ['HealthcareService']) ?? []),
    ...records(appointment.serviceType).flatMap((t) => serviceIdFromConcept(t) ?? []),
  ];
  for (const id of candidates) if (services[id]) return services[id];
  if (ctx.booked) return ctx.booked;
  const named = participantActor<Service>(offered.map((p) => p.actor), (actor) => referenceIdOf(actor, ['HealthcareService']), undefined);
  if (named) return named;
  const types = records(appointment.serviceType);
  const coded = types.flatMap((t) => serviceFromConcept(t) ?? [])[0];
  if (coded) return coded;
  // A visit type in words alone ("Flu shot"): named, under an id that stands for no service anyone could book.
  const text = types.flatMap((t) => conceptName(t) ?? [])[0];
  return text ? { id: `${TEXT_ONLY_SERVICE}${text.slice(0, 200)}`, name: text } : undefined;
}

/** Prefix of the id of a service an Appointment names in words only; not a FHIR id, so never sent back as one. */
const TEXT_ONLY_SERVICE = 'text:';

/**
 * The first participant `idOf` accepts: the caller's resolved model object, else a minimal one from the
 * reference's `display` (so "South Wing, second floor" still shows), else none.
 */
function participantActor<T>(
  actors: readonly unknown[],
  idOf: (reference: unknown) => string | undefined,
  resolved: Readonly<Record<string, T>> | undefined,
): T | { id: string; name: string } | undefined {
  const actor = actors.find((a) => idOf(a) !== undefined);
  const id = idOf(actor);
  if (id === undefined) return undefined;
  const name = referenceDisplay(actor);
  return resolved?.[id] ?? (name ? { id, name } : undefined);
}

/**
 * Appointment → Appointment.
 * - start/end are optional (a `proposed` request may carry only `requestedPeriod`); when present they
 *   must be instants.
 * - Location and clinician come from the participants: the caller's resolved model objects first, else a
 *   minimal one from the reference's `display` (so "South Wing, second floor" still shows).
 * - Safety check: if the appointment names Patient participants and the signed-in patient is not among
 *   them, it is rejected (`other-patient`). A misconfigured server must not show one person another's visit.
 * - cancellable: status booked/pending/proposed and the start still ahead of `now`. A request with no
 *   start yet counts as ahead: withdrawing a request is always allowed.
 * - instructions: `patientInstruction`, else the location's instructions. `comment` is staff-facing in R4
 *   and is not shown.
 */
export const mapAppointment = guarded(
  (resource: unknown, ctx: AppointmentContext, now: Date = new Date()): MapOutcome<Appointment> => {
    const head = identifiedWithStatus(resource, 'Appointment', APPOINTMENT_STATUSES);
    if (!head.ok) return head;
    const { resource: appointment, id, status } = head;
    if (appointment.start !== undefined && !isInstant(appointment.start)) return fail('invalid-start');
    if (appointment.end !== undefined && !isInstant(appointment.end)) return fail('invalid-end');
    const start = appointment.start as string | undefined;
    const end = appointment.end as string | undefined;
    if (start !== undefined && end !== undefined && (instantMillis(end) ?? 0) < (instantMillis(start) ?? 0)) {
      return fail('end-before-start');
    }

    const actors = records(appointment.participant).map((p) => p.actor);
    const patients = actors.flatMap((a) => referenceIdOf(a, ['Patient']) ?? []);
    if (patients.length > 0 && !patients.includes(ctx.patientId)) return fail('other-patient');

    const location: Location | undefined = participantActor(actors, (actor) => referenceIdOf(actor, ['Location']), ctx.locations);
    const practitioner: Practitioner | undefined = participantActor(actors, practitionerIdFromReference, ctx.practitioners);

    const video = videoOf(appointment, location);
    const startMs = instantMillis(start);
    const ahead = startMs === undefined || startMs > now.getTime();
    return validated(
      AppointmentSchema,
      compact({
        id,
        status,
        start,
        end,
        service: resolveService(appointment, ctx),
        location,
        practitioner,
        slotIds: records(appointment.slot).flatMap((s) => referenceIdOf(s, ['Slot']) ?? []),
        instructions: str(appointment.patientInstruction) ?? location?.instructions,
        cancellable: CANCELLABLE.includes(status as string) && ahead,
        version: str(isRecord(appointment.meta) ? appointment.meta.versionId : undefined),
        clientRequestId: clientRequestIdOf(appointment),
        video,
      }),
    );
  },
);

/**
 * A video visit: the Appointment carries R5's `virtualService` (FHIR's cross-version extension; its `address` is the
 * join link, taken when https), or its place is virtual (the place's standing room is the link). Undefined for a
 * visit in person.
 */
function videoOf(appointment: Json, location: Location | undefined): Appointment['video'] {
  const service = extensionsOf(appointment, VIRTUAL_SERVICE_EXTENSION)[0];
  if (!service && !location?.virtual) return undefined;
  const address = service ? extensionsOf(service, 'address')[0] : undefined;
  return compact({ joinUrl: httpsUrl(address?.valueUrl) ?? location?.videoLink });
}

export interface AppointmentCreateInput {
  slot: Slot;
  patientId: string;
  serviceId?: string;
  /** The chosen service, when known: its name goes into the Appointment so any reader of it can name the visit. */
  service?: Service;
  /** Free text the patient typed; sent as `Appointment.comment`. */
  comment?: string;
  clientRequestId: string;
  status: 'booked' | 'proposed';
}

/**
 * The Appointment to POST for a booking (with `If-None-Exist: clientRequestSearch(...)`).
 * Participants: the patient (accepted), plus the slot's location and clinician so servers that do not
 * derive them from the slot still know who and where; they are `accepted` for a direct booking and
 * `needs-action` for a request. The service goes back as the element its id came from (see
 * `parseServiceId`): a coded serviceType, or a HealthcareService participant; a vaccine service is implied by the
 * slot's schedule. Whatever its kind, the chosen service's name is written with it (`display`, `text`), so a server
 * that answers with the stored resource, a listing later and another system reading it all name the visit in words.
 */
export function buildAppointmentCreate(input: AppointmentCreateInput): FhirAppointment {
  const { slot, patientId, serviceId, comment, clientRequestId, status } = input;
  const name = input.service?.id === serviceId ? input.service?.name : undefined;
  const actorStatus = status === 'booked' ? 'accepted' : 'needs-action';
  const participant: AppointmentParticipant[] = [
    { actor: { reference: `Patient/${patientId}` }, required: 'required', status: 'accepted' },
  ];
  if (slot.locationId) participant.push({ actor: { reference: `Location/${slot.locationId}` }, required: 'required', status: actorStatus });
  if (slot.practitionerId) {
    participant.push({ actor: { reference: practitionerReference(slot.practitionerId) }, required: 'required', status: actorStatus });
  }
  const service = serviceId === undefined ? undefined : parseServiceId(serviceId);
  if (service?.kind === 'healthcare-service' && isFhirId(service.id)) {
    participant.push({ actor: compact({ reference: `HealthcareService/${service.id}`, display: name }), required: 'required', status: actorStatus });
  }
  const appointment: FhirAppointment = {
    resourceType: 'Appointment',
    identifier: [clientRequestIdentifier(clientRequestId)],
    status,
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    participant,
  };
  if (service?.kind === 'service-type') {
    appointment.serviceType = [compact({ coding: [compact({ system: service.system, code: service.code, display: name })], text: name })];
  } else if (name !== undefined) {
    // A vaccine or a HealthcareService is found again from the slot's schedule; its name is for every other reader.
    const code = input.service?.code;
    appointment.serviceType = [compact({ coding: code ? [code] : undefined, text: name })];
  }
  if (comment !== undefined && comment.trim() !== '') appointment.comment = comment;
  return appointment;
}

const CANCELLATION_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';

/**
 * The Appointment to PUT for a cancel: the server's current resource, unchanged except `status:
 * cancelled` and, when it has none, `cancelationReason` "pat" (cancelled by the patient). Everything else
 * (extensions, participants, meta) is kept, so the update does not erase what this client does not know.
 * The caller sends `If-Match` with the version, so a concurrent change answers 412 instead of being
 * overwritten; whether cancelling is allowed is the model's `cancellable` and, finally, the server's call.
 * The input is not modified.
 */
export function buildAppointmentCancel(current: Readonly<Record<string, unknown>>): FhirAppointment {
  const copy = structuredClone(current) as FhirAppointment;
  copy.resourceType = 'Appointment';
  copy.status = 'cancelled';
  copy.cancelationReason ??= { coding: [{ system: CANCELLATION_REASON_SYSTEM, code: 'pat', display: 'Patient' }] };
  return copy;
}
