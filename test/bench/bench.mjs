// @ts-check
// `npm run bench` (after `npm run build`): bundle sizes and first-render timings, checked against the budgets in
// DESIGN.md §8. Prints a report and writes bench-results.json. A benchmark, not a test: a blown budget prints
// FAIL but exits 0; only a bench that cannot measure at all (build, browser) exits non-zero.
import { findChromium } from '../support/chromium.mjs';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureSizes } from './sizes.mjs';
import { buildBenchBundle, launch, measureRenders, startServer, undefinedInBundle } from './render.mjs';
import { measureFirstLoad } from './first-load.mjs';
import { measureAddedLoad } from './added-load.mjs';
import { consumerBudgets, measureConsumers, printConsumers } from './consumers.mjs';
import { mainThreadBudgets, measureMainThread, printMainThread } from './main-thread.mjs';
import { measureLighthouse, printLighthouse } from './lighthouse.mjs';

/** @typedef {import('./sizes.mjs').SizeRow} SizeRow */
/** @typedef {import('./render.mjs').Case} Case */
/** @typedef {import('./render.mjs').RenderRow} RenderRow */
/** @typedef {import('./first-load.mjs').FirstLoad} FirstLoad */
/** @typedef {import('./added-load.mjs').AddedLoad} AddedLoad */
/** @typedef {import('./main-thread.mjs').MainThread} MainThread */
/** @typedef {import('./lighthouse.mjs').LighthouseResult} LighthouseResult */
/** @typedef {{ name: string, limit: number, value: number | null, unit: 'bytes' | 'ms' | 'ratio' | 'MiB', status: 'pass' | 'fail' | 'n/a', note?: string }} Budget */

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = join(ROOT, 'dist');
const KB = 1024; // budgets are in KiB: 1 KB = 1024 bytes
const RUNS = Number(process.env.BENCH_RUNS) > 0 ? Number(process.env.BENCH_RUNS) : 7;
const SCHEDULER = 'portal-scheduler';
const MISSING = `n/a (${SCHEDULER} not built yet)`;

// What "rendered with real data" looks like per tag: a part that only exists once the data arrived. Tags not
// listed fall back to "content and no loading/notice/error box" (see page.ts). A new element should add its row.
/** @type {Record<string, string>} */
const READY = {
  'portal-patient-banner': '[part~="banner"]',
  'portal-sign-in': '[part~="name"]',
  'portal-messages': '[part~="inbox"]',
  'portal-results': '[part~="reports"], [part~="empty"]',
  'vaccine-record': '[part~="history"]',
  // A time button, or an hour button on a day too full to list every time at once.
  [SCHEDULER]: '[part~="slot"], [part~="hour"]',
};
// Elements a signed-in page adds to the shared core (added-load.mjs), each with its budget and what "first render
// with data" is on the demo server for its patient.
/** @type {Array<{ tag: string, ready: string, limit: number }>} */
const ADDED = [
  { tag: 'portal-messages', ready: 'portal-messages [part~="inbox"]', limit: 12 * KB },
  { tag: 'portal-results', ready: 'portal-results [part~="reports"]', limit: 12 * KB },
  { tag: 'vaccine-record', ready: 'vaccine-record [part~="history"]', limit: 14 * KB },
];
// The one-file bundle defines every tag: 80 KB for the core and the scheduler, and each later element may add what
// its issue allows beyond the core.
const BUNDLE_CORE_LIMIT = 80 * KB;
// The memory adapter's mass-vaccination site publishes `slotsPerDay` free flu slots a day, 08:00-20:00 in New
// York, every day. The adapter's clock is set to the small hours of the next New York day, so the day the
// scheduler opens on is a whole one: exactly `slotsPerDay` slots, counted by the page (see page.ts).
/** @type {Record<string, string>} */
const SCHEDULER_ATTRS = { location: 'loc-vax', vaccine: '140' };
/** 06:00 UTC of tomorrow's New York date: 01:00 or 02:00 there, before the site opens. */
function nextNewYorkNight() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const next = new Date(`${today}T06:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}
// Tags that render nothing by themselves.
const SKIP = new Set(['portal-provider']);

/** @param {number} n */
const count = (n) => n.toLocaleString('en-US');

/** @param {string[]} tags @returns {Case[]} */
function renderCases(tags) {
  /** @type {Case[]} */
  const cases = [];
  for (const tag of tags.filter((t) => !SKIP.has(t))) {
    if (tag === SCHEDULER) {
      for (const n of [50, 5000]) {
        const scenario = { tag, attrs: SCHEDULER_ATTRS, adapter: { slotsPerDay: n, nowIso: nextNewYorkNight() }, ready: READY[tag], countDaySlots: true };
        cases.push({ name: `${tag} (${count(n)} slots)`, scenario, expectItems: n });
      }
    } else {
      cases.push({ name: tag, scenario: { tag, adapter: {}, ready: READY[tag] } });
    }
  }
  // Always measured, so the comparison numbers exist before the scheduler does.
  for (const n of [50, 5000]) {
    cases.push({
      name: `plain-lit (${count(n)} items)`,
      scenario: { tag: 'bench-plain-list', count: n, ready: '[part~="list"]', items: '[part~="item"]' },
      expectItems: n,
    });
  }
  return cases;
}

/** @param {SizeRow[]} sizes @param {string[]} tags @param {FirstLoad | undefined} firstLoad @param {MainThread | undefined} mainThread @param {AddedLoad[]} added @returns {Budget[]} */
function checkBudgets(sizes, tags, firstLoad, mainThread, added) {
  /** @type {(name: string, limit: number, unit: Budget['unit'], value: number | undefined, why?: string) => Budget} */
  const budget = (name, limit, unit, value, why) =>
    value === undefined || why
      ? { name, limit, value: value ?? null, unit, status: 'n/a', note: why ?? MISSING }
      : { name, limit, value, unit, status: value <= limit ? 'pass' : 'fail' };

  const loader = sizes.find((s) => s.entry === 'portal-kit.js');
  const bundled = ADDED.filter((a) => tags.includes(a.tag));
  const bundle = sizes.find((s) => s.entry === 'portal-kit.bundle.js');
  return [
    budget(
      `define/${SCHEDULER}.js with its provider, scripts loaded before the first times show, gzip`,
      38 * KB,
      'bytes',
      firstLoad?.total.gzip,
      firstLoad?.error ? `n/a (${firstLoad.error})` : undefined,
    ),
    ...added.map((row) =>
      budget(
        `<${row.tag}> added to a signed-in page with the shared core, before its first render with data, gzip`,
        ADDED.find((a) => a.tag === row.tag)?.limit ?? 0,
        'bytes',
        row.total.gzip,
        row.error ? `n/a (${row.error})` : undefined,
      ),
    ),
    budget('portal-kit.js loader, gzip', 3 * KB, 'bytes', loader?.gzip, loader ? undefined : 'n/a (dist/portal-kit.js missing)'),
    budget(
      `portal-kit.bundle.js (${['core and scheduler', ...bundled.map((a) => a.tag)].join(', ')}), gzip`,
      BUNDLE_CORE_LIMIT + bundled.reduce((total, a) => total + a.limit, 0),
      'bytes',
      bundle?.gzip,
      bundle ? undefined : 'n/a (dist/portal-kit.bundle.js missing)',
    ),
    // Main-thread work against the real FHIR adapter (main-thread.mjs); the memory adapter's render times are not judged.
    ...mainThreadBudgets(mainThread),
  ];
}

// ---- printing -------------------------------------------------------------------------------------------------

/** @param {(string | number)[][]} rows @param {boolean[]} right which columns are right-aligned */
function table(rows, right) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (/** @type {(string | number)[]} */ r) =>
    r.map((cell, i) => (right[i] ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const kb = (/** @type {number} */ bytes) => (bytes / KB).toFixed(2);
const ms = (/** @type {number | null} */ v) => (v === null ? '-' : v.toFixed(1));

/** @param {Budget} b */
function budgetLine(b) {
  const show = (/** @type {number} */ v) => (b.unit === 'bytes' ? `${kb(v)} KB` : b.unit === 'ms' ? `${v.toFixed(1)} ms` : b.unit === 'MiB' ? `${v.toFixed(2)} MiB` : `${v.toFixed(2)}×`);
  if (b.status === 'n/a') return `  n/a   ${b.name} ≤ ${show(b.limit)}: ${b.note}`;
  return `  ${b.status === 'pass' ? 'PASS' : 'FAIL'}  ${b.name}: ${show(/** @type {number} */ (b.value))} (limit ${show(b.limit)})`;
}

/** @param {{ sizes: SizeRow[], renders: RenderRow[], firstLoad?: FirstLoad, added: AddedLoad[], consumers?: import('./consumers.mjs').ConsumerRow[], mainThread?: MainThread, lighthouse?: LighthouseResult, budgets: Budget[], chromium: string, warnings: string[] }} report */
function print({ sizes, renders, firstLoad, added, consumers, mainThread, lighthouse, budgets, chromium, warnings }) {
  console.log(`\nSIZES (KB = 1024 bytes; gzip level 9, brotli quality 11)`);
  console.log('"as built": the entry plus the chunks it statically imports, each compressed on its own; lit, @lit/* and zod stay');
  console.log('external except in the portal-kit*.js script-tag files. "self-contained": the entry bundled with everything it needs (lit, zod, and for an element its provider with the FHIR adapter), minified.\n');
  const sc = (/** @type {SizeRow} */ s, /** @type {'raw' | 'gzip' | 'brotli'} */ k) => (s.selfContained ? kb(s.selfContained[k]) : '');
  console.log(
    table(
      [
        ['entry', 'files', 'raw', 'gzip', 'brotli', 'self-contained raw', 'gzip', 'brotli'],
        ...sizes.map((s) => [s.entry, s.files, kb(s.raw), kb(s.gzip), kb(s.brotli), sc(s, 'raw'), sc(s, 'gzip'), sc(s, 'brotli')]),
      ],
      [false, true, true, true, true, true, true, true],
    ),
  );
  console.log(`\nRENDER (ms from navigation start to first render with data; headless Chromium ${chromium}; memory adapter, not judged by a budget)\n`);
  console.log(
    table(
      [
        ['case', 'runs', 'median', 'min', 'max', 'items'],
        ...renders.map((r) => [r.name, r.runs, ms(r.medianMs), ms(r.minMs), ms(r.maxMs), r.error ? `ERROR: ${r.error}` : (r.items ?? '')]),
      ],
      [false, true, true, true, true, false],
    ),
  );
  if (firstLoad) {
    console.log(`\nFIRST LOAD (<${firstLoad.tag}> in <portal-provider> on the demo FHIR server: scripts fetched before the first time shows)\n`);
    const rows = [
      ...firstLoad.loaded.map((f) => ['loaded', f.file, kb(f.raw), kb(f.gzip), kb(f.brotli)]),
      ['total', '', kb(firstLoad.total.raw), kb(firstLoad.total.gzip), kb(firstLoad.total.brotli)],
      ...firstLoad.later.map((f) => ['later', f.file, kb(f.raw), kb(f.gzip), kb(f.brotli)]),
    ];
    console.log(table([['when', 'file', 'raw', 'gzip', 'brotli'], ...rows], [false, false, true, true, true]));
  }
  for (const row of added) {
    console.log(`\nADDED TO THE CORE (<${row.tag}> beside the provider, sign-in and patient banner, signed in on the demo server;`);
    console.log(`scripts the page fetched before the element's first render with data that the core page did not; core page ${kb(row.core.gzip)} KB gzip)\n`);
    const rows = [
      ...row.added.map((f) => ['added', f.file, kb(f.raw), kb(f.gzip), kb(f.brotli)]),
      ['total', row.error ? `ERROR: ${row.error}` : '', kb(row.total.raw), kb(row.total.gzip), kb(row.total.brotli)],
      ...row.later.map((f) => ['later', f.file, kb(f.raw), kb(f.gzip), kb(f.brotli)]),
    ];
    console.log(table([['when', 'file', 'raw', 'gzip', 'brotli'], ...rows], [false, false, true, true, true]));
  }
  if (consumers) printConsumers(consumers, firstLoad);
  if (mainThread) printMainThread(mainThread, chromium);
  if (lighthouse) printLighthouse(lighthouse);
  console.log('\nBUDGETS');
  for (const b of budgets) console.log(budgetLine(b));
  for (const w of warnings) console.log(`  WARN  ${w}`);
  const failed = budgets.filter((b) => b.status === 'fail').length;
  const errors = renders.filter((r) => r.error).length;
  console.log(`\n${failed ? `${failed} budget(s) FAILED` : 'no budget failed'}${errors ? `; ${errors} render case(s) ERRORED` : ''}.`);
}

// ---- main -----------------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(DIST, 'index.js'))) throw new Error('dist/ is empty: run `npm run build` first (`npm run bench` does).');
  const executablePath = findChromium();

  const tmp = await mkdtemp(join(tmpdir(), 'portal-kit-bench-'));
  /** @type {(() => Promise<void>) | undefined} */
  let closeServer;
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  try {
    console.log('measuring sizes (one self-contained build per define entry)…');
    const { rows: sizes, tags } = await measureSizes({ root: ROOT, dist: DIST, tmp });

    console.log('building the bench page bundle…');
    const pageDir = join(tmp, 'page');
    await buildBenchBundle(ROOT, pageDir);
    const server = await startServer({ benchJs: join(pageDir, 'bench.js'), portalKitJs: join(DIST, 'portal-kit.js') });
    closeServer = server.close;
    browser = await launch(executablePath);

    /** @type {string[]} */
    const warnings = [];
    if (sizes.some((s) => s.entry === 'portal-kit.js')) {
      const missing = await undefinedInBundle({ browser, origin: server.origin, tags });
      if (missing.length) warnings.push(`the script-tag files on a page with every tag do not define: ${missing.join(', ')}`);
    }

    const cases = renderCases(tags);
    console.log(`timing ${cases.length} render cases × ${RUNS} runs (plus one warm-up round)…`);
    const renders = await measureRenders({ browser, origin: server.origin, cases, runs: RUNS, log: console.log });
    const chromium = browser.version();

    /** @type {FirstLoad | undefined} */
    let firstLoad;
    if (tags.includes(SCHEDULER)) {
      console.log(`loading ${SCHEDULER} against the demo FHIR server to count what its first render needs…`);
      firstLoad = await measureFirstLoad({
        browser,
        root: ROOT,
        dist: DIST,
        tmp,
        tag: SCHEDULER,
        markup: `<${SCHEDULER}></${SCHEDULER}>`,
        ready: `${SCHEDULER} [part~="slot"], ${SCHEDULER} [part~="hour"]`,
      });
    }
    /** @type {AddedLoad[]} */
    const added = [];
    for (const { tag, ready } of ADDED.filter((a) => tags.includes(a.tag))) {
      console.log(`signing in on the demo server to count what <${tag}> adds to a page with the shared core…`);
      added.push(await measureAddedLoad({ browser, root: ROOT, dist: DIST, tmp, tag, ready }));
    }
    /** @type {import('./consumers.mjs').ConsumerRow[] | undefined} */
    let consumers;
    if (tags.includes(SCHEDULER)) {
      console.log('building the consumer apps (esbuild, Vite with Rolldown, webpack) and loading each against the demo FHIR server…');
      consumers = await measureConsumers({ browser, root: ROOT, dist: DIST, tmp });
    }
    /** @type {MainThread | undefined} */
    let mainThread;
    if (tags.includes(SCHEDULER)) {
      console.log(`main-thread work: ${SCHEDULER} on recorded FHIR answers beside plain-Lit baselines, ${RUNS} runs at 1× and 4× CPU (plus one warm-up round)…`);
      mainThread = await measureMainThread({ browser, root: ROOT, dist: DIST, tmp, runs: RUNS, log: console.log });
    }
    console.log('lighthouse on a production build of the demo site…');
    const lighthouse = await measureLighthouse({ root: ROOT, tmp, executablePath, log: console.log });

    const budgets = [...checkBudgets(sizes, tags, firstLoad, mainThread, added), ...consumerBudgets(consumers, firstLoad)];
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      chromium,
      sizes: sizes.map(({ files: _files, ...row }) => row),
      renders,
      firstLoad,
      added,
      consumers,
      mainThread,
      lighthouse,
      budgets,
      warnings,
    };
    print({ sizes, renders, firstLoad, added, consumers, mainThread, lighthouse, budgets, chromium, warnings });
    await writeFile(join(ROOT, 'bench-results.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('wrote bench-results.json');
  } finally {
    await browser?.close();
    await closeServer?.();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 1;
});
