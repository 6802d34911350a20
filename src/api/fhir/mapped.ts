import type { MapOutcome } from './map/common.js';

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
