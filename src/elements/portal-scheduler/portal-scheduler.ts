import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PortalElement } from '../../base/portal-element.js';
import { LazyPartController } from '../../controllers/lazy-part.js';
import { PendingChoiceController, type PendingChoice } from '../../controllers/pending-choice.js';
import { SlotSearchController, type Catalog } from '../../controllers/slot-search.js';
import { localDayOf } from '../../time/zones.js';
import { type Appointment, type Service, type Slot, type SlotQuery } from '../../model/index.js';
import { addDays, type Day } from '../../time/days.js';
import { DateGridController, dateGridStyles } from '../../ui/date-grid.js';
import { slotListStyles } from '../../ui/slot-list.js';
import { renderError, renderLoading, stateStyles } from '../../ui/state-view.js';
import type { BookingFlow } from './booking-flow.js';
import type { StepContext } from './booking-steps.js';
import { monthWindow, nearest, offeredServices, renderAvailability, renderFilters, type FindContext } from './find-view.js';
import { schedulerStyles } from './portal-scheduler.styles.js';
import { renderViewSwitch, type SchedulerView } from './view-switch.js';


/** Find, book, list, cancel and reschedule the patient's appointments. */
const APPOINTMENT_SCOPES = ['patient/Appointment.crus'] as const;

/**
 * @tagname portal-scheduler
 * @summary Find and book an appointment (vaccines too): what, where and with whom, a day on a keyboard-operable
 * calendar, a time in the clinic's own zone, a review, and a confirmation from the server's answer. Works
 * for public visitors (finding times; a chosen time survives the sign-in round trip) and signed-in patients
 * (booking, and their upcoming appointments to cancel or reschedule).
 *
 * @slot no-availability - Shown when nothing is free within `max-days-out` (e.g. "Call 555-0100 to book").
 *
 * @csspart views - The Book / Your appointments switch (signed in only); `view` is one of its buttons.
 * @csspart filters - The what/where/with-whom choices.
 * @csspart calendar - The date picker (also `calendar-heading`, `calendar-nav`, `calendar-grid`, `weekday`, `day`).
 * @csspart times - The list of free times for the chosen day.
 * @csspart slot - One time button.
 * @csspart hours - The hour buttons of a day with many times; `hour` is one of them.
 * @csspart review - The review step before booking.
 * @csspart confirmation - The booked appointment.
 * @csspart follow-up - The next vaccine dose's date and its booking button.
 * @csspart appointments - The patient's upcoming appointments; `appointment` is one of them.
 * @csspart cancel-confirm - The "Cancel your … on …?" question.
 * @csspart reschedule-note - Which appointment a new time replaces, above the search.
 * @csspart follow-up-note - From when a next dose may be booked, above the search.
 * @csspart release-failed - The new time is booked but the old appointment could not be cancelled.
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
 * @fires portal-appointment-cancelled - The server cancelled an appointment, from the list or the one a reschedule replaced (appointment, service and location ids only).
 * @fires portal-auth-required - Booking needs a signed-in patient.
 * @fires portal-error - Loading, booking or cancelling failed; the detail carries the error kind only.
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
  /**
   * SMART Scheduling Links: the URL of a `$bulk-publish` manifest (relative to the FHIR base, or absolute).
   * Times then come from that publication, read anonymously, and are booked on the publisher's site through
   * each time's booking link (or by phone), never through this page's session.
   */
  @property() source?: string;
  /**
   * Who refers the visitor, added as `source` to a publisher's booking links so its portal can count
   * referrals (a site handle such as `riverside-home`; default: this page's host name). Never patient data.
   */
  @property({ attribute: 'referral-source' }) referralSource?: string;

  @state() private chosenService?: string;
  @state() private chosenLocation?: string;
  @state() private chosenPractitioner?: string;
  @state() private selectedDay?: Day;
  @state() private month?: string;
  @state() private openHour?: string;
  @state() private view: SchedulerView = 'book';
  /** The appointment a new time will replace. */
  @state() private rescheduling?: Appointment;
  /** Booking a vaccine's next dose: that service, no day before `from`. Overrides `vaccine`/`service` for this booking only. */
  @state() private nextDose?: { service: Service; from: Day };

  private wasSignedIn = false;
  private readonly viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** Review, booking and the appointments list: loaded on first use. */
  private readonly flow = new LazyPartController<BookingFlow>(this, 'scheduling.book', async () =>
    (await import('./booking-flow.js')).createBookingFlow(this),
  );
  /** A time picked while the flow loads: the latest one is chosen once it is there. */
  private waitingChoice?: Slot;
  private readonly pending = new PendingChoiceController(this);
  private readonly calendar = new DateGridController(this, {
    l10n: this.l10n,
    today: localDayOf(new Date().toISOString(), this.viewerZone),
    onSelect: (day) => {
      this.selectedDay = day;
      this.openHour = undefined;
    },
    onMonthChange: (month) => (this.month = month),
  });

  private readonly search = new SlotSearchController(this);

  constructor() {
    super();
    // Someone pointing at or tabbing into the element may pick a time next: fetch the booking code meanwhile.
    // The module loader keeps what it fetched, so the flow's own load later finds it there.
    const prefetch = () => void import('./booking-flow.js').catch(() => undefined);
    this.addEventListener('pointerover', prefetch, { once: true });
    this.addEventListener('focusin', prefetch, { once: true });
  }

  /** Signed in with leave to book: the granted scopes cover the patient's appointments. */
  get signedIn(): boolean {
    return this.permitted;
  }

  protected override get requiredScopes(): readonly string[] {
    return APPOINTMENT_SCOPES;
  }

  /** @internal For the booking controller: published times are booked on the publisher's site. */
  get booksElsewhere(): boolean {
    return Boolean(this.source);
  }

  /** @internal For the appointments controller: the list loads only while it is shown. */
  get showingAppointments(): boolean {
    return this.view === 'manage';
  }

  /** @internal For the pending-choice controller: a saved time can be looked up once the catalog is known. */
  get readyToResume(): boolean {
    return this.search.catalog.state.status === 'ready';
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
      vaccineCvx: appointment.service?.vaccine?.cvx ?? this.allServices().find((s) => s.id === this.serviceId())?.vaccine?.cvx,
    });
    // Only now that the new time is certain does the old one go.
    if (this.rescheduling) void this.flow.value?.appointments.releaseOld(this.rescheduling);
    void this.search.reload();
  }

  /** @internal The appointments controller reports a cancellation the server confirmed. */
  appointmentCancelled(answer: Appointment, asked: Appointment): void {
    this.emit('portal-appointment-cancelled', {
      appointmentId: answer.id,
      serviceId: (answer.service ?? asked.service)?.id,
      locationId: (answer.location ?? asked.location)?.id,
    });
  }

  /** @internal A time chosen before sign-in: look its day up again, then review it (held first) or offer the nearest. */
  resumeChoice(choice: PendingChoice): void {
    void this.resume(choice);
  }

  private async resume(choice: PendingChoice): Promise<void> {
    const flow = await this.flow.ready(() => this.resumeChoice(choice));
    if (!flow) return;
    const { booking } = flow;
    const zone = this.catalogValue()?.locations.items.find((l) => l.id === choice.locationId)?.timeZone;
    const wanted: Slot = { id: choice.slotId, start: choice.start, end: choice.start, status: 'busy', serviceIds: choice.serviceId ? [choice.serviceId] : [], locationId: choice.locationId };
    this.leaveContext();
    this.view = 'book';
    [this.chosenService, this.chosenLocation, this.chosenPractitioner] = [choice.serviceId, choice.locationId, undefined];
    booking.check(wanted);
    let pool: Slot[];
    try {
      const day = localDayOf(choice.start, zone);
      this.selectedDay = day;
      this.calendar.focusDay(day, false);
      await this.updateComplete;
      // The search must be one made after sign-in, whether or not the filters moved.
      if (this.search.month.state.status !== 'loading') void this.search.month.reload();
      await this.search.month.complete;
      // Past a cut-short month, the day is searched on its own once the month's answer has rendered.
      await this.updateComplete;
      const times = await this.search.complete();
      pool = times?.status === 'ready' ? times.slots : [];
    } catch {
      if (booking.state.step === 'checking') booking.reset();
      return;
    }
    if (booking.state.step !== 'checking') return;
    const slot = pool.find((s) => s.id === choice.slotId);
    if (slot) void booking.choose(slot, { resumed: true });
    else booking.unavailable(wanted);
  }

  /** One choice per wait: presses while the flow loads pick the time, and only the last one is reviewed. */
  private async choose(slot: Slot): Promise<void> {
    const loading = this.waitingChoice !== undefined;
    this.waitingChoice = slot;
    if (loading) return;
    const flow = await this.flow.ready(() => void this.choose(slot));
    const chosen = this.waitingChoice;
    this.waitingChoice = undefined;
    if (flow && chosen) void flow.booking.choose(chosen);
  }

  private catalogValue(): Catalog | undefined {
    const catalog = this.search.catalog.state;
    return catalog.status === 'ready' ? catalog.value : undefined;
  }

  private allServices(): Service[] {
    return this.catalogValue()?.services.items ?? [];
  }

  private services(): Service[] {
    return offeredServices(this.allServices(), this.vaccine);
  }

  private serviceId(): string | undefined {
    if (this.nextDose) return this.nextDose.service.id;
    const offered = this.services();
    const wanted = this.service ?? this.chosenService;
    return offered.find((s) => s.id === wanted)?.id ?? offered[0]?.id ?? wanted;
  }

  private today(): Day {
    return localDayOf(new Date().toISOString(), this.viewerZone);
  }

  private lastDay(today: Day): Day {
    return addDays(today, Math.max(0, this.maxDaysOut - 1));
  }

  /** @internal For the slot search: the visible month within the horizon; undefined until the catalog is known. */
  monthQuery(): SlotQuery | undefined {
    if (this.search?.catalog.state.status !== 'ready') return undefined;
    return {
      ...monthWindow(this.month ?? this.calendar.month, this.maxDaysOut),
      serviceId: this.serviceId(),
      locationId: this.location ?? this.chosenLocation,
      practitionerId: this.practitioner ?? this.chosenPractitioner,
    };
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (this.wasSignedIn && !this.signedIn) {
      // Signed out or timed out: nothing of the patient's may stay on screen.
      this.view = 'book';
      this.leaveContext();
      this.flow.value?.appointments.reset();
      this.flow.value?.booking.reset();
      this.waitingChoice = undefined;
    }
    this.wasSignedIn = this.signedIn;
    // A signed-in patient is here to book or manage: fetch that code now rather than on their first press.
    if (this.signedIn && !this.flow.value) void this.flow.ready(() => this.requestUpdate(), { quiet: true });
    const today = this.today();
    const min = this.nextDose && this.nextDose.from > today ? this.nextDose.from : today;
    this.calendar.configure({ today, min, max: this.lastDay(today) });
    const month = this.search.month.state;
    if (month.status === 'ready') {
      const days = this.search.days(month.value);
      const uncheckedFrom = this.search.uncheckedFrom;
      this.calendar.configure({ available: days.keys(), uncheckedFrom, selected: this.selectedDay });
      const unchecked = uncheckedFrom !== undefined && this.selectedDay !== undefined && this.selectedDay >= uncheckedFrom;
      if (!this.selectedDay || (!days.has(this.selectedDay) && !unchecked)) {
        // The first day with times in the visible month is chosen for the person; they can pick another.
        const first = [...days.keys()][0];
        if (first) {
          this.selectedDay = first;
          this.calendar.configure({ selected: first });
        }
      }
    }
  }

  /** @internal For the slot search: the day whose times are on screen. */
  get shownDay(): Day | undefined {
    return this.selectedDay;
  }

  /** @internal For the slot search: the first bookable day. */
  get firstDay(): Day {
    return this.calendar.min ?? this.today();
  }

  protected override render() {
    const access = this.renderAccessState();
    if (access) return access;
    const catalog = this.search.catalog.state;
    if (catalog.status === 'idle' || catalog.status === 'loading') return renderLoading(this.l10n);
    if (catalog.status === 'error') return renderError(this.l10n, catalog.error, () => void this.search.catalog.reload());
    const views = this.signedIn ? renderViewSwitch(this.l10n, this.view, (view) => this.show(view)) : nothing;
    const flow = this.flow.value;
    if (!flow && this.flow.failure) return html`${views}${renderError(this.l10n, this.flow.failure.error, () => this.flow.retry())}`;
    if (this.signedIn && this.view === 'manage') {
      if (!flow) return html`${views}${renderLoading(this.l10n)}`;
      return html`${views}${flow.renderManage({
        l10n: this.l10n,
        appointments: flow.appointments,
        viewerZone: this.viewerZone,
        canReschedule: (appointment) => flow.canRescheduleHere(appointment, { offered: this.services(), service: this.service, location: this.location }),
        reschedule: (appointment) => this.reschedule(appointment),
        book: () => this.show('book'),
        focus: (selector) => this.focusAfterUpdate(selector),
      })}`;
    }
    if (flow && flow.booking.state.step !== 'find') return html`${views}${flow.renderBookingStep(this.stepContext(flow))}`;
    const find = this.findContext(catalog.value);
    return html`${views}<section class="scheduler" part="scheduler" aria-labelledby="scheduler-title">
      <h2 id="scheduler-title" class="title">${this.l10n.t('scheduler.title')}</h2>
      ${this.rescheduling && flow
        ? flow.renderRescheduleNote(this.l10n, this.rescheduling, () => this.leaveContext())
        : this.nextDose && flow
          ? flow.renderFollowUpNote(this.l10n, this.nextDose.service.vaccine?.doseNumber ?? 2, this.nextDose.from, () => this.leaveContext())
          : nothing}
      ${renderFilters(find)} ${renderAvailability(find)}
      <p class="visually-hidden" role="status" aria-live="polite">${this.calendar.announcement}</p>
    </section>`;
  }

  private show(view: SchedulerView): void {
    if (view === this.view) return;
    this.flow.value?.appointments.dismiss();
    this.view = view;
  }

  private reschedule(appointment: Appointment): void {
    this.leaveContext();
    this.rescheduling = appointment;
    [this.chosenService, this.chosenLocation, this.chosenPractitioner] = [appointment.service?.id, appointment.location?.id, undefined];
    this.selectedDay = undefined;
    this.flow.value?.booking.reset();
    this.show('book');
    this.focusAfterUpdate('#context-note');
  }

  private bookNextDose(service: Service, from: Day): void {
    this.leaveContext();
    this.nextDose = { service, from };
    this.selectedDay = undefined;
    this.flow.value?.booking.reset();
    this.calendar.focusDay(from, false);
    this.focusAfterUpdate('#context-note');
  }

  /** Back to plain booking: no reschedule, no next-dose limits. */
  private leaveContext(): void {
    this.rescheduling = undefined;
    this.nextDose = undefined;
    this.flow.value?.appointments.clearRelease();
  }

  private focusAfterUpdate(selector: string): void {
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  }

  private findContext(catalog: Catalog): FindContext {
    return {
      l10n: this.l10n,
      catalog,
      // A next dose is booked outside what `vaccine` offers: its service shows as fixed for this booking.
      services: this.nextDose ? [this.nextDose.service] : this.services(),
      chosen: { service: this.serviceId(), location: this.chosenLocation, practitioner: this.chosenPractitioner },
      locked: { service: this.nextDose?.service.id ?? this.service, location: this.location, practitioner: this.practitioner },
      choose: (filter, value) => {
        if (filter === 'service') this.chosenService = value;
        else if (filter === 'location') this.chosenLocation = value;
        else this.chosenPractitioner = value;
        this.selectedDay = undefined;
      },
      month: this.search.month.state,
      days: this.search.monthResult ? this.search.days(this.search.monthResult) : new Map(),
      unchecked: this.search.uncheckedFrom !== undefined,
      times: this.selectedDay ? this.search.timesOn(this.selectedDay) : undefined,
      calendar: this.calendar,
      selectedDay: this.selectedDay,
      maxDaysOut: this.maxDaysOut,
      viewerZone: this.viewerZone,
      openHour: this.openHour,
      onHour: (hour) => (this.openHour = hour),
      onChoose: (slot) => {
        // A time still on screen from the search before a change of service cannot be booked as the new one.
        const serviceId = this.serviceId();
        if (!serviceId || slot.serviceIds.includes(serviceId)) void this.choose(slot);
      },
      retry: () => void this.search.month.reload(),
    };
  }

  /** Every free time the searches know: the month's days, and the chosen day's own search past a cut. */
  private knownFreeTimes(): Slot[] {
    const month = this.search.monthResult;
    const known = month ? [...this.search.days(month).values()].flat() : [];
    const times = this.selectedDay ? this.search.timesOn(this.selectedDay) : undefined;
    if (times?.status !== 'ready' || times.result === month) return known;
    const ids = new Set(times.slots.map((slot) => slot.id));
    return [...known.filter((slot) => !ids.has(slot.id)), ...times.slots];
  }

  private stepContext({ booking, appointments, publisherLink }: BookingFlow): StepContext {
    // A refresh keeps the last answer: it still names the places and clinicians the steps show.
    const times = this.selectedDay ? this.search.timesOn(this.selectedDay) : undefined;
    const result = times?.status === 'ready' ? times.result : this.search.monthResult;
    const service = this.allServices().find((s) => s.id === this.serviceId());
    const lastDay = this.lastDay(this.today());
    return {
      l10n: this.l10n,
      booking,
      service,
      result,
      viewerZone: this.viewerZone,
      signedIn: this.signedIn,
      notPermitted: this.session?.status === 'signed-in' && !this.permitted,
      booksElsewhere: this.booksElsewhere,
      publisherLink: (slot) => publisherLink(slot, this.referralSource || this.ownerDocument.location?.hostname || 'portal-kit'),
      rescheduling: this.rescheduling,
      release: appointments.release,
      alternatives: (taken) => nearest(taken, this.knownFreeTimes()),
      nextDoseService: ({ cvx, doseNumber = 1 }, from) =>
        from <= lastDay ? this.allServices().find((s) => s.vaccine?.cvx === cvx && s.vaccine.doseNumber === doseNumber + 1) : undefined,
      requestSignIn: (slot) => {
        // Kept for the way back: the sign-in may leave the page.
        this.pending.save({ slotId: slot.id, start: slot.start, locationId: slot.locationId, serviceId: this.serviceId() });
        this.requestSignIn();
      },
      choose: (slot) => void booking.choose(slot),
      confirm: () => void booking.confirm(service?.id),
      back: () => {
        // Leaving a confirmation ends what it was for; leaving a review keeps it (another time, same purpose).
        if (booking.state.step === 'confirmed') this.leaveContext();
        booking.reset();
        void this.search.reload();
      },
      bookNextDose: (next, from) => this.bookNextDose(next, from),
      retryRelease: () => void appointments.retryRelease(),
      openAppointments: () => {
        this.leaveContext();
        booking.reset();
        this.show('manage');
      },
    };
  }
}
