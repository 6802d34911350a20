// @ts-check
/**
 * wtr plugin: a real FHIR R4 server (medplum's FhirRouter + MemoryRepository) on wtr's own dev server, same
 * origin as the tests, under /fhir/<tenant>/, with test-only control endpoints under /fhir-test/ and, for
 * tenants with SMART sign-in, their authorization servers under /oauth/<tenant>/.
 * A tenant is a copy of the demo FHIR server (demo/server). See test/support/fhir-server/app.mjs for the routes
 * and test/integration/fhir-test-server.test.ts for use.
 */

const PREFIXES = ['/fhir/', '/fhir-test/', '/oauth/'];

/** @type {Promise<typeof import('./fhir-server/app.mjs')> | undefined} */
let app;

/** @type {import('koa').Middleware} */
async function fhirMiddleware(ctx, next) {
  if (!PREFIXES.some((prefix) => ctx.path.startsWith(prefix))) {
    return next();
  }
  // Imported on first use: medplum and the FHIR definitions cost nothing in runs that never call FHIR.
  app ??= import('./fhir-server/app.mjs');
  await (await app).handle(ctx);
}

/**
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function fhirTestServerPlugin() {
  return {
    name: 'fhir-test-server',
    serverStart({ app: koa, server }) {
      // serverStart runs after the dev server has built its Koa middleware (static files, transforms, etag/304)
      // and after http.createServer(koa.callback()). koa-compose copies the middleware array at callback()
      // time, so a plain koa.use() here would never run. Put ours first (so static serving and the transform
      // cache never see FHIR traffic, whatever the method) and re-create the request handler.
      if (!server) {
        throw new Error('fhir-test-server needs the dev server to own its HTTP server (no middlewareMode)');
      }
      const listeners = server.listeners('request');
      if (listeners.length !== 1) {
        throw new Error(`fhir-test-server expected one request listener on the dev server, found ${listeners.length}`);
      }
      koa.middleware.unshift(fhirMiddleware);
      server.removeListener('request', /** @type {(...args: any[]) => void} */ (listeners[0]));
      server.on('request', koa.callback());
    },
  };
}
