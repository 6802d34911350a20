import { isRecord, parseReference } from './map/common.js';
import { indexByReference } from './search.js';

/** How long a list's answer names places, services, clinicians and schedules for later slot searches. */
export const DIRECTORY_FRESH_MS = 5 * 60_000;

/**
 * The directory resources the adapter's lists read lately — places, services, clinicians and the active
 * schedules. A slot search that follows a scheduler's catalog (every one does) takes its schedules and the actors
 * its times name from here instead of asking again: two round trips fewer before the first times show, each a
 * tenth of a second or more on a phone's network. Nothing here is the patient's; an entry older than
 * `DIRECTORY_FRESH_MS` is read again.
 */
export interface Directory {
  /** Keeps resources a list read (matches and includes alike). */
  remember(resources: unknown[]): void;
  /** Keeps the server's whole list of active Schedules (only a list that was not cut short is whole). */
  rememberActiveSchedules(schedules: unknown[]): void;
  /** A fresh resource by `Type/id`. */
  get(key: string): unknown;
  /** Ids of the active Schedules naming `actor` (`Type/id`); undefined when no whole list is fresh. */
  activeScheduleIds(actor: string): string[] | undefined;
}

export function createDirectory(now: () => number = Date.now): Directory {
  const entries = new Map<string, { resource: unknown; at: number }>();
  let schedules: { list: unknown[]; at: number } | undefined;
  const fresh = (at: number) => now() - at < DIRECTORY_FRESH_MS;

  return {
    remember(resources) {
      const at = now();
      indexByReference(resources).forEach((resource, key) => entries.set(key, { resource, at }));
    },
    rememberActiveSchedules(list) {
      schedules = { list, at: now() };
    },
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (fresh(entry.at)) return entry.resource;
      entries.delete(key);
      return undefined;
    },
    activeScheduleIds(actor) {
      if (!schedules || !fresh(schedules.at)) return undefined;
      const ids: string[] = [];
      for (const schedule of schedules.list) {
        if (!isRecord(schedule) || typeof schedule.id !== 'string' || !Array.isArray(schedule.actor)) continue;
        const names = schedule.actor.some((ref) => {
          const parsed = parseReference(ref);
          return parsed?.type !== undefined && `${parsed.type}/${parsed.id}` === actor;
        });
        if (names) ids.push(schedule.id);
      }
      return ids;
    },
  };
}
