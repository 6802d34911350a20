// @ts-check
/**
 * Vite plugin behind `npm start`: mounts the demo FHIR server and its SMART authorization server on Vite's dev
 * server, so one process serves the site, `/fhir` and `/oauth`, and Ctrl-C stops all. Every write is on disk
 * before its reply, so stopping loses nothing.
 * The server code loads only when the dev server starts; builds never pay for it.
 */
import { relative } from 'node:path';

const BOOKING_MODES = ['operation', 'ihe', 'rest'];

/**
 * How the demo server books, from `PORTAL_DEMO_BOOKING_MODE`: `operation` (portal-kit's `$hold`/`$book`, the
 * default), `ihe` (IHE ITI Scheduling `$find`/`$hold`/`$book`) or `rest` (plain create with `If-None-Exist`).
 * Read here, where `npm start` opens the store, so tests and benchmarks that open it themselves are not moved by it.
 * @returns {'operation' | 'ihe' | 'rest' | undefined}
 */
function bookingModeFromEnv() {
  const value = process.env.PORTAL_DEMO_BOOKING_MODE?.trim().toLowerCase();
  if (!value) return undefined;
  if (!BOOKING_MODES.includes(value)) throw new Error(`PORTAL_DEMO_BOOKING_MODE must be one of ${BOOKING_MODES.join(', ')} (got "${value}")`);
  return /** @type {'operation' | 'ihe' | 'rest'} */ (value);
}

/** @returns {import('vite').Plugin} */
export function demoFhirServer() {
  return {
    name: 'portal-kit-demo-fhir-server',
    configureServer(server) {
      const bookingMode = bookingModeFromEnv();
      const demo = import('./index.mjs');
      const opening = demo.then((d) => d.openDemoStore({ bookingMode }));
      opening.then(
        async (store) => {
          const where = relative(process.cwd(), (await demo).DATA_DIR);
          const torn = store.tornBytes ? `; dropped ${store.tornBytes} bytes of an interrupted write` : '';
          server.config.logger.info(`  FHIR R4 demo server: /fhir (data in ${where}${torn}; \`npm run demo:reset\` restores the seed)`);
          server.config.logger.info(`  Booking mode: ${store.options.bookingMode} (set PORTAL_DEMO_BOOKING_MODE=operation|ihe|rest to change it)`);
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
