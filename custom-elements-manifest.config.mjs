// @ts-check
/**
 * `npm run analyze` writes custom-elements.json: what a hospital page, an EHR vendor's code, an IDE and
 * Storybook's controls and docs read. It describes the public surface only:
 * - the public elements: each `src/elements/<tag>/<tag>.ts` whose class carries `@tagname <tag>`, with its
 *   attributes, properties, events, slots, css parts and css properties (inherited ones included);
 * - the functions, classes, constants and types the barrel (`src/index.ts`) exports, followed through its
 *   re-exports to the module that declares them;
 * and, in both, no member that is `@internal`/`@ignore`, private or protected (by keyword or JSDoc), ES-private,
 * symbol-keyed or Lit `@state` (internal reactive state, DESIGN §6.3) — in the class itself or in any class it
 * extends, so an override of an internal hook stays internal. Seed data, mappers, views and controllers are
 * still analysed (the barrel's re-exports pass through them) but dropped from the output.
 */

const ENTRY = 'src/index.ts';
/** `src/elements/<tag>/<tag>.ts`: the folder, the file and the tag share one name. */
const ELEMENT_MODULE = /^src\/elements\/([a-z][a-z0-9]*-[a-z0-9-]+)\/\1\.ts$/;
const HIDING_TAGS = new Set(['internal', 'ignore', 'private', 'protected']);

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/react.ts'],
  litelement: true,
  // package.json already names the manifest; the analyzer would otherwise rewrite the file on every run.
  packagejson: false,
  plugins: [publicSurfacePlugin()],
};

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function publicSurfacePlugin() {
  /** `module#Class` -> names of members that are not public, as written in that class. */
  const hiddenMembers = new Map();
  /** Classes marked `@internal`/`@ignore` (`module#Class`). */
  const hiddenClasses = new Set();
  /** module -> exported type names (the analyzer records values only; the barrel re-exports types too). */
  const typeExports = new Map();

  return {
    name: 'portal-kit-public-surface',
    analyzePhase({ ts, node, moduleDoc }) {
      const path = moduleDoc.path ?? '';
      if ((ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) && isExported(ts, node) && !hasTag(node, HIDING_TAGS)) {
        typeExports.set(path, [...(typeExports.get(path) ?? []), node.name.text]);
      }
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const key = `${path}#${node.name.text}`;
      if (hasTag(node, HIDING_TAGS)) hiddenClasses.add(key);
      const hidden = new Set();
      for (const member of node.members) {
        if (!member.name) continue;
        const name = member.name.getText();
        if (
          hasTag(member, HIDING_TAGS) ||
          ts.isPrivateIdentifier(member.name) ||
          ts.isComputedPropertyName(member.name) ||
          ts.getModifiers?.(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword) ||
          ts.getDecorators?.(member)?.some((d) => decoratorName(ts, d) === 'state')
        ) {
          hidden.add(name);
        }
      }
      hiddenMembers.set(key, hidden);
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      const byPath = new Map(modules.map((mod) => [mod.path, mod]));
      /** `module#Class` -> the class it extends (read before anything is dropped: a base need not be public). */
      const superclasses = new Map();
      for (const mod of modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.kind === 'class' && declaration.superclass && !declaration.superclass.package) {
            const base = declaration.superclass;
            superclasses.set(`${mod.path}#${declaration.name}`, `${resolveModule(mod.path, base.module ?? mod.path)}#${base.name}`);
          }
        }
      }

      /** @type {Map<string, Set<string>>} module -> names of its declarations that stay */
      const keep = new Map();
      const keepDeclaration = (/** @type {string} */ path, /** @type {string} */ name) =>
        keep.set(path, (keep.get(path) ?? new Set()).add(name));

      /** @type {{ tag: string, className: string, path: string }[]} */
      const elements = [];
      for (const mod of modules) {
        const tag = ELEMENT_MODULE.exec(mod.path)?.[1];
        if (!tag) continue;
        for (const declaration of mod.declarations ?? []) {
          if (declaration.kind !== 'class' || !('tagName' in declaration) || declaration.tagName !== tag) continue;
          if (hiddenClasses.has(`${mod.path}#${declaration.name}`)) continue;
          keepDeclaration(mod.path, declaration.name);
          elements.push({ tag, className: declaration.name, path: mod.path });
        }
      }

      const publicNames = exportedNames(ENTRY, byPath, typeExports);
      for (const target of publicNames.values()) {
        if (target.declared && !hiddenClasses.has(`${target.module}#${target.name}`)) keepDeclaration(target.module, target.name);
      }

      for (const mod of modules) {
        const kept = keep.get(mod.path);
        mod.declarations = (mod.declarations ?? []).filter((declaration) => kept?.has(declaration.name));
        mod.exports = (mod.exports ?? []).filter(
          (entry) => entry.kind === 'js' && kept?.has(entry.declaration.name) && resolveModule(mod.path, entry.declaration.module) === mod.path,
        );
        for (const declaration of mod.declarations) {
          if (declaration.kind === 'class') hideMembers(declaration, `${mod.path}#${declaration.name}`, superclasses, hiddenMembers);
        }
      }

      const entry = byPath.get(ENTRY);
      if (entry) {
        entry.exports = [...publicNames].map(([name, target]) => ({
          kind: 'js',
          name,
          declaration: { name: target.name, module: target.module },
        }));
      }
      // Tools that map tags to modules (IDE completion) read the definition from the element's define entry.
      for (const { tag, className, path } of elements) {
        const define = byPath.get(path.replace(/[^/]+\.ts$/, 'define.ts'));
        define?.exports?.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: path } });
      }

      customElementsManifest.modules = modules.filter(
        (mod) => mod.path === ENTRY || (mod.declarations?.length ?? 0) > 0 || (mod.exports?.length ?? 0) > 0,
      );
    },
  };
}

/**
 * Every name `path` exports, followed to the module that declares it: `declared` when that module holds a
 * declaration of it (function, class, variable), otherwise it is a type (or something the analyzer cannot see).
 * @returns {Map<string, { module: string, name: string, declared: boolean }>}
 */
function exportedNames(path, byPath, typeExports, seen = new Set()) {
  /** @type {Map<string, { module: string, name: string, declared: boolean }>} */
  const names = new Map();
  const mod = byPath.get(path);
  if (!mod || seen.has(path)) return names;
  seen.add(path);
  for (const type of typeExports.get(path) ?? []) names.set(type, { module: path, name: type, declared: false });
  for (const entry of mod.exports ?? []) {
    if (entry.kind !== 'js') continue;
    const from = resolveModule(path, entry.declaration.module);
    if (entry.name === '*') {
      for (const [name, target] of exportedNames(from, byPath, typeExports, new Set(seen))) {
        if (name !== 'default' && !names.has(name)) names.set(name, target);
      }
    } else if (from === path) {
      const declared = (mod.declarations ?? []).some((declaration) => declaration.name === entry.declaration.name);
      names.set(entry.name, { module: path, name: entry.declaration.name, declared });
    } else {
      const target = exportedNames(from, byPath, typeExports, new Set(seen)).get(entry.declaration.name);
      names.set(entry.name, target ?? { module: from, name: entry.declaration.name, declared: false });
    }
  }
  return names;
}

/** Drops the members (and their attributes) that are not public in the class or in any class it extends. */
function hideMembers(declaration, key, superclasses, hiddenMembers) {
  const hidden = new Set();
  for (let klass = key, depth = 0; klass && depth < 20; klass = superclasses.get(klass), depth++) {
    for (const name of hiddenMembers.get(klass) ?? []) hidden.add(name);
  }
  const isPublic = (/** @type {{ name: string, privacy?: string }} */ member) =>
    !hidden.has(member.name) && member.privacy !== 'private' && member.privacy !== 'protected' && !/^[#[]/.test(member.name);
  if (declaration.members) declaration.members = declaration.members.filter(isPublic);
  if (declaration.attributes) {
    declaration.attributes = declaration.attributes.filter((attribute) => !attribute.fieldName || !hidden.has(attribute.fieldName));
  }
}

/** The manifest path of the module `specifier` names, seen from module `from` (`./x.js` and `/src/x.js` alike). */
function resolveModule(from, specifier) {
  let path = specifier;
  if (path.startsWith('./') || path.startsWith('../')) {
    const parts = from.split('/').slice(0, -1);
    for (const part of path.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.') parts.push(part);
    }
    path = parts.join('/');
  }
  return path.replace(/^\//, '').replace(/\.js$/, '.ts');
}

function isExported(ts, node) {
  return ts.getModifiers?.(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function hasTag(node, tags) {
  return (node.jsDoc ?? []).some((doc) => (doc.tags ?? []).some((tag) => tags.has(tag.tagName.text)));
}

function decoratorName(ts, decorator) {
  const call = decorator.expression;
  const callee = ts.isCallExpression(call) ? call.expression : call;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}
