// @ts-check
// Main-thread half of `npm run bench`: what a patient's browser pays for a page, in one interleaved run.
//
// Cases: an empty page (the zero point), plain Lit with 50 buttons with and without `Intl` labels, and
// `<portal-scheduler>` in `<portal-provider fhir-base-url>` (the real FHIR adapter, production bundles: the define
// entries built and code-split as a page would load them) against recorded FHIR answers (fhir-replay.mjs), once for
// a clinic's month (48 times on the day it opens on, 1,488 in the month searched) and once for a 5,000-slot day.
// Each load runs in a new browser context with a trace of the renderer's main thread, at 1× and at 4× CPU:
//   ready     ms from navigation start to the first render with data (performance.now() at that moment)
//   cpu       main-thread CPU (thread time of its tasks) from navigation start until ready and quiet
//   tbt       sum over those tasks of (wall duration − 50 ms), the part of each that blocks input
//   longest   the longest of those tasks (wall)
//   heap      JS heap in use after a forced garbage collection once quiet
// "Beyond empty" subtracts the empty page's median of the same run and CPU rate.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minifiedBundle } from './build.mjs';
import { BENCH_ZONE, CLINIC, MASS_SITE, benchClock, pinClockScript, startFhirReplay } from './fhir-replay.mjs';

/** @typedef {'empty' | 'lit' | 'lit-intl' | 'scheduler' | 'scheduler-5k'} CaseId */
/** @typedef {{ id: CaseId, name: string, path: string, expect?: { count: number, what: string } }} MtCase */
/** @typedef {{ readyMs: number, cpuMs: number, tbtMs: number, longestMs: number, tasks: number, heapBytes: number, count?: number, requests?: number, bytes?: number }} Sample */
/** @typedef {{ median: number, min: number, max: number }} Stat */
/** @typedef {{ case: CaseId, name: string, rate: number, runs: number, ready?: Stat, cpu?: Stat, cpuBeyondEmpty?: number, tbt?: Stat, longest?: Stat, heapMiB?: Stat, heapBeyondEmptyMiB?: number, count?: number, fhirRequests?: number, fhirKiB?: number, error?: string }} MtRow */
/** @typedef {{ rows: MtRow[], rates: number[], runs: number, clock: string, recorded: { requests: number, clinicSlots: number, massSlots: number, misses: string[] }, error?: string }} MainThread */

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SCHEDULER = 'portal-scheduler';
const RATES = [1, 4];
const MIB = 1024 * 1024;
// Thread-time (tdur) of every main-thread task comes with `toplevel`; `blink.user_timing` carries the navigation
// start and the probe's marks that bound the window.
const CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata'];
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/** @type {MtCase[]} */
export const CASES = [
  { id: 'empty', name: 'empty page', path: '/empty' },
  { id: 'lit', name: 'plain Lit, 50 buttons', path: '/lit', expect: { count: 50, what: 'buttons' } },
  { id: 'lit-intl', name: 'plain Lit, 50 buttons, Intl labels', path: '/lit-intl', expect: { count: 50, what: 'buttons' } },
  { id: 'scheduler', name: `${SCHEDULER}, ${CLINIC.perDay} times (FHIR)`, path: '/scheduler', expect: { count: CLINIC.perDay, what: 'time buttons' } },
  { id: 'scheduler-5k', name: `${SCHEDULER}, ${(MASS_SITE.starts * MASS_SITE.lanes).toLocaleString('en-US')} slots (FHIR)`, path: '/scheduler-5k', expect: { count: 60 / MASS_SITE.stepMinutes, what: "of the first hour's time buttons" } },
];

const READY = '[part~="slot"], [part~="hour"]';

/** @param {string} body @param {string} probe attributes of the probe script */
const html = (body, probe, module = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal-kit bench</title>
<link rel="icon" href="data:,"></head><body>${body}<script src="/probe.js"${probe}></script>${module ? `<script type="module" src="${module}"></script>` : ''}</body></html>`;

/** @param {string} location */
const schedulerPage = (location) =>
  html(
    `<portal-provider fhir-base-url="/fhir"><portal-scheduler location="${location}" vaccine="140"></portal-scheduler></portal-provider>`,
    ` data-host="${SCHEDULER}" data-ready='${READY}' data-count='[part~="slot"]'`,
    '/app/scheduler/entry.js',
  );

/**
 * Production bundles of every page: the scheduler's from dist/ (provider and scheduler define entries, code-split,
 * lazily loaded chunks beside them), the baselines from test/bench/pages; all minified the same way.
 * @param {{ root: string, dist: string, tmp: string }} paths
 * @returns {Promise<Map<string, [string, Buffer | string]>>}
 */
export async function buildPages({ root, dist, tmp }) {
  /** @type {Map<string, [string, Buffer | string]>} */
  const pages = new Map();
  const entry = join(tmp, 'mt-scheduler.js');
  await writeFile(entry, `import ${JSON.stringify(join(dist, 'define/portal-provider.js'))};\nimport ${JSON.stringify(join(dist, `define/${SCHEDULER}.js`))};\n`);
  /** @type {Array<[string, string, boolean]>} */
  const apps = [
    ['scheduler', entry, false],
    ['lit', join(root, 'test/bench/pages/plain-list.ts'), true],
    ['lit-intl', join(root, 'test/bench/pages/intl-list.ts'), true],
  ];
  for (const [name, file, inline] of apps) {
    const outDir = join(tmp, `mt-${name}`);
    await minifiedBundle({ root, entry: file, outDir, fileName: 'entry.js', inline });
    for (const rel of await readdir(outDir, { recursive: true })) {
      if (rel.endsWith('.js')) pages.set(`/app/${name}/${rel.split('\\').join('/')}`, ['text/javascript', await readFile(join(outDir, rel))]);
    }
  }
  pages.set('/probe.js', ['text/javascript', await readFile(join(root, 'test/bench/pages/probe.js'))]);
  pages.set('/empty', ['text/html', html('', '')]);
  pages.set('/lit', ['text/html', html('<bench-plain-list></bench-plain-list>', ` data-host="bench-plain-list" data-ready='[part~="item"]' data-count='[part~="item"]'`, '/app/lit/entry.js')]);
  pages.set('/lit-intl', ['text/html', html('<bench-intl-list></bench-intl-list>', ` data-host="bench-intl-list" data-ready='[part~="item"]' data-count='[part~="item"]'`, '/app/lit-intl/entry.js')]);
  pages.set('/scheduler', ['text/html', schedulerPage(CLINIC.locationId)]);
  pages.set('/scheduler-5k', ['text/html', schedulerPage(MASS_SITE.locationId)]);
  return pages;
}

/**
 * The page's main-thread tasks between navigation start and the probe's `bench-quiet` mark.
 * @param {Buffer} buffer a Chromium trace (JSON)
 * @returns {{ cpuMs: number, tbtMs: number, longestMs: number, tasks: number } | { error: string }}
 */
export function mainThreadWork(buffer) {
  /** @type {Array<{ name: string, cat: string, ph: string, ts: number, dur?: number, tdur?: number, pid: number, tid: number, args?: any }>} */
  const events = JSON.parse(buffer.toString('utf8')).traceEvents ?? [];
  const quiet = events.find((e) => e.name === 'bench-quiet');
  if (!quiet) return { error: 'no bench-quiet mark in the trace' };
  const { pid, tid } = quiet;
  const starts = events.filter((e) => e.name === 'navigationStart' && e.pid === pid && e.ts <= quiet.ts);
  const start = starts.at(-1)?.ts;
  if (start === undefined) return { error: 'no navigationStart in the trace' };
  const candidates = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && TASK_NAMES.has(e.name) && e.ts >= start && e.ts < quiet.ts)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Nested run loops report a task inside a task: count the outermost only.
  let end = -Infinity;
  let cpu = 0;
  let tbt = 0;
  let longest = 0;
  let tasks = 0;
  for (const task of candidates) {
    if (task.ts < end) continue;
    const dur = (task.dur ?? 0) / 1000;
    end = task.ts + (task.dur ?? 0);
    cpu += (task.tdur ?? task.dur ?? 0) / 1000;
    tbt += Math.max(0, dur - 50);
    longest = Math.max(longest, dur);
    tasks++;
  }
  return { cpuMs: cpu, tbtMs: tbt, longestMs: longest, tasks };
}

/**
 * One load of one case in a new context: trace, result, heap.
 * @param {{ browser: import('playwright-core').Browser, origin: string, pin: string, c: MtCase, rate: number, trace?: boolean }} options
 * @returns {Promise<Sample | { error: string }>}
 */
async function load({ browser, origin, pin, c, rate, trace = true }) {
  const context = await browser.newContext({ timezoneId: BENCH_ZONE, locale: 'en-US' });
  let tracing = false;
  try {
    await context.addInitScript(pin);
    const page = await context.newPage();
    /** @type {string[]} */
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const cdp = await context.newCDPSession(page);
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    if (trace) {
      await browser.startTracing(page, { categories: CATEGORIES });
      tracing = true;
    }
    await page.goto(`${origin}${c.path}`, { waitUntil: 'domcontentloaded' });
    /** @type {{ readyMs?: number, quietMs?: number, count?: number, requests?: number, bytes?: number, error?: string } | undefined} */
    const result = await page.evaluate(() => /** @type {any} */ (window).benchResult);
    const buffer = tracing ? await browser.stopTracing() : undefined;
    tracing = false;
    if (!result || result.error || result.readyMs === undefined) {
      return { error: `${result?.error ?? 'the probe did not run'}${pageErrors.length ? `; page error: ${pageErrors[0]}` : ''}` };
    }
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = /** @type {{ usedSize: number }} */ (await cdp.send('Runtime.getHeapUsage'));
    const work = buffer ? mainThreadWork(buffer) : { cpuMs: 0, tbtMs: 0, longestMs: 0, tasks: 0 };
    if ('error' in work) return work;
    const fhir = result.requests ? { requests: result.requests, bytes: result.bytes ?? 0 } : {};
    return { readyMs: result.readyMs, ...work, heapBytes: usedSize, ...(result.count !== undefined ? { count: result.count } : {}), ...fhir };
  } finally {
    if (tracing) await browser.stopTracing().catch(() => undefined);
    await context.close();
  }
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const round = (/** @type {number} */ v, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
/** @param {number[]} xs @param {number} [digits] @returns {Stat} */
const stat = (xs, digits = 1) => ({ median: round(median(xs), digits), min: round(Math.min(...xs), digits), max: round(Math.max(...xs), digits) });

/**
 * @param {{ browser: import('playwright-core').Browser, root?: string, dist: string, tmp: string, runs: number, log: (line: string) => void }} options
 * @returns {Promise<MainThread>}
 */
export async function measureMainThread({ browser, root = ROOT, dist, tmp, runs, log }) {
  const pages = await buildPages({ root, dist, tmp });
  const clock = benchClock();
  const pin = pinClockScript(clock.epoch);
  const server = await startFhirReplay({ today: clock.today, pages });
  /** @type {Map<string, Sample[]>} */
  const samples = new Map();
  /** @type {Map<CaseId, string>} */
  const failed = new Map();
  const key = (/** @type {CaseId} */ id, /** @type {number} */ rate) => `${id}@${rate}`;
  try {
    // Recording: one load per scheduler case against the live store; then the store is closed for good.
    for (const c of CASES.filter((x) => x.path.startsWith('/scheduler'))) {
      const result = await load({ browser, origin: server.origin, pin, c, rate: 1, trace: false });
      if ('error' in result) failed.set(c.id, `recording failed: ${result.error}`);
    }
    await server.replay();
    const recorded = {
      requests: server.recorded.size,
      clinicSlots: server.recordedSlots('sched-bench-clinic-flu'),
      massSlots: server.recordedSlots('sched-bench-arena-flu'),
      misses: /** @type {string[]} */ ([]),
    };
    log(`  recorded ${recorded.requests} FHIR answers (${recorded.clinicSlots} clinic slots in the month, ${recorded.massSlots} on the mass-vaccination day); clock pinned to ${clock.iso}`);

    /** @param {MtCase} c @param {number} rate */
    const once = async (c, rate) => {
      if (failed.has(c.id)) return;
      const result = await load({ browser, origin: server.origin, pin, c, rate });
      if ('error' in result) failed.set(c.id, result.error);
      else if (c.expect && result.count !== c.expect.count) failed.set(c.id, `showed ${result.count ?? '?'} ${c.expect.what}, expected ${c.expect.count}`);
      else samples.set(key(c.id, rate), [...(samples.get(key(c.id, rate)) ?? []), result]);
    };
    // A discarded round warms the browser's processes and the OS file cache.
    for (const c of CASES) await once(c, 1);
    samples.clear();
    // Run by run, rate by rate, case by case: whatever else the machine does falls on every case alike.
    for (let run = 1; run <= runs; run++) {
      log(`  main-thread run ${run}/${runs}`);
      for (const rate of RATES) for (const c of CASES) await once(c, rate);
    }
    recorded.misses = [...server.misses];

    /** @type {MtRow[]} */
    const rows = [];
    for (const rate of RATES) {
      const empty = samples.get(key('empty', rate)) ?? [];
      const emptyCpu = empty.length ? median(empty.map((s) => s.cpuMs)) : undefined;
      const emptyHeap = empty.length ? median(empty.map((s) => s.heapBytes)) : undefined;
      for (const c of CASES) {
        const got = samples.get(key(c.id, rate)) ?? [];
        /** @type {MtRow} */
        const row = { case: c.id, name: c.name, rate, runs: got.length };
        const error = failed.get(c.id);
        if (error) row.error = error;
        if (got.length) {
          const cpu = stat(got.map((s) => s.cpuMs));
          const heap = stat(got.map((s) => s.heapBytes / MIB), 2);
          Object.assign(row, {
            ready: stat(got.map((s) => s.readyMs)),
            cpu,
            ...(emptyCpu !== undefined ? { cpuBeyondEmpty: round(median(got.map((s) => s.cpuMs)) - emptyCpu) } : {}),
            tbt: stat(got.map((s) => s.tbtMs)),
            longest: stat(got.map((s) => s.longestMs)),
            heapMiB: heap,
            ...(emptyHeap !== undefined ? { heapBeyondEmptyMiB: round((median(got.map((s) => s.heapBytes)) - emptyHeap) / MIB, 2) } : {}),
            ...(got[0].count !== undefined ? { count: got[0].count } : {}),
            ...(got[0].requests ? { fhirRequests: got[0].requests, fhirKiB: round((got[0].bytes ?? 0) / 1024) } : {}),
          });
        }
        rows.push(row);
      }
    }
    return { rows, rates: RATES, runs, clock: clock.iso, recorded };
  } finally {
    await server.close();
  }
}

// ---- budgets and printing (called from bench.mjs) ----------------------------------------------------------------

/** @typedef {{ name: string, limit: number, value: number | null, unit: 'bytes' | 'ms' | 'ratio' | 'MiB', status: 'pass' | 'fail' | 'n/a', note?: string }} Budget */

/**
 * Issue 13's main-thread budgets, judged on one run's medians.
 * @param {MainThread | undefined} mt
 * @returns {Budget[]}
 */
export function mainThreadBudgets(mt) {
  const row = (/** @type {CaseId} */ id, /** @type {number} */ rate) => mt?.rows.find((r) => r.case === id && r.rate === rate);
  /** @type {(name: string, limit: number, unit: Budget['unit'], value: number | undefined, why: string | undefined) => Budget} */
  const budget = (name, limit, unit, value, why) =>
    value === undefined || why
      ? { name, limit, value: value ?? null, unit, status: 'n/a', note: why ?? 'n/a (not measured)' }
      : { name, limit, value, unit, status: value <= limit ? 'pass' : 'fail' };
  const why = (/** @type {MtRow | undefined} */ r) => (!mt ? 'n/a (main-thread bench did not run)' : !r ? 'n/a (case missing)' : r.error ? `n/a (${r.name}: ${r.error})` : !r.runs ? 'n/a (no runs)' : undefined);
  const s1 = row('scheduler', 1);
  const s4 = row('scheduler', 4);
  const i1 = row('lit-intl', 1);
  const k1 = row('scheduler-5k', 1);
  const sCpu = s1?.cpuBeyondEmpty;
  const iCpu = i1?.cpuBeyondEmpty;
  const ratio = sCpu !== undefined && iCpu !== undefined && iCpu > 0 ? round(sCpu / iCpu, 2) : undefined;
  const ratioWhy = why(s1) ?? why(i1) ?? (iCpu !== undefined && iCpu <= 0 ? 'n/a (plain Lit with Intl measured no CPU beyond the empty page)' : undefined);
  const s = s1?.name ?? SCHEDULER;
  const k = k1?.name ?? SCHEDULER;
  return [
    budget(`${s}: CPU beyond empty / plain Lit with Intl's (${sCpu ?? '?'} / ${iCpu ?? '?'} ms, 1×)`, 2, 'ratio', ratio, ratioWhy),
    budget(`${s}: TBT-like at 4× CPU`, 150, 'ms', s4?.tbt?.median, why(s4)),
    budget(`${s}: longest task at 4× CPU`, 200, 'ms', s4?.longest?.median, why(s4)),
    budget(`${s}: heap beyond empty`, 1.5, 'MiB', s1?.heapBeyondEmptyMiB, why(s1)),
    budget(`${k}: nav→ready at 1×`, 300, 'ms', k1?.ready?.median, why(k1)),
    budget(`${k}: longest task at 1×`, 200, 'ms', k1?.longest?.median, why(k1)),
  ];
}

/** @param {(string | number)[][]} rows @param {boolean[]} right */
function table(rows, right) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (/** @type {(string | number)[]} */ r) =>
    r.map((cell, i) => (right[i] ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** @param {MainThread} mt @param {string} chromium */
export function printMainThread(mt, chromium) {
  console.log(`\nMAIN THREAD (headless Chromium ${chromium}; a new context per load; ${mt.runs} interleaved runs, median (min–max); page clock ${mt.clock})`);
  console.log('ready: ms from navigation start to the first render with data. cpu: main-thread task thread time until ready and quiet;');
  console.log('+empty: beyond the empty page (medians). tbt: Σ(task − 50 ms). longest: longest task. heap: JS heap after GC. Scheduler cases:');
  console.log(`real FHIR adapter on recorded answers (${mt.recorded.requests} recorded; ${mt.recorded.clinicSlots} clinic slots in the month, ${mt.recorded.massSlots} on the mass-vaccination day).`);
  console.log('shown: buttons on screen at ready (the 5,000-slot day lists its hours and the first hour\'s times). FHIR: answers read by then, uncompressed.\n');
  const fmt = (/** @type {Stat | undefined} */ s, digits = 1) => (s ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : '-');
  const signed = (/** @type {number | undefined} */ v, digits = 1) => (v === undefined ? '-' : `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`);
  console.log(
    table(
      [
        ['case', 'cpu', 'runs', 'ready ms', 'cpu ms', '+empty', 'tbt ms', 'longest ms', 'heap MiB', '+empty', 'shown', 'FHIR read by ready'],
        ...mt.rows.map((r) => [
          r.name,
          `${r.rate}×`,
          r.runs,
          fmt(r.ready),
          fmt(r.cpu),
          r.case === 'empty' ? '' : signed(r.cpuBeyondEmpty),
          fmt(r.tbt),
          fmt(r.longest),
          fmt(r.heapMiB, 2),
          r.case === 'empty' ? '' : signed(r.heapBeyondEmptyMiB, 2),
          r.error ? `ERROR: ${r.error}` : (r.count ?? ''),
          r.fhirRequests ? `${r.fhirRequests} answers, ${r.fhirKiB} KiB` : '',
        ]),
      ],
      [false, true, true, true, true, true, true, true, true, true, false, false],
    ),
  );
  if (mt.recorded.misses.length) console.log(`\n  WARN  requests the recording did not hold: ${mt.recorded.misses.slice(0, 5).join(', ')}`);
}

// `node test/bench/main-thread.mjs` (after `npm run build`): this part alone, printed, nothing written.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { findChromium } = await import('../support/chromium.mjs');
  const { launch } = await import('./render.mjs');
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'define', `${SCHEDULER}.js`))) throw new Error('dist/ is empty: run `npm run build` first.');
  const tmp = join(tmpdir(), `portal-kit-mt-${process.pid}`);
  await mkdir(tmp, { recursive: true });
  const browser = await launch(findChromium());
  try {
    const runs = Number(process.env.BENCH_RUNS) > 0 ? Number(process.env.BENCH_RUNS) : 7;
    const mt = await measureMainThread({ browser, dist, tmp, runs, log: console.log });
    printMainThread(mt, browser.version());
    for (const b of mainThreadBudgets(mt)) console.log(`  ${b.status.toUpperCase()}  ${b.name}: ${b.value ?? b.note} (limit ${b.limit} ${b.unit})`);
  } finally {
    await browser.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
