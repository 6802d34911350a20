import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PortalElement } from '../../base/portal-element.js';
import { BookingController } from '../../controllers/booking.js';
import { DataController } from '../../controllers/data.js';
import { bucketByLocalDay, localDayOf } from '../../i18n/slot-time.js';
import type { Appointment, ListResult, Location, Practitioner, Service, Slot, SlotQuery, SlotSearchResult } from '../../model/index.js';
import { addDays, firstOfMonth, lastOfMonth, type Day } from '../../ui/calendar-days.js';
import { DateGridController, dateGridStyles, renderDateGrid } from '../../ui/date-grid.js';
import { renderSlotList, slotListStyles } from '../../ui/slot-list.js';
import { renderError, renderLoading, stateStyles } from '../../ui/state-view.js';
import { renderBookingStep, type StepContext } from './booking-steps.js';
import { schedulerStyles } from './portal-scheduler.styles.js';

interface Catalog {
  services: ListResult<Service>;
  locations: ListResult<Location>;
  practitioners: ListResult<Practitioner>;
}

const DAY_MS = 86_400_000;
const NO_SLOTS: SlotSearchResult = { slots: [], services: {}, locations: {}, practitioners: {}, dropped: 0, truncated: false };

/**
 * @tagname portal-scheduler
 * @summary Find and book an appointment (vaccines too): what, where and with whom, a day on a keyboard-operable
 * calendar, a time in the clinic's own zone, a review, and a confirmation from the server's answer. Works
 * for public visitors (finding times) and signed-in patients (booking).
 *
 * @slot no-availability - Shown when nothing is free within `max-days-out` (e.g. "Call 555-0100 to book").
 *
 * @csspart filters - The what/where/with-whom choices.
 * @csspart calendar - The date picker (also `calendar-heading`, `calendar-nav`, `calendar-grid`, `weekday`, `day`).
 * @csspart times - The list of free times for the chosen day.
 * @csspart slot - One time button.
 * @csspart hours - The hour buttons of a day with many times; `hour` is one of them.
 * @csspart review - The review step before booking.
 * @csspart confirmation - The booked appointment.
 * @csspart button - Action buttons.
 * @csspart state - Loading, error and notice boxes.
 *
 * @cssproperty --portal-color-accent - Selected day, focus and primary buttons.
 * @cssproperty --portal-color-border - Borders of times, days and boxes.
 * @cssproperty --portal-color-surface - Background of time buttons.
 * @cssproperty --portal-target-size - Minimum size of every button.
 *
 * @fires portal-slot-selected - A time was chosen (slot, service, location and clinician ids only).
 * @fires portal-appointment-booked - The server booked the appointment (ids and the vaccine's CVX code only).
 * @fires portal-auth-required - Booking needs a signed-in patient.
 * @fires portal-error - Loading or booking failed; the detail carries the error kind only.
 */
export class PortalScheduler extends PortalElement {
  static override tagName = 'portal-scheduler';
  static override styles = [...(PortalElement.styles as []), stateStyles, dateGridStyles, slotListStyles, schedulerStyles];

  /** Finding times is public; only booking needs a patient. */
  protected override readonly requiresSession = false;

  /** Service id to preset and lock. */
  @property() service?: string;
  /** Location id to preset and lock. */
  @property() location?: string;
  /** Practitioner id to preset and lock. */
  @property() practitioner?: string;
  /**
   * Vaccination only: present and empty for any vaccine, a CVX code (`140`), or a code and dose (`208:2`).
   */
  @property() vaccine?: string;
  /** How many days ahead times are offered. */
  @property({ attribute: 'max-days-out', type: Number }) maxDaysOut = 60;

  @state() private chosenService?: string;
  @state() private chosenLocation?: string;
  @state() private chosenPractitioner?: string;
  @state() private selectedDay?: Day;
  @state() private month?: string;
  @state() private openHour?: string;

  private bucketed?: { result: SlotSearchResult; days: Map<Day, Slot[]> };
  private readonly viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  private readonly booking = new BookingController(this);
  private readonly calendar = new DateGridController(this, {
    l10n: this.l10n,
    today: localDayOf(new Date().toISOString(), this.viewerZone),
    onSelect: (day) => {
      this.selectedDay = day;
      this.openHour = undefined;
    },
    onMonthChange: (month) => (this.month = month),
  });

  private readonly catalog = new DataController<Catalog>(this, async (api, signal) => {
    const [services, locations, practitioners] = await Promise.all([
      api.scheduling.listServices(signal),
      api.scheduling.listLocations(signal),
      api.scheduling.listPractitioners(signal),
    ]);
    return { services, locations, practitioners };
  });

  private readonly slots = new DataController<SlotSearchResult>(
    this,
    async (api, signal) => {
      const query = this.query();
      return query ? api.scheduling.searchSlots(query, signal) : NO_SLOTS;
    },
    () => this.query() ?? null,
  );

  get signedIn(): boolean {
    return this.session?.status === 'signed-in';
  }

  slotChosen(slot: Slot): void {
    this.emit('portal-slot-selected', {
      slotId: slot.id,
      serviceId: this.serviceId(),
      locationId: slot.locationId,
      practitionerId: slot.practitionerId,
    });
  }

  appointmentBooked(appointment: Appointment, slot: Slot): void {
    this.emit('portal-appointment-booked', {
      appointmentId: appointment.id,
      serviceId: appointment.service?.id ?? this.serviceId(),
      locationId: appointment.location?.id ?? slot.locationId,
      vaccineCvx: appointment.service?.vaccine?.cvx ?? this.services().find((s) => s.id === this.serviceId())?.vaccine?.cvx,
    });
    void this.slots.reload();
  }

  /** The services offered here: all, or the vaccination ones the `vaccine` attribute asks for. */
  private services(): Service[] {
    const all = this.catalog.state.status === 'ready' ? this.catalog.state.value.services.items : [];
    if (this.vaccine === undefined || this.vaccine === null) return all;
    const [cvx, dose] = this.vaccine.split(':');
    return all.filter(
      (s) => s.vaccine && (!cvx || s.vaccine.cvx === cvx) && (!dose || s.vaccine.doseNumber === undefined || String(s.vaccine.doseNumber) === dose),
    );
  }

  private serviceId(): string | undefined {
    const offered = this.services();
    const wanted = this.service ?? this.chosenService;
    return offered.find((s) => s.id === wanted)?.id ?? offered[0]?.id ?? wanted;
  }

  /** The search for the visible month within the horizon; undefined until the catalog is known. */
  private query(): SlotQuery | undefined {
    if (this.catalog?.state.status !== 'ready') return undefined;
    // To the minute: the search's inputs must stay equal between renders, or every render would search again.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const horizonEnd = now + this.maxDaysOut * DAY_MS;
    const month = this.month ?? this.calendar.month;
    // A day margin on both sides: days are the clinics' local days, up to 14 hours off UTC.
    const monthStart = Date.parse(`${firstOfMonth(`${month}-01`)}T00:00:00Z`) - DAY_MS;
    const monthEnd = Date.parse(`${addDays(lastOfMonth(`${month}-01`), 1)}T00:00:00Z`) + DAY_MS;
    return {
      from: new Date(Math.max(now, monthStart)).toISOString(),
      to: new Date(Math.min(horizonEnd, monthEnd)).toISOString(),
      serviceId: this.serviceId(),
      locationId: this.location ?? this.chosenLocation,
      practitionerId: this.practitioner ?? this.chosenPractitioner,
    };
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const today = localDayOf(new Date().toISOString(), this.viewerZone);
    this.calendar.configure({ today, min: today, max: addDays(today, Math.max(0, this.maxDaysOut - 1)) });
    if (this.slots.state.status === 'ready') {
      const days = this.days(this.slots.state.value);
      this.calendar.configure({ available: days.keys(), selected: this.selectedDay });
      if (!this.selectedDay || !days.has(this.selectedDay)) {
        // The first day with times in the visible month is chosen for the person; they can pick another.
        const first = [...days.keys()][0];
        if (first) {
          this.selectedDay = first;
          this.calendar.configure({ selected: first });
        }
      }
    }
  }

  /** Free slots by the clinic's local day; computed once per search result (a render asks several times). */
  private days(result: SlotSearchResult): Map<Day, Slot[]> {
    if (this.bucketed?.result !== result) {
      const days = bucketByLocalDay(
        result.slots.filter((s) => s.status === 'free'),
        (slot) => (slot.locationId ? result.locations[slot.locationId]?.timeZone : undefined),
      );
      this.bucketed = { result, days };
    }
    return this.bucketed.days;
  }

  protected override render() {
    const access = this.renderAccessState();
    if (access) return access;
    const catalog = this.catalog.state;
    if (catalog.status === 'idle' || catalog.status === 'loading') return renderLoading(this.l10n);
    if (catalog.status === 'error') return renderError(this.l10n, catalog.error, () => void this.catalog.reload());
    const step = this.booking.state;
    if (step.step !== 'find') return renderBookingStep(this.stepContext());
    return html`<section class="scheduler" part="scheduler" aria-labelledby="scheduler-title">
      <h2 id="scheduler-title" class="title">${this.l10n.t('scheduler.title')}</h2>
      ${this.renderFilters(catalog.value)} ${this.renderAvailability()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.calendar.announcement}</p>
    </section>`;
  }

  private renderFilters({ locations, practitioners }: Catalog) {
    const { l10n } = this;
    const services = this.services();
    const select = (label: string, value: string | undefined, locked: string | undefined, options: Array<{ id: string; name: string }>, any: string | undefined, set: (v: string | undefined) => void) => {
      if (locked !== undefined) {
        const name = options.find((o) => o.id === locked)?.name ?? locked;
        return html`<div class="filter locked"><span class="filter-label">${label}</span><span class="filter-value">${name}</span></div>`;
      }
      return html`<label class="filter"
        ><span class="filter-label">${label}</span>
        <select
          @change=${(e: Event) => {
            set((e.target as HTMLSelectElement).value || undefined);
            this.selectedDay = undefined;
          }}
        >
          ${any === undefined ? nothing : html`<option value="" ?selected=${!value}>${any}</option>`}
          ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === value}>${o.name}</option>`)}
        </select></label
      >`;
    };
    return html`<div class="filters" part="filters">
      ${select(l10n.t('scheduler.what'), this.serviceId(), this.service, services.map((s) => ({ id: s.id, name: serviceName(s, l10n) })), undefined, (v) => (this.chosenService = v))}
      ${select(l10n.t('scheduler.where'), this.chosenLocation, this.location, locations.items, l10n.t('scheduler.anyLocation'), (v) => (this.chosenLocation = v))}
      ${select(l10n.t('scheduler.with'), this.chosenPractitioner, this.practitioner, practitioners.items, l10n.t('scheduler.anyPractitioner'), (v) => (this.chosenPractitioner = v))}
    </div>`;
  }

  private renderAvailability() {
    const state = this.slots.state;
    if (state.status === 'error') return renderError(this.l10n, state.error, () => void this.slots.reload());
    const result = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
    const days = result ? this.days(result) : new Map<Day, Slot[]>();
    const horizonEmpty = state.status === 'ready' && days.size === 0 && !this.calendar.canShowNext;
    const daySlots = this.selectedDay ? (days.get(this.selectedDay) ?? []) : [];
    return html`<div class="find" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
      ${renderDateGrid(this.calendar, { id: 'scheduler-days' })}
      <div class="day-times">
        ${horizonEmpty
          ? html`<div class="no-availability" part="state" role="status"><slot name="no-availability">${this.l10n.t('scheduler.noAvailability', { days: this.maxDaysOut })}</slot></div>`
          : !result
            ? renderLoading(this.l10n)
            : daySlots.length === 0
              ? html`<p class="empty" role="status">${this.l10n.t(days.size ? 'scheduler.chooseDay' : 'scheduler.noTimesThisMonth')}</p>`
              : renderSlotList({
                  l10n: this.l10n,
                  slots: daySlots,
                  locations: result.locations,
                  practitioners: result.practitioners,
                  services: result.services,
                  viewerZone: this.viewerZone,
                  openHour: this.openHour,
                  onHour: (hour) => (this.openHour = hour),
                  onChoose: (slot) => void this.booking.choose(slot),
                })}
      </div>
    </div>`;
  }

  private stepContext(): StepContext {
    const result = this.slots.state.status === 'ready' ? this.slots.state.value : undefined;
    const service = this.services().find((s) => s.id === this.serviceId());
    return {
      l10n: this.l10n,
      booking: this.booking,
      service,
      result,
      viewerZone: this.viewerZone,
      signedIn: this.signedIn,
      alternatives: (taken) => nearest(taken, result ? [...this.days(result).values()].flat() : []),
      requestSignIn: () => this.requestSignIn(),
      choose: (slot) => void this.booking.choose(slot),
      confirm: () => void this.booking.confirm(service?.id),
      back: () => {
        this.booking.reset();
        void this.slots.reload();
      },
    };
  }
}

/** The free times nearest to one that was taken, before or after it, soonest first on a tie. */
function nearest(taken: Slot, free: Slot[], count = 3): Slot[] {
  const at = Date.parse(taken.start);
  return free
    .filter((s) => s.id !== taken.id)
    .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at) || Date.parse(a.start) - Date.parse(b.start))
    .slice(0, count);
}

/** "Pfizer-BioNTech COVID-19 vaccine (dose 2)": doses of one product share a name. */
export function serviceName(service: Service, l10n: Pick<PortalScheduler['l10n'], 't'>): string {
  const dose = service.vaccine?.doseNumber;
  return dose ? l10n.t('scheduler.serviceDose', { name: service.name, dose }) : service.name;
}
