import type { Service, Slot } from '../../../model/index.js';
import { ID_MAX_LENGTH } from '../../../model/values.js';
import {
  asResource,
  compact,
  fail,
  guarded,
  instantMillis,
  isFhirId,
  isInstant,
  practitionerIdFromReference,
  records,
  referenceIdOf,
  withCheckedIds,
  type Json,
  type MapOutcome,
} from './common.js';
import { servicesFromSchedule } from './scheduling.js';

/**
 * Model ids of the times an IHE `$find` proposes. A proposal is an Appointment, not a Slot, and what `$hold` and
 * `$book` need back is that Appointment's id and the Slots it takes: `ihe~<appointment id>~<slot id>,<slot id>`.
 * FHIR ids use neither `~` nor `,`, so the parts come apart again, and a plain Slot id never starts with `ihe~`.
 * The id names no patient and no time, so it may travel in events.
 */
const PREFIX = 'ihe~';

export interface ProposalKey {
  appointmentId?: string;
  slotIds: string[];
}

export function isProposalId(slotId: string): boolean {
  return slotId.startsWith(PREFIX);
}

export function proposalId(key: ProposalKey): string | undefined {
  if (key.appointmentId === undefined && key.slotIds.length === 0) return undefined; // nothing to book it by
  const head = `${PREFIX}${key.appointmentId ?? ''}`;
  const full = key.slotIds.length ? `${head}~${key.slotIds.join(',')}` : head;
  if (full.length <= ID_MAX_LENGTH) return full;
  // Too many slots to name: the appointment's id alone finds the proposal again.
  return key.appointmentId !== undefined && head.length <= ID_MAX_LENGTH ? head : undefined;
}

export function parseProposalId(slotId: string): ProposalKey | undefined {
  if (!isProposalId(slotId)) return undefined;
  const [appointmentId, slots = ''] = slotId.slice(PREFIX.length).split('~');
  const slotIds = slots ? slots.split(',') : [];
  if ((appointmentId && !isFhirId(appointmentId)) || !slotIds.every(isFhirId) || (!appointmentId && slotIds.length === 0)) return undefined;
  return compact({ appointmentId: appointmentId || undefined, slotIds });
}

/**
 * A proposal read as the Schedule it stands for: its participants are the actors, its `serviceType` and its
 * extensions (a vaccine product and dose, where a server gives them) the services. So a proposed time names the
 * same services a Slot of that Schedule would.
 */
export function proposalSchedule(appointment: Json): Json {
  return {
    resourceType: 'Schedule',
    serviceType: appointment.serviceType,
    extension: appointment.extension,
    actor: records(appointment.participant).map((p) => p.actor),
  };
}

/** The services a proposal names in words (a bare code names nothing a patient can read). */
export function proposalServices(appointment: Json, healthcareServices?: ReadonlyMap<string, unknown>): Service[] {
  return servicesFromSchedule(proposalSchedule(appointment), healthcareServices);
}

/**
 * A proposed Appointment from `$find` → the model's Slot, as free as the server said when it proposed it. Place,
 * clinician and HealthcareService come from its participants; services from its `serviceType`.
 */
export const mapProposal = guarded((resource: unknown): MapOutcome<Slot> => {
  const appointment = asResource(resource, 'Appointment');
  if (!appointment) return fail('not-appointment');
  const appointmentId = typeof appointment.id === 'string' && isFhirId(appointment.id) ? appointment.id : undefined;
  const { start, end } = appointment;
  if (!isInstant(start)) return fail('invalid-start');
  if (!isInstant(end)) return fail('invalid-end');
  if ((instantMillis(end) ?? 0) < (instantMillis(start) ?? 0)) return fail('end-before-start');
  const slotIds = records(appointment.slot).flatMap((ref) => referenceIdOf(ref, ['Slot']) ?? []);
  const id = proposalId({ appointmentId, slotIds });
  if (!id) return fail('schema:id');
  const actors = records(appointment.participant).map((p) => p.actor);
  const serviceIds = [
    ...new Set([...actors.flatMap((a) => referenceIdOf(a, ['HealthcareService']) ?? []), ...proposalServices(appointment).map((s) => s.id)]),
  ];
  return withCheckedIds(
    compact({
      id,
      start,
      end,
      status: 'free' as const,
      serviceIds,
      locationId: actors.flatMap((a) => referenceIdOf(a, ['Location']) ?? [])[0],
      practitionerId: actors.flatMap((a) => practitionerIdFromReference(a) ?? [])[0],
    }),
    serviceIds,
  );
});
