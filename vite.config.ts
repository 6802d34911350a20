import { defineConfig } from 'vite';

const ELEMENTS = ['portal-provider', 'portal-patient-banner'];

// `vite build`               -> dist/{index,define,react}.js + dist/define/<tag>.js: ES modules for npm,
//                               lit / @lit/* / zod left as bare imports so an app bundles one copy.
// `vite build --mode bundle` -> dist/portal-kit.js: one self-contained module (lit and zod inside) that defines
//                               every tag, for a CMS page's <script type="module">.
// `vite` (npm start)          -> http://127.0.0.1:5173/demo/
export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  return {
    server: { host: '127.0.0.1', port: 5173, open: false },
    build: {
      target: 'es2022',
      emptyOutDir: !bundle,
      sourcemap: true,
      lib: bundle
        ? { entry: { 'portal-kit': 'src/portal-kit.ts' }, formats: ['es'] }
        : {
            entry: {
              index: 'src/index.ts',
              define: 'src/define.ts',
              react: 'src/react.ts',
              ...Object.fromEntries(ELEMENTS.map((tag) => [`define/${tag}`, `src/elements/${tag}/define.ts`])),
            },
            formats: ['es'],
          },
      rolldownOptions: {
        external: bundle
          ? []
          : [/^react($|\/)/, /^react-dom($|\/)/, /^lit($|\/)/, /^@lit\//, /^zod($|\/)/],
        output: { chunkFileNames: "chunks/[name]-[hash].js" },
      },
    },
  };
});
