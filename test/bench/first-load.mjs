// @ts-check
// What a hospital page downloads before `<portal-scheduler>` first shows times: the self-contained define entry
// (with its provider) built with code splitting, loaded in Chromium against the demo FHIR server, counting every
// script the page fetched until the first time button is on screen. Chunks that load only later (booking,
// the patient-record features, another language) are listed but not counted.
import { createServer } from 'node:http';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { compressedSizes, sum } from './sizes.mjs';
import { minifiedBundle } from './build.mjs';

/** @typedef {import('./sizes.mjs').Sizes} Sizes */
/** @typedef {{ tag: string, loaded: Array<{ file: string } & Sizes>, later: Array<{ file: string } & Sizes>, total: Sizes, error?: string }} FirstLoad */


/**
 * @param {{ browser: import('playwright-core').Browser, root: string, dist: string, tmp: string, tag: string,
 *   markup: string, ready: string }} options `markup` goes inside `<portal-provider fhir-base-url="/fhir">`;
 *   `ready` is a selector (Playwright pierces open shadow roots) that means "first render with data".
 * @returns {Promise<FirstLoad>}
 */
export async function measureFirstLoad({ browser, root, dist, tmp, tag, markup, ready }) {
  const outDir = join(tmp, `first-load-${tag}`);
  const entry = join(tmp, `first-load-${tag}.js`);
  await writeFile(entry, `import ${JSON.stringify(join(dist, 'define/portal-provider.js'))};\nimport ${JSON.stringify(join(dist, `define/${tag}.js`))};\n`);
  await minifiedBundle({ root, entry, outDir, fileName: 'entry.js' });
  const files = (await readdir(outDir, { recursive: true })).filter((name) => name.endsWith('.js')).map((name) => name.split('\\').join('/'));

  // The demo server's own store, seeded for today in a throwaway folder: real FHIR, real search, real paging.
  const demo = await import('../../demo/server/index.mjs');
  const store = demo.openDemoStore({ dataDir: join(tmp, `first-load-data-${tag}`), label: 'bench' });
  const fhir = demo.fhirMiddleware(store);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first load</title><link rel="icon" href="data:,"></head>
<body><portal-provider fhir-base-url="/fhir">${markup}</portal-provider><script type="module" src="/js/entry.js"></script></body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      res.end(page);
      return;
    }
    if (path.startsWith('/js/') && files.includes(path.slice(4)) && extname(path) === '.js') {
      readFile(join(outDir, path.slice(4))).then((body) => {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
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
  const context = await browser.newContext();
  try {
    await store;
    const tab = await context.newPage();
    /** @type {Set<string>} */
    const fetched = new Set();
    tab.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/js/')) fetched.add(path.slice(4));
    });
    await tab.goto(origin);
    /** @type {string | undefined} */
    let error;
    try {
      await tab.locator(ready).first().waitFor({ timeout: 30_000 });
    } catch (e) {
      error = `no ${ready} within 30 s (${e instanceof Error ? e.message.split('\n')[0] : e})`;
    }
    const sizes = await Promise.all(files.map(async (file) => ({ file, ...compressedSizes(await readFile(join(outDir, file))) })));
    const loaded = sizes.filter((s) => fetched.has(s.file));
    return { tag, loaded, later: sizes.filter((s) => !fetched.has(s.file)), total: sum(loaded), ...(error ? { error } : {}) };
  } finally {
    await context.close();
    await new Promise((done) => server.close(() => done(undefined)));
    await (await store).close();
  }
}
