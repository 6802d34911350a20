// @ts-check
/**
 * Koa entry point of the FHIR test server (loaded on the first matching request, so wtr runs that never talk
 * FHIR pay nothing). Routes:
 *
 *   POST   /fhir-test/tenants             { resources?, fixtures?, options? } -> 201 { tenant, baseUrl, loaded, skipped }
 *   GET    /fhir-test/<tenant>/requests   request log (method, url, Authorization/If-None-Exist/If-Match, status)
 *   DELETE /fhir-test/<tenant>/requests   clear the log
 *   POST   /fhir-test/<tenant>/faults     { status, count, retryAfter?, match?, pathIncludes? } -> 204
 *   DELETE /fhir-test/<tenant>            drop the tenant
 *   *      /fhir/<tenant>/...             FHIR R4
 */
import { errorReply, HttpError, outcomeReply, readBody, sendReply } from './http.mjs';
import { ensureDefinitions } from './definitions.mjs';
import { createTenant, tenants } from './tenant.mjs';
import { handleFhir } from './fhir.mjs';
import { expireHolds } from './booking.mjs';

/** @typedef {import('./http.mjs').Reply} Reply */

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** @param {import('koa').Context} ctx */
export async function handle(ctx) {
  await ensureDefinitions();
  const [root, tenantId, ...segments] = ctx.path.split('/').filter(Boolean).map(safeDecode);
  if (root === 'fhir') {
    await handleFhirHttp(ctx, tenantId, segments);
    return;
  }
  let reply;
  try {
    reply = await control(ctx, tenantId, segments);
  } catch (err) {
    reply = errorReply(err);
  }
  sendReply(ctx, reply, 'application/json; charset=utf-8');
}

/**
 * @param {import('koa').Context} ctx
 * @param {string | undefined} tenantId
 * @param {string[]} segments
 * @returns {Promise<Reply>}
 */
async function control(ctx, tenantId, segments) {
  const route = `${ctx.method} ${segments.join('/')}`;
  if (tenantId === 'tenants' && route === 'POST ') {
    return createTenant(await readBody(ctx.req), ctx.origin);
  }
  const tenant = tenants.get(tenantId ?? '');
  if (!tenant) {
    return outcomeReply(404, 'not-found', `No test tenant '${tenantId}'`);
  }
  switch (route) {
    case 'GET requests':
      return { status: 200, body: tenant.requests };
    case 'DELETE requests':
      tenant.requests.length = 0;
      return { status: 204 };
    case 'POST faults':
      tenant.addFault(await readBody(ctx.req));
      return { status: 204 };
    case 'DELETE ':
      tenants.delete(tenant.id);
      return { status: 204 };
    default:
      throw new HttpError(404, 'not-found', `No control endpoint ${route}`);
  }
}

/**
 * @param {import('koa').Context} ctx
 * @param {string | undefined} tenantId
 * @param {string[]} segments
 */
async function handleFhirHttp(ctx, tenantId, segments) {
  const tenant = tenants.get(tenantId ?? '');
  if (!tenant) {
    sendReply(ctx, outcomeReply(404, 'not-found', `No test tenant '${tenantId}'`));
    return;
  }
  const logged = tenant.logRequest(ctx);
  const base = `${ctx.origin}/fhir/${tenant.id}`;
  let reply = tenant.takeFault(ctx.method, ctx.url);
  try {
    if (!reply) {
      const call = { method: ctx.method, segments, query: ctx.querystring, headers: ctx.headers, body: await readBody(ctx.req), base };
      const answer = async () => {
        await expireHolds(tenant, base);
        return handleFhir(tenant, call);
      };
      if (WRITES.has(ctx.method)) {
        reply = await tenant.exclusive(answer);
      } else {
        if (tenant.holdsDue()) {
          await tenant.exclusive(() => expireHolds(tenant, base));
        }
        reply = await handleFhir(tenant, call);
      }
    }
  } catch (err) {
    reply = errorReply(err);
  }
  logged.status = reply.status;
  sendReply(ctx, reply);
}

/** @param {string} segment */
function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes then simply match no tenant, type or id
  }
}
