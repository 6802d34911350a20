// @ts-check
/**
 * Serves `/csp-harness.html`: a page under the strictest policy a hospital might set (no inline script or
 * style, no eval, enforced Trusted Types with only Lit's policy allowed) that loads only dist/portal-kit.js.
 * test/integration/csp.test.ts frames it and reads what happened.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>portal-kit under a strict CSP</title>
    <script type="module" src="/test/support/csp-page.js"></script>
  </head>
  <body>
    <portal-provider><portal-patient-banner></portal-patient-banner></portal-provider>
  </body>
</html>`;

/** @returns {import('@web/dev-server-core').Plugin} */
export function cspHarnessPlugin() {
  return {
    name: 'csp-harness',
    serve(context) {
      if (context.path !== '/csp-harness.html') return undefined;
      return { body: PAGE, type: 'html', headers: { 'Content-Security-Policy': STRICT_CSP } };
    },
  };
}
