// @ts-check
/**
 * Entry point of the FHIR test server: tenants of the demo FHIR server (demo/server), plus test-only control
 * endpoints. Loaded on the first matching request, so wtr runs that never talk FHIR pay nothing. Routes:
 *
 *   POST   /fhir-test/tenants             { resources?, fixtures?, options? } -> 201 { tenant, baseUrl, loaded, skipped, issuer? }
 *          options: bookingMode 'rest'|'operation'|'ihe', conditionalCreate (false: If-None-Exist ignored), pageSize, holdMinutes, persist (journal to a temp folder),
 *                   demoSeed 'YYYY-MM-DD' (the demo's own store, seeded as of that day),
 *                   smart (SMART sign-in on: `issuer` is <origin>/oauth/<tenant>), accessTokenSeconds (300),
 *                   refreshTokens (true; false grants no online/offline_access)
 *   GET    /fhir-test/<tenant>/requests   request log, FHIR and OAuth (method, url, Authorization/If-None-Exist/If-Match, status)
 *   DELETE /fhir-test/<tenant>/requests   clear the log
 *   POST   /fhir-test/<tenant>/faults     { status, count, retryAfter?, match?, pathIncludes? } -> 204
 *          or { answerLost: true, count, match?, pathIncludes? }: carried out and committed, then the connection
 *          is dropped unanswered (the browser's fetch fails with a network error)
 *   POST   /fhir-test/<tenant>/restart    { tornWrite?, today? } -> 200 { tornBytes } (persisted and demo tenants)
 *   POST   /fhir-test/<tenant>/token      { patient, scope } -> 200 { access_token, token_type, scope, patient, expires_in }
 *          (smart tenants: a real access token without the sign-in flow)
 *   DELETE /fhir-test/<tenant>            drop the tenant
 *   *      /fhir/<tenant>/...             FHIR R4 (`.well-known/smart-configuration` on smart tenants)
 *   *      /oauth/<tenant>/...            the SMART authorization server of a smart tenant (faults do not apply)
 */
import { errorReply, HttpError, outcomeReply, readBody, sendReply } from '../../../demo/server/fhir/http.mjs';
import { answer, pathSegments, readCall } from '../../../demo/server/endpoint.mjs';
import { ensureDefinitions } from '../../../demo/server/fhir/definitions.mjs';
import { createTenant, tenants } from './tenant.mjs';

/** @typedef {import('../../../demo/server/fhir/http.mjs').Reply} Reply */

/** @param {import('koa').Context} ctx */
export async function handle(ctx) {
  ctx.respond = false; // the reply is written to the Node response directly
  await ensureDefinitions(); // fixtures are sorted into resources and not-resources by the definitions
  const [root, tenantId, ...segments] = pathSegments(ctx.path);
  if (root === 'fhir') {
    await handleFhirHttp(ctx, tenantId, segments);
    return;
  }
  if (root === 'oauth') {
    await handleOAuthHttp(ctx, tenantId);
    return;
  }
  let reply;
  try {
    reply = await control(ctx, tenantId, segments);
  } catch (err) {
    reply = errorReply(err);
  }
  sendReply(ctx.res, reply, 'application/json; charset=utf-8');
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
    case 'POST restart':
      return tenant.restart(/** @type {{ tornWrite?: boolean, today?: string }} */ ((await readBody(ctx.req)) ?? {}));
    case 'POST token': {
      if (!tenant.smart) throw new HttpError(400, 'invalid', 'Only a tenant created with options.smart mints tokens');
      const { patient, scope } = /** @type {{ patient?: unknown, scope?: unknown }} */ ((await readBody(ctx.req)) ?? {});
      if (typeof patient !== 'string' || typeof scope !== 'string') throw new HttpError(400, 'invalid', 'A token needs { patient, scope } strings');
      return { status: 200, body: await tenant.smart.auth.mintToken(patient, scope) };
    }
    case 'DELETE ':
      tenants.delete(tenant.id);
      await tenant.dispose();
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
    sendReply(ctx.res, outcomeReply(404, 'not-found', `No test tenant '${tenantId}'`));
    return;
  }
  const logged = tenant.logRequest(ctx.req);
  const fault = tenant.takeFault(ctx.method, ctx.url);
  let reply = fault === 'lost' ? undefined : fault;
  try {
    reply ??= await answer(tenant.store, await readCall(ctx.req, segments, ctx.querystring, `${ctx.origin}/fhir/${tenant.id}`), tenant.smart?.guard);
  } catch (err) {
    reply = errorReply(err);
  }
  logged.status = reply.status;
  if (fault === 'lost') {
    // The write is committed (answer() settles after the journal batch); the client never hears of it.
    logged.answerLost = true;
    ctx.req.socket.destroy();
    return;
  }
  sendReply(ctx.res, reply);
}

/**
 * @param {import('koa').Context} ctx
 * @param {string | undefined} tenantId
 */
async function handleOAuthHttp(ctx, tenantId) {
  const tenant = tenants.get(tenantId ?? '');
  const mount = `/oauth/${tenantId}`;
  if (!tenant?.smart || !ctx.url.startsWith(mount)) {
    sendReply(ctx.res, outcomeReply(404, 'not-found', `No test tenant '${tenantId}' with SMART sign-in`), 'application/json; charset=utf-8');
    return;
  }
  const logged = tenant.logRequest(ctx.req);
  await tenant.smart.auth.handle(ctx.req, ctx.res, ctx.url.slice(mount.length));
  logged.status = ctx.res.statusCode;
}
