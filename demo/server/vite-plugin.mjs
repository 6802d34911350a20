// @ts-check
/**
 * Vite plugin behind `npm start`: mounts the demo FHIR server and its SMART authorization server on Vite's dev
 * server, so one process serves the site, `/fhir` and `/oauth`, and Ctrl-C stops all. Every write is on disk
 * before its reply, so stopping loses nothing.
 * The server code loads only when the dev server starts; builds never pay for it.
 */
import { relative } from 'node:path';

/** @returns {import('vite').Plugin} */
export function demoFhirServer() {
  return {
    name: 'portal-kit-demo-fhir-server',
    configureServer(server) {
      const demo = import('./index.mjs');
      const opening = demo.then((d) => d.openDemoStore());
      opening.then(
        async (store) => {
          const where = relative(process.cwd(), (await demo).DATA_DIR);
          const torn = store.tornBytes ? `; dropped ${store.tornBytes} bytes of an interrupted write` : '';
          server.config.logger.info(`  FHIR R4 demo server: /fhir (data in ${where}${torn}; \`npm run demo:reset\` restores the seed)`);
          server.config.logger.info('  SMART sign-in: /oauth (client_id portal-kit-demo; discovery at /fhir/.well-known/smart-configuration)');
          server.httpServer?.once('close', () => void store.close());
        },
        (err) => server.config.logger.error(`  demo FHIR server failed to start: ${err instanceof Error ? err.message : err}`),
      );
      server.middlewares.use((req, res, next) => {
        demo.then((d) => d.fhirMiddleware(opening)(req, res, next), next);
      });
    },
  };
}
