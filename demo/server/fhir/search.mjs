// @ts-check
/**
 * Type-level search. Medplum parses the query (parseSearchRequest) and matches resources (MemoryRepository),
 * and this module adds what its in-memory search lacks:
 * - paging: a default page size, `Bundle.link` self/next/previous as absolute URLs on the store's base
 *   (MemoryRepository returns no links at all);
 * - `_sort`: MemoryRepository sorts by the JSON text of the value, so instants with different offsets
 *   misorder, and with several keys the last one wins;
 * - `_include` / `_revinclude`: MemoryRepository ignores them;
 * - `fullUrl` and `search.mode` on entries;
 * - a 400 for parameters medplum cannot match (it would silently answer an empty page);
 * - tolerance for one resource with an unparseable date (the official `-05` offset Slot examples): medplum
 *   throws a RangeError for the whole search, here that resource just does not match / sorts last.
 */
import { evalFhirPath, getSearchParameter, matchesSearchRequest, parseSearchRequest, toPeriod } from '@medplum/core';
import { HttpError } from './http.mjs';
import { unsupportedFilterReason } from './definitions.mjs';

/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {import('@medplum/core').WithId<Resource>} StoredResource */
/** @typedef {import('@medplum/core').IncludeTarget} IncludeTarget */

/**
 * @param {import('../store.mjs').FhirStore} store
 * @param {string} base absolute store base, e.g. http://127.0.0.1:8000/fhir/t-1234abcd
 * @param {string} type
 * @param {URLSearchParams} params
 * @param {(resource: Resource) => boolean} [visible] only these match or are included (the signed-in patient's
 *   data), so totals and pages count nothing else
 * @returns {Promise<import('./http.mjs').Reply>}
 */
export async function searchType(store, base, type, params, visible = () => true) {
  const request = parseSearchRequest(`${type}?${params}`);
  for (const filter of request.filters ?? []) {
    const reason = unsupportedFilterReason(type, filter);
    if (reason) {
      throw new HttpError(400, 'not-supported', reason);
    }
  }
  const asked = request.count ?? store.options.pageSize;
  const offset = request.offset ?? 0;
  if (!Number.isInteger(asked) || asked < 0 || asked > 1000 || !Number.isInteger(offset) || offset < 0) {
    throw new HttpError(400, 'invalid', '_count must be 0..1000 and _offset a non-negative integer');
  }
  const count = Math.min(asked, store.options.maxPageSize ?? 1000);

  const everything = await store.repo.searchResources({
    resourceType: /** @type {import('@medplum/fhirtypes').ResourceType} */ (type),
  });
  // The same matcher MemoryRepository.search() uses, one resource at a time so one bad value cannot fail all.
  const matches = everything.filter((resource) => {
    if (!visible(resource)) return false;
    try {
      return matchesSearchRequest(resource, request);
    } catch {
      return false;
    }
  });
  sortResources(type, matches, request.sortRules ?? []);
  const page = matches.slice(offset, offset + count);
  const included = (await includedResources(store.repo, type, page, request.include ?? [], request.revInclude ?? [])).filter(visible);

  /** @param {StoredResource} resource @param {'match' | 'include'} mode */
  const entry = (resource, mode) => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode },
  });
  /** @param {string} relation @param {number} at */
  const link = (relation, at) => ({ relation, url: pageUrl(base, type, params, count, at) });
  return {
    status: 200,
    body: {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      link: [
        link('self', offset),
        ...(offset + count < matches.length && count > 0 ? [link('next', offset + count)] : []),
        ...(offset > 0 && count > 0 ? [link('previous', Math.max(0, offset - count))] : []),
      ],
      entry: [...page.map((r) => entry(r, 'match')), ...included.map((r) => entry(r, 'include'))],
    },
  };
}

/**
 * Offset paging keeps every other parameter of the original query, so following `next` repeats the search.
 * @param {string} base
 * @param {string} type
 * @param {URLSearchParams} params
 * @param {number} count
 * @param {number} offset
 */
function pageUrl(base, type, params, count, offset) {
  const next = new URLSearchParams(params);
  next.delete('_count');
  next.delete('_offset');
  next.set('_count', String(count));
  if (offset > 0) {
    next.set('_offset', String(offset));
  }
  return `${base}/${type}?${next}`;
}

/**
 * Stable multi-key sort; dates compare as normalised instants; resources without a value sort last.
 * @param {string} type
 * @param {StoredResource[]} resources
 * @param {import('@medplum/core').SortRule[]} rules
 */
function sortResources(type, resources, rules) {
  if (rules.length === 0) {
    return;
  }
  const params = rules.map((rule) => {
    const param = getSearchParameter(type, rule.code);
    if (!param?.expression) {
      throw new HttpError(400, 'not-supported', `Unknown _sort parameter '${rule.code}' for ${type}`);
    }
    return param;
  });
  const keyed = resources.map((resource) => ({ resource, keys: params.map((p) => sortKey(p, resource)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const [x, y] = [a.keys[i], b.keys[i]];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * (rules[i].descending ? -1 : 1);
    }
    return 0;
  });
  keyed.forEach((k, i) => (resources[i] = k.resource));
}

/**
 * @param {import('@medplum/fhirtypes').SearchParameter} param
 * @param {Resource} resource
 * @returns {string | undefined}
 */
function sortKey(param, resource) {
  const value = evalFhirPath(/** @type {string} */ (param.expression), resource)[0];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (param.type === 'date') {
    try {
      return toPeriod(value)?.start;
    } catch {
      return undefined; // not a valid FHIR date/instant
    }
  }
  return typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value);
}

/**
 * Resources named by `_include` (references from the page) and `_revinclude` (resources pointing at the page),
 * without the page's own resources and without duplicates. References to resources that do not exist are
 * skipped: official examples point at resources nobody published.
 * @param {import('@medplum/fhir-router').MemoryRepository} repo
 * @param {string} type
 * @param {StoredResource[]} page
 * @param {IncludeTarget[]} includes
 * @param {IncludeTarget[]} revIncludes
 * @returns {Promise<StoredResource[]>}
 */
async function includedResources(repo, type, page, includes, revIncludes) {
  /** @type {Map<string, StoredResource | null>} */
  const found = new Map(page.map((r) => [`${r.resourceType}/${r.id}`, null]));
  for (const target of includes) {
    const param = referenceParam(target);
    if (target.resourceType !== type) continue;
    for (const resource of page) {
      for (const value of evalFhirPath(/** @type {string} */ (param.expression), resource)) {
        const ref = /** @type {{ reference?: unknown }} */ (value)?.reference;
        if (typeof ref !== 'string' || found.has(ref)) continue;
        const [refType, refId, ...rest] = ref.split('/');
        if (!refId || rest.length || (target.targetType && refType !== target.targetType)) continue;
        const resource = /** @type {StoredResource} */ (await repo.readResource(refType, refId).catch(() => null));
        found.set(ref, resource);
      }
    }
  }
  for (const target of revIncludes) {
    referenceParam(target);
    const value = page.map((r) => `${r.resourceType}/${r.id}`).join(',');
    if (!value) continue;
    const referrers = await repo.searchResources({
      resourceType: /** @type {import('@medplum/fhirtypes').ResourceType} */ (target.resourceType),
      filters: [{ code: target.searchParam, operator: 'eq', value }],
    });
    for (const referrer of referrers) {
      const key = `${referrer.resourceType}/${referrer.id}`;
      if (!found.has(key)) found.set(key, referrer);
    }
  }
  return /** @type {StoredResource[]} */ ([...found.values()].filter(Boolean));
}

/**
 * @param {IncludeTarget} target
 * @returns {import('@medplum/fhirtypes').SearchParameter}
 */
function referenceParam(target) {
  if (target.modifier) {
    throw new HttpError(400, 'not-supported', ':iterate is not supported by this server');
  }
  const param = getSearchParameter(target.resourceType, target.searchParam);
  if (param?.type !== 'reference' || !param.expression) {
    throw new HttpError(400, 'invalid', `${target.resourceType}:${target.searchParam} is not a reference search parameter`);
  }
  return param;
}
