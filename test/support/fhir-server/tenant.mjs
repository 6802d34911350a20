// @ts-check
/**
 * A tenant is one isolated FHIR server: its own MemoryRepository, options, request log and injected faults.
 * Test files running at the same time each create their own, so they never see each other's writes.
 */
import { randomUUID } from 'node:crypto';
import { MemoryRepository } from '@medplum/fhir-router';
import { HttpError, outcomeReply } from './http.mjs';
import { collectSeedResources } from './fixtures.mjs';

/** @typedef {import('./http.mjs').Reply} Reply */
/** @typedef {{ bookingMode: 'rest' | 'operation', pageSize: number, holdMinutes: number }} TenantOptions */
/**
 * @typedef {{ method: string, url: string, authorization: string | null, ifNoneExist: string | null,
 *   ifMatch: string | null, status?: number, at: string }} LoggedRequest
 */
/** @typedef {{ status: number, remaining: number, retryAfter?: number, match?: string, pathIncludes?: string }} Fault */

/** @type {Map<string, Tenant>} */
export const tenants = new Map();

export class Tenant {
  /**
   * @param {TenantOptions} options
   */
  constructor(options) {
    this.id = `t-${randomUUID().slice(0, 8)}`;
    this.options = options;
    this.repo = new MemoryRepository();
    /** Resource types loaded or created here, advertised in the CapabilityStatement. */
    this.types = new Set(/** @type {string[]} */ ([]));
    /** @type {LoggedRequest[]} */
    this.requests = [];
    /** @type {Fault[]} */
    this.faults = [];
    /** Held (pending) Appointment id -> epoch ms when the hold lapses. */
    this.holds = new Map(/** @type {[string, number][]} */ ([]));
    /** @type {Promise<unknown>} */
    this.queue = Promise.resolve();
  }

  /**
   * Runs `task` after every earlier exclusive task of this tenant has finished. All writes go through here:
   * MemoryRepository has no transactions, and medplum's conditional create (search, then create) and our slot
   * booking (read slot, then mark it) must not interleave with another write. Today MemoryRepository settles
   * in microtasks, so they would not interleave anyway; the queue makes that a guarantee instead of a detail
   * (with a 5 ms I/O wait between check and mark and no queue, 6 of 20 concurrent bookings of one slot won).
   * @template T
   * @param {() => Promise<T>} task
   * @returns {Promise<T>}
   */
  exclusive(task) {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * @param {import('koa').Context} ctx
   * @returns {LoggedRequest}
   */
  logRequest(ctx) {
    /** @param {string} name */
    const header = (name) => ctx.get(name) || null;
    const entry = {
      method: ctx.method,
      url: ctx.url,
      authorization: header('Authorization'),
      ifNoneExist: header('If-None-Exist'),
      ifMatch: header('If-Match'),
      at: new Date().toISOString(),
    };
    this.requests.push(entry);
    return entry;
  }

  /** @param {unknown} body */
  addFault(body) {
    const spec = /** @type {Record<string, unknown>} */ (body ?? {});
    const status = Number(spec.status);
    const count = spec.count === undefined ? 1 : Number(spec.count);
    if (![429, 500, 502, 503, 504].includes(status) || !Number.isInteger(count) || count < 1) {
      throw new HttpError(400, 'invalid', 'A fault needs status 429/500/502/503/504 and a positive integer count');
    }
    this.faults.push({
      status,
      remaining: count,
      retryAfter: spec.retryAfter === undefined ? undefined : Number(spec.retryAfter),
      match: typeof spec.match === 'string' ? spec.match.toUpperCase() : undefined,
      pathIncludes: typeof spec.pathIncludes === 'string' ? spec.pathIncludes : undefined,
    });
  }

  /**
   * Consumes one injected fault matching this request, if any.
   * @param {string} method
   * @param {string} url path + query as received
   * @returns {Reply | undefined}
   */
  takeFault(method, url) {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (!f.match || f.match === method) && (!f.pathIncludes || url.includes(f.pathIncludes)),
    );
    if (!fault) {
      return undefined;
    }
    fault.remaining -= 1;
    const code = fault.status === 429 ? 'throttled' : fault.status === 500 ? 'exception' : 'transient';
    const reply = outcomeReply(fault.status, code, `Injected fault (${fault.status}) from the FHIR test server`);
    if (fault.retryAfter !== undefined) {
      reply.headers = { 'Retry-After': String(fault.retryAfter) };
    }
    return reply;
  }

  /** Whether a hold has lapsed and its slot must be released before this request is answered. */
  holdsDue(now = Date.now()) {
    for (const expiresAt of this.holds.values()) {
      if (expiresAt <= now) {
        return true;
      }
    }
    return false;
  }
}

/**
 * @param {unknown} raw
 * @returns {TenantOptions}
 */
export function parseTenantOptions(raw) {
  const options = /** @type {Record<string, unknown>} */ (raw ?? {});
  const bookingMode = options.bookingMode ?? 'rest';
  if (bookingMode !== 'rest' && bookingMode !== 'operation') {
    throw new HttpError(400, 'invalid', "options.bookingMode must be 'rest' or 'operation'");
  }
  const pageSize = Number(options.pageSize ?? 20);
  const holdMinutes = Number(options.holdMinutes ?? 5);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new HttpError(400, 'invalid', 'options.pageSize must be an integer from 1 to 1000');
  }
  if (!(holdMinutes > 0)) {
    throw new HttpError(400, 'invalid', 'options.holdMinutes must be a positive number');
  }
  return { bookingMode, pageSize, holdMinutes };
}

/**
 * POST /fhir-test/tenants
 * @param {unknown} body `{ resources?, fixtures?, options? }`
 * @param {string} origin e.g. http://127.0.0.1:8000
 * @returns {Promise<Reply>}
 */
export async function createTenant(body, origin) {
  const seed = /** @type {{ resources?: unknown, fixtures?: unknown, options?: unknown }} */ (body ?? {});
  if (
    (seed.resources !== undefined && !Array.isArray(seed.resources)) ||
    (seed.fixtures !== undefined && !Array.isArray(seed.fixtures))
  ) {
    throw new HttpError(400, 'invalid', 'resources and fixtures must be arrays');
  }
  const tenant = new Tenant(parseTenantOptions(seed.options));
  const { resources, skipped } = await collectSeedResources({ resources: seed.resources, fixtures: seed.fixtures });
  for (const resource of resources) {
    // MemoryRepository.createResource keeps a given id (and overwrites an earlier resource with that id).
    await tenant.repo.createResource(resource);
    tenant.types.add(resource.resourceType);
  }
  tenants.set(tenant.id, tenant);
  return {
    status: 201,
    body: { tenant: tenant.id, baseUrl: `${origin}/fhir/${tenant.id}`, loaded: resources.length, skipped },
  };
}
