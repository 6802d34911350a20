// @ts-check
// Lighthouse half of `npm run bench`: the demo's public page (demo/index.html, the hospital site with its
// scheduler and clinic cards) built for production, served with the demo FHIR server in-process, audited with
// Lighthouse's default settings (a mobile phone, simulated slow 4G and 4× CPU). Reports the performance,
// accessibility and best-practices scores and Total Blocking Time. Everything stays on 127.0.0.1.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';

/** @typedef {{ url: string, lighthouse: string, runs?: number, performanceRange?: [number, number], performance: number | null, accessibility: number | null, bestPractices: number | null, tbtMs: number | null, fcpMs: number | null, lcpMs: number | null, cls: number | null, requests?: number, foreign?: string[], error?: string }} LighthouseResult */

/** Runs per bench (LIGHTHOUSE_RUNS); the one with the median performance score is reported. */
const LIGHTHOUSE_RUNS = Number(process.env.LIGHTHOUSE_RUNS) > 0 ? Number(process.env.LIGHTHOUSE_RUNS) : 3;

const TYPES = /** @type {Record<string, string>} */ ({ '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.map': 'application/json' });

/** Builds demo/index.html (and what it imports) the way a site would ship it. @param {string} root @param {string} outDir */
async function buildSite(root, outDir) {
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    base: '/',
    publicDir: false,
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false, rolldownOptions: { input: join(root, 'demo/index.html') } },
  });
}

/**
 * The built files (gzip when asked, as any production server does) and the demo FHIR server on one origin.
 * @param {{ outDir: string, dataDir: string }} where
 */
async function serveSite({ outDir, dataDir }) {
  /** @type {Map<string, { type: string, raw: Buffer, gzip: Buffer }>} */
  const files = new Map();
  for (const rel of await readdir(outDir, { recursive: true })) {
    const path = `/${rel.split('\\').join('/')}`;
    const type = TYPES[extname(path)];
    if (!type) continue;
    const raw = await readFile(join(outDir, rel)).catch(() => undefined);
    if (raw) files.set(path, { type, raw, gzip: gzipSync(raw, { level: 9 }) });
  }
  const demo = await import('../../demo/server/index.mjs');
  const opening = demo.openDemoStore({ dataDir, label: 'bench' });
  const fhir = demo.fhirMiddleware(opening);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files.get(path.endsWith('/') ? `${path}index.html` : path);
    if (file) {
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
      res.end(gzip ? file.gzip : file.raw);
      return;
    }
    fhir(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    });
  });
  await opening;
  await new Promise((/** @type {(v?: unknown) => void} */ done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(() => done(undefined)));
      await (await opening).close();
    },
  };
}

/**
 * A headless Chromium with a DevTools port chosen by the OS, for Lighthouse to drive.
 * @param {string} executablePath @param {string} profile
 */
function startChromium(executablePath, profile) {
  const child = spawn(executablePath, [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = new Promise((/** @type {(port: number) => void} */ resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools port within 20 s: ${seen.slice(-300)}`)), 20_000);
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${seen.slice(-300)}`)));
  });
  return {
    port,
    stop: () =>
      new Promise((/** @type {(v?: unknown) => void} */ done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * @param {{ root: string, tmp: string, executablePath: string, runs?: number, log: (line: string) => void }} options
 * @returns {Promise<LighthouseResult>}
 */
export async function measureLighthouse({ root, tmp, executablePath, runs = LIGHTHOUSE_RUNS, log }) {
  const outDir = join(tmp, 'lh-site');
  /** @type {LighthouseResult} */
  const empty = { url: '/demo/index.html', lighthouse: '', performance: null, accessibility: null, bestPractices: null, tbtMs: null, fcpMs: null, lcpMs: null, cls: null };
  await buildSite(root, outDir);
  const site = await serveSite({ outDir: join(outDir), dataDir: join(tmp, 'lh-data') });
  const chromium = startChromium(executablePath, join(tmp, 'lh-profile'));
  try {
    const port = await chromium.port;
    const { default: lighthouse } = await import('lighthouse');
    const url = `${site.origin}/demo/index.html`;
    /** @type {Omit<LighthouseResult, 'runs' | 'performanceRange'>[]} */
    const results = [];
    for (let run = 1; run <= runs; run++) {
      log(`  lighthouse run ${run}/${runs} (mobile, simulated throttling) on ${url}…`);
      const result = await lighthouse(url, {
        port,
        hostname: '127.0.0.1',
        logLevel: 'error',
        output: 'json',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const lhr = result?.lhr;
      if (!lhr) return { ...empty, error: 'lighthouse returned no result' };
      if (lhr.runtimeError) return { ...empty, lighthouse: lhr.lighthouseVersion, error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
      const score = (/** @type {string} */ id) => {
        const s = lhr.categories[id]?.score;
        return typeof s === 'number' ? Math.round(s * 100) : null;
      };
      const value = (/** @type {string} */ id, digits = 0) => {
        const v = lhr.audits[id]?.numericValue;
        return typeof v === 'number' ? Math.round(v * 10 ** digits) / 10 ** digits : null;
      };
      results.push({
        url: empty.url,
        lighthouse: lhr.lighthouseVersion,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        tbtMs: value('total-blocking-time'),
        fcpMs: value('first-contentful-paint'),
        lcpMs: value('largest-contentful-paint'),
        cls: value('cumulative-layout-shift', 3),
        // What the page fetched, from Lighthouse's own record: everything must stay on this machine.
        ...requestsOf(lhr),
      });
    }
    // Lighthouse's own advice for a noisy machine: several runs, the one with the median performance score.
    const sorted = [...results].sort((a, b) => (a.performance ?? -1) - (b.performance ?? -1));
    const scores = results.map((r) => r.performance ?? 0);
    return { ...sorted[(sorted.length - 1) >> 1], runs: results.length, performanceRange: [Math.min(...scores), Math.max(...scores)] };
  } catch (error) {
    return { ...empty, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await chromium.stop();
    await site.close();
  }
}

/** @param {any} lhr @returns {{ requests: number, foreign: string[] }} */
export function requestsOf(lhr) {
  /** @type {Array<{ url?: string }>} */
  const items = lhr.audits['network-requests']?.details?.items ?? [];
  const foreign = items.map((item) => item.url ?? '').filter((url) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(url));
  return { requests: items.length, foreign: [...new Set(foreign)] };
}

/** @param {LighthouseResult} r */
export function printLighthouse(r) {
  const range = r.performanceRange ? `; performance over the runs ${r.performanceRange[0]}–${r.performanceRange[1]}` : '';
  console.log(`\nLIGHTHOUSE ${r.lighthouse} (${r.url} built for production, demo FHIR server; default mobile settings, simulated throttling;`);
  console.log(`the median of ${r.runs ?? 0} runs by performance score${range})\n`);
  if (r.error) console.log(`  ERROR: ${r.error}`);
  const show = (/** @type {number | null} */ v, unit = '') => (v === null ? '-' : `${v}${unit}`);
  console.log(`  performance ${show(r.performance)}  accessibility ${show(r.accessibility)}  best-practices ${show(r.bestPractices)}`);
  console.log(`  TBT ${show(r.tbtMs, ' ms')}  FCP ${show(r.fcpMs, ' ms')}  LCP ${show(r.lcpMs, ' ms')}  CLS ${show(r.cls)}  (${r.requests ?? '?'} requests, all on 127.0.0.1${r.foreign?.length ? ` except ${r.foreign.join(', ')}` : ''})`);
  if (r.foreign?.length) console.log(`  WARN  the page fetched beyond 127.0.0.1: ${r.foreign.join(', ')}`);
}

// `node test/bench/lighthouse.mjs`: this part alone, printed, nothing written.
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const { findChromium } = await import('../support/chromium.mjs');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { fileURLToPath } = await import('node:url');
  const tmp = await mkdtemp(join(tmpdir(), 'portal-kit-lh-'));
  try {
    const r = await measureLighthouse({ root: fileURLToPath(new URL('../..', import.meta.url)), tmp, executablePath: findChromium(), log: console.log });
    printLighthouse(r);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
