// @ts-check
/**
 * The HTTP face of one FhirStore, for any Node server (Vite's connect stack in the demo, web-test-runner's
 * Koa in the tests): turn a request into a FhirCall, answer it with writes serialised, send the reply.
 */
import { errorReply, readBody, sendReply } from './fhir/http.mjs';
import { ensureDefinitions } from './fhir/definitions.mjs';
import { handleFhir } from './fhir/fhir.mjs';
import { expireHolds } from './fhir/booking.mjs';

/** @typedef {import('./fhir/http.mjs').Reply} Reply */
/** @typedef {import('./fhir/fhir.mjs').FhirCall} FhirCall */
/** @typedef {import('./store.mjs').FhirStore} FhirStore */

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Path segments after the mount point, percent-decoded. A malformed escape stays as it is and so matches no
 * type or id.
 * @param {string} path e.g. `Slot/abc` (no query)
 */
export function pathSegments(path) {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {string[]} segments
 * @param {string} query without `?`
 * @param {string} base absolute FHIR base, e.g. http://127.0.0.1:5173/fhir
 * @returns {Promise<FhirCall>}
 */
export async function readCall(req, segments, query, base) {
  return { method: req.method ?? 'GET', segments, query, headers: req.headers, body: await readBody(req), base };
}

/**
 * Answers one call. Writes (and releasing lapsed holds) run one at a time through the store's queue and are
 * on disk before this resolves; reads run concurrently.
 * @param {FhirStore} store
 * @param {FhirCall} call
 * @returns {Promise<Reply>}
 */
export async function answer(store, call) {
  try {
    await ensureDefinitions();
    if (WRITES.has(call.method)) {
      return await store.exclusive(async () => {
        await expireHolds(store, call.base);
        return handleFhir(store, call);
      });
    }
    if (store.holdsDue()) {
      await store.exclusive(() => expireHolds(store, call.base));
    }
    return await handleFhir(store, call);
  } catch (err) {
    return errorReply(err);
  }
}

/**
 * Reads, answers and sends in one go (the demo's path; the tests add logging and faults around the parts).
 * @param {FhirStore} store
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ path: string, query: string, base: string }} at
 */
export async function serveFhir(store, req, res, { path, query, base }) {
  /** @type {Reply} */
  let reply;
  try {
    reply = await answer(store, await readCall(req, pathSegments(path), query, base));
  } catch (err) {
    reply = errorReply(err); // an unreadable body
  }
  sendReply(res, reply);
}
