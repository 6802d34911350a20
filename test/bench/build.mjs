// @ts-check
import { build } from 'vite';

/**
 * One self-contained, fully minified ES module from `entry` (lit, @lit/*, zod inlined), the way
 * dist/portal-kit.js is built, for honest size and parse-cost figures.
 * `inline` folds lazily loaded chunks into the one file (for pages served as a single script). `entry` may name
 * several entries (`{ name: path }`): they are built together, so the chunks they share are the same files.
 * @param {{ root: string, entry: string | Record<string, string>, outDir: string, fileName?: string, inline?: boolean }} options
 */
export async function minifiedBundle({ root, entry, outDir, fileName, inline = false }) {
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
      lib: { entry: typeof entry === 'string' ? { bundle: entry } : entry, formats: ['es'], ...(fileName ? { fileName: () => fileName } : {}) },
      rolldownOptions: { output: { minify: true, ...(inline ? { codeSplitting: false } : {}) } },
    },
  });
}
