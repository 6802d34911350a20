// @ts-check
/**
 * The FHIR endpoint's access control when SMART sign-in is on. Scheduling directory data (Slot, Schedule,
 * Location, Practitioner, PractitionerRole, HealthcareService, Organization), metadata, the SMART discovery
 * document and the `$bulk-publish` manifest stay public and read-only. Everything else needs a valid bearer
 * token (401 otherwise) with a scope for the type and interaction (403 otherwise), and then sees and writes
 * only the token's patient's compartment: another patient's resource reads as 404, searches and their
 * `_include`s hold only the patient's resources, and a write that names another patient is refused (403).
 * A Binary (a message's attachment) belongs to the patient its `securityContext` names, and needs the scope the
 * patient has for Communication: R4's compartment has no Binary, and an attachment is part of a message.
 */
import { notFound, OperationOutcomeError } from '@medplum/core';
import { errorReply, outcomeReply } from '../fhir/http.mjs';
import { appointmentParameter } from '../fhir/booking.mjs';
import { withSmartSecurity } from '../fhir/capability.mjs';
import { isPatientDataType, patientsOf } from './compartment.mjs';
import { PUBLIC_TYPES, allows } from './scopes.mjs';

/** @typedef {import('../fhir/http.mjs').Reply} Reply */
/** @typedef {import('../fhir/fhir.mjs').FhirCall} FhirCall */
/** @typedef {import('../store.mjs').FhirStore} FhirStore */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {import('./scopes.mjs').Perm} Perm */
/** @typedef {import('./smart-auth-server.mjs').SmartAuthServer} SmartAuthServer */
/**
 * Runs around the FHIR handler (`next`) for one call.
 * @typedef {(store: FhirStore, call: FhirCall, next: () => Promise<Reply>) => Promise<Reply>} FhirGuard
 */

/**
 * @param {SmartAuthServer} auth
 * @returns {FhirGuard}
 */
export function smartGuard(auth) {
  return async (store, call, next) => {
    const { method, segments, base } = call;
    const [type, id, ...rest] = segments;
    if (type === '.well-known' && id === 'smart-configuration' && rest.length === 0) {
      if (method !== 'GET') return outcomeReply(405, 'not-supported', 'The SMART configuration is read-only');
      return { status: 200, body: auth.smartConfiguration(), headers: { 'Content-Type': 'application/json; charset=utf-8' } };
    }
    if (type === 'metadata' && segments.length === 1) {
      const reply = await next();
      const { authorize, token, revoke } = auth.endpoints;
      return reply.status === 200 ? { ...reply, body: withSmartSecurity(/** @type {any} */ (reply.body), { authorize, token, revoke }) } : reply;
    }
    if (!type || type === '$bulk-publish' || (type === '.well-known' && id === 'jwks.json' && rest.length === 0)) return next();
    // IHE $find for no one in particular answers proposals: free times of the directory, as public as Slot search.
    if (type === 'Appointment' && id === '$find' && rest.length === 0 && (method === 'GET' || method === 'POST') && !namesPatient(call)) return next();
    if (PUBLIC_TYPES.has(type)) {
      const search = method === 'POST' && id === '_search';
      if (method !== 'GET' && method !== 'HEAD' && !search) return outcomeReply(403, 'forbidden', `${type} is read-only for patient apps`);
      return next();
    }

    const token = bearerToken(call.headers.authorization);
    const session = token ? await auth.verifyAccessToken(token) : undefined;
    if (!session) return unauthorized(base, Boolean(token));
    if (!isPatientDataType(type) && type !== 'Binary') {
      return outcomeReply(403, 'forbidden', `${type} is not available to patient apps on this server`);
    }
    if (type === 'Patient' && rest.length === 1 && rest[0] === '$health-cards-issue') {
      // Cards of the token's own patient only, for an app that may read their immunizations.
      if (id !== session.patient) return notFoundReply();
      if (!allows(session.scopes, 'Immunization', 'r') && !allows(session.scopes, 'Immunization', 's')) return insufficientScope('Immunization', 'r');
      return next();
    }
    if (type === 'Binary' && !id && method !== 'POST') return outcomeReply(403, 'forbidden', 'Binary is created and read, never searched, by patient apps');
    const perm = permission(method, id, rest);
    if (typeof perm !== 'string') return perm;
    if (!allows(session.scopes, scopeType(type), perm)) return insufficientScope(scopeType(type), perm);

    const { patient, scopes } = session;
    /** @param {Resource} r */
    const ownedBy = (r) => (r.resourceType === 'Binary' ? securityContextPatients(r) : patientsOf(r, base));
    /** @param {Resource} r patient data this token may read, or public directory data */
    const visible = (r) =>
      PUBLIC_TYPES.has(r.resourceType) ||
      ((isPatientDataType(r.resourceType) || r.resourceType === 'Binary') &&
        (allows(scopes, scopeType(r.resourceType), 'r') || allows(scopes, scopeType(r.resourceType), 's')) &&
        ownedBy(r).has(patient));
    /** @param {unknown} r a resource this patient may write: it names them and no other patient */
    const writable = (r) => {
      const owners = isResource(r) ? ownedBy(r) : new Set();
      return owners.size > 0 && [...owners].every((p) => p === patient);
    };

    // The resource named by the URL (or by $book's held Appointment) must be the patient's: else 404, as if
    // it did not exist. An IHE hold names no patient yet (IHE's $hold takes none): it is nobody's, so it may be booked.
    const holdOrBook = id === '$hold' || id === '$book';
    const appointment = holdOrBook ? appointmentParameter(call.body) : undefined;
    const existingId = holdOrBook ? (appointment?.id ?? referencedAppointmentId(call.body)) : id !== '_search' && !id?.startsWith('$') ? id : undefined;
    if (existingId) {
      const existing = await store.repo.readResource(/** @type {any} */ (type), existingId).catch(() => undefined);
      if (existing && !ownedBy(existing).has(patient) && !(holdOrBook && ownedBy(existing).size === 0)) return notFoundReply();
    }
    const body = appointment ?? call.body;
    if (((method === 'POST' && !id) || method === 'PUT' || appointment) && isResource(body) && !writable(body)) {
      return outcomeReply(403, 'forbidden', `A patient app may only write ${type} resources of its own patient`);
    }

    call.visible = visible; // searches (and their includes) see only these
    const reply = await next();
    const read = method === 'GET' || method === 'HEAD' || id === '_search' || id === '$find';
    // What an IHE $hold answers (a held time) names no patient yet.
    const unowned = (/** @type {Resource} */ r) => id === '$hold' && r.resourceType === 'Appointment' && ownedBy(r).size === 0;
    return filterReply(reply, read ? visible : (r) => writable(r) || visible(r) || unowned(r), read);
  };
}

/**
 * The type whose scope a request needs: a Binary is a message's attachment, so Communication's.
 * @param {string} type
 */
function scopeType(type) {
  return type === 'Binary' ? 'Communication' : type;
}

/**
 * The patient a Binary's `securityContext` names (`Patient/<id>`), as a set like `patientsOf`.
 * @param {Resource} binary
 * @returns {Set<string>}
 */
function securityContextPatients(binary) {
  const reference = /** @type {{ securityContext?: { reference?: unknown } }} */ (binary).securityContext?.reference;
  const match = typeof reference === 'string' ? /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(reference) : null;
  return new Set(match ? [match[1]] : []);
}

/**
 * Whether an IHE $find asks for a particular patient (`patient-reference` or `patient-resource`, in the query or
 * the Parameters body): then it needs that patient's token like any other patient data.
 * @param {FhirCall} call
 */
function namesPatient(call) {
  const query = new URLSearchParams(call.query);
  if (query.has('patient-reference') || query.has('patient-resource')) return true;
  const params = /** @type {import('@medplum/fhirtypes').Parameters | undefined} */ (call.body);
  return params?.resourceType === 'Parameters' && (params.parameter ?? []).some((p) => p.name === 'patient-reference' || p.name === 'patient-resource');
}

/**
 * The Appointment id an IHE `appointment-reference` names (`Appointment/<id>`), if the body carries one.
 * @param {unknown} body
 */
function referencedAppointmentId(body) {
  const params = /** @type {import('@medplum/fhirtypes').Parameters | undefined} */ (body);
  const reference = params?.resourceType === 'Parameters' ? params.parameter?.find((p) => p.name === 'appointment-reference')?.valueReference?.reference : undefined;
  return reference ? /(?:^|\/)Appointment\/([A-Za-z0-9\-.]{1,64})$/.exec(reference)?.[1] : undefined;
}

/**
 * The scope permission an interaction needs, or a refusal for what patient apps may not do here.
 * @param {string} method
 * @param {string | undefined} id
 * @param {string[]} rest
 * @returns {Perm | Reply}
 */
function permission(method, id, rest) {
  const refuse = (/** @type {string} */ what) => outcomeReply(403, 'forbidden', `${what} is not available to patient apps on this server`);
  if (rest.length > 0 && rest[0] !== '_history') return refuse('This request');
  if (method === 'GET' || method === 'HEAD') return id ? 'r' : 's';
  if (method === 'POST') return id === '_search' || id === '$find' ? 's' : !id || id === '$hold' || id === '$book' ? 'c' : refuse(`POST ${id}`);
  if (!id) return refuse(`Conditional ${method}`);
  if (method === 'PUT') return 'u';
  if (method === 'DELETE') return 'd';
  return refuse(method);
}

/**
 * Removes what the token may not see from a Bundle (search matches, includes, history); a single resource or
 * an operation's result it may not see becomes a 404 (read) or 403 (write, e.g. a conditional create that
 * matched another patient's resource).
 * @param {Reply} reply
 * @param {(r: Resource) => boolean} allowed
 * @param {boolean} read
 * @returns {Reply}
 */
function filterReply(reply, allowed, read) {
  const body = /** @type {Resource | undefined} */ (reply.body);
  if (reply.status >= 400 || !isResource(body) || body.resourceType === 'OperationOutcome') return reply;
  if (body.resourceType !== 'Bundle') {
    if (allowed(body)) return reply;
    return read ? notFoundReply() : outcomeReply(403, 'forbidden', 'This write matched data of another patient');
  }
  const entries = body.entry ?? [];
  const kept = entries.filter((e) => e.resource && allowed(e.resource));
  if (kept.length === entries.length) return reply;
  if (body.type === 'collection') return outcomeReply(403, 'forbidden', 'This operation touches data of another patient');
  return { ...reply, body: { ...body, entry: kept } };
}

/**
 * @param {unknown} header
 * @returns {string | undefined}
 */
function bearerToken(header) {
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim()) : null;
  return match?.[1];
}

/**
 * @param {string} base
 * @param {boolean} sent whether a token came (and was not valid)
 * @returns {Reply}
 */
function unauthorized(base, sent) {
  const reply = outcomeReply(401, 'login', sent ? 'The access token is invalid, expired or revoked' : 'Sign in first: this needs an access token');
  const error = sent ? ', error="invalid_token"' : '';
  return { ...reply, headers: { 'WWW-Authenticate': `Bearer realm="${base}"${error}` } };
}

/**
 * @param {string} type
 * @param {Perm} perm
 * @returns {Reply}
 */
function insufficientScope(type, perm) {
  const reply = outcomeReply(403, 'forbidden', `The access token has no scope for this (needs patient/${type}.${perm})`);
  return { ...reply, headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="patient/${type}.${perm}"` } };
}

/** The same 404 an unknown id gets, so another patient's resource is indistinguishable from none. */
function notFoundReply() {
  return errorReply(new OperationOutcomeError(notFound));
}

/**
 * @param {unknown} value
 * @returns {value is Resource}
 */
function isResource(value) {
  return Boolean(value) && typeof value === 'object' && typeof (/** @type {{ resourceType?: unknown }} */ (value).resourceType) === 'string';
}
