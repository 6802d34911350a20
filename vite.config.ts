import { defineConfig, type Plugin } from 'vite';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoFhirServer } from './demo/server/vite-plugin.mjs';
import { ELEMENT_TAGS } from './src/portal-kit-elements.js';

/** `npm start` opens on the demo: `/` redirects to `/demo/`, and the URL to open is printed. */
function demoHome(): Plugin {
  return {
    name: 'portal-kit-demo-home',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url !== '/') return next();
        res.statusCode = 302;
        res.setHeader('Location', '/demo/');
        res.end();
      });
      server.httpServer?.once('listening', () => {
        const address = server.httpServer?.address();
        const port = typeof address === 'object' && address ? address.port : 5173;
        setTimeout(() => console.log(`\n  portal-kit demo: http://127.0.0.1:${port}/demo/\n`), 50);
      });
    },
  };
}

// One list of tags (src/portal-kit-elements.ts) feeds the npm define entries and the script-tag loader alike.
const ELEMENTS: readonly string[] = ELEMENT_TAGS;

// Where the loader's and the API module's shared chunks go, beside dist/portal-kit.js.
const CHUNKS = 'portal-kit-chunks';

/** The loader build writes into a dist/ the npm build filled: drop only its own chunks from earlier builds. */
function freshChunks(): Plugin {
  let outDir = 'dist';
  return {
    name: 'portal-kit-fresh-chunks',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      rmSync(resolve(outDir, CHUNKS), { recursive: true, force: true });
    },
  };
}

// `vite build`                    -> dist/{index,define,react}.js + dist/define/<tag>.js: ES modules for npm,
//                                    lit / @lit/* / zod left as bare imports so an app bundles one copy.
// `vite build --mode bundle`      -> the script-tag build, self-contained (lit and zod inside): dist/portal-kit.js, the
//                                    loader that defines each tag when it first appears; dist/portal-kit-api.js, the
//                                    public functions; and the chunks both share in dist/portal-kit-chunks/.
// `vite build --mode bundle-file` -> dist/portal-kit.bundle.js: the same in one file that defines every tag.
// `vite` (npm start)               -> http://127.0.0.1:5173/demo/ and the demo FHIR R4 server on /fhir
export default defineConfig(({ command, mode }) => {
  const loader = mode === 'bundle';
  const oneFile = mode === 'bundle-file';
  const selfContained = loader || oneFile;
  const entry: Record<string, string> = loader
    ? { 'portal-kit': 'src/portal-kit.ts', 'portal-kit-api': 'src/portal-kit-api.ts' }
    : oneFile
      ? { 'portal-kit.bundle': 'src/portal-kit-bundle.ts' }
      : {
          index: 'src/index.ts',
          fhir: 'src/fhir.ts',
          define: 'src/define.ts',
          react: 'src/react.ts',
          ...Object.fromEntries(ELEMENTS.map((tag) => [`define/${tag}`, `src/elements/${tag}/define.ts`])),
        };
  return {
    // Every build finds its chunks and the QR picture worker (dist/assets/) from its own URL, wherever the folder is
    // served: a root-relative address would point at the host site's root.
    ...(command === 'build' ? { base: './' } : {}),
    ...(loader ? { publicDir: false as const } : {}),
    plugins: [demoHome(), demoFhirServer(), ...(loader ? [freshChunks()] : [])],
    // The demo store's journal changes on every booking; it is data, not source to reload.
    server: { host: '127.0.0.1', port: 5173, open: false, watch: { ignored: ['**/demo/.data/**'] } },
    build: {
      target: 'es2022',
      emptyOutDir: !selfContained,
      sourcemap: true,
      // The loader is built as an app, not a library, for one thing a library build leaves out: with each element's
      // import() comes a list of the chunks that element's chunk imports, fetched at once (modulepreload) rather
      // than one level after another.
      ...(loader ? { modulePreload: { polyfill: false } } : { lib: { entry, formats: ['es' as const] } }),
      rolldownOptions: {
        ...(loader ? { input: entry, preserveEntrySignatures: 'strict' as const } : {}),
        external: selfContained
          ? []
          : [/^react($|\/)/, /^react-dom($|\/)/, /^lit($|\/)/, /^@lit\//, /^zod($|\/)/],
        // The script-tag files are end products: nothing downstream needs their pure annotations or whitespace.
        // The loader's chunks are named after the element whose define module they hold (what a network panel
        // shows, and what test/integration/loader.test.ts reads). The one file must not need chunks beside it,
        // so lazy features are inlined there. The npm build keeps them as chunks: an app's bundler (and the
        // define entries) load them on first use.
        output: loader
          ? {
              format: 'es',
              minify: true,
              entryFileNames: '[name].js',
              chunkFileNames: (chunk) => `${CHUNKS}/${elementOf(chunk.facadeModuleId) ?? '[name]'}-[hash].js`,
              // Every element's first render needs Lit, the base, the controllers and the English catalogue, and every
              // page's wiring builds the FHIR adapter up to its read path: one chunk instead of a dozen small ones, so
              // a page with one element makes a handful of requests and the core compresses as one stream.
              codeSplitting: {
                groups: [
                  // Vite's preload helper, which the loader itself needs: on its own, so the loader stays small.
                  { name: 'preload-helper', priority: 2, test: /preload-helper/ },
                  { name: 'core', priority: 1, test: CORE_MODULES },
                ],
              },
            }
          : oneFile
            ? { minify: true, codeSplitting: false }
            : {
                chunkFileNames: 'chunks/[name]-[hash].js',
                // The FHIR read path as one chunk: lazy features (IHE, the record, Scheduling Links) share pieces of it,
                // and without a group each shared piece would be a small chunk of its own on the first load's path.
                codeSplitting: { groups: [{ name: 'fhir-read', test: FHIR_READ_MODULES }] },
              },
      },
    },
  };
});

/**
 * What every element's first render runs (the loader build puts it in one chunk), with what every page's wiring
 * runs (the provider element and `providePortal` both build the adapter and session through it) and the bundler's
 * own small runtime: each would otherwise be one more small file on every page's first load.
 */
const CORE_MODULES =
  /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|[\\/]src[\\/](base|context|controllers|time|ui|styles)[\\/]|[\\/]src[\\/]i18n[\\/](index|en|format)\.ts$|[\\/]src[\\/]model[\\/]values\.ts$|[\\/]src[\\/]api[\\/](errors|lazy|yield|http)\.ts$|[\\/]src[\\/]auth[\\/]scopes\.ts$|[\\/]src[\\/]elements[\\/]portal-provider[\\/](idle-settings|smart-link|wiring)\.ts$|rolldown[\\/]runtime/;
/** The FHIR adapter up to a slot search (its other features load on first use). */
const FHIR_READ_MODULES =
  /[\\/]src[\\/]api[\\/]fhir[\\/](adapter|client|scheduling|search|json|constants|mapped|slot-query|directory)\.ts$|[\\/]src[\\/]api[\\/]fhir[\\/]map[\\/](common|scheduling)\.ts$/;

/** `portal-scheduler` for src/elements/portal-scheduler/define.ts, the module the loader imports for that tag. */
function elementOf(moduleId: string | null): string | undefined {
  return moduleId?.match(/\/elements\/([^/]+)\/define\.ts$/)?.[1];
}
