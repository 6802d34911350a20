// @ts-check
/**
 * IHE mode: the IHE ITI Scheduling operations on Appointment, answered from the store's Slots.
 *
 *   $find  [ITI-115] proposed Appointments, one per free Slot in [start, end) whose Schedule names the asked
 *          place (`location-reference`) and clinician (`practitioner`) and gives the asked `visit-type`. The
 *          proposals are not stored: each one's id is `proposed-<slot id>`, which is all $hold/$book need.
 *   $hold  [ITI-116] `appointment-reference` to a proposal: its Slot becomes busy-tentative and a pending
 *          Appointment (with the portal-kit hold deadline) is stored.
 *   $book  [ITI-117] `appointment-resource` (status pending) or `appointment-reference`: a held Appointment is
 *          booked, or a proposal's Slot is claimed and a booked Appointment stored. Unlike portal-kit's own
 *          `$book` this one does not recognise a repeated request by its identifier, as many servers do not: a
 *          second `$book` of a time already booked is refused like anyone else's.
 *   Existing appointments [ITI-118] are the plain Appointment search; cancelling is the normal update.
 *
 * Operation names, parameter names and canonicals are the IHE profile's (its OperationDefinitions
 * appointment-find, appointment-hold and appointment-book). Every write runs in FhirStore.exclusive() (endpoint.mjs
 * sends every POST through it), so checking a Slot and marking it cannot interleave with another booking.
 */
import { HttpError } from './http.mjs';
import { claimSlots, HOLD_EXTENSION, restoreSlots, slotIds, withoutHold } from './booking.mjs';

/** @typedef {import('@medplum/fhirtypes').Appointment} Appointment */
/** @typedef {import('@medplum/fhirtypes').Slot} Slot */
/** @typedef {import('@medplum/fhirtypes').Schedule} Schedule */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {import('@medplum/fhirtypes').ParametersParameter} ParametersParameter */
/** @typedef {import('../store.mjs').FhirStore} FhirStore */
/** @typedef {import('./http.mjs').Reply} Reply */
/** @typedef {import('./fhir.mjs').FhirCall} FhirCall */

const PROPOSED = 'proposed-';
const ACTOR_TYPES = new Set(['Location', 'Practitioner', 'PractitionerRole', 'HealthcareService']);

/** @param {string} name */
export function isIheOperation(name) {
  return name === '$find' || name === '$hold' || name === '$book';
}

/**
 * @param {FhirStore} store
 * @param {string} name `$find`, `$hold` or `$book`
 * @param {FhirCall} call
 * @returns {Promise<Reply>}
 */
export async function iheOperation(store, name, call) {
  if (name === '$find') {
    if (call.method !== 'GET' && call.method !== 'POST') throw new HttpError(405, 'not-supported', '$find needs GET or POST');
    return find(store, call.method === 'GET' ? queryParameters(call.query) : parametersOf(call.body), call.base);
  }
  if (call.method !== 'POST') throw new HttpError(405, 'not-supported', `${name} needs POST`);
  const parameters = parametersOf(call.body);
  const result = name === '$hold' ? await hold(store, parameters, call.base) : await book(store, parameters, call.base);
  return { status: 200, body: bundle([result], call.base) };
}

/**
 * @param {unknown} body
 * @returns {ParametersParameter[]}
 */
function parametersOf(body) {
  const params = /** @type {import('@medplum/fhirtypes').Parameters | undefined} */ (body);
  if (params?.resourceType !== 'Parameters') throw new HttpError(400, 'invalid', 'The operation needs a Parameters body');
  return params.parameter ?? [];
}

/**
 * GET $find: each query parameter as a string parameter (references as `Type/id`).
 * @param {string} query
 * @returns {ParametersParameter[]}
 */
function queryParameters(query) {
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, valueString: value }));
}

/**
 * @param {ParametersParameter[]} parameters
 * @param {string} name
 */
function all(parameters, name) {
  return parameters.filter((p) => p.name === name);
}

/**
 * The value of a parameter as text: a dateTime, a string/token, a code, an integer or a reference's `reference`.
 * @param {ParametersParameter | undefined} parameter
 * @returns {string | undefined}
 */
function text(parameter) {
  if (!parameter) return undefined;
  const value =
    parameter.valueDateTime ?? parameter.valueString ?? parameter.valueCode ?? parameter.valueUri ?? parameter.valueReference?.reference ??
    (parameter.valueInteger === undefined ? undefined : String(parameter.valueInteger));
  return typeof value === 'string' ? value : undefined;
}

/**
 * @param {ParametersParameter[]} parameters
 * @param {string} name
 */
function instant(parameters, name) {
  const value = text(all(parameters, name)[0]);
  const ms = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(ms)) throw new HttpError(400, 'required', `$find needs '${name}' as a dateTime`);
  return ms;
}

/**
 * A token (`system|code` or `code`) against a list of CodeableConcepts.
 * @param {string} token
 * @param {import('@medplum/fhirtypes').CodeableConcept[] | undefined} concepts
 */
function conceptsMatch(token, concepts) {
  const bar = token.lastIndexOf('|');
  const system = bar >= 0 ? token.slice(0, bar) : undefined;
  const code = bar >= 0 ? token.slice(bar + 1) : token;
  return (concepts ?? []).some((concept) =>
    (concept.coding ?? []).some((c) => c.code === code && (system === undefined || system === '' ? true : c.system === system)),
  );
}

/**
 * @param {FhirStore} store
 * @param {ParametersParameter[]} parameters
 * @param {string} base
 * @returns {Promise<Reply>}
 */
async function find(store, parameters, base) {
  const start = instant(parameters, 'start');
  const end = instant(parameters, 'end');
  // Repeated parameters of one kind mean any of them; different kinds must all hold (the operation's comment).
  const wanted = {
    locations: all(parameters, 'location-reference').flatMap((p) => text(p) ?? []),
    practitioners: all(parameters, 'practitioner').flatMap((p) => text(p) ?? []),
    visitTypes: all(parameters, 'visit-type').flatMap((p) => text(p) ?? []),
    specialties: all(parameters, 'specialty').flatMap((p) => text(p) ?? []),
  };
  const count = Number(text(all(parameters, '_count')[0]) ?? 1000);
  const patient = text(all(parameters, 'patient-reference')[0]);
  const slots = /** @type {Slot[]} */ (
    await store.repo.searchResources({
      resourceType: 'Slot',
      filters: [
        { code: 'status', operator: 'eq', value: 'free' },
        { code: 'start', operator: 'ge', value: new Date(start).toISOString() },
        { code: 'start', operator: 'lt', value: new Date(end).toISOString() },
      ],
      count: 10_000,
    })
  );
  /** @type {Map<string, Schedule | undefined>} */
  const schedules = new Map();
  /** @type {Map<string, Resource>} */
  const actors = new Map();
  /** @type {Appointment[]} */
  const proposals = [];
  slots.sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''));
  for (const slot of slots) {
    const scheduleId = /^Schedule\/(.+)$/.exec(slot.schedule?.reference ?? '')?.[1];
    if (!scheduleId) continue;
    if (!schedules.has(scheduleId)) {
      schedules.set(scheduleId, /** @type {Schedule | undefined} */ (await store.repo.readResource('Schedule', scheduleId).catch(() => undefined)));
    }
    const schedule = schedules.get(scheduleId);
    if (!schedule || schedule.active === false) continue;
    const names = new Set((schedule.actor ?? []).map((a) => a.reference ?? ''));
    if (wanted.locations.length && !wanted.locations.some((ref) => names.has(ref))) continue;
    if (wanted.practitioners.length && !wanted.practitioners.some((ref) => names.has(ref))) continue;
    const serviceType = slot.serviceType?.length ? slot.serviceType : schedule.serviceType;
    if (wanted.visitTypes.length && !wanted.visitTypes.some((token) => conceptsMatch(token, serviceType))) continue;
    if (wanted.specialties.length && !wanted.specialties.some((token) => conceptsMatch(token, slot.specialty ?? schedule.specialty))) continue;
    for (const ref of names) {
      const [type, id] = ref.split('/');
      if (!ACTOR_TYPES.has(type) || !id || actors.has(ref)) continue;
      const actor = await store.repo.readResource(type, id).catch(() => undefined);
      if (actor) actors.set(ref, actor);
    }
    proposals.push(proposal(slot, schedule, serviceType, patient));
  }
  const shown = proposals.slice(0, Number.isInteger(count) && count > 0 ? count : 1000);
  return {
    status: 200,
    body: {
      ...bundle(shown, base),
      total: proposals.length,
      // The places, clinicians and services the proposals name, so that a client need not read them one by one.
      entry: [
        ...shown.map((resource) => ({ fullUrl: `${base}/Appointment/${resource.id}`, resource, search: { mode: 'match' } })),
        ...[...actors.values()].map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'include' } })),
      ],
    },
  };
}

/**
 * @param {Slot} slot
 * @param {Schedule} schedule
 * @param {import('@medplum/fhirtypes').CodeableConcept[] | undefined} serviceType
 * @param {string | undefined} patient
 * @returns {Appointment}
 */
function proposal(slot, schedule, serviceType, patient) {
  /** @type {import('@medplum/fhirtypes').AppointmentParticipant[]} */
  const participant = (schedule.actor ?? []).map((actor) => ({ actor, required: 'required', status: 'needs-action' }));
  if (patient) participant.unshift({ actor: { reference: patient }, required: 'required', status: 'needs-action' });
  return {
    resourceType: 'Appointment',
    id: `${PROPOSED}${slot.id}`,
    // The Schedule's vaccine product and dose (SMART Scheduling Links) ride along: this demo's vaccination
    // schedules name the product nowhere else, and a patient looking for a second dose must not be offered a first.
    ...(schedule.extension?.length ? { extension: schedule.extension } : {}),
    status: 'proposed',
    ...(serviceType?.length ? { serviceType } : {}),
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    participant,
  };
}

/**
 * @param {Resource[]} resources
 * @param {string} base
 */
function bundle(resources, base) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}

/**
 * The id an `appointment-reference` names (`Appointment/<id>`, maybe absolute on this server).
 * @param {ParametersParameter[]} parameters
 * @param {string} base
 */
function referencedId(parameters, base) {
  const reference = all(parameters, 'appointment-reference')[0]?.valueReference?.reference;
  if (reference === undefined) return undefined;
  const match = /^(?:(.*)\/)?Appointment\/([A-Za-z0-9\-.]{1,64})$/.exec(reference);
  if (!match || (match[1] !== undefined && match[1] !== base)) {
    throw new HttpError(400, 'invalid', `appointment-reference must name an Appointment on this server: ${reference}`);
  }
  return match[2];
}

/**
 * A proposal from $find, rebuilt from its Slot: what `proposed-<slot id>` stands for.
 * @param {FhirStore} store
 * @param {string} id
 * @returns {Promise<Appointment | undefined>}
 */
async function proposalById(store, id) {
  if (!id.startsWith(PROPOSED)) return undefined;
  const slot = /** @type {Slot | undefined} */ (await store.repo.readResource('Slot', id.slice(PROPOSED.length)).catch(() => undefined));
  const scheduleId = /^Schedule\/(.+)$/.exec(slot?.schedule?.reference ?? '')?.[1];
  const schedule = scheduleId ? /** @type {Schedule | undefined} */ (await store.repo.readResource('Schedule', scheduleId).catch(() => undefined)) : undefined;
  if (!slot || !schedule) return undefined;
  return proposal(slot, schedule, slot.serviceType?.length ? slot.serviceType : schedule.serviceType, undefined);
}

/** The IHE answer for a time that can no longer be had: `not-found` on the Appointment, as a conflict. */
function unavailable() {
  return new HttpError(409, 'not-found', 'The proposed appointment is no longer available');
}

/**
 * @param {FhirStore} store
 * @param {ParametersParameter[]} parameters
 * @param {string} base
 */
async function hold(store, parameters, base) {
  const id = referencedId(parameters, base);
  if (!id) throw new HttpError(400, 'required', "$hold needs an 'appointment-reference'");
  const proposed = await proposalById(store, id);
  if (!proposed) throw unavailable();
  const claimed = await claimSlots(store, slotIds(proposed, base), ['free'], 'busy-tentative').catch(() => {
    throw unavailable();
  });
  const expiresAt = Date.now() + store.options.holdMinutes * 60_000;
  const { id: _proposalId, ...fields } = proposed;
  try {
    const held = await store.repo.createResource({
      ...fields,
      status: 'pending',
      extension: [{ url: HOLD_EXTENSION, valueInstant: new Date(expiresAt).toISOString() }],
    });
    store.holds.set(/** @type {string} */ (held.id), expiresAt);
    return held;
  } catch (err) {
    await restoreSlots(store, claimed);
    throw err;
  }
}

/**
 * @param {FhirStore} store
 * @param {ParametersParameter[]} parameters
 * @param {string} base
 */
async function book(store, parameters, base) {
  const given = /** @type {Appointment | undefined} */ (all(parameters, 'appointment-resource')[0]?.resource);
  if (given && (given.resourceType !== 'Appointment' || given.status !== 'pending')) {
    throw new HttpError(400, 'invalid', "$book's 'appointment-resource' must be an Appointment with status 'pending'");
  }
  const id = given?.id ?? referencedId(parameters, base);
  if (!given && !id) throw new HttpError(400, 'required', "$book needs an 'appointment-resource' or an 'appointment-reference'");
  const stored = id && !id.startsWith(PROPOSED)
    ? /** @type {Appointment | undefined} */ (await store.repo.readResource('Appointment', id).catch(() => undefined))
    : undefined;
  const held = stored?.status === 'pending' && stored.id !== undefined && store.holds.has(stored.id);
  if (stored && !held) throw unavailable(); // booked, cancelled or a lapsed hold: the time is not this request's
  const proposed = stored ?? (id ? await proposalById(store, id) : undefined);
  const base_ = proposed ?? given;
  if (!base_) throw unavailable();
  const comment = text(all(parameters, 'comment')[0]);
  const { meta: _meta, id: _id, ...fields } = { ...base_, ...given, ...(comment ? { comment } : {}) };
  if (store.options.keepsIdentifiers === false) delete fields.identifier;
  const participants = fields.participant ?? [];
  if (!participants.some((p) => p.actor?.reference?.startsWith('Patient/'))) {
    throw new HttpError(400, 'required', '$book needs the patient among the participants');
  }
  const ids = slotIds(/** @type {Appointment} */ (proposed ?? fields), base);
  if (ids.length === 0) throw new HttpError(400, 'required', '$book: the Appointment must reference a Slot');
  const claimed = await claimSlots(store, ids, held ? ['busy-tentative'] : ['free'], 'busy').catch((err) => {
    throw err instanceof HttpError && err.status === 409 ? unavailable() : err;
  });
  try {
    const booked = /** @type {Appointment} */ ({ ...fields, status: 'booked', extension: withoutHold(fields.extension) });
    const saved = held && stored ? await store.repo.updateResource({ ...booked, id: stored.id }) : await store.repo.createResource(booked);
    store.holds.delete(/** @type {string} */ (saved.id));
    return saved;
  } catch (err) {
    await restoreSlots(store, claimed);
    throw err;
  }
}
