import { toDay, type Day } from '../../time/days.js';

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

  /** Today in the viewer's zone (Date's local fields are in that zone). */
  today(): Day {
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
