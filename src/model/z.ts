/**
 * The one place the model imports zod. `zod/mini` keeps schemas tree-shakable (a fraction of classic zod's
 * bytes in the browser bundles), and `jitless` stops zod from probing `new Function`, which a strict CSP
 * without `unsafe-eval` would report as a violation on every hospital page.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
