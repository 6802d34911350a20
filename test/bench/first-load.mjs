// @ts-check
// What a hospital page downloads before `<portal-scheduler>` first shows times: the self-contained define entry
// (with its provider) built with code splitting, loaded in Chromium against the demo FHIR server, counting every
// script the page fetched until the first time button is on screen. Chunks that load only later (booking,
// the patient-record features, another language) are listed but not counted.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compressedSizes, sum } from './sizes.mjs';
import { minifiedBundle } from './build.mjs';
import { loadUntilReady } from './page-server.mjs';

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

  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first load</title><link rel="icon" href="data:,"></head>
<body><portal-provider fhir-base-url="/fhir">${markup}</portal-provider><script type="module" src="/js/entry.js"></script></body></html>`;
  const { fetched, error } = await loadUntilReady({ browser, tmp, label: `first-load-${tag}`, html, outDir, ready });
  const sizes = await Promise.all(files.map(async (file) => ({ file, ...compressedSizes(await readFile(join(outDir, file))) })));
  const loaded = sizes.filter((s) => fetched.has(s.file));
  return { tag, loaded, later: sizes.filter((s) => !fetched.has(s.file)), total: sum(loaded), ...(error ? { error } : {}) };
}
