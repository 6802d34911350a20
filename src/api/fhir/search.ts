import { ApiError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { isRecord } from './map/common.js';

export interface SearchOutcome {
  /** Entries with `search.mode` `match` (or no mode). */
  matches: unknown[];
  /** Entries the server added for `_include` / `_revinclude`. */
  included: unknown[];
  /** The page cap was hit, or a next link was refused (outside the base, or a loop). */
  truncated: boolean;
}

export interface SearchOptions {
  operation: string;
  /** Most pages to follow; a search past this is reported as truncated, never fetched forever. */
  maxPages?: number;
}

/**
 * Runs a search and follows `Bundle.link[next]`: only to URLs under the base (so the token never leaves
 * it), never to a URL already visited (some servers loop), and at most `maxPages` pages.
 */
export async function searchAll(
  http: HttpClient,
  pathWithQuery: string,
  options: SearchOptions,
  signal: AbortSignal,
): Promise<SearchOutcome> {
  const maxPages = options.maxPages ?? 20;
  const outcome: SearchOutcome = { matches: [], included: [], truncated: false };
  const visited = new Set<string>();
  let next: string | undefined = http.resolve(pathWithQuery).href;
  for (let page = 0; next !== undefined; page++) {
    if (page >= maxPages) {
      outcome.truncated = true;
      break;
    }
    visited.add(next);
    const { body } = await http.request(next, { method: 'GET' }, options.operation, signal);
    if (!isRecord(body) || body.resourceType !== 'Bundle') {
      throw new ApiError('invalid-response', { operation: options.operation });
    }
    collectEntries(body, outcome);
    next = nextLink(body);
    if (next !== undefined && (visited.has(next) || !http.isUnderBase(next))) {
      outcome.truncated = true;
      next = undefined;
    }
  }
  return outcome;
}

/** Sorts a Bundle's entries into matches and includes; OperationOutcome entries (warnings) are skipped. */
function collectEntries(bundle: Record<string, unknown>, into: Pick<SearchOutcome, 'matches' | 'included'>): void {
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  for (const entry of entries) {
    if (!isRecord(entry) || !isRecord(entry.resource)) continue;
    const mode = isRecord(entry.search) ? entry.search.mode : undefined;
    if (mode === 'outcome' || entry.resource.resourceType === 'OperationOutcome') continue;
    (mode === 'include' ? into.included : into.matches).push(entry.resource);
  }
}

function nextLink(bundle: Record<string, unknown>): string | undefined {
  const links = Array.isArray(bundle.link) ? bundle.link : [];
  for (const link of links) {
    if (isRecord(link) && link.relation === 'next' && typeof link.url === 'string') {
      try {
        return new URL(link.url).href;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Indexes resources by `Type/id` for reference lookups. */
export function indexByReference(resources: unknown[]): Map<string, unknown> {
  const index = new Map<string, unknown>();
  for (const resource of resources) {
    if (isRecord(resource) && typeof resource.resourceType === 'string' && typeof resource.id === 'string') {
      index.set(`${resource.resourceType}/${resource.id}`, resource);
    }
  }
  return index;
}
