// @ts-check
/**
 * The FHIR endpoint of one store. Plain CRUD, history, conditional create and If-Match go to medplum's
 * FhirRouter unchanged; this module routes around it where it lacks something (metadata, search paging and
 * includes, slot bookkeeping, operations, the Scheduling Links manifest) and adds the HTTP headers
 * medplum's server, not its router, sets.
 */
import { FhirRouter } from '@medplum/fhir-router';
import { getStatus } from '@medplum/core';
import { HttpError } from './http.mjs';
import { isKnownResourceType } from './definitions.mjs';
import { capabilityStatement, ownOperationDefinition } from './capability.mjs';
import { searchType } from './search.mjs';
import { appointmentOperation, writeAppointment } from './booking.mjs';
import { bulkPublish } from './bulk-publish.mjs';
import { iheOperation, isIheOperation } from './ihe.mjs';
import { issueHealthCards, issuerKeySet, offersHealthCards } from './health-cards.mjs';

/** @typedef {import('./http.mjs').Reply} Reply */
/** @typedef {import('../store.mjs').FhirStore} FhirStore */
/**
 * @typedef {{ method: string, segments: string[], query: string, headers: import('node:http').IncomingHttpHeaders,
 *   body: unknown, base: string, visible?: (resource: import('@medplum/fhirtypes').Resource) => boolean }} FhirCall
 *   `visible`: set by an access guard (demo/server/auth/guard.mjs); searches then match and include only these
 */

const router = new FhirRouter();

/**
 * @param {FhirStore} store
 * @param {FhirCall} call
 * @returns {Promise<Reply>}
 */
export async function handleFhir(store, call) {
  const { method, segments, base } = call;
  const [type, id, ...rest] = segments;
  if (type === 'metadata' && segments.length === 1) {
    if (method !== 'GET') throw new HttpError(405, 'not-supported', 'metadata is read-only');
    return { status: 200, body: capabilityStatement(store, base) };
  }
  if (type === '$bulk-publish') {
    if (method !== 'GET') throw new HttpError(405, 'not-supported', '$bulk-publish is read-only');
    return bulkPublish(store, base, id);
  }
  if (type === '.well-known' && id === 'jwks.json' && rest.length === 0 && offersHealthCards(store)) {
    // The key set of the cards this server issues (its FHIR base is their issuer).
    return { status: 200, body: issuerKeySet(store) };
  }
  if (type === 'Patient' && id && rest.length === 1 && rest[0] === '$health-cards-issue') {
    if (!offersHealthCards(store)) throw new HttpError(404, 'not-supported', 'Operation Patient/$health-cards-issue is not offered by this server (see metadata)');
    if (method !== 'POST') throw new HttpError(405, 'not-supported', '$health-cards-issue needs POST');
    return issueHealthCards(store, id, call.body, base);
  }
  if (!type) {
    throw new HttpError(400, 'not-supported', 'batch, transaction and system-level search are not supported by this server');
  }
  if (!isKnownResourceType(type)) {
    throw new HttpError(404, 'not-found', `Unknown resource type '${type}'`);
  }
  if (id?.startsWith('$')) {
    return operation(store, call, type, id, rest);
  }
  const own = type === 'OperationDefinition' && method === 'GET' && id && rest.length === 0 ? ownOperationDefinition(store, id, base) : undefined;
  if (own) return { status: 200, body: own };
  if (method === 'GET' && !id) {
    return searchType(store, base, type, new URLSearchParams(call.query), call.visible);
  }
  if (method === 'POST' && id === '_search' && rest.length === 0) {
    return searchType(store, base, type, searchParamsOf(call), call.visible);
  }
  if (store.options.conditionalCreate === false && call.headers['if-none-exist'] !== undefined) {
    // A server without conditional create does not know the header: the create happens again.
    const { 'if-none-exist': _ignored, ...headers } = call.headers;
    call.headers = headers;
  }
  if (method === 'POST' && !id) {
    call.body = asCreate(call.body);
    store.types.add(type);
  }
  if (method === 'PUT') {
    requireResource(call.body);
  }
  const forward = () => forwardToMedplum(store, call);
  if (type !== 'Appointment') {
    return forward();
  }
  if (method === 'PATCH' || (!id && (method === 'PUT' || method === 'DELETE'))) {
    // These would change an Appointment without the slot bookkeeping below.
    throw new HttpError(405, 'not-supported', `${method} without an id, or PATCH, is not supported for Appointment`);
  }
  if (method === 'GET' || rest.length > 0) {
    return forward();
  }
  if (store.options.keepsIdentifiers === false && (method === 'POST' || method === 'PUT')) {
    call.body = { .../** @type {object} */ (call.body), identifier: undefined };
  }
  const ifNoneExist = call.headers['if-none-exist'];
  return writeAppointment(
    store,
    { method, id, body: call.body, ifNoneExist: Array.isArray(ifNoneExist) ? ifNoneExist[0] : ifNoneExist, base },
    forward,
  );
}

/**
 * @param {FhirStore} store
 * @param {FhirCall} call
 * @param {string} type
 * @param {string} name
 * @param {string[]} rest
 * @returns {Promise<Reply>}
 */
async function operation(store, call, type, name, rest) {
  if (type === 'Appointment' && store.options.bookingMode === 'ihe' && rest.length === 0 && isIheOperation(name)) {
    return iheOperation(store, name, call);
  }
  const offered = type === 'Appointment' && store.options.bookingMode === 'operation' && rest.length === 0;
  if (!offered || (name !== '$hold' && name !== '$book')) {
    throw new HttpError(404, 'not-supported', `Operation ${type}/${name} is not offered by this server (see metadata)`);
  }
  if (call.method !== 'POST') {
    throw new HttpError(405, 'not-supported', `${name} needs POST`);
  }
  return appointmentOperation(store, name, call.body, call.base);
}

/**
 * @param {FhirStore} store
 * @param {FhirCall} call
 * @returns {Promise<Reply>}
 */
async function forwardToMedplum(store, call) {
  const url = call.segments.join('/') + (call.query ? `?${call.query}` : '');
  const [outcome, resource] = await router.handleRequest(
    {
      method: /** @type {import('@medplum/fhir-router').HttpMethod} */ (call.method),
      url,
      pathname: '',
      body: call.body,
      params: {},
      query: {},
      headers: call.headers,
    },
    store.repo,
  );
  const status = getStatus(outcome);
  return { status, body: resource ?? outcome, headers: versionHeaders(resource, status, call.base) };
}

/**
 * ETag, Last-Modified and (on 201) Location, as a FHIR server sends them with a single resource.
 * @param {import('@medplum/fhirtypes').Resource | undefined} resource
 * @param {number} status
 * @param {string} base
 * @returns {Record<string, string>}
 */
function versionHeaders(resource, status, base) {
  const versionId = resource?.meta?.versionId;
  if (!resource || !versionId || resource.resourceType === 'Bundle' || resource.resourceType === 'OperationOutcome') {
    return {};
  }
  /** @type {Record<string, string>} */
  const headers = { ETag: `W/"${versionId}"` };
  if (resource.meta?.lastUpdated) {
    headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  }
  if (status === 201) {
    headers.Location = `${base}/${resource.resourceType}/${resource.id}/_history/${versionId}`;
  }
  return headers;
}

/**
 * A server assigns id and version on create; MemoryRepository would keep a client's id and meta.versionId.
 * @param {unknown} body
 */
function asCreate(body) {
  const { id: _clientId, ...resource } = requireResource(body);
  if (resource.meta) {
    resource.meta = { ...resource.meta, versionId: undefined, lastUpdated: undefined };
  }
  return resource;
}

/**
 * @param {unknown} body
 * @returns {import('@medplum/fhirtypes').Resource}
 */
function requireResource(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('resourceType' in body)) {
    throw new HttpError(400, 'invalid', 'The request body must be a FHIR resource (JSON with resourceType)');
  }
  return /** @type {import('@medplum/fhirtypes').Resource} */ (body);
}

/**
 * POST _search carries its parameters form-encoded in the body, possibly plus some in the URL.
 * @param {FhirCall} call
 */
function searchParamsOf(call) {
  const params = new URLSearchParams(call.query);
  if (call.body instanceof URLSearchParams) {
    for (const [key, value] of call.body) params.append(key, value);
  }
  return params;
}
