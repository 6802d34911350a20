// @ts-check
// What one element adds to a hospital page that already loads the shared core: two pages built together from
// the npm build's define entries (so they share chunk files), both signed in through the demo's real SMART pages
// as a demo patient — one with the provider, the sign-in button and the patient banner (the core every signed-in
// page pays for), one with the element beside them. Counted: the scripts the second page fetched, until the
// element's first render with data, that the first page did not.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { compressedSizes, sum } from './sizes.mjs';
import { minifiedBundle } from './build.mjs';
import { listFiles, loadUntilReady } from './page-server.mjs';

/** @typedef {import('./sizes.mjs').Sizes} Sizes */
/** @typedef {{ tag: string, added: Array<{ file: string } & Sizes>, later: Array<{ file: string } & Sizes>, total: Sizes, core: Sizes, error?: string }} AddedLoad */

const CORE_TAGS = ['portal-provider', 'portal-sign-in', 'portal-patient-banner'];
const CORE_READY = 'portal-patient-banner [part~="name"]';
const PATIENT = 'Daniel Okafor';
/** Below `/demo/`, where the demo's authorization server sends people back after sign-in. */
const PAGE_PATH = '/demo/added-load.html';

/**
 * @param {{ browser: import('playwright-core').Browser, root: string, dist: string, tmp: string, tag: string, ready: string }} options
 *   `ready`: a selector (Playwright pierces open shadow roots) meaning the element's first render with data.
 * @returns {Promise<AddedLoad>}
 */
export async function measureAddedLoad({ browser, root, dist, tmp, tag, ready }) {
  const outDir = join(tmp, `added-${tag}`);
  /** @param {string} name @param {string[]} tags */
  const entry = async (name, tags) => {
    const file = join(tmp, `added-${tag}-${name}.js`);
    await writeFile(file, tags.map((t) => `import ${JSON.stringify(join(dist, `define/${t}.js`))};\n`).join(''));
    return file;
  };
  await minifiedBundle({ root, outDir, entry: { core: await entry('core', CORE_TAGS), page: await entry('page', [...CORE_TAGS, tag]) } });
  const files = await listFiles(outDir);
  /** @param {string} script @param {string} extra */
  const page = (script, extra) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>added load</title><link rel="icon" href="data:,"></head>
<body><portal-provider fhir-base-url="/fhir" client-id="portal-kit-demo"><portal-sign-in></portal-sign-in><portal-patient-banner></portal-patient-banner>${extra}</portal-provider>
<script type="module" src="/js/${script}"></script></body></html>`;
  const signIn = { button: `portal-sign-in [part~="sign-in"]`, patient: `button:has-text("${PATIENT}")` };
  const core = await loadUntilReady({ browser, tmp, label: `added-${tag}-core`, html: page('core.js', ''), outDir, ready: CORE_READY, signIn, pagePath: PAGE_PATH });
  const withTag = await loadUntilReady({ browser, tmp, label: `added-${tag}-page`, html: page('page.js', `<${tag}></${tag}>`), outDir, ready, signIn, pagePath: PAGE_PATH });
  const sizes = await Promise.all(files.map(async (file) => ({ file, ...compressedSizes(await readFile(join(outDir, file))) })));
  // Code only the element needs is in page.js (or chunks only it fetched); core.js holds what only the core page
  // uses, which is nothing when the core is a true subset, so it is not subtracted.
  const added = sizes.filter((s) => withTag.fetched.has(s.file) && !core.fetched.has(s.file));
  const error = core.error ? `the core page: ${core.error}` : withTag.error;
  // What the added files import lazily and nothing fetched yet: the element's parts for later, its other languages.
  const lazy = new Set();
  for (const { file } of added) {
    const code = await readFile(join(outDir, file), 'utf8');
    for (const [, name] of code.matchAll(/import\(["'`]\.\/([^"'`]+)["'`]\)/g)) lazy.add(join(dirname(file), name).split('\\').join('/'));
  }
  const later = sizes.filter((s) => lazy.has(s.file) && !withTag.fetched.has(s.file) && !core.fetched.has(s.file));
  return {
    tag,
    added,
    later,
    total: sum(added),
    core: sum(sizes.filter((s) => core.fetched.has(s.file))),
    ...(error ? { error } : {}),
  };
}

// `node test/bench/added-load.mjs <tag> <ready selector>` (after `npm run build`): this row alone, file by file.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { fileURLToPath } = await import('node:url');
  const { findChromium } = await import('../support/chromium.mjs');
  const { launch } = await import('./render.mjs');
  const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
  const tmp = await mkdtemp(join(tmpdir(), 'portal-kit-added-'));
  const browser = await launch(findChromium());
  const kib = (/** @type {number} */ n) => (n / 1024).toFixed(2);
  try {
    const row = await measureAddedLoad({ browser, root, dist: join(root, 'dist'), tmp, tag: process.argv[2], ready: process.argv[3] });
    if (row.error) console.log(`ERROR: ${row.error}`);
    for (const f of row.added) console.log(`  ${f.file.padEnd(48)} ${kib(f.raw).padStart(8)} ${kib(f.gzip).padStart(8)}`);
    for (const f of row.later) console.log(`  later ${f.file.padEnd(42)} ${kib(f.raw).padStart(8)} ${kib(f.gzip).padStart(8)}`);
    console.log(`  ${'added'.padEnd(48)} ${kib(row.total.raw).padStart(8)} ${kib(row.total.gzip).padStart(8)}   (core page: ${kib(row.core.gzip)} KB gzip)`);
  } finally {
    await browser.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
