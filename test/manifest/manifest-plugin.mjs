// @ts-check
/**
 * wtr plugin for test/manifest: `public-manifest` runs the analyzer exactly as `npm run analyze` does (same
 * config file, nothing written), so the test never reads a stale custom-elements.json, and reads the sources on
 * its own (with the project's TypeScript, not the analyzer's filter) for what the manifest must leave out.
 *
 * Returns { manifest, elementFiles, hidden, classes } where `hidden` lists `module#Class.member` for every class member
 * marked `@internal` or declared private/protected, and `classes` maps each `module#Class` to the name of the class it extends ('' for none).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function manifestPlugin() {
  return {
    name: 'public-manifest',
    async executeCommand({ command }) {
      if (command !== 'public-manifest') return undefined;
      const cwd = process.cwd();
      // @ts-expect-error -- the analyzer ships no types for its CLI module
      const { cli } = await import('@custom-elements-manifest/analyzer/cli.js');
      const manifest = await cli({ argv: ['analyze', '--quiet'], cwd, noWrite: true });
      return { manifest, ...(await readSources(cwd)) };
    },
  };
}

/** @param {string} cwd */
async function readSources(cwd) {
  const files = (await readdir(join(cwd, 'src'), { recursive: true }))
    .map((file) => relative(cwd, join(cwd, 'src', file)).split('\\').join('/'))
    .filter((file) => file.endsWith('.ts'));
  const elementFiles = files.filter((file) => /^src\/elements\/([^/]+)\/\1\.ts$/.test(file));
  /** @type {string[]} */
  const hidden = [];
  /** @type {Record<string, string>} */
  const classes = {};
  for (const file of files) {
    const source = ts.createSourceFile(file, await readFile(join(cwd, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (/** @type {ts.Node} */ node) => {
      if (ts.isClassDeclaration(node) && node.name) {
        const base = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
        classes[`${file}#${node.name.text}`] = base?.expression.getText(source) ?? '';
        for (const member of node.members) {
          if (!member.name) continue;
          const internal = ts.getJSDocTags(member).some((tag) => tag.tagName.text === 'internal');
          const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
          const closed = modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
          if (internal || closed) hidden.push(`${file}#${node.name.text}.${member.name.getText(source)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { elementFiles, hidden, classes };
}
