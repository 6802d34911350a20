/**
 * The one place the model imports zod. `zod/mini` keeps schemas tree-shakable (a fraction of classic zod's
 * bytes in the browser bundles) and parses without compiling code. `jitless` makes that a rule for this
 * zod instance, so no schema ever probes `new Function`, which a CSP without `unsafe-eval` (and Trusted
 * Types) would report on every hospital page; test/integration/csp.test.ts checks the page stays silent.
 *
 * Each function is re-exported by name, never zod's namespace object: a namespace that leaves a module
 * escapes tree-shaking, and an app bundling portal-kit with esbuild or webpack would then ship all of zod
 * (test/bench/consumers.mjs measures those apps). Callers write `import * as z from './z.js'`, which bundlers
 * resolve member by member.
 */
import { config } from 'zod/mini';

config({ jitless: true });

export {
  array,
  boolean,
  discriminatedUnion,
  enum,
  int,
  literal,
  looseObject,
  maxLength,
  minLength,
  nonnegative,
  number,
  object,
  optional,
  positive,
  record,
  refine,
  regex,
  string,
} from 'zod/mini';
export type { infer } from 'zod/mini';
