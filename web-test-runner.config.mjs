// @ts-check
// web-test-runner: runs test/**/*.test.ts in the system Chromium (Debian package `chromium`).
// Nothing downloads a browser: Playwright only drives the executable found here.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './test/support/chromium.mjs';
import { defaultReporter } from '@web/test-runner';
import { totalReporter } from './test/support/total-reporter.mjs';
import { cspHarnessPlugin } from './test/support/csp-harness.mjs';
import { fhirTestServerPlugin } from './test/support/fhir-test-server.mjs';
import { secondBrowserPlugin } from './test/support/second-browser.mjs';
import { reactEsmPlugin } from './test/support/react-esm.mjs';
import { manifestPlugin } from './test/manifest/manifest-plugin.mjs';

const executablePath = findChromium();

/** Chromium with the page's clock in `timezoneId` (the system zone when absent). */
function chromium(timezoneId) {
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    ...(timezoneId ? { createBrowserContext: ({ browser }) => browser.newContext({ timezoneId }) } : {}),
  });
}

// `*.tz.test.ts` files run once per zone, from UTC−11 to UTC+14, so no output may depend on the viewer's zone.
const TIME_ZONES = ['Pacific/Pago_Pago', 'Asia/Kolkata', 'Pacific/Kiritimati'];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts', '!test/**/*.tz.test.ts'],
  groups: [
    ...TIME_ZONES.map((zone) => ({ name: `tz ${zone}`, files: 'test/**/*.tz.test.ts', browsers: [chromium(zone)] })),
  ],
  // A free port (wtr picks one), on loopback only: the FHIR test server inside must not face the network.
  hostname: '127.0.0.1',
  nodeResolve: { exportConditions: ['development'] },
  // `tsconfig` makes esbuild honour experimentalDecorators/useDefineForClassFields; without it Lit throws
  // "Unsupported decorator location: field".
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), fhirTestServerPlugin(), cspHarnessPlugin(), secondBrowserPlugin(), manifestPlugin(), reactEsmPlugin()],
  browsers: [chromium()],
  reporters: [defaultReporter(), totalReporter()],
  concurrency: 2,
  // Lit prints a "dev mode" warning in every test file; hide it, keep every other browser log.
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  // Two test pages share two cores while a test server and a second browser run beside them: a test that opens an
  // element's lazily loaded part (compiled on first request) can take several seconds there, so 10 s, not mocha's 2.
  testFramework: { config: { ui: 'bdd', timeout: 10_000 } },
  coverageConfig: {
    include: ['src/**/*.ts'],
    reporters: ['text-summary', 'lcov'],
    // A run below these fails (`npm test` and CI). Set from the suite's figures on 2026-12-01 (statements and lines
    // 98.55 %, branches 90.81 %, functions 96.03 %), a little under them so that moving code does not trip them:
    // raise them as tests grow, never lower them to let a change through.
    threshold: { statements: 98, lines: 98, branches: 90, functions: 95 },
  },
};
