// @ts-check
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

const NO_HTML_SINKS = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'lit/directives/unsafe-html.js', message: 'Server text renders through Lit bindings only (no unsafeHTML).' },
        { name: 'lit/directives/unsafe-svg.js', message: 'No unsafeSVG: data never becomes markup.' },
        { name: 'lit/static-html.js', message: 'No unsafeStatic / static templates built from data.' },
      ],
    },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "MemberExpression[property.name=/^(innerHTML|outerHTML|insertAdjacentHTML|srcdoc)$/]",
      message: 'HTML string sinks are banned in src/: render through Lit bindings.',
    },
    { selector: "Identifier[name=/^(unsafeHTML|unsafeSVG|unsafeStatic)$/]", message: 'Banned Lit directive.' },
    { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: 'No document.write.' },
    { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: 'No eval: pages run under a strict CSP.' },
    { selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value='style']", message: 'No style= strings (CSP): use static styles or the CSSOM.' },
  ],
};

/** Browser globals the DOM-free layers may not touch: what they need is passed in. */
const DOM_GLOBALS = ['document', 'window', 'customElements', 'HTMLElement', 'localStorage', 'sessionStorage', 'location', 'navigator'].map(
  (name) => ({ name, message: 'This layer knows no DOM: take what you need as a parameter.' }),
);

/** Import patterns that point against the layer direction, per layer. */
const UPPER = (...layers) => layers.map((layer) => ({ group: [`**/${layer}/**`], message: `Imports point down the layers: this layer may not import ${layer}/.` }));
const NO_LIT = [{ group: ['lit', 'lit/**', '@lit/**'], message: 'This layer knows no DOM or Lit.' }];

function layer(files, forbidden) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NO_HTML_SINKS['no-restricted-imports'][1].paths, patterns: forbidden },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'storybook-static/', 'test/fixtures/', 'custom-elements.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // chai's property assertions (`expect(x).to.exist`) read as bare expressions.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-unused-expressions': 'off' } },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/best-practice'],
  },
  { files: ['src/**/*.ts'], rules: NO_HTML_SINKS },
  // Layer rules (DESIGN.md §2): model, time <- api, auth, health-cards <- context <- controllers <- base <- elements <- entry points.
  layer(['src/model/**/*.ts'], [...NO_LIT, ...UPPER('time', 'api', 'auth', 'health-cards', 'context', 'controllers', 'base', 'ui', 'styles', 'i18n', 'elements')]),
  // Dates, days and zones sit beside the model: everything above may use them, they use only the model.
  layer(['src/time/**/*.ts'], [...NO_LIT, ...UPPER('api', 'auth', 'health-cards', 'context', 'controllers', 'base', 'ui', 'styles', 'i18n', 'elements')]),
  layer(['src/api/**/*.ts', 'src/auth/**/*.ts', 'src/health-cards/**/*.ts'], [...NO_LIT, ...UPPER('context', 'controllers', 'base', 'ui', 'styles', 'i18n', 'elements')]),
  layer(['src/context/**/*.ts', 'src/i18n/**/*.ts', 'src/styles/**/*.ts'], UPPER('controllers', 'base', 'ui', 'elements')),
  layer(['src/controllers/**/*.ts', 'src/ui/**/*.ts'], UPPER('base', 'elements')),
  layer(['src/base/**/*.ts'], UPPER('elements')),
  // An element may use its own folder and the layers below, never another element's internals.
  layer(['src/elements/**/*.ts'], [{ regex: '^\\.\\./(?!\\.\\.)[^/]+/', message: 'Elements never import each other: move shared pieces to src/ui or src/controllers.' }]),
  {
    files: ['src/model/**/*.ts', 'src/time/**/*.ts', 'src/api/**/*.ts', 'src/auth/**/*.ts', 'src/health-cards/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] },
  },
);
