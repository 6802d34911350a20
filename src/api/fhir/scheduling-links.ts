/**
 * SMART Scheduling Links: public slot discovery from a `$bulk-publish` manifest and the NDJSON files it lists
 * (Location, Schedule, Slot). Loaded on demand by the FHIR adapter's scheduling API, so a page that never
 * reads a publication never downloads this.
 *
 * Publications are public by design, and usually hosted away from the FHIR server (a static bucket, a CDN),
 * so they are read with the plain fetch: no token, no cookies. The token-carrying client must not be used
 * here even for a manifest under the FHIR base, because what the manifest lists can point anywhere.
 */
import {
  PractitionerSchema,
  type Location,
  type Practitioner,
  type PublishedCatalog,
  type Service,
  type Slot,
  type SlotQuery,
  type SlotSearchResult,
} from '../../model/index.js';
import { ApiError, isAbortError, isApiError, kindForStatus } from '../errors.js';
import { parseRetryAfter } from '../http.js';
import { parseFhirJson } from './json.js';
import { asResource, isRecord, practitionerIdFromReference, records, referenceDisplay, referenceIdOf, str } from './map/common.js';
import { mapLocation, mapSlot, serviceFromConcept, servicesFromSchedule } from './map/scheduling.js';
import { slotMatchesQuery } from './slot-query.js';

/** The file types a discovery client reads; the specification tells clients to skip the others. */
const FILE_TYPES = ['Location', 'Schedule', 'Slot'] as const;
type FileType = (typeof FILE_TYPES)[number];

/** The operation internal failures carry until each caller re-labels them with its own. */
const READ = 'scheduling.readPublication';

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

/** A publication, mapped once and then searched for every month a person looks at. */
interface Publication {
  locations: Location[];
  locationById: Map<string, Location>;
  /** What the schedules offer, in file order. */
  catalog: Service[];
  /** The catalog plus the services slots name by their own serviceType. */
  services: Record<string, Service>;
  practitioners: Map<string, Practitioner>;
  /** Free slots, soonest first. */
  slots: { slot: Slot; startMs: number }[];
  dropped: Record<FileType, number>;
}

interface Limits {
  maxFiles: number;
  maxLines: number;
  maxChars: number;
  parallelFiles: number;
}

/** What the read of one publication has used so far, across its files. */
interface Budget {
  lines: number;
  chars: number;
}

interface InFlight {
  promise: Promise<Publication>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

/** Publications kept at once: a page reads one or two; a page cycling through many is not worth the memory. */
const CACHED_SOURCES = 8;

const tooLarge = () => new ApiError('invalid-response', { operation: READ });

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
  const inFlight = new Map<string, InFlight>();

  /**
   * The publication at `source`: from the cache while fresh, else from the one read already under way, else
   * from a new read. The read belongs to no single caller: one caller aborting leaves it running for the
   * others, and only when every caller has gone is it stopped (and nothing is cached).
   */
  async function publication(source: string, operation: string, signal: AbortSignal): Promise<Publication> {
    signal.throwIfAborted();
    const url = manifestUrl(source, operation);
    const key = url.href;
    const cached = cache.get(key);
    if (cached && now() - cached.at < cacheMs) return cached.value;
    if (cached) cache.delete(key);

    let flight = inFlight.get(key);
    if (!flight) {
      const controller = new AbortController();
      const started: InFlight = { promise: readPublication(fetchImpl, url, limits, controller.signal), controller, waiters: 0, settled: false };
      started.promise.then(
        (value) => {
          cache.set(key, { at: now(), value });
          while (cache.size > CACHED_SOURCES) cache.delete(cache.keys().next().value as string);
        },
        () => undefined,
      );
      started.promise.finally(() => {
        started.settled = true;
        if (inFlight.get(key) === started) inFlight.delete(key);
      }).catch(() => undefined);
      inFlight.set(key, started);
      flight = started;
    }
    const shared = flight;
    shared.waiters++;
    try {
      return await untilAborted(shared.promise, signal);
    } catch (error) {
      if (signal.aborted && error === signal.reason) throw error;
      if (isApiError(error)) throw new ApiError(error.kind, { operation, status: error.status, retryAfter: error.retryAfter });
      // Anything else is a defect in reading odd input; the person can only be told the data was unusable.
      throw new ApiError('invalid-response', { operation });
    } finally {
      shared.waiters--;
      if (shared.waiters === 0 && !shared.settled) {
        shared.controller.abort();
        if (inFlight.get(key) === shared) inFlight.delete(key);
      }
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

/** `promise`, or the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
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

// ---------------------------------------------------------------- reading

async function get(fetchImpl: typeof fetch, url: URL, accept: string, signal: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    // `omit`: a publication is public, and the host page's cookies are none of the publisher's business.
    response = await fetchImpl(url.href, { method: 'GET', headers: { Accept: accept }, credentials: 'omit', signal });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (isAbortError(error)) throw error;
    throw new ApiError('network', { operation: READ });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    throw new ApiError(kindForStatus(response.status), {
      operation: READ,
      status: response.status,
      retryAfter: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
    });
  }
  return response;
}

/** Feeds a response's text to `onText` chunk by chunk, stopping at the character budget. */
async function readText(response: Response, budget: Budget, limits: Limits, signal: AbortSignal, onText: (text: string) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      budget.chars += text.length;
      if (budget.chars > limits.maxChars) throw tooLarge();
      if (text) onText(text);
      if (done) return;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (signal.aborted) throw signal.reason;
    if (isApiError(error)) throw error;
    throw new ApiError('network', { operation: READ });
  }
}

/** The resources of one NDJSON file, and how many of its lines were not JSON. */
async function readNdjson(response: Response, budget: Budget, limits: Limits, signal: AbortSignal): Promise<{ resources: unknown[]; dropped: number }> {
  const out = { resources: [] as unknown[], dropped: 0 };
  const line = (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (++budget.lines > limits.maxLines) throw tooLarge();
    try {
      out.resources.push(parseFhirJson(trimmed));
    } catch {
      out.dropped++;
    }
  };
  let rest = '';
  await readText(response, budget, limits, signal, (text) => {
    rest += text;
    let start = 0;
    for (let newline = rest.indexOf('\n'); newline >= 0; newline = rest.indexOf('\n', start)) {
      line(rest.slice(start, newline));
      start = newline + 1;
    }
    rest = rest.slice(start);
  });
  // Many publishers end the last line without a newline.
  line(rest);
  return out;
}

/** The manifest's Location, Schedule and Slot files at http(s) URLs, in manifest order, each once. */
function outputsOf(manifest: unknown, base: string): { type: FileType; url: URL }[] {
  if (!isRecord(manifest) || !Array.isArray(manifest.output)) throw new ApiError('invalid-response', { operation: READ });
  const seen = new Set<string>();
  return manifest.output.flatMap((output) => {
    if (!isRecord(output) || typeof output.url !== 'string' || !(FILE_TYPES as readonly unknown[]).includes(output.type)) return [];
    let url: URL;
    try {
      url = new URL(output.url, base);
    } catch {
      return [];
    }
    // Not `data:`, `blob:` or `file:`: a manifest must not be able to plant slots the publisher never served.
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || seen.has(`${output.type} ${url.href}`)) return [];
    seen.add(`${output.type} ${url.href}`);
    return [{ type: output.type as FileType, url }];
  });
}

async function readPublication(fetchImpl: typeof fetch, source: URL, limits: Limits, signal: AbortSignal): Promise<Publication> {
  const budget: Budget = { lines: 0, chars: 0 };
  const response = await get(fetchImpl, source, 'application/json', signal);
  let text = '';
  await readText(response, budget, limits, signal, (chunk) => (text += chunk));
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new ApiError('invalid-response', { operation: READ, status: response.status });
  }
  // Relative file URLs are relative to where the manifest was finally read from (after redirects).
  const outputs = outputsOf(manifest, response.url || source.href);
  if (outputs.length > limits.maxFiles) throw tooLarge();

  // One failed file fails the read; the files still being read are stopped rather than left to finish.
  const files = new AbortController();
  const stop = () => files.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const contents: { resources: unknown[]; dropped: number }[] = new Array(outputs.length);
  let next = 0;
  const worker = async () => {
    while (next < outputs.length) {
      const index = next++;
      files.signal.throwIfAborted();
      const file = await get(fetchImpl, outputs[index].url, 'application/fhir+ndjson', files.signal);
      contents[index] = await readNdjson(file, budget, limits, files.signal);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limits.parallelFiles), outputs.length) }, () => worker().catch((error: unknown) => {
      files.abort();
      throw error;
    })));
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
  }

  const raw: Record<FileType, unknown[]> = { Location: [], Schedule: [], Slot: [] };
  const dropped: Record<FileType, number> = { Location: 0, Schedule: 0, Slot: 0 };
  outputs.forEach(({ type }, index) => {
    raw[type].push(...contents[index].resources);
    dropped[type] += contents[index].dropped;
  });
  return buildPublication(raw, dropped);
}

// ---------------------------------------------------------------- mapping

function buildPublication(raw: Record<FileType, unknown[]>, dropped: Record<FileType, number>): Publication {
  const locationById = new Map<string, Location>();
  for (const resource of raw.Location) {
    const mapped = mapLocation(resource);
    if (!mapped.ok) dropped.Location++;
    else if (!locationById.has(mapped.value.id)) locationById.set(mapped.value.id, mapped.value);
  }

  const schedules = new Map<string, Record<string, unknown>>();
  const retired = new Set<string>();
  for (const resource of raw.Schedule) {
    const schedule = asResource(resource, 'Schedule');
    const id = str(schedule?.id);
    if (!schedule || !id) dropped.Schedule++;
    // An inactive schedule is withdrawn: neither it nor its slots are offered.
    else if (schedule.active === false) retired.add(id);
    else if (!schedules.has(id)) schedules.set(id, schedule);
  }

  const services: Record<string, Service> = {};
  const catalog: Service[] = [];
  const practitioners = new Map<string, Practitioner>();
  for (const schedule of schedules.values()) {
    for (const service of servicesFromSchedule(schedule)) {
      if (services[service.id]) continue;
      services[service.id] = service;
      catalog.push(service);
    }
    // Publications carry no Practitioner files; the specification has schedules name clinicians in `display`.
    for (const actor of records(schedule.actor)) {
      const id = practitionerIdFromReference(actor);
      const name = referenceDisplay(actor);
      const parsed = id && name ? PractitionerSchema.safeParse({ id, name }) : undefined;
      if (parsed?.success && !practitioners.has(parsed.data.id)) practitioners.set(parsed.data.id, parsed.data);
    }
  }

  const slots: Publication['slots'] = [];
  const slotIds = new Set<string>();
  for (const resource of raw.Slot) {
    const scheduleId = isRecord(resource) ? referenceIdOf(resource.schedule, ['Schedule'], true) : undefined;
    if (scheduleId !== undefined && retired.has(scheduleId)) continue;
    const mapped = mapSlot(resource, scheduleId === undefined ? undefined : schedules.get(scheduleId));
    if (!mapped.ok) {
      dropped.Slot++;
      continue;
    }
    const slot = mapped.value;
    if (slot.status !== 'free' || slotIds.has(slot.id)) continue;
    slotIds.add(slot.id);
    // A slot may name its own service types beside its schedule's: every id it carries must resolve.
    for (const type of records((resource as Record<string, unknown>).serviceType)) {
      const own = serviceFromConcept(type);
      if (own) services[own.id] ??= own;
    }
    // A HealthcareService actor's id would resolve to nothing: publications carry no such file that is read here.
    slot.serviceIds = slot.serviceIds.filter((id) => services[id] !== undefined);
    slots.push({ slot, startMs: Date.parse(slot.start) });
  }
  slots.sort((a, b) => a.startMs - b.startMs || (a.slot.id < b.slot.id ? -1 : a.slot.id > b.slot.id ? 1 : 0));

  return { locations: [...locationById.values()], locationById, catalog, services, practitioners, slots, dropped };
}
