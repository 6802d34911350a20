import { html, nothing, type TemplateResult } from 'lit';
import type { DataState } from '../../controllers/data.js';
import type { Catalog, DayTimes } from './slot-search-controller.js';
import type { Location, Service, Slot, SlotSearchResult } from '../../model/index.js';
import { addDays, firstOfMonth, lastOfMonth, type Day, type Month } from '../../time/days.js';
import type { DateGridController } from './date-grid-controller.js';
import { renderDateGrid } from './date-grid.js';
import { renderSlotList, sameTimeKey } from './slot-list.js';
import { renderError, renderLoading } from '../../ui/state-view.js';
import type { SchedulerL10n, SchedulerTranslator } from './strings.js';

export type Filter = 'service' | 'location' | 'practitioner' | 'visit';

/** How a visit happens: at a clinic, or by video (at a virtual place). */
export type VisitMode = 'in-person' | 'video';

/** Whether a place gives visits the way `mode` asks; every place does when no mode is asked. */
export function placeFits(location: Pick<Location, 'virtual'> | undefined, mode: string | undefined): boolean {
  return mode === undefined || (mode === 'video') === Boolean(location?.virtual);
}

/** What the search (filters, calendar, times) needs from the scheduler. */
export interface FindContext {
  l10n: SchedulerL10n;
  catalog: Catalog;
  /** The services to choose from. */
  services: Service[];
  /** The current choice per filter, and the ones the host (or a next-dose booking) fixed. */
  chosen: Record<Filter, string | undefined>;
  locked: Record<Exclude<Filter, 'visit'>, string | undefined>;
  choose(filter: Filter, value: string | undefined): void;
  /** The month's times include visits in person and by video. */
  bothModes: boolean;
  /** The month's search: its state drives the loading and error views. */
  month: DataState<SlotSearchResult>;
  /** Free times by local day from the month's search. */
  days: Map<Day, Slot[]>;
  /** The month's search was cut short: later days are unchecked, and searched one at a time when chosen. */
  unchecked: boolean;
  /** The chosen day's times. */
  times?: DayTimes;
  calendar: DateGridController;
  selectedDay?: Day;
  maxDaysOut: number;
  viewerZone: string;
  openHour?: string;
  onHour(hour: string): void;
  onChoose(slot: Slot): void;
  retry(): void;
}

/** Answers already judged: the find view asks on every render, and a busy month is thousands of slots. */
const bothModes = new WeakMap<SlotSearchResult, boolean>();

/** Whether a search's times include both visits in person and by video. */
export function offersBothModes(result: SlotSearchResult | undefined): boolean {
  if (!result) return false;
  let both = bothModes.get(result);
  if (both === undefined) {
    const video = result.slots.some((slot) => result.locations[slot.locationId ?? '']?.virtual);
    both = video && result.slots.some((slot) => !result.locations[slot.locationId ?? '']?.virtual);
    bothModes.set(result, both);
  }
  return both;
}

/** The filters after one changed; a chosen place of the other kind than a newly asked visit mode is let go. */
export function withFilter(
  filters: Partial<Record<Filter, string>>,
  filter: Filter,
  value: string | undefined,
  places: readonly Location[],
): Partial<Record<Filter, string>> {
  const next = { ...filters, [filter]: value };
  const place = places.find((l) => l.id === next.location);
  return filter === 'visit' && place && !placeFits(place, value) ? { ...next, location: undefined } : next;
}

export function renderFilters(ctx: FindContext): TemplateResult {
  const { l10n, catalog, chosen, locked } = ctx;
  const select = (filter: Filter, label: string, options: Array<{ id: string; name: string }>, any?: string) => {
    const value = chosen[filter];
    const fixed = filter === 'visit' ? undefined : locked[filter];
    if (fixed !== undefined) {
      const name = options.find((o) => o.id === fixed)?.name ?? fixed;
      return html`<div class="filter locked"><span class="filter-label">${label}</span><span class="filter-value">${name}</span></div>`;
    }
    return html`<label class="filter"
      ><span class="filter-label">${label}</span>
      <select @change=${(e: Event) => ctx.choose(filter, (e.target as HTMLSelectElement).value || undefined)}>
        ${any === undefined ? nothing : html`<option value="" ?selected=${!value}>${any}</option>`}
        ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === value}>${o.name}</option>`)}
      </select></label
    >`;
  };
  // "In person / Video" only when the month has times of both kinds (or one was asked for) and no place is fixed;
  // the places follow the choice.
  const places = catalog.locations.items;
  const how = locked.location === undefined && (chosen.visit !== undefined || ctx.bothModes);
  const modes = [
    { id: 'in-person', name: l10n.t('visit.inPerson') },
    { id: 'video', name: l10n.t('visit.video') },
  ];
  return html`<div class="filters" part="filters">
    ${select('service', l10n.t('scheduler.what'), ctx.services.map((s) => ({ id: s.id, name: serviceName(s, l10n) })))}
    ${how ? select('visit', l10n.t('visit.how'), modes, l10n.t('visit.any')) : nothing}
    ${select('location', l10n.t('scheduler.where'), how ? places.filter((l) => placeFits(l, chosen.visit)) : places, l10n.t('scheduler.anyLocation'))}
    ${select('practitioner', l10n.t('scheduler.with'), catalog.practitioners.items, l10n.t('scheduler.anyPractitioner'))}
  </div>`;
}

export function renderAvailability(ctx: FindContext): TemplateResult {
  const { l10n, month, days, times } = ctx;
  if (month.status === 'error') return renderError(l10n, month.error, ctx.retry);
  const horizonEmpty = month.status === 'ready' && days.size === 0 && !ctx.unchecked && !ctx.calendar.canShowNext;
  const empty = (key: 'scheduler.chooseDay' | 'scheduler.noTimesThisMonth' | 'scheduler.noTimesThisDay') =>
    html`<p class="empty" role="status">${l10n.t(key)}</p>`;
  // Until the first answer, one loading box rather than an empty month grid: the grid is drawn (and laid out)
  // once, with its days marked, in the task the times arrive in, not once bare and again with them.
  if (month.status === 'idle' || (month.status === 'loading' && month.stale === undefined)) return renderLoading(l10n);
  const busy = month.status === 'loading' || times?.status === 'loading';
  return html`<div class="find" aria-busy=${busy ? 'true' : 'false'}>
    ${renderDateGrid(ctx.calendar, { id: 'scheduler-days' })}
    <div class="day-times">
      ${horizonEmpty
        ? html`<div class="no-availability" part="state" role="status"><slot name="no-availability">${l10n.t('scheduler.noAvailability', { days: ctx.maxDaysOut })}</slot></div>`
        : !times || times.status === 'loading'
          ? month.status === 'ready' && !times
            ? empty(days.size || ctx.unchecked ? 'scheduler.chooseDay' : 'scheduler.noTimesThisMonth')
            : renderLoading(l10n)
          : times.status === 'error'
            ? renderError(l10n, times.error, times.retry)
            : times.slots.length === 0
              ? empty(ctx.unchecked ? 'scheduler.noTimesThisDay' : days.size ? 'scheduler.chooseDay' : 'scheduler.noTimesThisMonth')
              : renderSlotList({
                  l10n,
                  slots: times.slots,
                  locations: times.result.locations,
                  practitioners: times.result.practitioners,
                  services: times.result.services,
                  viewerZone: ctx.viewerZone,
                  openHour: ctx.openHour,
                  onHour: ctx.onHour,
                  onChoose: ctx.onChoose,
                })}
    </div>
  </div>`;
}

const DAY_MS = 86_400_000;

/** The services offered: all, or the vaccination ones a `vaccine` attribute asks for (`""`, `140`, `208:2`). */
export function offeredServices(all: Service[], vaccine: string | null | undefined): Service[] {
  if (vaccine === undefined || vaccine === null) return all;
  const [cvx, dose] = vaccine.split(':');
  return all.filter(
    (s) => s.vaccine && (!cvx || s.vaccine.cvx === cvx) && (!dose || s.vaccine.doseNumber === undefined || String(s.vaccine.doseNumber) === dose),
  );
}

/** The services on offer (`vaccine` applied, or one fixed for a next dose) and the one being booked. */
export interface ServiceChoice {
  services: Service[];
  serviceId?: string;
  service?: Service;
}

/** `wanted` when offered, else the first offered: an attribute or filter naming a service not on offer falls back. */
export function chooseService(all: Service[], { vaccine, fixed, wanted }: { vaccine?: string; fixed?: Service; wanted?: string }): ServiceChoice {
  const services = fixed ? [fixed] : offeredServices(all, vaccine);
  const serviceId = services.find((s) => s.id === wanted)?.id ?? services[0]?.id ?? wanted;
  return { services, serviceId, service: all.find((s) => s.id === serviceId) };
}

/** The service for the dose after `vaccine`'s (same product, next dose number), if the catalog offers one. */
export function nextDoseOf(all: Service[], { cvx, doseNumber = 1 }: NonNullable<Service['vaccine']>): Service | undefined {
  return all.find((s) => s.vaccine?.cvx === cvx && s.vaccine.doseNumber === doseNumber + 1);
}

/** The instants to search for a month's days, cut to the horizon (`maxDaysOut` from now). */
export function monthWindow(month: Month, maxDaysOut: number): { from: string; to: string } {
  // To the minute: the search's inputs must stay equal between renders, or every render would search again.
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const horizonEnd = now + maxDaysOut * DAY_MS;
  // A day margin on both sides: days are the clinics' local days, up to 14 hours off UTC.
  const monthStart = Date.parse(`${firstOfMonth(`${month}-01`)}T00:00:00Z`) - DAY_MS;
  const monthEnd = Date.parse(`${addDays(lastOfMonth(`${month}-01`), 1)}T00:00:00Z`) + DAY_MS;
  return { from: new Date(Math.max(now, monthStart)).toISOString(), to: new Date(Math.min(horizonEnd, monthEnd)).toISOString() };
}

/**
 * The free times nearest to one that was taken, before or after it, soonest first on a tie. Each is a choice
 * the person can tell apart from the others (another start, or the same start at another place or with
 * another clinician): three lanes of one 8:00 would fill the list with one choice. The taken time itself
 * may come back through another of its lanes, first of all: a mass-vaccination site has hundreds of places
 * at 8:00, and one of them being taken is no reason to send the person to 8:15.
 */
export function nearest(taken: Slot, free: Slot[], count = 3): Slot[] {
  const at = Date.parse(taken.start);
  const takenKey = sameTimeKey(taken);
  const candidates = free
    .filter((s) => s.id !== taken.id)
    .map((slot) => ({ slot, ms: Date.parse(slot.start), key: sameTimeKey(slot) }))
    // Same distance and start: the place and clinician the person chose before any other.
    .sort((a, b) => Math.abs(a.ms - at) - Math.abs(b.ms - at) || a.ms - b.ms || Number(b.key === takenKey) - Number(a.key === takenKey));
  const seen = new Set<string>();
  const out: Slot[] = [];
  for (const { slot, key } of candidates) {
    if (out.length === count) break;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(slot);
  }
  return out;
}

/** "Pfizer-BioNTech COVID-19 vaccine (dose 2)": doses of one product share a name. */
export function serviceName(service: Service, l10n: SchedulerTranslator): string {
  const dose = service.vaccine?.doseNumber;
  // Some servers already name the dose ("… vaccine, dose 2"); saying it twice helps no one.
  if (!dose || new RegExp(`\\b(dose|dosis)\\s*${dose}\\b`, 'i').test(service.name)) return service.name;
  return l10n.t('scheduler.serviceDose', { name: service.name, dose });
}
