// @ts-check
// Size half of `npm run bench`: what each dist entry costs over the wire, as built and "with everything it needs".
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minifiedBundle } from './build.mjs';

/** @typedef {{ raw: number, gzip: number, brotli: number }} Sizes */
/** @typedef {{ entry: string, raw: number, gzip: number, brotli: number, files: number, selfContained?: Sizes }} SizeRow */

/** @param {Buffer} buf @returns {Sizes} */
export function compressedSizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** @param {Sizes[]} parts @returns {Sizes} */
export const sum = (parts) => parts.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });

// Relative static `import … from './x.js'`, `import './x.js'` and `export … from './x.js'`. Bare specifiers (lit,
// zod) stay out on purpose: the npm entries leave them to the app's bundler. `import('…')` is not matched, so
// lazily loaded chunks do not count toward what an entry costs up front.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\.?\/[^"']+)["']/g;

/** The entry file plus every chunk it statically imports, transitively (absolute paths). */
async function staticGraph(/** @type {string} */ file) {
  const seen = new Set([file]);
  for (const current of seen) {
    const code = await readFile(current, 'utf8');
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
      const target = resolve(dirname(current), spec);
      if (existsSync(target)) seen.add(target);
    }
  }
  return [...seen];
}

/** dist entries in the order the package exports them; the define/<tag>.js list comes from disk, so new tags show up. */
export async function listEntries(/** @type {string} */ dist) {
  const top = (await readdir(dist)).filter((name) => name.endsWith('.js'));
  const tags = existsSync(join(dist, 'define')) ? (await readdir(join(dist, 'define'))).filter((name) => name.endsWith('.js')).sort() : [];
  const order = ['index.js', 'define.js', ...tags.map((name) => `define/${name}`), 'react.js', 'portal-kit.js', 'portal-kit-api.js', 'portal-kit.bundle.js'];
  const extra = top.filter((name) => !order.includes(name)).sort();
  return {
    entries: [...order, ...extra].filter((entry) => existsSync(join(dist, entry))),
    tags: tags.map((name) => name.replace(/\.js$/, '')),
  };
}

/**
 * Bundles one dist entry the way a page without a build step would need it: lit, @lit/*, zod and everything else
 * inlined and fully minified. Starting from the dist file (not src) measures exactly what npm users get.
 * @param {string} root project root (node_modules resolution) @param {string} entry absolute path @param {string} outDir
 * @returns {Promise<Sizes>}
 */
export async function selfContainedSizes(root, entry, outDir) {
  await minifiedBundle({ root, entry, outDir });
  // Usually one file; should an entry ever gain a dynamic import, its chunk is counted too (it is still "needed").
  const files = (await readdir(outDir, { recursive: true })).filter((name) => name.endsWith('.js'));
  return sum(await Promise.all(files.map(async (name) => compressedSizes(await readFile(join(outDir, name))))));
}

/**
 * An element is useless on a page without its provider, and the provider carries the FHIR adapter: "everything
 * it needs" for `define/<tag>.js` is that entry plus `define/portal-provider.js`.
 * @param {string} dist @param {string} entry @param {string} scratch
 */
async function withProvider(dist, entry, scratch) {
  const provider = join(dist, 'define/portal-provider.js');
  if (!entry.startsWith('define/') || entry === 'define/portal-provider.js' || !existsSync(provider)) return join(dist, entry);
  await mkdir(scratch, { recursive: true });
  const file = join(scratch, '..', `${entry.replace(/[/.]/g, '_')}-with-provider.js`);
  await writeFile(file, `import ${JSON.stringify(provider)};\nimport ${JSON.stringify(join(dist, entry))};\n`);
  return file;
}

/**
 * @param {{ root: string, dist: string, tmp: string }} paths
 * @returns {Promise<{ rows: SizeRow[], tags: string[] }>}
 */
export async function measureSizes({ root, dist, tmp }) {
  const { entries, tags } = await listEntries(dist);
  /** @type {SizeRow[]} */
  const rows = [];
  for (const entry of entries) {
    const files = await staticGraph(join(dist, entry));
    // Summed per file: the chunks travel as separate responses, each compressed on its own.
    const own = sum(await Promise.all(files.map(async (file) => compressedSizes(await readFile(file)))));
    /** @type {SizeRow} */
    const row = { entry, ...own, files: files.length };
    if (entry === 'define.js' || entry.startsWith('define/')) {
      const outDir = join(tmp, 'sc', relative(dist, join(dist, entry)).replace(/[/.]/g, '_'));
      row.selfContained = await selfContainedSizes(root, await withProvider(dist, entry, outDir), outDir);
    }
    rows.push(row);
  }
  return { rows, tags };
}
