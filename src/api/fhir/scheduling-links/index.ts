/**
 * SMART Scheduling Links: public slot discovery from a `$bulk-publish` manifest and the NDJSON files it lists
 * (Location, Schedule, Slot). Loaded on demand by the FHIR adapter's scheduling API, so a page that never
 * reads a publication never downloads this.
 *
 * Publications are public by design, and usually hosted away from the FHIR server (a static bucket, a CDN),
 * so they are read with the plain fetch: no token, no cookies. The token-carrying client must not be used
 * here even for a manifest under the FHIR base, because what the manifest lists can point anywhere.
 */
import type { PublishedCatalog, SlotQuery, SlotSearchResult } from '../../../model/index.js';
import { ApiError, isApiError } from '../../errors.js';
import { sharedWhileRunning } from '../../in-flight.js';
import { slotMatchesQuery } from '../slot-query.js';
import type { Limits } from './files.js';
import { readPublication } from './manifest.js';
import type { Publication } from './publication.js';

export interface SchedulingLinksOptions {
  /** The adapter's fetch (or the global one). */
  fetch: typeof fetch;
  /** Clock for the cache, epoch ms. */
  now?: () => number;
  /** How long a publication once read is reused (default 5 minutes; the specification asks clients not to poll faster than once a minute). */
  cacheMs?: number;
  /** Most output files a manifest may list (default 100). */
  maxFiles?: number;
  /** Most NDJSON lines across a publication's files (default 100,000). */
  maxLines?: number;
  /** Most characters across the manifest and its files (default 64 Mi), so one endless line cannot exhaust memory. */
  maxChars?: number;
  /** Files read at once (default 4). */
  parallelFiles?: number;
}

export interface SchedulingLinks {
  listPublished(source: string, signal: AbortSignal): Promise<PublishedCatalog>;
  searchPublished(source: string, query: SlotQuery, signal: AbortSignal): Promise<SlotSearchResult>;
}

/** Publications kept at once: a page reads one or two; a page cycling through many is not worth the memory. */
const CACHED_SOURCES = 8;

export function createSchedulingLinks(options: SchedulingLinksOptions): SchedulingLinks {
  const fetchImpl = options.fetch;
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 5 * 60_000;
  const limits: Limits = {
    maxFiles: options.maxFiles ?? 100,
    maxLines: options.maxLines ?? 100_000,
    maxChars: options.maxChars ?? 64 * 2 ** 20,
    parallelFiles: options.parallelFiles ?? 4,
  };
  const cache = new Map<string, { at: number; value: Publication }>();
  // The read belongs to no single caller: one caller aborting leaves it running for the others, and only when
  // every caller has gone is it stopped (and nothing is cached).
  const read = sharedWhileRunning(async (href: string, signal: AbortSignal) => {
    const value = await readPublication(fetchImpl, new URL(href), limits, signal);
    cache.set(href, { at: now(), value });
    while (cache.size > CACHED_SOURCES) cache.delete(cache.keys().next().value as string);
    return value;
  });

  /** The publication at `source`: from the cache while fresh, else from the one read already under way, else from a new read. */
  async function publication(source: string, operation: string, signal: AbortSignal): Promise<Publication> {
    signal.throwIfAborted();
    const key = manifestUrl(source, operation).href;
    const cached = cache.get(key);
    if (cached && now() - cached.at < cacheMs) return cached.value;
    if (cached) cache.delete(key);
    try {
      return await read(key, signal);
    } catch (error) {
      if (signal.aborted && error === signal.reason) throw error;
      if (isApiError(error)) throw new ApiError(error.kind, { operation, status: error.status, retryAfter: error.retryAfter });
      // Anything else is a defect in reading odd input; the person can only be told the data was unusable.
      throw new ApiError('invalid-response', { operation });
    }
  }

  return {
    async listPublished(source, signal): Promise<PublishedCatalog> {
      const found = await publication(source, 'scheduling.listPublished', signal);
      return structuredClone({
        services: { items: found.catalog, dropped: found.dropped.Schedule, truncated: false },
        locations: { items: found.locations, dropped: found.dropped.Location, truncated: false },
      });
    },

    async searchPublished(source, query, signal): Promise<SlotSearchResult> {
      const operation = 'scheduling.searchPublished';
      const fromMs = Date.parse(query.from);
      const toMs = Date.parse(query.to);
      // As a FHIR server answers 400 to a search it cannot read.
      if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new ApiError('invalid-response', { operation });
      const found = await publication(source, operation, signal);
      const { Location: locations, Schedule: schedules, Slot: slots } = found.dropped;
      const result: SlotSearchResult = {
        slots: [],
        services: {},
        locations: {},
        practitioners: {},
        // A line that could not be read has no date, so it may belong to any search: every one reports it.
        dropped: locations + schedules + slots,
        truncated: false,
      };
      for (let i = firstAtOrAfter(found.slots, fromMs); i < found.slots.length && found.slots[i].startMs < toMs; i++) {
        const { slot } = found.slots[i];
        if (!slotMatchesQuery(slot, query, found.services)) continue;
        result.slots.push(slot);
        for (const id of slot.serviceIds) if (found.services[id]) result.services[id] = found.services[id];
        const location = slot.locationId === undefined ? undefined : found.locationById.get(slot.locationId);
        if (location) result.locations[location.id] = location;
        const practitioner = slot.practitionerId === undefined ? undefined : found.practitioners.get(slot.practitionerId);
        if (practitioner) result.practitioners[practitioner.id] = practitioner;
      }
      // Copies: the cached publication serves the next month too, whatever a caller does with this one.
      return structuredClone(result);
    },
  };
}

/** The manifest URL; anything but absolute http(s) cannot be reached. */
function manifestUrl(source: string, operation: string): URL {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new ApiError('network', { operation });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError('network', { operation });
  url.hash = '';
  return url;
}

/** Index of the first slot starting at or after `ms` (slots are sorted by start). */
function firstAtOrAfter(slots: readonly { startMs: number }[], ms: number): number {
  let low = 0;
  let high = slots.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (slots[mid].startMs < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}
