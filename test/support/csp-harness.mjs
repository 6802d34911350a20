// @ts-check
/**
 * Serves the pages that load the script-tag files from dist/ the way a hospital page does:
 *
 * - `/csp-harness.html?kit=loader|api|bundle`: a page under the strictest policy a hospital might set (no inline
 *   script or style, no eval, enforced Trusted Types with only Lit's policy allowed). `loader` is the one script
 *   tag (dist/portal-kit.js) with `<portal-provider>` in the markup; `api` is that tag plus dist/portal-kit-api.js
 *   wiring a bare element with `providePortal`; `bundle` is dist/portal-kit.bundle.js alone.
 *   test/integration/csp.test.ts frames it and reads what happened.
 * - `/loader-harness.html?tags=a,b`: the loader's script tag and an empty `<a>` and `<b>` in the body, parsed
 *   before the loader runs. test/integration/loader.test.ts frames it and reads which files the page fetched.
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

/** @type {Record<string, { scripts: string[], body: string }>} */
const CSP_KITS = {
  loader: {
    scripts: ['/dist/portal-kit.js'],
    body: '<portal-provider><portal-patient-banner></portal-patient-banner><portal-messages></portal-messages><portal-results></portal-results></portal-provider>',
  },
  api: {
    scripts: ['/dist/portal-kit.js'],
    body: '<portal-patient-banner></portal-patient-banner>',
  },
  bundle: {
    scripts: [],
    body: '<portal-provider><portal-patient-banner></portal-patient-banner><portal-messages></portal-messages><portal-results></portal-results></portal-provider>',
  },
};

/** @param {string} title @param {string[]} scripts @param {string} body */
const page = (title, scripts, body) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="data:," />
${scripts.map((src) => `    <script type="module" src="${src}"></script>`).join('\n')}
  </head>
  <body>
    ${body}
  </body>
</html>`;

const TAG = /^[a-z][a-z0-9]*-[a-z0-9-]*$/;

/** @returns {import('@web/dev-server-core').Plugin} */
export function cspHarnessPlugin() {
  return {
    name: 'csp-harness',
    serve(context) {
      if (context.path === '/csp-harness.html') {
        const kit = CSP_KITS[context.URL.searchParams.get('kit') ?? 'bundle'];
        if (!kit) return { status: 404, body: 'unknown kit', type: 'text' };
        const body = page(`portal-kit under a strict CSP`, [...kit.scripts, '/test/support/csp-page.js'], kit.body);
        return { body, type: 'html', headers: { 'Content-Security-Policy': STRICT_CSP } };
      }
      if (context.path === '/loader-harness.html') {
        const tags = (context.URL.searchParams.get('tags') ?? '').split(',').filter((tag) => TAG.test(tag));
        const body = tags.map((tag) => `<${tag}></${tag}>`).join('\n    ');
        return { body: page('portal-kit loader (test harness)', ['/dist/portal-kit.js', '/test/support/loader-page.js'], body), type: 'html' };
      }
      return undefined;
    },
  };
}
