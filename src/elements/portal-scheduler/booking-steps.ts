import { html, nothing, type TemplateResult } from 'lit';
import type { ReleaseState } from './appointments-controller.js';
import type { BookingController } from './booking-controller.js';
import { formatFhirDate } from '../../i18n/index.js';
import { slotTimeLabels } from './slot-time.js';
import { followUpDay } from '../../time/days.js';
import { localDayOf } from '../../time/zones.js';
import type { Appointment, Location, Practitioner, Service, Slot, SlotSearchResult } from '../../model/index.js';
import { appointmentIcs } from './calendar-file.js';
import { slotButtonContent } from './slot-list.js';
import { renderError } from '../../ui/state-view.js';
import { outcomeUnknown } from '../../api/errors.js';
import { detailRow, joinValue, placeValue, whenValue } from './details-view.js';
import { clinicClock, clinicWhen, renderRelease, renderReplaces, statusWord } from './manage-view.js';
import type { SchedulerL10n } from './strings.js';

/** What the review, conflict and confirmation views need from the scheduler. */
export interface StepContext {
  l10n: SchedulerL10n;
  booking: BookingController;
  service?: Service;
  result?: SlotSearchResult;
  viewerZone: string;
  /** Minutes before a video visit's start from which its join link is offered. */
  videoJoinMinutes: number;
  signedIn: boolean;
  /** Signed in, but the server did not grant the appointment scopes: booking here is not available. */
  notPermitted: boolean;
  /** Times from a Scheduling Links publication: booked on the publisher's site, never here. */
  booksElsewhere: boolean;
  /** A slot's booking link (http(s) only) with `source` and `booking-referral` added; undefined without one. */
  publisherLink(slot: Slot): string | undefined;
  /** The appointment the new time replaces, while rescheduling. */
  rescheduling?: Appointment;
  /** What became of the replaced appointment once the new one is booked. */
  release: ReleaseState;
  alternatives(taken: Slot): Slot[];
  /** The next dose's service when it exists and `from` lies within the booking horizon. */
  nextDoseService(vaccine: NonNullable<Service['vaccine']>, from: string): Service | undefined;
  requestSignIn(slot: Slot): void;
  choose(slot: Slot): void;
  confirm(): void;
  back(): void;
  bookNextDose(service: Service, from: string): void;
  retryRelease(): void;
  openAppointments(): void;
}

/** The step after a time was chosen: review (with the hold's countdown), booking, conflict or confirmation. */
export function renderBookingStep(ctx: StepContext): TemplateResult {
  const { l10n, booking } = ctx;
  const state = booking.state;
  switch (state.step) {
    case 'find':
      return html``;
    case 'checking':
    case 'holding':
      return html`<section class="step" part="review" aria-busy="true">
        <h2 class="title">${l10n.t('scheduler.review')}</h2>
        ${details(ctx, state.slot)}
        <p role="status">${l10n.t(state.step === 'checking' ? 'scheduler.checking' : 'scheduler.holding')}</p>
      </section>`;
    case 'review':
    case 'booking':
    case 'failed':
      return review(ctx, state.slot, state.step);
    case 'conflict':
      return conflict(ctx, state.slot, state.afterSignIn);
    case 'hold-expired':
      return html`<section class="step" part="review">
        <p class="alert" role="alert">${l10n.t('scheduler.holdExpired')}</p>
        ${backButton(ctx)}
      </section>`;
    case 'confirmed':
      return confirmation(ctx, state.slot, state.appointment);
  }
}

function review(ctx: StepContext, slot: Slot, step: 'review' | 'booking' | 'failed'): TemplateResult {
  const { l10n, booking } = ctx;
  const busy = step === 'booking';
  const remaining = booking.remainingMs;
  const failed = booking.state.step === 'failed' ? booking.state.error : undefined;
  return html`<section class="step" part="review" aria-labelledby="review-title">
    <h2 class="title" id="review-title" tabindex="-1">${l10n.t('scheduler.review')}</h2>
    ${details(ctx, slot)} ${ctx.rescheduling ? renderReplaces(l10n, ctx.rescheduling) : nothing}
    ${remaining !== undefined
      ? html`<p class="hold" role="timer" aria-live="off">${l10n.t('scheduler.holdRemaining', { time: countdown(remaining) })}</p>
          ${remaining <= 60_000 ? html`<p class="visually-hidden" role="status">${l10n.t('scheduler.holdLastMinute')}</p>` : nothing}`
      : nothing}
    ${failed ? (outcomeUnknown(failed) ? html`<p class="alert" part="state error" role="alert">${l10n.t('scheduler.bookUnknown')}</p>` : renderError(l10n, failed)) : nothing}
    <div class="actions">
      ${ctx.booksElsewhere
        ? publisherActions(ctx, slot)
        : ctx.signedIn
        ? html`<button
            type="button"
            class="primary"
            part="button confirm"
            aria-disabled=${busy ? 'true' : 'false'}
            @click=${() => {
              if (!busy) ctx.confirm();
            }}
          >
            ${l10n.t(busy ? 'scheduler.booking' : 'scheduler.confirm')}
          </button>`
        : ctx.notPermitted
        ? html`<p class="alert" role="alert">${l10n.t('scheduler.notPermitted')}</p>`
        : publicActions(ctx, slot)}
      ${backButton(ctx)}
    </div>
    ${busy ? html`<p class="visually-hidden" role="status">${l10n.t('scheduler.booking')}</p>` : nothing}
  </section>`;
}

/** A Scheduling Links time is booked where it was published: its booking link, else its phone. */
function publisherActions(ctx: StepContext, slot: Slot): TemplateResult {
  const { l10n } = ctx;
  const link = ctx.publisherLink(slot);
  const phone = slot.bookingPhone;
  return html`${link
      ? html`<a class="button primary" part="button booking-link" href=${link} rel="noopener">${l10n.t('scheduler.bookOnSite')}</a>`
      : nothing}
    ${phone ? html`<p class="booking-phone">${l10n.t('scheduler.bookByPhone', { phone })}</p>` : nothing}
    ${!link && !phone ? html`<p class="alert" role="alert">${l10n.t('scheduler.noBookingLink')}</p>` : nothing}`;
}

/** Not signed in: sign in to book here, or follow the publisher's booking link (SMART Scheduling Links). */
function publicActions(ctx: StepContext, slot: Slot): TemplateResult {
  const { l10n } = ctx;
  const link = ctx.publisherLink(slot);
  return html`<button type="button" class="primary" part="button sign-in" @click=${() => ctx.requestSignIn(slot)}>${l10n.t('scheduler.signInToBook')}</button>
    ${link ? html`<a class="button" part="button booking-link" href=${link} rel="noopener">${l10n.t('scheduler.bookOnSite')}</a>` : nothing}`;
}

function conflict(ctx: StepContext, taken: Slot, afterSignIn = false): TemplateResult {
  const { l10n } = ctx;
  const alternatives = ctx.alternatives(taken);
  return html`<section class="step" part="review">
    <p class="alert" role="alert">${l10n.t(afterSignIn ? 'scheduler.goneAfterSignIn' : 'scheduler.conflict')}</p>
    ${alternatives.length
      ? html`<h3>${l10n.t('scheduler.alternatives')}</h3>
          <ul class="alternatives" role="list">
            ${alternatives.map(
              (slot) => html`<li>
                <button type="button" part="slot" @click=${() => ctx.choose(slot)}>
                  ${slotButtonContent(slot, { l10n, location: locationOf(ctx, slot), practitioner: practitionerOf(ctx, slot), viewerZone: ctx.viewerZone, showDay: true })}
                </button>
              </li>`,
            )}
          </ul>`
      : nothing}
    ${backButton(ctx)}
  </section>`;
}

function confirmation(ctx: StepContext, slot: Slot, appointment: Appointment): TemplateResult {
  const { l10n } = ctx;
  const location = appointment.location ?? locationOf(ctx, slot);
  const service = appointment.service ?? ctx.service;
  const start = appointment.start ?? slot.start;
  const end = appointment.end ?? slot.end;
  const ics = appointmentIcs({
    uid: `${appointment.id}@portal-kit`,
    start,
    end,
    title: service?.name ?? l10n.t('scheduler.appointmentTitle'),
    location: location?.virtual
      ? l10n.t('visit.video')
      : [location?.name, ...(location?.address?.lines ?? []), location?.address?.city].filter(Boolean).join(', ') || undefined,
    description: appointment.instructions ?? location?.instructions,
    url: appointment.video?.joinUrl,
    now: new Date().toISOString(),
  });
  const vaccine = service?.vaccine;
  const nextDose = vaccine?.doseNumber === 1 && vaccine.nextDoseIntervalDays ? vaccine.nextDoseIntervalDays : undefined;
  const from = nextDose ? followUpDay(localDayOf(start, location?.timeZone), nextDose) : undefined;
  const nextService = vaccine && from ? ctx.nextDoseService(vaccine, from) : undefined;
  return html`<section class="step" part="confirmation" aria-labelledby="confirmed-title">
    <h2 class="title" id="confirmed-title" tabindex="-1">${l10n.t('scheduler.confirmed')}</h2>
    <p role="status">${l10n.t('scheduler.confirmedStatus', { status: statusWord(l10n, appointment.status) })}</p>
    ${details(ctx, { ...slot, start, end }, appointment)}
    ${ctx.rescheduling ? renderRelease(l10n, ctx.release, ctx.retryRelease, ctx.openAppointments) : nothing}
    <div class="actions">
      <a class="button" part="button calendar-file" download="appointment.ics" href=${`data:text/calendar;charset=utf-8,${encodeURIComponent(ics)}`}
        >${l10n.t('scheduler.addToCalendar')}</a
      >
      ${backButton(ctx, 'scheduler.bookAnother')}
    </div>
    ${from
      ? html`<div class="follow-up" part="follow-up">
          <p>${l10n.t('scheduler.followUp', { dose: 2, date: formatFhirDate(from, l10n.locale) })}</p>
          ${nextService
            ? html`<div class="actions">
                <button type="button" class="primary" part="button book-next-dose" @click=${() => ctx.bookNextDose(nextService, from)}>
                  ${l10n.t('scheduler.bookFollowUp', { dose: 2, date: formatFhirDate(from, l10n.locale) })}
                </button>
              </div>`
            : nothing}
        </div>`
      : nothing}
  </section>`;
}

/** What, who, where, when (clinic time and zone) and the clinic's instructions. */
function details(ctx: StepContext, slot: Slot, appointment?: Appointment): TemplateResult {
  const { l10n } = ctx;
  const location = appointment?.location ?? locationOf(ctx, slot);
  const practitioner = appointment?.practitioner ?? practitionerOf(ctx, slot);
  const service = appointment?.service ?? ctx.service;
  const labels = slotTimeLabels(slot, { locale: l10n.locale, location, viewerZone: ctx.viewerZone });
  return html`<dl class="details">
    ${detailRow(l10n.t('scheduler.what'), service?.name)} ${detailRow(l10n.t('scheduler.with'), practitioner?.name)}
    ${detailRow(l10n.t('scheduler.where'), placeValue(l10n, location))}
    ${appointment ? detailRow(l10n.t('visit.join'), joinValue(l10n, appointment, { joinMinutes: ctx.videoJoinMinutes, opensAt: (ms) => clinicClock(l10n, ms, location) })) : nothing}
    ${detailRow(l10n.t('scheduler.when'), whenValue(l10n, clinicWhen(l10n, slot.start, location), labels.viewerTime))}
    ${detailRow(l10n.t('scheduler.instructions'), appointment?.instructions ?? location?.instructions)}
  </dl>`;
}

function practitionerOf(ctx: StepContext, slot: Slot): Practitioner | undefined {
  return slot.practitionerId ? ctx.result?.practitioners[slot.practitionerId] : undefined;
}

function locationOf(ctx: StepContext, slot: Slot): Location | undefined {
  return slot.locationId ? ctx.result?.locations[slot.locationId] : undefined;
}

function backButton(ctx: StepContext, label: 'scheduler.back' | 'scheduler.bookAnother' = 'scheduler.back'): TemplateResult {
  return html`<button type="button" part="button back" @click=${ctx.back}>${ctx.l10n.t(label)}</button>`;
}

/** m:ss */
function countdown(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
