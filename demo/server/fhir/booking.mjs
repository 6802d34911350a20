// @ts-check
/**
 * Slot bookkeeping that a scheduling server does and medplum's generic CRUD does not: an Appointment takes its
 * Slots, a cancelled one gives them back, and `$hold`/`$book` (operation mode) hold and book them.
 *
 * Atomicity: every function that reads a Slot and then marks it runs inside FhirStore.exclusive() (all writes
 * do), so no other write can run between the check and the mark even though MemoryRepository is async.
 */
import { parseSearchRequest } from '@medplum/core';
import { HttpError } from './http.mjs';

/** @typedef {import('@medplum/fhirtypes').Appointment} Appointment */
/** @typedef {import('@medplum/fhirtypes').Slot} Slot */
/** @typedef {import('../store.mjs').FhirStore} FhirStore */
/** @typedef {import('./http.mjs').Reply} Reply */

export const HOLD_EXTENSION = 'urn:portal-kit:hold-expires';

/** Appointment states that do not occupy their slots. */
const RELEASED_STATES = new Set(['proposed', 'cancelled', 'entered-in-error', 'noshow', 'waitlist']);

/** @param {Appointment | undefined} appointment */
const occupiesSlots = (appointment) => Boolean(appointment && !RELEASED_STATES.has(appointment.status));

/**
 * Slot ids an Appointment references, as `Slot/<id>` or as an absolute URL on this store.
 * @param {Appointment | undefined} appointment
 * @param {string} base
 * @returns {string[]}
 */
export function slotIds(appointment, base) {
  return (appointment?.slot ?? []).map((ref) => {
    const match = /^(?:(.*)\/)?Slot\/([A-Za-z0-9\-.]{1,64})$/.exec(ref.reference ?? '');
    if (!match || (match[1] !== undefined && match[1] !== base)) {
      throw new HttpError(400, 'invalid', `Appointment.slot must reference a Slot on this server: ${ref.reference}`);
    }
    return match[2];
  });
}

/**
 * Check-and-set: every slot must be in one of `from`, then all become `to`. Returns the previous versions so a
 * failed write can put them back. Caller holds the store's exclusive lock.
 * @param {FhirStore} store
 * @param {string[]} ids
 * @param {string[]} from
 * @param {Slot['status']} to
 * @returns {Promise<Slot[]>}
 */
export async function claimSlots(store, ids, from, to) {
  /** @type {Slot[]} */
  const slots = [];
  for (const id of ids) {
    const slot = /** @type {Slot | undefined} */ (await store.repo.readResource('Slot', id).catch(() => undefined));
    if (!slot) {
      throw new HttpError(422, 'business-rule', `Slot/${id} does not exist`);
    }
    if (!from.includes(slot.status)) {
      throw new HttpError(409, 'conflict', `Slot/${id} is ${slot.status}, not ${from.join(' or ')}`);
    }
    slots.push(slot);
  }
  for (const slot of slots) {
    await store.repo.updateResource({ ...slot, status: to });
  }
  return slots;
}

/**
 * @param {FhirStore} store
 * @param {Slot[]} previous
 */
export async function restoreSlots(store, previous) {
  for (const slot of previous) {
    await store.repo.updateResource(slot);
  }
}

/**
 * Frees slots no other occupying Appointment still references (overbooked slots stay busy).
 * @param {FhirStore} store
 * @param {string[]} ids
 * @param {string} base
 */
async function releaseSlots(store, ids, base) {
  for (const id of ids) {
    const slot = /** @type {Slot | undefined} */ (await store.repo.readResource('Slot', id).catch(() => undefined));
    if (!slot || (slot.status !== 'busy' && slot.status !== 'busy-tentative')) continue;
    const holders = await store.repo.searchResources({
      resourceType: 'Appointment',
      filters: [{ code: 'slot', operator: 'eq', value: `Slot/${id}` }],
    });
    if (!holders.some((a) => occupiesSlots(/** @type {Appointment} */ (a)) && slotIds(/** @type {Appointment} */ (a), base).includes(id))) {
      await store.repo.updateResource({ ...slot, status: 'free' });
    }
  }
}

/**
 * REST writes to Appointment (POST, PUT, DELETE): adjusts slots around the generic write `forward`, which
 * medplum performs (conditional create, If-Match, ...). Slots are claimed before the write and given back if
 * it fails, and released after it succeeds.
 * @param {FhirStore} store
 * @param {{ method: string, id?: string, body: unknown, ifNoneExist?: string, base: string }} request
 * @param {() => Promise<Reply>} forward
 * @returns {Promise<Reply>}
 */
export async function writeAppointment(store, { method, id, body, ifNoneExist, base }, forward) {
  const next = method === 'DELETE' ? undefined : /** @type {Appointment | undefined} */ (body);
  if (next && next.resourceType !== 'Appointment') {
    return forward(); // medplum answers the type mismatch
  }
  if (method === 'POST' && ifNoneExist) {
    const existing = await store.repo.searchResources(parseSearchRequest(`Appointment?${ifNoneExist}`));
    if (existing.length > 0) {
      return forward(); // a replay: medplum returns the match (200) or 412 for several
    }
  }
  const previous = id
    ? /** @type {Appointment | undefined} */ (await store.repo.readResource('Appointment', id).catch(() => undefined))
    : undefined;
  const before = occupiesSlots(previous) ? slotIds(previous, base) : [];
  const after = occupiesSlots(next) ? slotIds(next, base) : [];
  const claimed = await claimSlots(store, after.filter((s) => !before.includes(s)), ['free'], 'busy');
  const reply = await forward();
  if (reply.status >= 400) {
    await restoreSlots(store, claimed);
  } else {
    await releaseSlots(store, before.filter((s) => !after.includes(s)), base);
  }
  return reply;
}

/**
 * The Appointment a `$hold`/`$book` Parameters body carries: portal-kit's `appt-resource`, or IHE's
 * `appointment-resource`.
 * @param {unknown} body
 * @returns {Appointment | undefined}
 */
export function appointmentParameter(body) {
  const params = /** @type {import('@medplum/fhirtypes').Parameters | undefined} */ (body);
  const resource =
    params?.resourceType === 'Parameters' ? params.parameter?.find((p) => p.name === 'appt-resource' || p.name === 'appointment-resource')?.resource : undefined;
  return resource?.resourceType === 'Appointment' ? /** @type {Appointment} */ (resource) : undefined;
}

/**
 * POST Appointment/$hold and Appointment/$book (operation mode only).
 * @param {FhirStore} store
 * @param {'$hold' | '$book'} operation
 * @param {unknown} body a Parameters resource with an `appt-resource` Appointment
 * @param {string} base
 * @returns {Promise<Reply>}
 */
export async function appointmentOperation(store, operation, body, base) {
  const appointment = appointmentParameter(body);
  if (!appointment) {
    throw new HttpError(400, 'invalid', `${operation} needs a Parameters body with an 'appt-resource' Appointment`);
  }
  if (slotIds(appointment, base).length === 0) {
    throw new HttpError(400, 'required', `${operation}: the Appointment must reference a Slot`);
  }
  const result = operation === '$hold' ? await hold(store, appointment, base) : await book(store, appointment, base);
  return {
    status: 200,
    body: {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: `${base}/Appointment/${result.id}`, resource: result }],
    },
  };
}

/**
 * @param {FhirStore} store
 * @param {Appointment} appointment
 * @param {string} base
 */
async function hold(store, appointment, base) {
  const replay = await sameIdentifier(store, appointment);
  if (replay) {
    return replay;
  }
  const claimed = await claimSlots(store, slotIds(appointment, base), ['free'], 'busy-tentative');
  const expiresAt = Date.now() + store.options.holdMinutes * 60_000;
  const { id: _ignoredId, meta: _ignoredMeta, ...fields } = appointment;
  try {
    const held = await store.repo.createResource({
      ...fields,
      status: 'pending',
      extension: [...withoutHold(appointment.extension), { url: HOLD_EXTENSION, valueInstant: new Date(expiresAt).toISOString() }],
    });
    store.holds.set(held.id, expiresAt);
    return held;
  } catch (err) {
    await restoreSlots(store, claimed);
    throw err;
  }
}

/**
 * Books a held Appointment (id set) or a new one. A hold that lapsed has already been released by
 * expireHolds(), so its slots are claimed again from `free` like a new booking.
 * @param {FhirStore} store
 * @param {Appointment} appointment
 * @param {string} base
 */
async function book(store, appointment, base) {
  const existing = appointment.id
    ? /** @type {Appointment} */ (await store.repo.readResource('Appointment', appointment.id))
    : await sameIdentifier(store, appointment);
  if (existing?.status === 'booked') {
    return existing; // replay of a booking that already happened
  }
  const ids = slotIds(existing ?? appointment, base);
  const stillHeld = existing?.id !== undefined && store.holds.has(existing.id);
  const claimed = await claimSlots(store, ids, stillHeld ? ['busy-tentative'] : ['free'], 'busy');
  try {
    const { meta: _ignoredMeta, ...fields } = { ...existing, ...appointment };
    const booked = /** @type {Appointment} */ ({ ...fields, status: 'booked', extension: withoutHold(fields.extension) });
    const saved = existing ? await store.repo.updateResource(booked) : await store.repo.createResource({ ...booked, id: undefined });
    store.holds.delete(saved.id);
    return saved;
  } catch (err) {
    await restoreSlots(store, claimed);
    throw err;
  }
}

/**
 * Lazily ends holds whose time is up: the pending Appointment is cancelled and its slots become free.
 * Caller holds the store's exclusive lock.
 * @param {FhirStore} store
 * @param {string} base
 */
export async function expireHolds(store, base, now = Date.now()) {
  for (const [id, expiresAt] of [...store.holds]) {
    if (expiresAt > now) continue;
    store.holds.delete(id);
    const held = /** @type {Appointment | undefined} */ (await store.repo.readResource('Appointment', id).catch(() => undefined));
    if (held?.status !== 'pending') continue;
    await store.repo.updateResource({ ...held, status: 'cancelled', cancelationReason: { text: 'Hold expired' } });
    await releaseSlots(store, slotIds(held, base), base);
  }
}

/**
 * An earlier, not cancelled Appointment with the same identifier: lets a client retry $hold/$book safely.
 * @param {FhirStore} store
 * @param {Appointment} appointment
 */
async function sameIdentifier(store, appointment) {
  for (const { system, value } of appointment.identifier ?? []) {
    if (!value) continue;
    const matches = /** @type {Appointment[]} */ (
      await store.repo.searchResources({
        resourceType: 'Appointment',
        filters: [{ code: 'identifier', operator: 'eq', value: system ? `${system}|${value}` : value }],
      })
    );
    const live = matches.find((a) => a.status !== 'cancelled');
    if (live) return live;
  }
  return undefined;
}

/** @param {import('@medplum/fhirtypes').Extension[] | undefined} extensions */
export function withoutHold(extensions) {
  return (extensions ?? []).filter((e) => e.url !== HOLD_EXTENSION);
}
