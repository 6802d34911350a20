import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import * as barrel from '../../src/index.js';

// custom-elements.json is what a page's developer, an EHR vendor's IDE and Storybook read: the public elements
// and what the barrel exports, nothing that is internal (test/manifest/manifest-plugin.mjs builds it fresh).

interface Item {
  name: string;
  description?: string;
  summary?: string;
  kind?: string;
  privacy?: string;
  fieldName?: string;
  inheritedFrom?: { name: string; module?: string };
}
interface Declaration extends Item {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Item[];
  members?: Item[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}
interface Facts {
  manifest: { modules: Module[] };
  elementFiles: string[];
  hidden: string[];
  classes: Record<string, string>;
}

/** What each element offers a page today; more may come, none may go without a decision. */
const ELEMENTS: Record<string, { attributes: string[]; events: string[]; slots: string[]; parts: string[] }> = {
  'portal-provider': {
    attributes: ['fhir-base-url', 'client-id', 'redirect-uri', 'scope', 'idle-timeout', 'lang', 'theme'],
    events: ['portal-session-ended'],
    slots: [''],
    parts: [],
  },
  'portal-scheduler': {
    attributes: ['service', 'location', 'practitioner', 'vaccine', 'max-days-out', 'source', 'referral-source'],
    events: ['portal-slot-selected', 'portal-appointment-booked', 'portal-appointment-cancelled', 'portal-auth-required', 'portal-error'],
    slots: ['no-availability'],
    parts: ['views', 'filters', 'calendar', 'times', 'slot', 'hours', 'review', 'confirmation', 'follow-up', 'appointments', 'button', 'state'],
  },
  'portal-sign-in': { attributes: [], events: ['portal-auth-required', 'portal-error'], slots: [], parts: ['base', 'status', 'name', 'button'] },
  'portal-patient-banner': {
    attributes: [],
    events: ['portal-auth-required', 'portal-error'],
    slots: [],
    parts: ['banner', 'name', 'details', 'state', 'button'],
  },
};

/** Base-class machinery elements use among themselves; a page never calls it. */
const BASE_INTERNALS = ['emit', 'reportError', 'canLoad', 'accessState', 'requestSignIn', 'renderAccessState'];

const names = (items: Item[] | undefined) => (items ?? []).map((item) => item.name);
const toPath = (module: string) => module.replace(/^\//, '').replace(/\.js$/, '.ts');

describe('custom-elements.json', () => {
  let facts: Facts;
  let declarations: { module: Module; declaration: Declaration }[];
  const element = (tag: string) => declarations.find(({ declaration }) => declaration.tagName === tag)?.declaration;

  before(async function () {
    this.timeout(120_000); // the analyzer reads every source file, on two cores shared with other tests
    facts = (await executeServerCommand('public-manifest')) as Facts;
    declarations = facts.manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => ({ module, declaration })));
  });

  it('lists each public element with its attributes, events, slots, parts and their JSDoc text', () => {
    for (const [tag, expected] of Object.entries(ELEMENTS)) {
      const found = element(tag);
      expect(found, tag).to.exist;
      expect(found!.customElement, tag).to.equal(true);
      expect(found!.summary || found!.description, `${tag}: summary`).to.not.be.empty;
      expect(names(found!.attributes), `${tag}: attributes`).to.include.members(expected.attributes);
      expect(names(found!.events), `${tag}: events`).to.include.members(expected.events);
      expect(names(found!.slots), `${tag}: slots`).to.include.members(expected.slots);
      expect(names(found!.cssParts), `${tag}: parts`).to.include.members(expected.parts);
      for (const kind of ['attributes', 'events', 'slots', 'cssParts', 'cssProperties'] as const) {
        for (const item of found![kind] ?? []) expect(item.description, `${tag}: ${kind} ${item.name}`).to.not.be.empty;
      }
    }
  });

  it('gives every element the --portal-* tokens it reads, from the base class', () => {
    for (const tag of Object.keys(ELEMENTS).filter((tag) => tag !== 'portal-provider')) {
      const tokens = names(element(tag)!.cssProperties);
      expect(tokens, tag).to.include.members(['--portal-color-accent', '--portal-color-text', '--portal-font-family', '--portal-focus-ring']);
      expect(tokens.every((token) => token.startsWith('--portal-')), tag).to.equal(true);
    }
  });

  it('finds the elements by rule: each src/elements/<tag>/<tag>.ts with its @tagname', () => {
    const tags = declarations.flatMap(({ declaration }) => (declaration.customElement && declaration.tagName ? [declaration.tagName] : []));
    const fromFiles = facts.elementFiles.map((file) => file.split('/')[2]);
    expect(tags).to.have.members(fromFiles);
    expect(tags).to.include.members(Object.keys(ELEMENTS));
  });

  it("describes every value the barrel exports, where it is declared, and the barrel's types", () => {
    const entry = facts.manifest.modules.find((module) => module.path === 'src/index.ts');
    expect(entry, 'src/index.ts').to.exist;
    const exported = new Map(entry!.exports!.map((item) => [item.name, item.declaration]));
    for (const name of Object.keys(barrel)) {
      const target = exported.get(name);
      expect(target, `src/index.ts exports ${name}`).to.exist;
      const holder = facts.manifest.modules.find((module) => module.path === toPath(target!.module ?? ''));
      expect(names(holder?.declarations), `${name} declared in ${target!.module}`).to.include(target!.name);
    }
    for (const name of ['createFhirAdapter', 'createMemoryAdapter', 'createSmartAuth', 'providePortal']) {
      expect(declarations.find(({ declaration }) => declaration.name === name)?.declaration.kind, name).to.equal('function');
    }
    expect(exported.has('SlotSchema'), 'schemas').to.equal(true);
    expect([...exported.keys()], 'types').to.include.members(['PortalApi', 'TokenSource', 'Slot', 'SmartAuth', 'PortalEventMap']);
  });

  it('holds nothing else: no seed data, mappers, views or modules the barrel does not reach', () => {
    const paths = facts.manifest.modules.map((module) => module.path);
    expect(paths.filter((path) => /^src\/api\/memory\/seed\//.test(path)), 'seed data').to.be.empty;
    expect(paths.filter((path) => /^src\/api\/fhir\/map\//.test(path)), 'mappers').to.be.empty;
    expect(paths.filter((path) => /^src\/elements\/[^/]+\/[^/]*-view\.ts$/.test(path)), 'views').to.be.empty;
    const barrelNames = new Set(Object.keys(barrel));
    for (const { module, declaration } of declarations) {
      const isElement = declaration.customElement && facts.elementFiles.includes(module.path);
      expect(isElement || barrelNames.has(declaration.name), `${module.path}: ${declaration.name}`).to.equal(true);
    }
  });

  it('shows no @internal, private or protected member, also when inherited or overridden', () => {
    const hidden = new Set(facts.hidden);
    /** `module#Class` and every class it extends within src/ (class names are unique there). */
    const lineage = (key: string): string[] => {
      const base = facts.classes[key];
      const baseKey = base ? Object.keys(facts.classes).find((other) => other.endsWith(`#${base}`)) : undefined;
      return baseKey ? [key, ...lineage(baseKey)] : [key];
    };
    let checked = 0;
    for (const { module, declaration } of declarations.filter(({ declaration }) => declaration.kind === 'class')) {
      const classes = lineage(`${module.path}#${declaration.name}`);
      for (const member of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
        const field = member.fieldName ?? member.name;
        expect(member.privacy ?? 'public', `${declaration.name}.${field}`).to.equal('public');
        for (const klass of classes) expect(hidden.has(`${klass}.${field}`), `${declaration.name}.${field} (${klass})`).to.equal(false);
        checked++;
      }
      if (declaration.customElement) {
        expect(names(declaration.members).filter((name) => BASE_INTERNALS.includes(name)), declaration.name).to.be.empty;
      }
    }
    expect(checked, 'members checked').to.be.greaterThan(20);
  });
});
