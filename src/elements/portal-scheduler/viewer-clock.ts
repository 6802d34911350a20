import { toDay, type Day } from '../../time/days.js';
import { dayInZone } from '../../time/zones.js';
import type { Location } from '../../model/index.js';

/** The zone whose days the grid shows: the chosen clinic's, else the one every clinic keeps; undefined when they differ. */
export function clinicZone(places: readonly Location[], chosen: string | undefined): string | undefined {
  const zones = new Set((chosen ? places.filter((l) => l.id === chosen) : places).map((l) => l.timeZone));
  return zones.size === 1 ? [...zones][0] : undefined;
}

/**
 * The viewer's own date and zone: the scheduler's first bookable day, and the "your time" beside a clinic's.
 * Neither may cost a page's first Intl formatter (some 20 ms while ICU loads its locale and zone data) on the
 * way to the first render: the date comes from Date's local fields, and the zone is asked of Intl once, when a
 * label needs it or when `warmWhenIdle` finds the browser idle.
 */
export class ViewerClock {
  private known?: string;

  get zone(): string {
    return (this.known ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
  }

  /**
   * Today where the clinic is, once its zone is known: a patient abroad, or an evening viewer a day ahead of the
   * clinic, books in the clinic's days. Before that (the first render), today in the viewer's zone from Date's
   * local fields.
   */
  today(clinicZone?: string): Day {
    if (clinicZone) return dayInZone(clinicZone, Date.now());
    const now = new Date();
    return toDay({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  }

  /**
   * Asks for the zone while the browser is idle, that is while the first requests are on the network. Not on a
   * timer: one could run between the catalog's requests and hold the later ones back.
   */
  warmWhenIdle(): void {
    const whenIdle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
    whenIdle(() => {
      void this.zone;
    });
  }
}
