import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SCOPES } from '../../auth/scopes.js';
import { warnIfInvalid } from '../../base/dev-warnings.js';
import { PortalElement, type AccessDeclaration } from '../../base/portal-element.js';
import { surfaceStyles } from '../../styles/tokens.js';
import type { Appointment, Service, Slot } from '../../model/index.js';
import { addDays, type Day } from '../../time/days.js';
import { ViewerClock, clinicZone } from './viewer-clock.js';
import { DateGridController } from './date-grid-controller.js';
import { dateGridStyles } from './date-grid.js';
import { slotListStyles } from './slot-list.js';
import { renderError, renderLoading, stateStyles } from '../../ui/state-view.js';
import type { BookingFlow } from './booking-flow.js';
import { BookingFlowPart } from './flow-part.js';
import type { StepContext } from './booking-steps.js';
import { chooseService, monthWindow, nextDoseOf, nearest, offersBothModes, withFilter, renderAvailability, renderFilters, type Filter, type FindContext, type ServiceChoice } from './find-view.js';
import { PendingChoiceController, schedulerScope, type PendingChoice } from './pending-choice-controller.js';
import { resumeChoice } from './resume-choice.js';
import { schedulerStyles } from './portal-scheduler.styles.js';
import { SlotSearchController, type Catalog, type DayTimes } from './slot-search-controller.js';
import { renderViewSwitch, type SchedulerView } from './view-switch.js';
import { schedulerStrings, type SchedulerL10n } from './strings.js';
import { VaccineHandoffController, VACCINE_FORMS } from './vaccine-handoff.js';

/** What the booking is for, besides a new appointment: replacing one (reschedule), or a vaccine's next dose from a day on. */
type Purpose = { kind: 'reschedule'; appointment: Appointment } | { kind: 'next-dose'; service: Service; from: Day };

/** What each render reads more than once, worked out once per update. */
interface Frame extends ServiceChoice {
  today: Day;
  times?: DayTimes;
}

/** `vaccine`: empty (any vaccine), a CVX code (`140`) or a code and dose (`208:2`). */

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
 * A `<vaccine-record>` on the same page that asks to book a due dose (`portal-vaccine-booking-requested`) is answered
 * by the first scheduler: it opens on that vaccine and dose.
 *
 * @fires portal-slot-selected - A time was chosen (slot, service, location and clinician ids only).
 * @fires portal-appointment-booked - The server booked the appointment (ids and the vaccine's CVX code only).
 * @fires portal-appointment-cancelled - The server cancelled an appointment, from the list or the one a reschedule replaced (appointment, service and location ids only).
 * @fires portal-auth-required - Booking needs a signed-in patient.
 * @fires portal-error - Loading, booking or cancelling failed; the detail carries the error kind only.
 */
export class PortalScheduler extends PortalElement {
  static override tagName = 'portal-scheduler';
  static override styles = [...(PortalElement.styles as []), stateStyles, surfaceStyles, dateGridStyles, slotListStyles, schedulerStyles];
  /** Finding times is public; booking and the patient's appointments need a patient and the appointment scopes. */
  static override access: AccessDeclaration = { session: 'optional', scopes: [SCOPES.appointments] };
  static override strings = schedulerStrings;
  declare protected readonly l10n: SchedulerL10n;

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
  /** Minutes before a video visit's start from which its join link is offered. */
  @property({ attribute: 'video-join-minutes', type: Number }) videoJoinMinutes = 15;
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

  /** The person's own choices; an attribute (`service`, `location`, `practitioner`) wins over its filter. */
  @state() private filters: Partial<Record<Filter, string>> = {};
  @state() private openHour?: string;
  @state() private view: SchedulerView = 'book';
  @state() private purpose?: Purpose;

  private frame: Frame = { today: '', services: [] };
  private wasAllowed = false;
  private readonly viewer = new ViewerClock();

  private readonly flow = new BookingFlowPart(this, {
    api: () => this.api,
    videoJoinMinutes: () => this.videoJoinMinutes,
    onError: (error) => this.reportError(error),
    booking: {
      signedIn: () => this.access.allowed,
      booksElsewhere: () => Boolean(this.source),
      onChosen: (slot) =>
        this.emit('portal-slot-selected', { slotId: slot.id, serviceId: this.serviceChoice().serviceId, locationId: slot.locationId, practitionerId: slot.practitionerId }),
      onBooked: (appointment, slot) => this.booked(appointment, slot),
    },
    appointments: {
      loader: (load, inputs) => this.loader(load, { inputs }),
      showing: () => this.access.allowed && this.view === 'manage',
      onCancelled: (answer, asked) =>
        this.emit('portal-appointment-cancelled', {
          appointmentId: answer.id,
          serviceId: (answer.service ?? asked.service)?.id,
          locationId: (answer.location ?? asked.location)?.id,
        }),
    },
  });

  // "Book this vaccine" in a vaccine record on this page: open on that vaccine and dose, in view.
  private readonly handoff = new VaccineHandoffController(this, {
    open: (vaccine) => {
      this.vaccine = vaccine;
      this.show('book');
      this.scrollIntoView({ block: 'start' });
    },
  });

  private readonly pending = new PendingChoiceController(this, {
    signedIn: () => this.access.allowed,
    readyToResume: () => this.search.catalogValue !== undefined,
    resume: (choice) => void this.resume(choice),
    scope: () => schedulerScope(this),
  });

  /** The chosen day and the visible month live here; the element reads them back. */
  private readonly calendar = new DateGridController(this, {
    l10n: this.l10n,
    today: this.viewer.today(),
    root: () => this.renderRoot,
    onSelect: () => (this.openHour = undefined),
  });

  private readonly search = new SlotSearchController({
    loader: (load, inputs) => this.loader(load, { inputs, data: 'public' }),
    publication: () => this.source,
    // Read during an update (after willUpdate worked out the frame), or after one settled.
    monthQuery: () => ({
      ...monthWindow(this.calendar.month, this.maxDaysOut),
      serviceId: this.frame.serviceId,
      locationId: this.location ?? this.filters.location,
      practitionerId: this.practitioner ?? this.filters.practitioner,
    }),
    shownDay: () => this.calendar.selected,
    firstDay: () => this.calendar.min ?? this.frame.today,
    visitMode: () => (this.location ?? this.filters.location ? undefined : this.filters.visit),
  });

  constructor() {
    super();
    // Someone pointing at or tabbing into the element may pick a time next: fetch the booking code meanwhile.
    // The module loader keeps what it fetched, so the flow's own load later finds it there.
    this.addEventListener('pointerover', BookingFlowPart.prefetch, { once: true });
    this.addEventListener('focusin', BookingFlowPart.prefetch, { once: true });
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('vaccine')) warnIfInvalid(this, 'vaccine', this.vaccine, (value) => VACCINE_FORMS.test(value), 'nothing (any vaccine), a CVX code such as "140", or a code and dose such as "208:2"');
    const allowed = this.access.allowed;
    if (this.wasAllowed && !allowed) {
      // Signed out or timed out: nothing of the patient's may stay on screen.
      this.view = 'book';
      this.leavePurpose();
      this.flow.endSession();
    }
    this.wasAllowed = allowed;
    // A signed-in patient is here to book or manage: fetch that code now rather than on their first press.
    if (allowed && !this.flow.value) void this.flow.ready(() => this.requestUpdate(), { quiet: true });
    const today = this.viewer.today(clinicZone(this.search.catalogValue?.locations.items ?? [], this.location ?? this.filters.location));
    const from = this.purpose?.kind === 'next-dose' ? this.purpose.from : undefined;
    this.calendar.configure({ today, min: from && from > today ? from : today, max: addDays(today, Math.max(0, this.maxDaysOut - 1)) });
    this.frame = { today, ...this.serviceChoice() };
    const month = this.search.month.state;
    if (month.status === 'ready') {
      const { selected } = this.calendar;
      const day = this.search.dayToShow(month.value, selected);
      this.calendar.configure({ available: this.search.days(month.value).keys(), uncheckedFrom: this.search.uncheckedFrom, ...(day !== selected ? { selected: day } : {}) });
    }
    const day = this.calendar.selected;
    this.frame.times = day ? this.search.timesOn(day) : undefined;
  }

  protected override render() {
    const access = this.renderAccessState();
    if (access) return access;
    const catalog = this.search.catalog.state;
    if (catalog.status === 'idle' || catalog.status === 'loading') return renderLoading(this.l10n);
    if (catalog.status === 'error') return renderError(this.l10n, catalog.error, () => void this.search.catalog.reload());
    const allowed = this.access.allowed;
    const views = allowed ? renderViewSwitch(this.l10n, this.view, (view) => this.show(view)) : nothing;
    const flow = this.flow.value;
    if (!flow && this.flow.failure) return html`${views}${renderError(this.l10n, this.flow.failure.error, () => this.flow.retry())}`;
    if (allowed && this.view === 'manage') {
      if (!flow) return html`${views}${renderLoading(this.l10n)}`;
      return html`${views}${flow.renderManage({
        l10n: this.l10n,
        appointments: flow.appointments,
        viewerZone: this.viewer.zone,
        canReschedule: (appointment) => flow.canRescheduleHere(appointment, { offered: this.frame.services, service: this.service, location: this.location }),
        reschedule: (appointment) => this.reschedule(appointment),
        book: () => this.show('book'),
        focus: (selector) => this.focusAfterUpdate(selector),
      })}`;
    }
    if (flow && flow.booking.state.step !== 'find') return html`${views}${flow.renderBookingStep(this.stepContext(flow))}`;
    const purpose = this.purpose;
    return html`${views}<section class="scheduler" part="scheduler" aria-labelledby="scheduler-title">
      <h2 id="scheduler-title" class="title">${this.l10n.t('scheduler.title')}</h2>
      ${!purpose || !flow
        ? nothing
        : purpose.kind === 'reschedule'
          ? flow.renderRescheduleNote(this.l10n, purpose.appointment, () => this.leavePurpose())
          : flow.renderFollowUpNote(this.l10n, purpose.service.vaccine?.doseNumber ?? 2, purpose.from, () => this.leavePurpose())}
      ${this.renderFind(catalog.value)}
      <p class="visually-hidden" role="status" aria-live="polite">${this.calendar.announcement}</p>
    </section>`;
  }

  protected override firstUpdated(): void {
    this.viewer.warmWhenIdle();
  }

  protected override updated(): void {
    // After the searches saw this update's inputs: a month searched to its end with no time left opens the next.
    if (!this.calendar.selected && this.search.monthHasNoTimeLeft) this.calendar.skipEmptyMonth();
  }

  /**
   * The services on offer and the one being booked, from the state as it is now: a press can come between a
   * change of filter and the render it causes, and must be judged by the new choice.
   */
  private serviceChoice(): ServiceChoice {
    const fixed = this.purpose?.kind === 'next-dose' ? this.purpose.service : undefined;
    return chooseService(this.search.catalogValue?.services.items ?? [], { vaccine: this.vaccine, fixed, wanted: this.service ?? this.filters.service });
  }

  private booked(appointment: Appointment, slot: Slot): void {
    const chosen = this.serviceChoice();
    this.emit('portal-appointment-booked', {
      appointmentId: appointment.id,
      serviceId: appointment.service?.id ?? chosen.serviceId,
      locationId: appointment.location?.id ?? slot.locationId,
      vaccineCvx: appointment.service?.vaccine?.cvx ?? chosen.service?.vaccine?.cvx,
    });
    // Only now that the new time is certain does the old one go.
    if (this.purpose?.kind === 'reschedule') void this.flow.value?.appointments.releaseOld(this.purpose.appointment);
    void this.search.reload();
  }

  /** A time chosen before sign-in: looked up again, then reviewed (held first) or the nearest offered. */
  private resume(choice: PendingChoice): Promise<void> {
    return resumeChoice(
      {
        flow: this.flow,
        search: this.search,
        calendar: this.calendar,
        places: () => this.search.catalogValue?.locations.items ?? [],
        bookOn: (filters) => {
          this.leavePurpose();
          this.view = 'book';
          this.filters = filters;
        },
        rendered: () => this.updateComplete,
      },
      choice,
      () => void this.resume(choice),
    );
  }

  private show(view: SchedulerView): void {
    if (view === this.view) return;
    this.flow.value?.appointments.dismiss();
    this.view = view;
  }

  private reschedule(appointment: Appointment): void {
    this.startPurpose({ kind: 'reschedule', appointment });
    this.filters = { service: appointment.service?.id, location: appointment.location?.id };
    this.show('book');
  }

  private bookNextDose(service: Service, from: Day): void {
    this.startPurpose({ kind: 'next-dose', service, from });
    this.calendar.focusDay(from, false);
  }

  private startPurpose(purpose: Purpose): void {
    this.leavePurpose();
    this.purpose = purpose;
    this.calendar.configure({ selected: undefined });
    this.flow.value?.booking.reset();
    this.focusAfterUpdate('#context-note');
  }

  /** Back to plain booking: no reschedule, no next-dose limits. */
  private leavePurpose(): void {
    this.purpose = undefined;
    this.flow.value?.appointments.clearRelease();
  }

  private focusAfterUpdate(selector: string): void {
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  }

  private renderFind(catalog: Catalog) {
    const { frame } = this;
    const month = this.search.monthResult;
    const find: FindContext = {
      l10n: this.l10n,
      catalog,
      services: frame.services,
      chosen: { service: frame.serviceId, location: this.filters.location, practitioner: this.filters.practitioner, visit: this.filters.visit },
      // A next dose is booked outside what `vaccine` offers: its service shows as fixed for this booking.
      locked: { service: this.purpose?.kind === 'next-dose' ? this.purpose.service.id : this.service, location: this.location, practitioner: this.practitioner },
      choose: (filter, value) => {
        this.filters = withFilter(this.filters, filter, value, catalog.locations.items);
        this.calendar.configure({ selected: undefined });
      },
      month: this.search.month.state,
      bothModes: offersBothModes(month),
      days: month ? this.search.days(month) : new Map(),
      unchecked: this.search.uncheckedFrom !== undefined,
      times: frame.times,
      calendar: this.calendar,
      selectedDay: this.calendar.selected,
      maxDaysOut: this.maxDaysOut,
      viewerZone: this.viewer.zone,
      openHour: this.openHour,
      onHour: (hour) => (this.openHour = hour),
      onChoose: (slot) => {
        // A time still on screen from the search before a change of service cannot be booked as the new one.
        const { serviceId } = this.serviceChoice();
        if (!serviceId || slot.serviceIds.includes(serviceId)) void this.flow.choose(slot);
      },
      retry: () => void this.search.month.reload(),
    };
    return html`${renderFilters(find)} ${renderAvailability(find)}`;
  }

  private stepContext({ booking, appointments, publisherLink }: BookingFlow): Omit<StepContext, 'videoJoinMinutes'> {
    const { frame } = this;
    // A refresh keeps the last answer: it still names the places and clinicians the steps show.
    const result = frame.times?.status === 'ready' ? frame.times.result : this.search.monthResult;
    const lastDay = this.calendar.max ?? frame.today;
    const allServices = this.search.catalogValue?.services.items ?? [];
    return {
      l10n: this.l10n,
      booking,
      service: frame.service,
      result,
      viewerZone: this.viewer.zone,
      signedIn: this.access.allowed,
      notPermitted: this.access.state === 'not-permitted',
      booksElsewhere: Boolean(this.source),
      publisherLink: (slot) => publisherLink(slot, this.referralSource || this.ownerDocument.location?.hostname || 'portal-kit'),
      rescheduling: this.purpose?.kind === 'reschedule' ? this.purpose.appointment : undefined,
      release: appointments.release,
      alternatives: (taken) => nearest(taken, this.search.knownFreeTimes(frame.times)),
      nextDoseService: (vaccine, from) => (from <= lastDay ? nextDoseOf(allServices, vaccine) : undefined),
      requestSignIn: (slot) => {
        // Kept for the way back: the sign-in may leave the page.
        this.pending.save({ slotId: slot.id, start: slot.start, locationId: slot.locationId, serviceId: this.serviceChoice().serviceId });
        this.requestSignIn();
      },
      choose: (slot) => void booking.choose(slot),
      confirm: () => void booking.confirm(this.serviceChoice().service?.id),
      back: () => {
        // Leaving a confirmation ends what it was for; leaving a review keeps it (another time, same purpose).
        if (booking.state.step === 'confirmed') this.leavePurpose();
        booking.reset();
        void this.search.reload();
      },
      bookNextDose: (next, from) => this.bookNextDose(next, from),
      retryRelease: () => void appointments.retryRelease(),
      openAppointments: () => {
        this.leavePurpose();
        booking.reset();
        this.show('manage');
      },
    };
  }
}
