// @ts-check
// Render half of `npm run bench`: first render with real data, timed inside headless Chromium.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';
import { minifiedBundle } from './build.mjs';

/** @typedef {import('./page.js').Scenario} Scenario */
/** @typedef {import('./page.js').BenchResult} BenchResult */
/** @typedef {{ name: string, scenario: Scenario, expectItems?: number }} Case */
/** @typedef {{ name: string, runs: number, medianMs: number | null, minMs: number | null, maxMs: number | null, items?: number, error?: string }} RenderRow */

/** @param {string} src @param {string} [body] */
const html = (src, body = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal-kit bench</title>
<link rel="icon" href="data:,"></head><body>${body}<script type="module" src="${src}"></script></body></html>`;

/**
 * One self-contained, minified module with src/define.ts, the memory adapter and the baseline element, built the
 * way dist/portal-kit.js is, so the page pays a realistic parse cost. Built from src because dist/portal-kit.js
 * deliberately leaves the memory adapter out.
 * @param {string} root @param {string} outDir
 */
export async function buildBenchBundle(root, outDir) {
  await minifiedBundle({ root, entry: join(root, 'test/bench/page.ts'), outDir, fileName: 'bench.js', inline: true });
  if (!existsSync(join(outDir, 'bench.js'))) throw new Error(`bench bundle missing in ${outDir}`);
}

/**
 * Throwaway static server on an OS-chosen port: `/` runs the bench bundle; `/smoke?tags=a,b` is a CMS page with
 * `<a>` and `<b>` and the loader (dist/portal-kit.js, its chunks served from beside it), `/smoke-bundle` one
 * with dist/portal-kit.bundle.js. `no-store` keeps every run equally cold.
 * @param {{ benchJs: string, portalKitJs: string }} files @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startServer({ benchJs, portalKitJs }) {
  const dist = dirname(portalKitJs);
  /** @type {Record<string, [string, string | Buffer]>} */
  const routes = {
    '/': ['text/html', html('/bench.js')],
    '/bench.js': ['text/javascript', await readFile(benchJs)],
    '/smoke-bundle': ['text/html', html('/portal-kit.bundle.js')],
  };
  /** @param {URL} url @returns {Promise<[string, string | Buffer | undefined]>} */
  const answer = async (url) => {
    if (routes[url.pathname]) return routes[url.pathname];
    if (url.pathname === '/smoke') {
      const tags = (url.searchParams.get('tags') ?? '').split(',').filter((tag) => /^[a-z][a-z0-9]*-[a-z0-9-]*$/.test(tag));
      return ['text/html', html('/portal-kit.js', tags.map((tag) => `<${tag}></${tag}>`).join(''))];
    }
    // The script-tag files and their chunks, from dist/ (nothing outside it).
    const file = normalize(join(dist, url.pathname));
    if (!file.startsWith(dist + sep) || !file.endsWith('.js') || !existsSync(file)) return ['text/plain', undefined];
    return ['text/javascript', await readFile(file)];
  };
  const server = createServer((req, res) => {
    answer(new URL(req.url ?? '/', 'http://x')).then(([type, body]) => {
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body ?? 'not found');
    });
  });
  await new Promise((/** @type {(v?: unknown) => void} */ done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (/** @type {number} */ ms) => Math.round(ms * 10) / 10;

/** @param {string} executablePath */
export const launch = (executablePath) => chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });

/**
 * The tags the script-tag files fail to define on a plain page: the loader (dist/portal-kit.js) on a page with every
 * tag in its markup, and dist/portal-kit.bundle.js. Their size budgets mean little if the loader misses a tag (one
 * left out of its list) or the file that is supposed to "define every tag" defines none (a bundler dropping
 * side-effect imports does exactly that). Each missing tag is named with the file that missed it.
 * @param {{ browser: import('playwright-core').Browser, origin: string, tags: string[] }} options
 */
export async function undefinedInBundle({ browser, origin, tags }) {
  /** @type {string[]} */
  const missing = [];
  for (const [file, path] of [
    ['portal-kit.js', `/smoke?tags=${tags.join(',')}`],
    ['portal-kit.bundle.js', '/smoke-bundle'],
  ]) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}${path}`);
      // The loader defines each tag once its chunk has arrived: wait for that, a while.
      await page.waitForFunction((names) => names.every((tag) => customElements.get(tag)), tags, { timeout: 5000 }).catch(() => undefined);
      const absent = await page.evaluate((names) => names.filter((tag) => !customElements.get(tag)), tags);
      missing.push(...absent.map((tag) => `${tag} (${file})`));
    } finally {
      await context.close();
    }
  }
  return missing;
}

/**
 * @param {{ browser: import('playwright-core').Browser, origin: string, cases: Case[], runs: number, log: (line: string) => void }} options
 * @returns {Promise<RenderRow[]>}
 */
export async function measureRenders({ browser, origin, cases, runs, log }) {
  /** @type {Map<string, number[]>} */
  const times = new Map(cases.map((c) => [c.name, []]));
  /** @type {Map<string, { items?: number, error?: string }>} */
  const notes = new Map();

  /** @param {Case} c */
  const once = async (c) => {
    // A fresh context per run: no HTTP or code cache carried over, so run 1 and run 7 are alike.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      /** @type {string[]} */
      const pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${origin}/?s=${encodeURIComponent(JSON.stringify(c.scenario))}`);
      /** @type {BenchResult} */
      const result = (await page.evaluate(() => window.benchResult)) ?? { error: 'the bench module did not run' };
      if (pageErrors.length && result.ms === undefined) return { error: `${result.error ?? 'failed'}; page error: ${pageErrors[0]}` };
      return result;
    } finally {
      await context.close();
    }
  };

  // One discarded round warms the browser's processes and the OS file cache.
  for (const c of cases) await once(c);
  // Cases take turns run by run, so noise from whatever else shares the machine spreads over all of them alike
  // (the scheduler-vs-baseline ratio is only fair if both saw the same weather).
  for (let run = 1; run <= runs; run++) {
    log(`  render run ${run}/${runs}`);
    for (const c of cases) {
      if (notes.get(c.name)?.error) continue;
      const result = await once(c);
      if (result.ms === undefined) notes.set(c.name, { error: result.error ?? 'no result' });
      else {
        times.get(c.name)?.push(result.ms);
        notes.set(c.name, { items: result.items });
      }
    }
  }

  const renders = cases.map((c) => {
    const ms = times.get(c.name) ?? [];
    const note = notes.get(c.name) ?? {};
    /** @type {RenderRow} */
    const row = {
      name: c.name,
      runs: ms.length,
      medianMs: ms.length ? round(median(ms)) : null,
      minMs: ms.length ? round(Math.min(...ms)) : null,
      maxMs: ms.length ? round(Math.max(...ms)) : null,
    };
    if (note.items !== undefined) row.items = note.items;
    if (note.error) row.error = note.error;
    return row;
  });
  return renders;
}
