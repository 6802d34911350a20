import { html, nothing, type TemplateResult } from 'lit';
import type { DataState } from '../../controllers/data.js';
import type { LocalizeController } from '../../controllers/localize.js';
import type { ListResult, Location, Practitioner, Service, Slot, SlotSearchResult } from '../../model/index.js';
import { addDays, firstOfMonth, lastOfMonth, type Day, type Month } from '../../ui/calendar-days.js';
import { renderDateGrid, type DateGridController } from '../../ui/date-grid.js';
import { renderSlotList } from '../../ui/slot-list.js';
import { renderError, renderLoading } from '../../ui/state-view.js';

export interface Catalog {
  services: ListResult<Service>;
  locations: ListResult<Location>;
  practitioners: ListResult<Practitioner>;
}

export type Filter = 'service' | 'location' | 'practitioner';

/** What the search (filters, calendar, times) needs from the scheduler. */
export interface FindContext {
  l10n: LocalizeController;
  catalog: Catalog;
  /** The services to choose from. */
  services: Service[];
  /** The current choice per filter, and the ones the host (or a next-dose booking) fixed. */
  chosen: Record<Filter, string | undefined>;
  locked: Record<Filter, string | undefined>;
  choose(filter: Filter, value: string | undefined): void;
  slots: DataState<SlotSearchResult>;
  days(result: SlotSearchResult): Map<Day, Slot[]>;
  calendar: DateGridController;
  selectedDay?: Day;
  maxDaysOut: number;
  viewerZone: string;
  openHour?: string;
  onHour(hour: string): void;
  onChoose(slot: Slot): void;
  retry(): void;
}

export function renderFilters(ctx: FindContext): TemplateResult {
  const { l10n, catalog, chosen, locked } = ctx;
  const select = (filter: Filter, label: string, options: Array<{ id: string; name: string }>, any?: string) => {
    const value = chosen[filter];
    if (locked[filter] !== undefined) {
      const name = options.find((o) => o.id === locked[filter])?.name ?? locked[filter];
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
  return html`<div class="filters" part="filters">
    ${select('service', l10n.t('scheduler.what'), ctx.services.map((s) => ({ id: s.id, name: serviceName(s, l10n) })))}
    ${select('location', l10n.t('scheduler.where'), catalog.locations.items, l10n.t('scheduler.anyLocation'))}
    ${select('practitioner', l10n.t('scheduler.with'), catalog.practitioners.items, l10n.t('scheduler.anyPractitioner'))}
  </div>`;
}

export function renderAvailability(ctx: FindContext): TemplateResult {
  const { l10n, slots: state } = ctx;
  if (state.status === 'error') return renderError(l10n, state.error, ctx.retry);
  const result = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
  const days = result ? ctx.days(result) : new Map<Day, Slot[]>();
  const horizonEmpty = state.status === 'ready' && days.size === 0 && !ctx.calendar.canShowNext;
  const daySlots = ctx.selectedDay ? (days.get(ctx.selectedDay) ?? []) : [];
  return html`<div class="find" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
    ${renderDateGrid(ctx.calendar, { id: 'scheduler-days' })}
    <div class="day-times">
      ${horizonEmpty
        ? html`<div class="no-availability" part="state" role="status"><slot name="no-availability">${l10n.t('scheduler.noAvailability', { days: ctx.maxDaysOut })}</slot></div>`
        : !result
          ? renderLoading(l10n)
          : daySlots.length === 0
            ? html`<p class="empty" role="status">${l10n.t(days.size ? 'scheduler.chooseDay' : 'scheduler.noTimesThisMonth')}</p>`
            : renderSlotList({
                l10n,
                slots: daySlots,
                locations: result.locations,
                practitioners: result.practitioners,
                services: result.services,
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

/** The free times nearest to one that was taken, before or after it, soonest first on a tie. */
export function nearest(taken: Slot, free: Slot[], count = 3): Slot[] {
  const at = Date.parse(taken.start);
  return free
    .filter((s) => s.id !== taken.id)
    .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at) || Date.parse(a.start) - Date.parse(b.start))
    .slice(0, count);
}

/** "Pfizer-BioNTech COVID-19 vaccine (dose 2)": doses of one product share a name. */
export function serviceName(service: Service, l10n: Pick<LocalizeController, 't'>): string {
  const dose = service.vaccine?.doseNumber;
  // Some servers already name the dose ("… vaccine, dose 2"); saying it twice helps no one.
  if (!dose || new RegExp(`\\b(dose|dosis)\\s*${dose}\\b`, 'i').test(service.name)) return service.name;
  return l10n.t('scheduler.serviceDose', { name: service.name, dose });
}
