// dist/portal-kit.js, the one script tag of a CMS page: it defines each tag the first time it appears and fetches
// only that element's code, from beside its own URL. Each test frames /loader-harness.html
// (test/support/csp-harness.mjs) and reads what that page fetched from its resource timing entries.
import { expect, waitUntil } from '@open-wc/testing';
import type * as Loader from '../../src/portal-kit.js';
import type * as Api from '../../src/portal-kit-api.js';
import { startLoader } from '../../src/loader.js';
import { ELEMENT_TAGS } from '../../src/portal-kit-elements.js';
import { createTenant, deleteTenant, type Tenant } from '../support/fhir-tenant.js';
import { quietPeriod } from '../support/wait.js';

type HarnessWindow = Window &
  typeof globalThis & { portalKit?: typeof Loader; portalKitApi?: typeof Api; harnessReady?: boolean; harnessError?: string };

const FLOYD = {
  file: 'test/fixtures/shared/fhir-r4/synthea/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json',
  id: '6f8ccac9-41a3-42a2-a97b-06bfc0a91c26',
};

const frames: HTMLIFrameElement[] = [];

async function open(query: { tags?: string[]; api?: boolean } = {}): Promise<HarnessWindow> {
  const frame = document.createElement('iframe');
  frame.src = `/loader-harness.html?tags=${(query.tags ?? []).join(',')}${query.api ? '&api' : ''}`;
  frame.title = 'loader harness';
  frames.push(frame);
  document.body.append(frame);
  const win = () => frame.contentWindow as HarnessWindow | null;
  await waitUntil(() => win()?.harnessReady || win()?.harnessError, 'the harness page never loaded', { timeout: 10_000 });
  expect(win()!.harnessError).to.equal(undefined);
  return win()!;
}

/** Paths under /dist/ the page fetched, in order. */
function fetched(win: Window): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/dist/'));
}

/** The chunk that holds `<tag>`'s own code is named after it (vite.config.ts, `chunkFileNames`). */
const defineChunks = (paths: string[], tag: string) => paths.filter((path) => path.startsWith(`/dist/portal-kit-chunks/${tag}-`));

describe('the script-tag loader (dist/portal-kit.js)', function () {
  this.timeout(30_000);

  afterEach(() => {
    frames.splice(0).forEach((frame) => frame.remove());
  });

  it('is all an empty page fetches, with its preload helper', async () => {
    const win = await open();
    await quietPeriod(200);
    expect(fetched(win).map((path) => path.replace(/-[\w-]{8}\.js$/, '.js'))).to.deep.equal(['/dist/portal-kit.js', '/dist/portal-kit-chunks/preload-helper.js']);
    for (const tag of ELEMENT_TAGS) expect(win.customElements.get(tag), tag).to.equal(undefined);
  });

  for (const tag of ELEMENT_TAGS) {
    it(`defines <${tag}> found in the markup, and fetches no other element's code`, async () => {
      const win = await open({ tags: [tag] });
      await waitUntil(() => win.customElements.get(tag), `<${tag}> was never defined`);
      await quietPeriod(200);
      const paths = fetched(win);
      expect(defineChunks(paths, tag), paths.join('\n')).to.have.length(1);
      for (const other of ELEMENT_TAGS.filter((name) => name !== tag)) {
        expect(defineChunks(paths, other), `<${tag}> alone fetched <${other}>'s code:\n${paths.join('\n')}`).to.deep.equal([]);
        expect(win.customElements.get(other), other).to.equal(undefined);
      }
      expect(paths, 'the API module is fetched only by a page that imports it').not.to.include('/dist/portal-kit-api.js');
      // Every file is self-contained: a bare specifier (lit, zod) would have failed to load, and defined nothing.
      expect(win.document.querySelector(tag)!.constructor).to.equal(win.customElements.get(tag));
      // The element's chunks are asked for at once, not one import level after another: the loader names every one
      // in a modulepreload link before importing the element. (Timing cannot say it: a 1 KB element chunk can arrive
      // before its 20 KB core chunk has even started.)
      const preloaded = new Set(
        [...win.document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) => new URL(link.href).pathname),
      );
      const notPreloaded = paths.filter((path) => path.startsWith('/dist/portal-kit-chunks/') && !path.includes('preload-helper') && !preloaded.has(path));
      expect(notPreloaded, 'chunks fetched without a modulepreload link').to.deep.equal([]);
    });
  }

  it('defines a tag added to the page after load, also deep inside added markup', async () => {
    const win = await open();
    const doc = win.document;
    doc.body.append(doc.createElement('portal-sign-in'));
    await waitUntil(() => win.customElements.get('portal-sign-in'), '<portal-sign-in> added later was never defined');
    const wrapper = doc.createElement('section');
    wrapper.append(doc.createElement('div'));
    wrapper.firstElementChild!.append(doc.createElement('portal-patient-banner'));
    doc.body.append(wrapper);
    await waitUntil(() => win.customElements.get('portal-patient-banner'), 'a nested <portal-patient-banner> was never defined');
    const paths = fetched(win);
    expect(defineChunks(paths, 'portal-scheduler'), paths.join('\n')).to.deep.equal([]);
    expect(win.customElements.get('portal-scheduler')).to.equal(undefined);
  });

  it('does not see into another shadow root; define() covers those elements', async () => {
    const win = await open();
    const doc = win.document;
    const host = doc.createElement('div');
    doc.body.append(host);
    const banner = doc.createElement('portal-patient-banner');
    host.attachShadow({ mode: 'open' }).append(banner);
    await quietPeriod(300);
    expect(win.customElements.get('portal-patient-banner'), 'the observer saw into a shadow root after all').to.equal(undefined);
    await win.portalKit!.define('portal-patient-banner');
    expect(banner.constructor).to.equal(win.customElements.get('portal-patient-banner'));
    expect(win.customElements.get('portal-scheduler')).to.equal(undefined);
    // No name: every tag; an unknown name is refused, naming it.
    await win.portalKit!.define();
    for (const tag of ELEMENT_TAGS) expect(win.customElements.get(tag), tag).not.to.equal(undefined);
    let refused: unknown;
    await win.portalKit!.define('portal-nope').catch((error: unknown) => (refused = error));
    expect(String(refused)).to.contain('<portal-nope>');
  });

  describe('with the API module beside it (dist/portal-kit-api.js)', () => {
    let tenant: Tenant;

    before(async () => {
      tenant = await createTenant({ fixtures: [FLOYD.file] });
    });

    after(async () => {
      await deleteTenant(tenant);
    });

    it('feeds the loaded elements from providePortal: one Lit, one context, no <portal-provider> needed', async () => {
      const win = await open({ tags: ['portal-patient-banner'], api: true });
      const api = win.portalKitApi!;
      api.providePortal(win.document.body, { fhirBaseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'api-token', patientId: FLOYD.id } });
      const banner = win.document.querySelector('portal-patient-banner')!;
      await waitUntil(() => banner.shadowRoot?.querySelector('[part~="name"]')?.textContent?.includes('Connelly'), 'banner never showed the patient', { timeout: 10_000 });
      // The loader's element and the API module's base class are one class: the two files share their chunks.
      expect(banner instanceof api.PortalElement, 'the banner is not an instance of the API module\'s PortalElement').to.equal(true);
      const paths = fetched(win);
      expect(defineChunks(paths, 'portal-provider'), paths.join('\n')).to.deep.equal([]);
      expect(win.customElements.get('portal-provider')).to.equal(undefined);
    });
  });
});

describe('startLoader (the logic inside dist/portal-kit.js)', () => {
  /** A document, a registry and importers of its own, recording what was imported. */
  function setup(options: { failFirst?: string; predefined?: string[] } = {}) {
    const doc = document.implementation.createHTMLDocument('loader');
    const defined = new Set(options.predefined);
    const imported: string[] = [];
    const errors: string[] = [];
    let failing = options.failFirst;
    const importer = (tag: string) => async () => {
      imported.push(tag);
      if (failing === tag) {
        failing = undefined;
        throw new Error('connection dropped');
      }
      defined.add(tag);
    };
    const registry = { get: (tag: string) => (defined.has(tag) ? HTMLElement : undefined) } as unknown as CustomElementRegistry;
    const start = () =>
      startLoader({
        importers: { 'x-one': importer('x-one'), 'x-two': importer('x-two'), 'x-three': importer('x-three') },
        document: doc,
        registry,
        onError: (tag) => errors.push(tag),
      });
    const add = (tag: string, parent: ParentNode = doc.body) => parent.appendChild(doc.createElement(tag));
    return { doc, defined, imported, errors, start, add };
  }

  it('imports what is parsed already, and only that', async () => {
    const { imported, start, add, defined } = setup();
    add('x-two');
    add('x-two');
    start();
    await waitUntil(() => defined.has('x-two'));
    await quietPeriod(50);
    expect(imported).to.deep.equal(['x-two']);
  });

  it('imports a tag added later, nested in added markup, once', async () => {
    const { imported, start, add, doc } = setup();
    start();
    const section = add('section');
    add('x-three', add('div', section));
    add('x-three');
    await waitUntil(() => imported.length > 0);
    await quietPeriod(50);
    expect(imported).to.deep.equal(['x-three']);
    expect(doc.querySelectorAll('x-three')).to.have.length(2);
  });

  it('tries again after a failed import, when the tag appears again', async () => {
    const { imported, errors, start, add, defined } = setup({ failFirst: 'x-one' });
    start();
    add('x-one');
    await waitUntil(() => errors.length === 1, 'the failure was not reported');
    expect(errors).to.deep.equal(['x-one']);
    add('x-one');
    await waitUntil(() => defined.has('x-one'), 'never tried again');
    expect(imported).to.deep.equal(['x-one', 'x-one']);
  });

  it('leaves alone a tag some other copy defined already', async () => {
    const { imported, start, add } = setup({ predefined: ['x-one'] });
    const loader = start();
    add('x-one');
    await loader.define('x-one');
    await quietPeriod(50);
    expect(imported).to.deep.equal([]);
  });

  it('define() imports what it is told, or everything, and refuses unknown names', async () => {
    const { imported, start, defined } = setup({ failFirst: 'x-two' });
    const loader = start();
    await loader.define('x-three');
    expect(imported).to.deep.equal(['x-three']);
    let failed: unknown;
    await loader.define().catch((error: unknown) => (failed = error));
    expect(String(failed)).to.contain('connection dropped');
    await loader.define();
    expect([...defined].sort()).to.deep.equal(['x-one', 'x-three', 'x-two']);
    let refused: unknown;
    await loader.define('x-one', 'x-nope').catch((error: unknown) => (refused = error));
    expect(String(refused)).to.contain('<x-nope>').and.contain('x-one, x-two, x-three');
  });
});
