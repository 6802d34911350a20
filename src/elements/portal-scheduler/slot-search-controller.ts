import type { PortalApi } from '../../api/portal-api.js';
import type { DataController, DataOptions } from '../../controllers/data.js';
import type { ListResult, Location, Practitioner, Service, Slot, SlotQuery, SlotSearchResult } from '../../model/index.js';
import { addDays, type Day } from '../../time/days.js';
import { bucketByLocalDay, startOfLocalDay } from '../../time/zones.js';
import { yieldToMain } from '../../api/yield.js';
import { placeFits } from './find-view.js';

/** What can be searched: the services, places and clinicians a scheduler offers. */
export interface Catalog {
  services: ListResult<Service>;
  locations: ListResult<Location>;
  practitioners: ListResult<Practitioner>;
}

/** What the slot search reads from the scheduler. */
export interface SlotSearchOptions {
  /** A public data load on the element (`PortalElement.loader`): aborted on disconnect, reported on failure. */
  loader<T>(load: DataOptions<T>['load'], inputs: () => unknown): DataController<T>;
  /** A SMART Scheduling Links manifest to read instead of the FHIR server's own slots. */
  publication(): string | undefined;
  /** The search for the visible month within the horizon; undefined until the catalog is known. */
  monthQuery(catalog: Catalog): SlotQuery | undefined;
  /** The day whose times are on screen, if any. */
  shownDay(): Day | undefined;
  /** The first day that may be booked (today, or a next dose's earliest day). */
  firstDay(): Day;
  /** Only times in person, or only by video, when the person asked (with no place chosen); all when undefined. */
  visitMode?(): string | undefined;
}

/** The times of the day on screen, from the month's search or from a search of that day alone. */
export type DayTimes =
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'ready'; slots: Slot[]; result: SlotSearchResult };

const NO_SLOTS: SlotSearchResult = { slots: [], services: {}, locations: {}, practitioners: {}, dropped: 0, truncated: false };
/** The widest a zone is from UTC (UTC−12 to UTC+14): a day window that fits any clinic. */
const ANY_ZONE_MS = 14 * 3_600_000;

/**
 * The scheduler's data: the catalog, one search per visible month (to mark the days with free times) and,
 * when that search came back cut short, one search per day past the cut. A server pages a month at a
 * mass-vaccination site long before its end (5,000 times a day); without the day search every later day
 * would look empty. Days are the clinics' local days throughout.
 */
export class SlotSearchController {
  readonly catalog: DataController<Catalog>;
  readonly month: DataController<SlotSearchResult>;
  private readonly day: DataController<SlotSearchResult | null>;
  private bucketed = new WeakMap<SlotSearchResult, { min: Day; mode?: string; days: Map<Day, Slot[]> }>();

  constructor(private readonly options: SlotSearchOptions) {
    this.catalog = options.loader<Catalog>(
      async (api, signal) => {
        const source = options.publication();
        if (source) {
          // A publication names places and the services its schedules give; clinicians come with each time.
          const { services, locations } = await api.scheduling.listPublished(source, signal);
          return { services, locations, practitioners: { items: [], dropped: 0, truncated: false } };
        }
        const [services, locations, practitioners] = await Promise.all([
          api.scheduling.listServices(signal),
          api.scheduling.listLocations(signal),
          api.scheduling.listPractitioners(signal),
        ]);
        return { services, locations, practitioners };
      },
      () => options.publication() ?? null,
    );
    this.month = options.loader<SlotSearchResult>(
      (api, signal) => {
        const query = this.monthQuery();
        return query ? this.search(api, query, signal) : Promise.resolve(NO_SLOTS);
      },
      () => {
        const query = this.monthQuery();
        return query ? [options.publication() ?? null, query] : null;
      },
    );
    this.day = options.loader<SlotSearchResult | null>(
      (api, signal) => {
        const query = this.dayQuery();
        return query ? this.search(api, query, signal) : Promise.resolve(null);
      },
      () => {
        const query = this.dayQuery();
        return query ? [options.publication() ?? null, query] : null;
      },
    );
  }

  /** What is searched, from the loaded catalog: the catalog is what turns a service choice into a query. */
  get catalogValue(): Catalog | undefined {
    const state = this.catalog.state;
    return state.status === 'ready' ? state.value : undefined;
  }

  /** The visible month's search; undefined until the catalog is known. */
  monthQuery(): SlotQuery | undefined {
    const catalog = this.catalogValue;
    return catalog ? this.options.monthQuery(catalog) : undefined;
  }

  private async search(api: PortalApi, query: SlotQuery, signal: AbortSignal): Promise<SlotSearchResult> {
    const source = this.options.publication();
    const result = await (source ? api.scheduling.searchPublished(source, query, signal) : api.scheduling.searchSlots(query, signal));
    // Sorting the answer into days and drawing them is a task of its own, not the tail of the last page's.
    await yieldToMain();
    return result;
  }

  /** The visible month was searched, to its end, and has no free time from the first bookable day on. */
  get monthHasNoTimeLeft(): boolean {
    const state = this.month.state;
    return state.status === 'ready' && this.catalogValue !== undefined && !state.value.truncated && this.days(state.value).size === 0;
  }

  /** The month's last answer (kept while a new one loads). */
  get monthResult(): SlotSearchResult | undefined {
    const state = this.month.state;
    return state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
  }

  /** Free times by the clinic's local day from the first bookable day on; computed once per answer. */
  days(result: SlotSearchResult): Map<Day, Slot[]> {
    const min = this.options.firstDay();
    const mode = this.options.visitMode?.();
    const cached = this.bucketed.get(result);
    if (cached?.min === min && cached.mode === mode) return cached.days;
    const place = (slot: Slot) => (slot.locationId ? result.locations[slot.locationId] : undefined);
    const days = bucketByLocalDay(
      result.slots.filter((s) => s.status === 'free' && placeFits(place(s), mode)),
      (slot) => (slot.locationId ? result.locations[slot.locationId]?.timeZone : undefined),
    );
    for (const day of [...days.keys()]) if (day < min) days.delete(day);
    this.bucketed.set(result, { min, mode, days });
    return days;
  }

  /**
   * The first day the month's search may have missed, when it came back cut short: its last day (perhaps
   * cut mid-day) and every day after it. Undefined when the month was searched to its end.
   */
  get uncheckedFrom(): Day | undefined {
    const state = this.month.state;
    if (state.status !== 'ready' || !state.value.truncated) return undefined;
    const known = [...this.days(state.value).keys()];
    return known.at(-1) ?? this.options.firstDay();
  }

  /** The times of `day`: the month's, or (past the cut) those of a search of that day alone. */
  timesOn(day: Day): DayTimes {
    const month = this.month.state;
    if (month.status === 'error') return { status: 'error', error: month.error, retry: () => void this.month.reload() };
    const result = this.monthResult;
    if (!result) return { status: 'loading' };
    const cut = this.uncheckedFrom;
    if (cut === undefined || day < cut) return { status: 'ready', slots: this.days(result).get(day) ?? [], result };
    const state = this.day.state;
    if (state.status === 'error') return { status: 'error', error: state.error, retry: () => void this.day.reload() };
    if (state.status !== 'ready' || !state.value) return { status: 'loading' };
    return { status: 'ready', slots: this.days(state.value).get(day) ?? [], result: state.value };
  }

  /**
   * The day to show once a month's answer is in: the chosen one while it has times (or lies past a cut, where it is
   * searched alone), else the first day with times, chosen for the person (they can pick another).
   */
  dayToShow(result: SlotSearchResult, chosen: Day | undefined): Day | undefined {
    const days = this.days(result);
    const cut = this.uncheckedFrom;
    if (chosen && (days.has(chosen) || (cut !== undefined && chosen >= cut))) return chosen;
    return days.keys().next().value ?? chosen;
  }

  /** Every free time the searches know: the month's days, and the chosen day's own search past a cut. */
  knownFreeTimes(shown: DayTimes | undefined): Slot[] {
    const month = this.monthResult;
    const known = month ? [...this.days(month).values()].flat() : [];
    if (shown?.status !== 'ready' || shown.result === month) return known;
    const ids = new Set(shown.slots.map((slot) => slot.id));
    return [...known.filter((slot) => !ids.has(slot.id)), ...shown.slots];
  }

  /** Searches again (after a booking, or on "Try again"): the month, and the day on screen if it is past the cut. */
  async reload(): Promise<void> {
    const dayToo = this.dayQuery() !== undefined;
    await Promise.all([this.month.reload(), dayToo ? this.day.reload() : undefined]);
  }

  /**
   * The shown day's free times from searches made now: after sign-in the answer must be one made for the
   * signed-in patient, whether or not the filters moved. `rendered` waits for the host's next render: the day's own
   * search (past a cut-short month) starts from the month's answer on screen.
   */
  async freshTimes(rendered: () => Promise<unknown>): Promise<Slot[]> {
    await rendered();
    if (this.month.state.status !== 'loading') void this.month.reload();
    await this.month.complete;
    await rendered();
    const times = await this.complete();
    return times?.status === 'ready' ? times.slots : [];
  }

  /** Settles when the searches in flight do (the day's too, when one runs). */
  async complete(): Promise<DayTimes | undefined> {
    await this.month.complete;
    if (this.dayQuery()) await this.day.complete;
    const day = this.options.shownDay();
    return day ? this.timesOn(day) : undefined;
  }

  /** The search of the day on screen alone, when it lies past the month's cut. */
  private dayQuery(): SlotQuery | undefined {
    const day = this.options.shownDay();
    const cut = this.uncheckedFrom;
    const query = this.monthQuery();
    const result = this.monthResult;
    if (!day || cut === undefined || day < cut || !query || !result) return undefined;
    // The clinics' own midnights when their zones are known; otherwise a window wide enough for any zone.
    const zones = new Set(Object.values(result.locations).map((location) => location.timeZone));
    const catalogZone = query.locationId ? this.catalogZone(query.locationId) : undefined;
    const known = catalogZone ? [catalogZone] : [...zones].filter((zone): zone is string => zone !== undefined);
    const exact = known.length > 0 && (catalogZone !== undefined || !zones.has(undefined));
    const starts = exact ? known.map((zone) => Date.parse(startOfLocalDay(day, zone))) : [Date.parse(`${day}T00:00:00Z`) - ANY_ZONE_MS];
    const ends = exact ? known.map((zone) => Date.parse(startOfLocalDay(addDays(day, 1), zone))) : [Date.parse(`${addDays(day, 1)}T00:00:00Z`) + ANY_ZONE_MS];
    // Never before the month's own start (now, at the earliest) nor past its end (the horizon).
    const from = Math.max(Math.min(...starts), Date.parse(query.from));
    const to = Math.min(Math.max(...ends), Date.parse(query.to));
    if (from >= to) return undefined;
    return { ...query, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }

  private catalogZone(locationId: string): string | undefined {
    return this.catalogValue?.locations.items.find((l) => l.id === locationId)?.timeZone;
  }
}
