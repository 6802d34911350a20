// @ts-check
/**
 * Turns a tenant's seed data (inline resources and repo-relative fixture files) into a flat list of resources.
 *
 * Ids are kept exactly as given, because tests and official examples refer to each other by id
 * (Slot/1 -> Schedule/example). References to resources that exist nowhere (the R4 examples have several,
 * e.g. Practitioner/1) are stored as they are; nothing here resolves them.
 *
 * Decimal text such as "2.00" becomes the number 2 when the JSON is parsed (see readBody in http.mjs).
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError } from '../../../demo/server/fhir/http.mjs';
import { isKnownResourceType } from '../../../demo/server/fhir/definitions.mjs';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** @typedef {import('@medplum/fhirtypes').Resource} Resource */

/**
 * @param {{ resources?: unknown[], fixtures?: unknown[] }} seed
 * @returns {Promise<{ resources: Resource[], skipped: string[] }>}
 */
export async function collectSeedResources(seed) {
  /** @type {Resource[]} */
  const resources = [];
  /** @type {string[]} */
  const skipped = [];
  for (const path of seed.fixtures ?? []) {
    for (const value of await readFixture(path)) {
      addResource(value, String(path), resources, skipped);
    }
  }
  for (const [index, value] of (seed.resources ?? []).entries()) {
    addResource(value, `resources[${index}]`, resources, skipped);
  }
  return { resources, skipped };
}

/**
 * @param {unknown} path
 * @returns {Promise<unknown[]>}
 */
async function readFixture(path) {
  if (typeof path !== 'string' || !path) {
    throw new HttpError(400, 'invalid', 'fixtures entries must be repo-relative file paths');
  }
  const file = resolve(REPO_ROOT, path);
  const inRepo = relative(REPO_ROOT, file);
  if (!inRepo || inRepo.startsWith('..') || isAbsolute(inRepo)) {
    throw new HttpError(400, 'invalid', `Fixture path leaves the repository: ${path}`);
  }
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new HttpError(400, 'not-found', `Fixture not found: ${path}`);
  }
  try {
    if (extname(file) === '.ndjson') {
      return text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
    }
    if (extname(file) === '.json') {
      return [JSON.parse(text)];
    }
  } catch (err) {
    throw new HttpError(400, 'structure', `Fixture ${path} is not valid JSON: ${/** @type {Error} */ (err).message}`);
  }
  throw new HttpError(400, 'invalid', `Fixture ${path} is neither .json nor .ndjson`);
}

/**
 * Adds one value; a Bundle contributes its entries (recursively) instead of itself.
 * @param {unknown} value
 * @param {string} origin where the value came from, for the `skipped` report
 * @param {Resource[]} out
 * @param {string[]} skipped
 */
function addResource(value, origin, out, skipped) {
  const resource = /** @type {Resource | undefined} */ (value && typeof value === 'object' ? value : undefined);
  if (!resource || typeof resource.resourceType !== 'string' || !isKnownResourceType(resource.resourceType)) {
    // e.g. a $bulk-publish manifest or a JWKS: data the adapter reads directly, not FHIR resources.
    skipped.push(`${origin}: not a FHIR resource`);
    return;
  }
  if (resource.resourceType !== 'Bundle') {
    out.push(resource);
    return;
  }
  const entries = resource.entry ?? [];
  rewriteUuidReferences(entries);
  for (const [index, entry] of entries.entries()) {
    if (entry.resource) {
      addResource(entry.resource, `${origin} entry[${index}]`, out, skipped);
    }
  }
}

/**
 * Transaction bundles (Synthea) link entries by `urn:uuid:` fullUrls. A server rewrites those to Type/id when it
 * processes the transaction; medplum's processBatch does that too but assigns new ids, so do the rewrite here
 * and keep the ids.
 * @param {import('@medplum/fhirtypes').BundleEntry[]} entries
 */
function rewriteUuidReferences(entries) {
  /** @type {Map<string, string>} */
  const byUrn = new Map();
  for (const entry of entries) {
    if (entry.resource && entry.fullUrl?.startsWith('urn:uuid:')) {
      entry.resource.id ??= entry.fullUrl.slice('urn:uuid:'.length);
      byUrn.set(entry.fullUrl, `${entry.resource.resourceType}/${entry.resource.id}`);
    }
  }
  if (byUrn.size === 0) {
    return;
  }
  /** @param {unknown} node */
  const walk = (node) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      const record = /** @type {Record<string, unknown>} */ (node);
      for (const [key, child] of Object.entries(record)) {
        if (key === 'reference' && typeof child === 'string' && byUrn.has(child)) {
          record[key] = byUrn.get(child);
        } else {
          walk(child);
        }
      }
    }
  };
  entries.forEach((entry) => walk(entry.resource));
}
