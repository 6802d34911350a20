// @ts-check
// One page with built scripts beside the demo FHIR server, loaded in Chromium until the first render with data:
// what the first-load and consumer-bundle measurements share. The page's scripts are served from `/js/`; every
// other path goes to the demo server's FHIR endpoint (real search and paging over a store seeded for today).
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';

const TYPES = /** @type {Record<string, string>} */ ({ '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' });

/** Every file under `dir` as a `/`-separated path relative to it. @param {string} dir */
export async function listFiles(dir) {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return names.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(dir.length + 1).split('\\').join('/'));
}

/**
 * Serves `html` on `/` and the files of `outDir` under `/js/`, with the demo FHIR server (its own store in a
 * throwaway folder under `tmp`) behind everything else; loads the page in a fresh browser context and waits for
 * `ready` (a selector; Playwright pierces open shadow roots). With `signIn`, the page first signs in through the
 * demo's SMART pages (its sign-in `button`, then the `patient` on the authorization server's picker) and comes
 * back signed in; `fetched` then holds what both visits of the page fetched (the second fetches the same entry and
 * static chunks again; requests cannot be split reliably at the navigation, the events arrive out of order).
 * @param {{ browser: import('playwright-core').Browser, tmp: string, label: string, html: string, outDir: string,
 *   ready: string, timeoutMs?: number, signIn?: { button: string, patient: string }, pagePath?: string }} options
 *   `pagePath`: where the page is served (the demo's authorization server sends people back only below `/demo/`).
 * @returns {Promise<{ files: string[], fetched: Set<string>, errors: string[], error?: string }>} `files`: every
 *   file of `outDir`; `fetched`: those the page requested before `ready` showed; `errors`: uncaught page errors.
 */
export async function loadUntilReady({ browser, tmp, label, html, outDir, ready, timeoutMs = 30_000, signIn, pagePath = '/' }) {
  const files = await listFiles(outDir);
  const demo = await import('../../demo/server/index.mjs');
  const store = demo.openDemoStore({ dataDir: join(tmp, `data-${label}`), label: 'bench' });
  const fhir = demo.fhirMiddleware(store);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // The way back from sign-in lands on the page itself, with code and state in the query.
    if (path === pagePath) {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    const file = path.slice(4);
    if (path.startsWith('/js/') && files.includes(file) && TYPES[extname(file)]) {
      readFile(join(outDir, file)).then((body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'no-store' });
        res.end(body);
      });
      return;
    }
    fhir(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise((/** @type {(v?: unknown) => void} */ done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const origin = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;
  try {
    await store;
    context = await browser.newContext();
    const tab = await context.newPage();
    /** @type {Set<string>} */
    const fetched = new Set();
    /** @type {string[]} */
    const errors = [];
    tab.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/js/')) fetched.add(path.slice(4));
    });
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${origin}${pagePath}`);
    try {
      if (signIn) {
        await tab.locator(signIn.button).first().click({ timeout: timeoutMs });
        await tab.locator(signIn.patient).first().click({ timeout: timeoutMs });
        await tab.waitForURL((url) => url.origin === origin && url.pathname === pagePath, { waitUntil: 'commit', timeout: timeoutMs });
      }
      await tab.locator(ready).first().waitFor({ timeout: timeoutMs });
      // What was requested up to now is what the first render needed; later requests (prefetch on idle) are not.
      return { files, fetched: new Set(fetched), errors };
    } catch (e) {
      const why = `no ${ready} within ${timeoutMs / 1000} s (${e instanceof Error ? e.message.split('\n')[0] : e})`;
      return { files, fetched, errors, error: errors.length ? `${why}; page error: ${errors[0]}` : why };
    }
  } finally {
    await context?.close();
    await new Promise((done) => server.close(() => done(undefined)));
    await (await store).close();
  }
}
