// @ts-check
/**
 * wtr plugin: a real FHIR R4 server (medplum's FhirRouter + MemoryRepository) on wtr's own dev server, same
 * origin as the tests, under /fhir/<tenant>/, with test-only control endpoints under /fhir-test/.
 * See test/support/fhir-server/app.mjs for the routes and test/integration/fhir-test-server.test.ts for use.
 */

const PREFIXES = ['/fhir/', '/fhir-test/'];

/** @type {Promise<typeof import('./fhir-server/app.mjs')> | undefined} */
let app;

/**
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function fhirTestServerPlugin() {
  return {
    name: 'fhir-test-server',
    serverStart({ app: koa }) {
      // serverStart runs after the dev server's own middleware (static files, plugin transforms, etag/304)
      // has been added. Putting ours first keeps those away from FHIR traffic; Koa reads the middleware
      // array on every request, so inserting now still takes effect.
      koa.middleware.unshift(async (ctx, next) => {
        if (!PREFIXES.some((prefix) => ctx.path.startsWith(prefix))) {
          return next();
        }
        // Imported on first use: medplum and the FHIR definitions cost nothing in runs that never call FHIR.
        app ??= import('./fhir-server/app.mjs');
        await (await app).handle(ctx);
      });
    },
  };
}
