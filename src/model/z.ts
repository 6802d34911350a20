/**
 * The one place the model imports zod. `zod/mini` keeps schemas tree-shakable (a fraction of classic zod's
 * bytes in the browser bundles) and parses without compiling code. `jitless` makes that a rule for this
 * zod instance, so no schema ever probes `new Function`, which a CSP without `unsafe-eval` (and Trusted
 * Types) would report on every hospital page; test/integration/csp.test.ts checks the page stays silent.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
