import { defineConfig, type Plugin } from 'vite';
import { demoFhirServer } from './demo/server/vite-plugin.mjs';

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

const ELEMENTS = ['portal-provider', 'portal-patient-banner', 'portal-scheduler', 'portal-sign-in'];

// `vite build`               -> dist/{index,define,react}.js + dist/define/<tag>.js: ES modules for npm,
//                               lit / @lit/* / zod left as bare imports so an app bundles one copy.
// `vite build --mode bundle` -> dist/portal-kit.js: one self-contained module (lit and zod inside) that defines
//                               every tag, for a CMS page's <script type="module">.
// `vite` (npm start)          -> http://127.0.0.1:5173/demo/ and the demo FHIR R4 server on /fhir
export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  const entry: Record<string, string> = bundle
    ? { 'portal-kit': 'src/portal-kit.ts' }
    : {
        index: 'src/index.ts',
        define: 'src/define.ts',
        react: 'src/react.ts',
        ...Object.fromEntries(ELEMENTS.map((tag) => [`define/${tag}`, `src/elements/${tag}/define.ts`])),
      };
  return {
    plugins: [demoHome(), demoFhirServer()],
    // The demo store's journal changes on every booking; it is data, not source to reload.
    server: { host: '127.0.0.1', port: 5173, open: false, watch: { ignored: ['**/demo/.data/**'] } },
    build: {
      target: 'es2022',
      emptyOutDir: !bundle,
      sourcemap: true,
      lib: { entry, formats: ['es'] },
      rolldownOptions: {
        external: bundle
          ? []
          : [/^react($|\/)/, /^react-dom($|\/)/, /^lit($|\/)/, /^@lit\//, /^zod($|\/)/],
        // The single file is the end product: nothing downstream needs its pure annotations or whitespace, and a
        // CMS page that loads one file must not need chunks beside it, so lazy features are inlined there. The npm
        // build keeps them as chunks: an app's bundler (and the define entries) load them on first use.
        output: bundle ? { minify: true, codeSplitting: false } : { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
});
