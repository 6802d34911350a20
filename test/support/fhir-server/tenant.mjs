// @ts-check
/**
 * A tenant is one isolated copy of the demo FHIR server (demo/server): its own FhirStore, options, request log
 * and injected faults. Test files running at the same time each create their own, so they never see each
 * other's writes. A tenant created with `persist: true` journals to a temporary folder and can be restarted;
 * one created with `demoSeed` is the demo's own store (`openDemoStore`), seeded as of that day (operation mode
 * unless `bookingMode` is given; `conditionalCreate`, `keepsIdentifiers` and `iheDefinitions` apply too). One created with `smart: true` has the demo's SMART sign-in
 * (demo/server/auth): an authorization server at `/oauth/<tenant>` and a FHIR endpoint that needs its tokens.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FhirStore } from '../../../demo/server/store.mjs';
import { encodeBatch } from '../../../demo/server/journal.mjs';
import { JOURNAL_FILE, openDemoStore } from '../../../demo/server/index.mjs';
import { HttpError, outcomeReply } from '../../../demo/server/fhir/http.mjs';
import { collectSeedResources } from './fixtures.mjs';

/** @typedef {import('../../../demo/server/fhir/http.mjs').Reply} Reply */
/** @typedef {import('../../../demo/server/store.mjs').StoreOptions} StoreOptions */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/**
 * @typedef {{ method: string, url: string, authorization: string | null, ifNoneExist: string | null,
 *   ifMatch: string | null, status?: number, at: string, answerLost?: boolean }} LoggedRequest
 */
/**
 * @typedef {{ status: number, remaining: number, retryAfter?: number, match?: string, pathIncludes?: string,
 *   answerLost?: boolean }} Fault
 * `answerLost`: the request is carried out (and committed), then the connection is dropped without an answer, as
 * when a phone loses its network just after the server acted; `status` is then unused.
 */
/** @typedef {import('../../../demo/server/auth/index.mjs').SmartSignIn} SmartSignIn */
/** @typedef {{ accessTokenSeconds: number, refreshTokens: boolean }} SmartOptions */

/** @type {Map<string, Tenant>} */
export const tenants = new Map();

export class Tenant {
  /**
   * @param {string} id
   * @param {FhirStore} store
   * @param {{ dir: string, reopen: (today?: string) => Promise<FhirStore>, path: string }} [persisted]
   */
  constructor(id, store, persisted) {
    this.id = id;
    this.store = store;
    this.persisted = persisted;
    /** @type {LoggedRequest[]} */
    this.requests = [];
    /** @type {Fault[]} */
    this.faults = [];
    /** @type {SmartSignIn | undefined} SMART sign-in, when the tenant was created with `smart: true` */
    this.smart = undefined;
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @returns {LoggedRequest}
   */
  logRequest(req) {
    /** @param {string} name */
    const header = (name) => {
      const value = req.headers[name];
      return (Array.isArray(value) ? value[0] : value) || null;
    };
    const entry = {
      method: req.method ?? 'GET',
      url: req.url ?? '',
      authorization: header('authorization'),
      ifNoneExist: header('if-none-exist'),
      ifMatch: header('if-match'),
      at: new Date().toISOString(),
    };
    this.requests.push(entry);
    return entry;
  }

  /** @param {unknown} body */
  addFault(body) {
    const spec = /** @type {Record<string, unknown>} */ (body ?? {});
    const answerLost = spec.answerLost === true;
    const status = answerLost ? 0 : Number(spec.status);
    const count = spec.count === undefined ? 1 : Number(spec.count);
    if ((!answerLost && ![403, 404, 429, 500, 502, 503, 504].includes(status)) || !Number.isInteger(count) || count < 1) {
      throw new HttpError(400, 'invalid', 'A fault needs status 403/404/429/500/502/503/504 (or answerLost: true) and a positive integer count');
    }
    this.faults.push({
      status,
      answerLost,
      remaining: count,
      retryAfter: spec.retryAfter === undefined ? undefined : Number(spec.retryAfter),
      match: typeof spec.match === 'string' ? spec.match.toUpperCase() : undefined,
      pathIncludes: typeof spec.pathIncludes === 'string' ? spec.pathIncludes : undefined,
    });
  }

  /**
   * Consumes one injected fault matching this request, if any: a reply to send instead of the real one, or
   * `lost` (answer the request, then drop the connection).
   * @param {string} method
   * @param {string} url path + query as received
   * @returns {Reply | 'lost' | undefined}
   */
  takeFault(method, url) {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (!f.match || f.match === method) && (!f.pathIncludes || url.includes(f.pathIncludes)),
    );
    if (!fault) {
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.answerLost) return 'lost';
    const code = fault.status === 429 ? 'throttled' : fault.status === 500 ? 'exception' : 'transient';
    const reply = outcomeReply(fault.status, code, `Injected fault (${fault.status}) from the FHIR test server`);
    if (fault.retryAfter !== undefined) {
      reply.headers = { 'Retry-After': String(fault.retryAfter) };
    }
    return reply;
  }

  /**
   * Stops the store and opens it again from its journal, as a server restart does. With `tornWrite`, the
   * process "dies" halfway through appending a batch first (a booking of an Appointment with id
   * `torn-write`), which must leave the store loadable and without that booking. A demo-seeded tenant can
   * restart on a later `today`, as the demo does when it is started again days later.
   * @param {{ tornWrite?: boolean, today?: string }} how
   * @returns {Promise<Reply>}
   */
  async restart({ tornWrite = false, today } = {}) {
    if (!this.persisted) {
      throw new HttpError(400, 'invalid', 'Only a tenant created with options.persist or options.demoSeed can restart');
    }
    const { path, reopen } = this.persisted;
    await this.store.close();
    if (tornWrite) {
      const line = encodeBatch({
        at: new Date().toISOString(),
        ops: [{ put: { resourceType: 'Appointment', id: 'torn-write', status: 'booked', participant: [] } }],
      });
      await appendFile(path, line.slice(0, Math.floor(line.length / 2)));
    }
    this.store = await reopen(today);
    return { status: 200, body: { tornBytes: this.store.tornBytes } };
  }

  async dispose() {
    await this.store.close();
    if (this.persisted) await rm(this.persisted.dir, { recursive: true, force: true });
  }
}

/**
 * @param {unknown} raw
 * @returns {StoreOptions & { persist: boolean, demoSeed?: string, smart?: SmartOptions }}
 */
export function parseTenantOptions(raw) {
  const options = /** @type {Record<string, unknown>} */ (raw ?? {});
  const bookingMode = options.bookingMode ?? 'rest';
  if (bookingMode !== 'rest' && bookingMode !== 'operation' && bookingMode !== 'ihe') {
    throw new HttpError(400, 'invalid', "options.bookingMode must be 'rest', 'operation' or 'ihe'");
  }
  if (options.iheDefinitions !== undefined && options.iheDefinitions !== 'own' && options.iheDefinitions !== 'profile') {
    throw new HttpError(400, 'invalid', "options.iheDefinitions must be 'own' or 'profile'");
  }
  for (const flag of ['conditionalCreate', 'keepsIdentifiers']) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw new HttpError(400, 'invalid', `options.${flag} must be a boolean`);
  }
  const pageSize = Number(options.pageSize ?? 20);
  const holdMinutes = Number(options.holdMinutes ?? 5);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new HttpError(400, 'invalid', 'options.pageSize must be an integer from 1 to 1000');
  }
  if (!(holdMinutes > 0)) {
    throw new HttpError(400, 'invalid', 'options.holdMinutes must be a positive number');
  }
  const maxPageSize = options.maxPageSize === undefined ? undefined : Number(options.maxPageSize);
  if (maxPageSize !== undefined && (!Number.isInteger(maxPageSize) || maxPageSize < 1 || maxPageSize > 1000)) {
    throw new HttpError(400, 'invalid', 'options.maxPageSize must be an integer from 1 to 1000');
  }
  const demoSeed = options.demoSeed;
  if (demoSeed !== undefined && (typeof demoSeed !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(demoSeed))) {
    throw new HttpError(400, 'invalid', 'options.demoSeed must be a YYYY-MM-DD day');
  }
  return {
    bookingMode,
    pageSize,
    holdMinutes,
    ...(maxPageSize === undefined ? {} : { maxPageSize }),
    ...(options.conditionalCreate === false ? { conditionalCreate: false } : {}),
    ...(options.iheDefinitions === 'own' ? { iheDefinitions: /** @type {const} */ ('own') } : {}),
    ...(options.keepsIdentifiers === false ? { keepsIdentifiers: false } : {}),
    persist: options.persist === true,
    demoSeed,
    smart: parseSmartOptions(options),
  };
}

/**
 * @param {Record<string, unknown>} options
 * @returns {SmartOptions | undefined}
 */
function parseSmartOptions(options) {
  if (options.smart !== true) {
    if (options.smart !== undefined && options.smart !== false) throw new HttpError(400, 'invalid', 'options.smart must be a boolean');
    return undefined;
  }
  const accessTokenSeconds = Number(options.accessTokenSeconds ?? 300);
  if (!Number.isInteger(accessTokenSeconds) || accessTokenSeconds < 1 || accessTokenSeconds > 86_400) {
    throw new HttpError(400, 'invalid', 'options.accessTokenSeconds must be an integer from 1 to 86400');
  }
  if (options.refreshTokens !== undefined && typeof options.refreshTokens !== 'boolean') {
    throw new HttpError(400, 'invalid', 'options.refreshTokens must be a boolean');
  }
  return { accessTokenSeconds, refreshTokens: options.refreshTokens !== false };
}

/**
 * POST /fhir-test/tenants
 * @param {unknown} body `{ resources?, fixtures?, options? }`
 * @param {string} origin e.g. http://127.0.0.1:8000
 * @returns {Promise<Reply>}
 */
export async function createTenant(body, origin) {
  const request = /** @type {{ resources?: unknown, fixtures?: unknown, options?: unknown }} */ (body ?? {});
  if (
    (request.resources !== undefined && !Array.isArray(request.resources)) ||
    (request.fixtures !== undefined && !Array.isArray(request.fixtures))
  ) {
    throw new HttpError(400, 'invalid', 'resources and fixtures must be arrays');
  }
  const { persist, demoSeed, smart, ...options } = parseTenantOptions(request.options);
  const { resources, skipped } = await collectSeedResources({ resources: request.resources, fixtures: request.fixtures });
  const id = `t-${randomUUID().slice(0, 8)}`;
  const label = `Test tenant ${id}`;
  let tenant;
  if (demoSeed) {
    // Exactly what `npm start` runs, with its options, in a folder of its own.
    const dir = await mkdtemp(join(tmpdir(), 'portal-kit-demo-'));
    /** @param {string} [today] */
    // Only an explicitly asked-for booking mode changes the demo's own (operation) default.
    const asked = /** @type {{ bookingMode?: unknown }} */ (request.options ?? {}).bookingMode;
    const bookingMode = asked === undefined ? undefined : options.bookingMode;
    // The server's other traits (no conditional create, identifiers not kept) apply to the demo's store as well.
    const { conditionalCreate, keepsIdentifiers, iheDefinitions } = options;
    const traits = { ...(conditionalCreate === false ? { conditionalCreate } : {}), ...(keepsIdentifiers === false ? { keepsIdentifiers } : {}), ...(iheDefinitions ? { iheDefinitions } : {}) };
    const reopen = async (today = demoSeed) => {
      const opened = await openDemoStore({ dataDir: dir, today, label, bookingMode });
      opened.options = { ...opened.options, ...traits };
      return opened;
    };
    const store = await reopen();
    await store.load(resources);
    tenant = new Tenant(id, store, { dir, reopen, path: join(dir, JOURNAL_FILE) });
  } else if (persist) {
    const dir = await mkdtemp(join(tmpdir(), 'portal-kit-tenant-'));
    const path = join(dir, 'store.journal');
    const seed = () => ({ resources });
    const reopen = () => FhirStore.open(path, options, seed, label);
    tenant = new Tenant(id, await reopen(), { dir, reopen, path });
  } else {
    const store = new FhirStore(options, { label });
    await store.load(resources);
    tenant = new Tenant(id, store);
  }
  const baseUrl = `${origin}/fhir/${id}`;
  if (smart) {
    const { smartSignIn } = await import('../../../demo/server/auth/index.mjs');
    const current = /** @type {Tenant} */ (tenant);
    current.smart = smartSignIn(() => current.store, { issuer: `${origin}/oauth/${id}`, fhirBase: baseUrl, redirectPath: '/test/', ...smart });
  }
  tenants.set(id, tenant);
  return {
    status: 201,
    body: { tenant: id, baseUrl, loaded: resources.length, skipped, ...(tenant.smart ? { issuer: tenant.smart.auth.issuer } : {}) },
  };
}
