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
/** @typedef {import('./auth/guard.mjs').FhirGuard} FhirGuard */

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
 * on disk before this resolves; reads run concurrently. A `guard` (SMART sign-in, demo/server/auth/guard.mjs)
 * runs around the handler, inside the write queue, so what it checked cannot change before the write.
 * @param {FhirStore} store
 * @param {FhirCall} call
 * @param {FhirGuard} [guard]
 * @returns {Promise<Reply>}
 */
export async function answer(store, call, guard) {
  const handle = () => (guard ? guard(store, call, () => handleFhir(store, call)) : handleFhir(store, call));
  try {
    await ensureDefinitions();
    if (WRITES.has(call.method)) {
      return await store.exclusive(async () => {
        await expireHolds(store, call.base);
        return handle();
      });
    }
    if (store.holdsDue()) {
      await store.exclusive(() => expireHolds(store, call.base));
    }
    return await handle();
  } catch (err) {
    return errorReply(err);
  }
}

/**
 * Reads, answers and sends in one go (the demo's path; the tests add logging and faults around the parts).
 * @param {FhirStore} store
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ path: string, query: string, base: string, guard?: FhirGuard }} at
 */
export async function serveFhir(store, req, res, { path, query, base, guard }) {
  /** @type {Reply} */
  let reply;
  try {
    reply = await answer(store, await readCall(req, pathSegments(path), query, base), guard);
  } catch (err) {
    reply = errorReply(err); // an unreadable body
  }
  sendReply(res, reply);
}
