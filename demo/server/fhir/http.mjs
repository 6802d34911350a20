// @ts-check
/**
 * HTTP plumbing of the FHIR server: body parsing, OperationOutcome replies, writing a reply. Every handler
 * returns a {@link Reply}; only `sendReply` touches the response. Plain Node `req`/`res`, so the same server
 * runs inside Vite's dev server (the demo) and web-test-runner's (the tests).
 */
import { getStatus, isOperationOutcome, normalizeOperationOutcome, OperationOutcomeError } from '@medplum/core';

/** @typedef {{ status: number, body?: unknown, headers?: Record<string, string> }} Reply */

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A failure that already knows its HTTP status; thrown anywhere, turned into an OperationOutcome reply. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code FHIR issue-type code (invalid, not-found, conflict, not-supported, ...)
   * @param {string} text
   */
  constructor(status, code, text) {
    super(text);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {number} status
 * @param {string} code
 * @param {string} text
 * @returns {Reply}
 */
export function outcomeReply(status, code, text) {
  const severity = status < 400 ? 'information' : 'error';
  return { status, body: { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text } }] } };
}

/**
 * Maps anything thrown by our code or by medplum to a reply. Medplum signals HTTP semantics through
 * OperationOutcome ids (not-found, precondition-failed, ...) and getStatus() knows the mapping.
 * @param {unknown} err
 * @returns {Reply}
 */
export function errorReply(err) {
  if (err instanceof HttpError) {
    return outcomeReply(err.status, err.code, err.message);
  }
  if (err instanceof OperationOutcomeError || isOperationOutcome(err)) {
    const outcome = normalizeOperationOutcome(err);
    return { status: getStatus(outcome), body: outcome };
  }
  // A bug in the server or an unparseable fixture value (e.g. an offset like "-05"): say so loudly.
  console.error('[fhir-server]', err);
  return outcomeReply(500, 'exception', err instanceof Error ? err.message : String(err));
}

/**
 * Reads the request body. JSON (FHIR, plain, JSON Patch) is parsed; form bodies (POST _search) become
 * URLSearchParams; an empty body is undefined.
 *
 * Limitation, on purpose: JSON.parse turns decimal text such as "2.00" into the number 2, and medplum stores
 * that number. Fixtures and request bodies therefore lose trailing zeros on the way in, and the server answers
 * `2`, not `2.00`. Decimal-precision handling in the adapter has to be tested against raw fixture text, not
 * through this server.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<unknown>}
 */
export async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, 'too-costly', 'Request body too large for this server');
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) {
    return undefined;
  }
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(text);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, 'structure', `Request body is not valid JSON: ${/** @type {Error} */ (err).message}`);
  }
}

/**
 * Writes a reply. `no-store` keeps Chromium from answering a later GET from its cache after a write.
 * @param {import('node:http').ServerResponse} res
 * @param {Reply} reply
 * @param {string} [contentType]
 */
export function sendReply(res, reply, contentType = FHIR_JSON) {
  res.statusCode = reply.status;
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    res.setHeader(name, value);
  }
  if (reply.body === undefined) {
    res.end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', contentType);
  res.end(text);
}
