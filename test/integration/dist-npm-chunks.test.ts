// The npm build as an app's bundler reads it. esbuild with code splitting turns `sideEffects` off and makes every
// dynamic import an entry of its own, so a lazy part that imports a value from its element's chunk keeps that
// element in the first load of every esbuild app that imports anything from the `portal-kit` barrel (the bench's
// consumer apps measure it: one such import in <vaccine-record>'s card part added 10 KB). Each element therefore hands
// its lazy parts what they need instead. The parts that still import their element are listed with what they take;
// the list may only shrink.
import { expect } from '@open-wc/testing';
import { ELEMENT_TAGS } from '../../src/portal-kit-elements.js';

const KNOWN: Record<string, string> = {
  'booking-flow': 'portal-scheduler',
  'detail-part': 'portal-results',
  'page-session': 'portal-provider',
};

const text = async (path: string) => {
  const response = await fetch(path);
  expect(response.ok, `${path} is served`).to.equal(true);
  return response.text();
};

/** A chunk's name without its hash: `vaccine-record-DUaIynjU.js` → `vaccine-record`. */
const nameOf = (path: string) => path.replace(/^.*\//, '').replace(/-[A-Za-z0-9_-]{8}\.js$/, '');

describe('the npm build', () => {
  it('has no part but the barrel and the define entries importing an element’s chunk, beyond the known ones', async () => {
    const entries = ['/dist/index.js', '/dist/define.js', ...ELEMENT_TAGS.map((tag) => `/dist/define/${tag}.js`)];
    const seen = new Set<string>();
    const lazy = new Set<string>();
    const imports = new Map<string, string[]>();
    const queue = [...entries];
    while (queue.length > 0) {
      const path = queue.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const source = await text(path);
      const resolve = (spec: string) => new URL(spec, new URL(path, location.href)).pathname;
      const statics = [...source.matchAll(/\b(?:from|import)\s*"(\.\.?\/[^"]+\.js)"/g)].map((m) => resolve(m[1]!));
      const dynamics = [...source.matchAll(/\bimport\(\s*"(\.\.?\/[^"]+\.js)"\s*\)/g)].map((m) => resolve(m[1]!));
      imports.set(path, statics);
      for (const next of dynamics) lazy.add(next);
      queue.push(...statics, ...dynamics);
    }
    expect(lazy.size, 'lazy parts found').to.be.greaterThan(10);
    const elements = new Set<string>(ELEMENT_TAGS);
    // What a part imports and uses (esbuild drops an import whose bindings go unused, so only direct imports count);
    // the barrel and the define entries import elements by design.
    const found: Record<string, string> = {};
    for (const [chunk, statics] of imports) {
      if (entries.includes(chunk) || elements.has(nameOf(chunk))) continue;
      const taken = statics.filter((target) => elements.has(nameOf(target))).map(nameOf);
      if (taken.length > 0) found[nameOf(chunk)] = taken.sort().join(' ');
    }
    expect(found).to.deep.equal(KNOWN);
  });
});
