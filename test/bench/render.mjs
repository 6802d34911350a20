// @ts-check
// Render half of `npm run bench`: first render with real data, timed inside headless Chromium.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';

/** @typedef {import('./page.js').Scenario} Scenario */
/** @typedef {import('./page.js').BenchResult} BenchResult */
/** @typedef {{ name: string, scenario: Scenario, expectItems?: number }} Case */
/** @typedef {{ name: string, runs: number, medianMs: number | null, minMs: number | null, maxMs: number | null, items?: number, error?: string }} RenderRow */

const CHROMIUM_ARGS = [
  '--no-sandbox', // required when running as root (CI containers)
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEFINE_MODULE = /[\\/]src[\\/](?:define|elements[\\/][^\\/]+[\\/]define)\.ts$/;

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal-kit bench</title>
<link rel="icon" href="data:,"></head><body><script type="module" src="/bench.js"></script></body></html>`;

/**
 * One self-contained, minified module with src/define.ts, the memory adapter and the baseline element, built the
 * way dist/portal-kit.js is, so the page pays a realistic parse cost. Built from src because dist/portal-kit.js
 * deliberately leaves the memory adapter out.
 * @param {string} root @param {string} outDir
 */
export async function buildBenchBundle(root, outDir) {
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: { bench: join(root, 'test/bench/page.ts') }, formats: ['es'], fileName: () => 'bench.js' },
      rolldownOptions: {
        // package.json `sideEffects` names only dist files, so from src the registering modules look pure and
        // would be dropped; without this no tag gets defined. Everything else keeps package.json's verdict.
        treeshake: { moduleSideEffects: (id) => (DEFINE_MODULE.test(id) ? true : undefined) },
        output: { minify: true },
      },
    },
  });
  if (!existsSync(join(outDir, 'bench.js'))) throw new Error(`bench bundle missing in ${outDir}`);
}

/**
 * Throwaway static server on an OS-chosen port. `no-store` keeps every run equally cold.
 * @param {string} dir @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startServer(dir) {
  const bundle = await readFile(join(dir, 'bench.js'));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const [type, body] = path === '/' ? ['text/html', HTML] : path === '/bench.js' ? ['text/javascript', bundle] : [];
    res.writeHead(body ? 200 : 404, { 'content-type': type ?? 'text/plain', 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
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

/**
 * @param {{ origin: string, cases: Case[], runs: number, executablePath: string, log: (line: string) => void }} options
 * @returns {Promise<{ chromium: string, renders: RenderRow[] }>}
 */
export async function measureRenders({ origin, cases, runs, executablePath, log }) {
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
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
        const result = await page.evaluate(() => window.benchResult);
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
    return { chromium: browser.version(), renders };
  } finally {
    await browser.close();
  }
}
