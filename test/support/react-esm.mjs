// @ts-check
/**
 * Lets browser tests import React. React ships CommonJS only, which the dev server cannot hand to a browser as
 * an ES module, so this plugin bundles react, react-dom and react-dom/client into ONE module and resolves each
 * bare specifier to a small facade re-exporting from it. One bundle means one React copy: hooks and roots
 * created through `react-dom/client` see the same dispatcher as the components `react` builds.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PREFIX = '/__react-esm/';
const BUNDLE = `${PREFIX}bundle.js`;

/** The specifiers a test or `src/react.ts` may import, and each one's name inside the bundle. */
const MODULES = {
  react: 'react',
  'react-dom': 'reactDom',
  'react-dom/client': 'reactDomClient',
  'react/jsx-runtime': 'jsxRuntime',
};

const facadePath = (/** @type {string} */ specifier) => `${PREFIX}${specifier}.js`;

/**
 * The named exports of each facade: what each CommonJS module exports, read in Node. The development build
 * exports a few names the production one lacks (`act`, `captureOwnerStack`), so they are read from the same
 * build the bundle holds, in a child process, leaving this process's NODE_ENV alone.
 */
function readExportNames() {
  const script = `const load = require('node:module').createRequire(${JSON.stringify(`${ROOT}/package.json`)});
    const names = Object.fromEntries(${JSON.stringify(Object.keys(MODULES))}.map((s) => [s, Object.keys(load(s))]));
    process.stdout.write(JSON.stringify(names));`;
  const output = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, NODE_ENV: 'development' }, encoding: 'utf8' });
  /** @type {Record<string, string[]>} */
  const names = JSON.parse(output);
  for (const specifier of Object.keys(names)) {
    names[specifier] = names[specifier].filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name));
  }
  return names;
}

async function bundle() {
  const entry = Object.entries(MODULES)
    .map(([specifier, local]) => `import * as ${local} from ${JSON.stringify(specifier)};`)
    .concat(`export { ${Object.values(MODULES).join(', ')} };`)
    .join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // The development build: its warnings name the component at fault when a test misuses React.
    define: { 'process.env.NODE_ENV': '"development"' },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function facade(/** @type {keyof typeof MODULES} */ specifier, /** @type {string[]} */ names) {
  const local = MODULES[specifier];
  return [
    `import { ${local} } from ${JSON.stringify(BUNDLE)};`,
    // A CommonJS module seen through `import *` keeps `module.exports` as its default.
    `const module = ${local}.default ?? ${local};`,
    'export default module;',
    `export const { ${names.join(', ')} } = module;`,
  ].join('\n');
}

/** @returns {import('@web/dev-server-core').Plugin} */
export function reactEsmPlugin() {
  /** @type {Promise<string> | undefined} */
  let built;
  /** @type {Record<string, string[]> | undefined} */
  let names;
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      return Object.hasOwn(MODULES, source) ? facadePath(source) : undefined;
    },
    async serve(context) {
      if (context.path === BUNDLE) return { body: await (built ??= bundle()), type: 'js' };
      const specifier = Object.keys(MODULES).find((name) => context.path === facadePath(name));
      return specifier ? { body: facade(/** @type {keyof typeof MODULES} */ (specifier), (names ??= readExportNames())[specifier]), type: 'js' } : undefined;
    },
  };
}
