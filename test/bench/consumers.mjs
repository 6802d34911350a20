// @ts-check
// What an app pays that installs portal-kit from npm and bundles it: three small apps with the same source
// (scheduler + provider define entries, and the FHIR adapter from the package's main entry, really used), built
// by esbuild, Vite (Rolldown) and webpack in production mode. Each app resolves `portal-kit` through a
// node_modules link to this package, so `exports` and `sideEffects` are read exactly as an npm user's bundler
// reads them; lit, @lit/* and zod come from the project's node_modules. Each built app is loaded in Chromium
// against the demo FHIR server and the scripts it fetched before the first time button showed are counted (the
// same method as first-load.mjs, which measures the library's own build of the same elements).
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, relative } from 'node:path';
import { compressedSizes, sum } from './sizes.mjs';
import { listFiles, loadUntilReady } from './page-server.mjs';

/** @typedef {import('./sizes.mjs').Sizes} Sizes */
/** @typedef {{ path: string, bytes: number }} Input */
/** @typedef {{ file: string, loaded: boolean } & Sizes} ConsumerFile */
/**
 * @typedef {{ bundler: string, version: string, loaded: Sizes, all: Sizes, files: ConsumerFile[],
 *   inputs: Input[], inputsNote: string, error?: string }} ConsumerRow
 * `inputs`: the largest modules in the chunks fetched before the first times show, as the bundler reports them.
 */
/** @typedef {{ build: (app: App) => Promise<{ inputs: Input[], inputsNote: string }>, version: () => Promise<string>, source?: string }} Bundler */
/** @typedef {{ dir: string, main: string, outDir: string, root: string }} App */

// The source every app shares. The adapter is really used (assigned to the provider), so no bundler may drop it.
const MAIN = `import 'portal-kit/define/portal-scheduler';
import 'portal-kit/define/portal-provider';
import { createFhirAdapter } from 'portal-kit';

const provider = document.querySelector('portal-provider');
provider.api = createFhirAdapter({ baseUrl: new URL('/fhir', location.href).href });
`;
// The same app taking the adapter from its own entry: esbuild with code splitting ignores `sideEffects`, so anything
// imported from the barrel loads all it re-exports; `portal-kit/fhir` is the way round that for esbuild apps.
const MAIN_FHIR = MAIN.replace("from 'portal-kit';", "from 'portal-kit/fhir';");
const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer app</title><link rel="icon" href="data:,"></head>
<body><portal-provider><portal-scheduler></portal-scheduler></portal-provider><script type="module" src="/js/entry.js"></script></body></html>`;
const READY = 'portal-scheduler [part~="slot"], portal-scheduler [part~="hour"]';
/** What the page downloads and runs (source maps, licence notes and HTML are not). */
const SHIPPED = new Set(['.js', '.mjs', '.css']);
const TOP = 12;

/** @param {string} root @param {string} path a module path as a bundler reports it, shown relative to the project */
function shortPath(root, path) {
  const clean = path.replace(/^\0+/, '').replace(/\?.*$/, '');
  const rel = clean.startsWith('/') ? relative(root, clean) : clean;
  return rel.split('\\').join('/');
}

/** The largest inputs first, summed per path. @param {Input[]} inputs */
function top(inputs) {
  /** @type {Map<string, number>} */
  const by = new Map();
  for (const { path, bytes } of inputs) by.set(path, (by.get(path) ?? 0) + bytes);
  return [...by].map(([path, bytes]) => ({ path, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, TOP);
}

/** @param {string} root @returns {Record<string, Bundler>} */
function bundlers(root) {
  const require = createRequire(join(root, 'package.json'));
  /** @type {Bundler} */
  const esbuildApp = {
      version: async () => (await import('esbuild')).version,
      async build({ main, outDir, dir }) {
        const esbuild = await import('esbuild');
        const result = await esbuild.build({
          absWorkingDir: dir,
          entryPoints: { entry: main },
          outdir: outDir,
          bundle: true,
          splitting: true,
          format: 'esm',
          platform: 'browser',
          minify: true,
          // What an app's production build sets; esbuild also implies it for a minified browser build.
          define: { 'process.env.NODE_ENV': '"production"' },
          chunkNames: 'chunks/[name]-[hash]',
          metafile: true,
          logLevel: 'silent',
        });
        /** @type {Array<Input & { output: string }>} */
        const inputs = [];
        for (const [output, meta] of Object.entries(result.metafile.outputs)) {
          for (const [path, { bytesInOutput }] of Object.entries(meta.inputs)) {
            inputs.push({ output: shortPath(outDir, join(dir, output)), path: shortPath(root, join(dir, path)), bytes: bytesInOutput });
          }
        }
        return { inputs, inputsNote: 'esbuild metafile: minified bytes in output' };
      },
  };
  return {
    esbuild: esbuildApp,
    'esbuild, adapter from portal-kit/fhir': { ...esbuildApp, source: MAIN_FHIR },
    // Vite 8 bundles with Rolldown (Vite 7 and earlier used Rollup).
    'vite (rolldown)': {
      version: async () => {
        const vite = await import('vite');
        return `${vite.version} (rolldown ${vite.rolldownVersion})`;
      },
      async build({ dir, main, outDir }) {
        const vite = await import('vite');
        const out = await vite.build({
          configFile: false,
          envFile: false,
          root: dir,
          base: '/js/',
          logLevel: 'silent',
          publicDir: false,
          build: {
            outDir,
            emptyOutDir: true,
            reportCompressedSize: false,
            rolldownOptions: { input: { entry: main }, output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
          },
        });
        const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
        /** @type {Array<Input & { output: string }>} */
        const inputs = [];
        for (const chunk of outputs) {
          if (chunk.type !== 'chunk') continue;
          for (const [id, mod] of Object.entries(chunk.modules)) inputs.push({ output: chunk.fileName, path: shortPath(root, id), bytes: mod.renderedLength });
        }
        return { inputs, inputsNote: 'Rolldown: rendered bytes per module before minification' };
      },
    },
    webpack: {
      version: async () => require('webpack/package.json').version,
      async build({ dir, main, outDir }) {
        const webpack = require('webpack');
        /** @type {import('webpack').Stats} */
        const stats = await new Promise((done, fail) =>
          webpack(
            {
              mode: 'production',
              context: dir,
              entry: { entry: main },
              devtool: false,
              output: { path: outDir, filename: '[name].js', chunkFilename: 'chunks/[name]-[contenthash].js', publicPath: '/js/', clean: true },
              performance: { hints: false },
            },
            (error, result) =>
              error || !result
                ? fail(error ?? new Error('webpack returned no stats'))
                : result.hasErrors()
                  ? fail(new Error(result.toString({ all: false, errors: true })))
                  : done(result),
          ),
        );
        const json = stats.toJson({ all: false, chunks: true, modules: true, nestedModules: true, ids: true });
        /** @type {Map<string | number, string[]>} */
        const filesOf = new Map((json.chunks ?? []).map((c) => [c.id ?? '', [...(c.files ?? [])]]));
        /** @type {Array<Input & { output: string }>} */
        const inputs = [];
        for (const mod of json.modules ?? []) {
          // A concatenated module lists the modules it was made of; the path is the file's own (nameForCondition).
          for (const m of mod.modules ?? [mod]) {
            const path = m.nameForCondition ?? m.name ?? '?';
            for (const id of mod.chunks ?? []) for (const output of filesOf.get(id) ?? []) inputs.push({ output, path: shortPath(root, path), bytes: m.size ?? 0 });
          }
        }
        return { inputs, inputsNote: 'webpack stats: module source bytes before minification' };
      },
    },
  };
}

/** The temp app: its source, and `node_modules/portal-kit` pointing at this package. @returns {Promise<App>} */
async function makeApp(/** @type {string} */ root, /** @type {string} */ tmp, /** @type {string} */ name, source = MAIN) {
  const dir = join(tmp, `consumer-${name.replace(/\W+/g, '-')}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'src'), { recursive: true });
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(root, join(dir, 'node_modules', 'portal-kit'), 'dir');
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }, null, 2)}\n`);
  const main = join(dir, 'src', 'main.js');
  await writeFile(main, source);
  return { dir, main, outDir: join(dir, 'dist'), root };
}

/**
 * @param {{ browser: import('playwright-core').Browser, root: string, dist: string, tmp: string, only?: string[] }} options
 *   `dist` is where the package's built files are (it must be `root`/dist: the apps read it through `exports`).
 * @returns {Promise<ConsumerRow[]>}
 */
export async function measureConsumers({ browser, root, dist, tmp, only }) {
  if (relative(root, dist) !== 'dist') throw new Error(`consumer apps read portal-kit through package.json exports, which point at ${join(root, 'dist')}, not ${dist}`);
  /** @type {ConsumerRow[]} */
  const rows = [];
  for (const [bundler, { build, version, source }] of Object.entries(bundlers(root))) {
    if (only && !only.some((name) => bundler.startsWith(name))) continue;
    const row = /** @type {ConsumerRow} */ ({ bundler, version: await version(), loaded: sum([]), all: sum([]), files: [], inputs: [], inputsNote: '' });
    rows.push(row);
    try {
      const app = await makeApp(root, tmp, bundler, source);
      const { inputs, inputsNote } = await build(app);
      const { fetched, error } = await loadUntilReady({ browser, tmp, label: `consumer-${bundler.replace(/\W+/g, '-')}`, html: HTML, outDir: app.outDir, ready: READY });
      const shipped = (await listFiles(app.outDir)).filter((file) => SHIPPED.has(extname(file))).sort();
      row.files = await Promise.all(shipped.map(async (file) => ({ file, loaded: fetched.has(file), ...compressedSizes(await readFile(join(app.outDir, file))) })));
      row.loaded = sum(row.files.filter((f) => f.loaded));
      row.all = sum(row.files);
      row.inputs = top(/** @type {Array<Input & { output: string }>} */ (inputs).filter((i) => fetched.has(i.output)));
      row.inputsNote = inputsNote;
      // src/model/z.ts sets zod's jitless rule at module level; a sideEffects list that misses its chunk lets the
      // app's bundler drop the call, and nothing else would show it.
      const texts = await Promise.all(shipped.map((file) => readFile(join(app.outDir, file), 'utf8')));
      if (error) row.error = error;
      else if (!row.files.some((f) => f.loaded)) row.error = 'the page fetched none of the built files';
      else if (!texts.some((text) => text.includes('jitless'))) row.error = "zod's jitless config call was dropped (is its dist chunk in package.json sideEffects?)";
    } catch (e) {
      row.error = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e);
    }
  }
  return rows;
}

/** @typedef {import('./first-load.mjs').FirstLoad} FirstLoad */
/** @typedef {{ name: string, limit: number, value: number | null, unit: 'bytes', status: 'pass' | 'fail' | 'n/a', note?: string }} ConsumerBudget */

/** How much more than the library's own first load an app's bundler may make of the same elements. */
export const CONSUMER_SLACK = 1.1;

/**
 * One budget per bundler: what its app fetched before the first times show, gzip, against 110% of the library's
 * own first-load figure (first-load.mjs: the same provider + scheduler, built from dist by Vite).
 * @param {ConsumerRow[] | undefined} rows @param {FirstLoad | undefined} firstLoad @returns {ConsumerBudget[]}
 */
export function consumerBudgets(rows, firstLoad) {
  const own = firstLoad && !firstLoad.error ? firstLoad.total.gzip : undefined;
  return (rows ?? []).map((row) => {
    const name = `consumer app (${row.bundler}) first load ≤ ${Math.round(CONSUMER_SLACK * 100)}% of the library's own first-load figure, gzip`;
    const limit = own === undefined ? 0 : Math.round(CONSUMER_SLACK * own);
    const why = row.error ? `n/a (${row.error})` : own === undefined ? `n/a (no library first-load figure${firstLoad?.error ? `: ${firstLoad.error}` : ''})` : undefined;
    return why
      ? { name, limit, value: row.error ? null : row.loaded.gzip, unit: 'bytes', status: 'n/a', note: why }
      : { name, limit, value: row.loaded.gzip, unit: 'bytes', status: row.loaded.gzip <= limit ? 'pass' : 'fail' };
  });
}

const kib = (/** @type {number} */ n) => (n / 1024).toFixed(2);

/** The CONSUMER BUNDLES table and each app's largest inputs. @param {ConsumerRow[]} rows @param {FirstLoad | undefined} firstLoad */
export function printConsumers(rows, firstLoad) {
  const own = firstLoad && !firstLoad.error ? firstLoad.total.gzip : undefined;
  console.log('\nCONSUMER BUNDLES (an app importing define/portal-scheduler, define/portal-provider and createFhirAdapter from');
  console.log("portal-kit through the package's exports; production builds; loaded in Chromium against the demo FHIR server;");
  console.log(`"first load": scripts fetched before the first time shows; KB = 1024 bytes, gzip level 9)\n`);
  const head = ['bundler', 'version', 'files', 'first load raw', 'gzip', 'brotli', 'vs own', 'all chunks gzip'];
  const body = rows.map((r) => [
    r.bundler,
    r.version,
    `${r.files.filter((f) => f.loaded).length}/${r.files.length}`,
    kib(r.loaded.raw),
    kib(r.loaded.gzip),
    kib(r.loaded.brotli),
    own && !r.error ? `${Math.round((r.loaded.gzip / own) * 100)}%` : '-',
    r.error ? `ERROR: ${r.error}` : kib(r.all.gzip),
  ]);
  if (own !== undefined && firstLoad) body.push(['library own build', '(first-load.mjs)', `${firstLoad.loaded.length}/${firstLoad.loaded.length + firstLoad.later.length}`, kib(firstLoad.total.raw), kib(own), kib(firstLoad.total.brotli), '100%', kib(sum([...firstLoad.loaded, ...firstLoad.later]).gzip)]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => String(r[i]).length)));
  const right = [false, false, true, true, true, true, true, false];
  const line = (/** @type {string[]} */ r) => r.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log([line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n'));
  for (const r of rows.filter((row) => row.inputs.length)) {
    console.log(`\n  ${r.bundler}, largest inputs of its first load (${r.inputsNote}):`);
    for (const i of r.inputs.slice(0, 8)) console.log(`    ${kib(i.bytes).padStart(7)} KB  ${i.path}`);
  }
}

// `node test/bench/consumers.mjs [bundler…]` (after `npm run build`): these rows alone, without the whole bench.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { fileURLToPath } = await import('node:url');
  const { findChromium } = await import('../support/chromium.mjs');
  const { launch } = await import('./render.mjs');
  const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
  const tmp = await mkdtemp(join(tmpdir(), 'portal-kit-consumers-'));
  const browser = await launch(findChromium());
  try {
    const rows = await measureConsumers({ browser, root, dist: join(root, 'dist'), tmp, only: process.argv.slice(2).length ? process.argv.slice(2) : undefined });
    printConsumers(rows, undefined);
    for (const r of rows) {
      console.log(`\n${r.bundler}:`);
      for (const f of r.files) console.log(`  ${f.loaded ? 'loaded' : 'later '} ${f.file.padEnd(44)} ${kib(f.raw).padStart(8)} ${kib(f.gzip).padStart(8)}`);
    }
  } finally {
    await browser.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
