import type { MapOutcome } from './map/common.js';
import { yieldToMain } from '../yield.js';

export interface Mapped<T> {
  items: T[];
  dropped: number;
}

/** Maps every resource; one that does not map is counted and left out, never the whole list. */
export function collectMapped<T>(resources: unknown[], map: (resource: unknown) => MapOutcome<T>): Mapped<T> {
  const out: Mapped<T> = { items: [], dropped: 0 };
  for (const resource of resources) {
    const result = map(resource);
    if (result.ok) out.items.push(result.value);
    else out.dropped++;
  }
  return out;
}

/** Resources mapped between two yields to the browser: a few milliseconds of work on a mid-range phone. */
const SLICE = 250;

/**
 * `collectMapped` for long lists (a month of slots): the browser gets the main thread back every `SLICE`
 * resources, and a search given up meanwhile (the person moved on) stops there.
 */
export async function collectMappedInSlices<T>(resources: unknown[], map: (resource: unknown) => MapOutcome<T>, signal: AbortSignal): Promise<Mapped<T>> {
  const out: Mapped<T> = { items: [], dropped: 0 };
  for (let start = 0; start < resources.length; start += SLICE) {
    if (start > 0) {
      await yieldToMain();
      signal.throwIfAborted();
    }
    const slice = collectMapped(resources.slice(start, start + SLICE), map);
    out.items.push(...slice.items);
    out.dropped += slice.dropped;
  }
  return out;
}
