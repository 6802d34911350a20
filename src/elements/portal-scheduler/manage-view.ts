import { html, nothing, type TemplateResult } from 'lit';
import { isConflict } from '../../api/errors.js';
import type { AppointmentsController, ReleaseState } from './appointments-controller.js';
import { detailRow, joinValue, placeValue, whenValue } from './details-view.js';
import { formatFhirDate } from '../../i18n/index.js';
import { slotTimeLabels } from './slot-time.js';
import { localDayOf } from '../../time/zones.js';
import type { Appointment, AppointmentStatus, Location, Service } from '../../model/index.js';
import { renderError, renderLoading } from '../../ui/state-view.js';
import type { SchedulerKey, SchedulerL10n, SchedulerTranslator } from './strings.js';

/** What the "Your appointments" view needs from the scheduler. */
export interface ManageContext {
  l10n: SchedulerL10n;
  appointments: AppointmentsController;
  viewerZone: string;
  /** Minutes before a video visit's start from which its join link is offered. */
  videoJoinMinutes: number;
  /** The appointment's service (and place, when the host locked one) is offered here. */
  canReschedule(appointment: Appointment): boolean;
  reschedule(appointment: Appointment): void;
  book(): void;
  /** Moves focus to `selector` in the shadow root once the change has rendered. */
  focus(selector: string): void;
}

/** An appointment's status in the patient's words ("Booked"), never the server's code. */
export function statusWord(l10n: SchedulerTranslator, status: AppointmentStatus): string {
  return l10n.t(`manage.status.${status}` as SchedulerKey);
}

/** "10:45 AM EST": an instant on the clinic's clock, with its zone label. */
export function clinicClock(l10n: SchedulerTranslator, epochMs: number, location?: Pick<Location, 'timeZone'>): string {
  const { time, zone } = slotTimeLabels({ start: new Date(epochMs).toISOString() }, { locale: l10n.locale, location });
  return `${time} ${zone}`;
}

/** "November 3, 2026, 11:00 AM EST": the clinic's day, clock and zone label, as the booking steps say it. */
export function clinicWhen(l10n: SchedulerTranslator, start: string, location?: Pick<Location, 'timeZone'>): string {
  const { time, zone } = slotTimeLabels({ start }, { locale: l10n.locale, location });
  return `${formatFhirDate(localDayOf(start, location?.timeZone), l10n.locale)}, ${time} ${zone}`;
}

/** The `{what}` and `{when}` of the messages about one appointment. */
export function describe(l10n: SchedulerTranslator, appointment: Appointment): { what: string; when: string } {
  return {
    what: appointment.service?.name ?? l10n.t('manage.appointment'),
    when: appointment.start ? clinicWhen(l10n, appointment.start, appointment.location) : l10n.t('manage.noTime'),
  };
}

/** Rescheduling happens here only when this scheduler offers the appointment's service (and its place, if locked). */
export function canRescheduleHere(appointment: Appointment, here: { offered: Service[]; service?: string; location?: string }): boolean {
  const id = appointment.service?.id;
  return (
    appointment.cancellable &&
    id !== undefined &&
    here.offered.some((s) => s.id === id) &&
    (!here.service || here.service === id) &&
    (!here.location || here.location === appointment.location?.id)
  );
}

/** Book / Your appointments, for a signed-in patient: toggle buttons, the pressed one is the view shown. */
export function renderManage(ctx: ManageContext): TemplateResult {
  const { l10n, appointments } = ctx;
  const state = appointments.state;
  const list = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
  return html`<section class="manage" part="appointments" aria-labelledby="manage-title">
    <h2 class="title" id="manage-title" tabindex="-1">${l10n.t('manage.title')}</h2>
    ${notice(ctx)}
    ${state.status === 'error'
      ? renderError(l10n, state.error, () => void appointments.reload())
      : !list
        ? renderLoading(l10n)
        : list.length === 0
          ? html`<div class="empty" part="state empty">
              <p>${l10n.t('manage.empty')}</p>
              <div class="actions">
                <button type="button" class="primary" part="button book" @click=${ctx.book}>${l10n.t('manage.bookOne')}</button>
              </div>
            </div>`
          : html`<ul class="appointments" role="list" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
              ${list.map((appointment) => item(ctx, appointment))}
            </ul>`}
  </section>`;
}

/**
 * The outcome of the last cancellation. The polite region is always there (empty and flat when silent) so
 * that screen readers announce what is put into it; a conflict is an alert of its own.
 */
function notice(ctx: ManageContext): TemplateResult {
  const { l10n, appointments } = ctx;
  const state = appointments.cancel;
  const outcome = state.step === 'list' ? state.notice : undefined;
  let status: string | undefined;
  if (state.step === 'cancelling') status = l10n.t('manage.cancelling');
  else if (outcome?.kind === 'cancelled') {
    status =
      outcome.answer.status === 'cancelled'
        ? l10n.t('manage.cancelled', describe(l10n, outcome.appointment))
        : l10n.t('manage.cancelledStatus', { status: statusWord(l10n, outcome.answer.status) });
  }
  return html`<p class="notice" part="notice" role="status">${status ?? nothing}</p>
    ${outcome?.kind === 'changed' ? html`<p class="alert" role="alert">${l10n.t('manage.changed', describe(l10n, outcome.appointment))}</p>` : nothing}`;
}

function item(ctx: ManageContext, appointment: Appointment): TemplateResult {
  const { l10n, appointments } = ctx;
  const { what, when } = describe(l10n, appointment);
  const labels = appointment.start ? slotTimeLabels({ start: appointment.start }, { locale: l10n.locale, location: appointment.location, viewerZone: ctx.viewerZone }) : undefined;
  const location = appointment.location;
  const state = appointments.cancel;
  const asking = state.step !== 'list' && state.appointment.id === appointment.id;
  return html`<li class="appointment" part="appointment">
    <h3 class="appointment-title">${what}</h3>
    <dl class="details">
      ${detailRow(l10n.t('scheduler.when'), whenValue(l10n, when, labels?.viewerTime))}
      ${detailRow(l10n.t('scheduler.with'), appointment.practitioner?.name)}
      ${detailRow(l10n.t('scheduler.where'), placeValue(l10n, location))}
      ${detailRow(l10n.t('visit.join'), joinValue(l10n, appointment, { joinMinutes: ctx.videoJoinMinutes, opensAt: (ms) => clinicClock(l10n, ms, location) }))}
      ${detailRow(l10n.t('manage.status'), statusWord(l10n, appointment.status))}
    </dl>
    ${asking ? question(ctx, appointment) : actions(ctx, appointment, `${what}, ${when}`)}
  </li>`;
}

function actions(ctx: ManageContext, appointment: Appointment, which: string): TemplateResult {
  const { l10n, appointments } = ctx;
  if (!appointment.cancellable) {
    const phone = appointment.location?.phone;
    return html`<p class="muted">${phone ? l10n.t('manage.callToChange', { phone }) : l10n.t('manage.contactToChange')}</p>`;
  }
  // The visible word leads the name (speech input says what it sees); the hidden rest tells the buttons apart.
  return html`<div class="actions">
    <button
      type="button"
      part="button cancel"
      data-appointment=${appointment.id}
      @click=${() => {
        appointments.ask(appointment);
        ctx.focus('#cancel-question');
      }}
    >
      ${l10n.t('manage.cancel')}<span class="visually-hidden">: ${which}</span>
    </button>
    ${ctx.canReschedule(appointment)
      ? html`<button type="button" part="button reschedule" @click=${() => ctx.reschedule(appointment)}>
          ${l10n.t('manage.reschedule')}<span class="visually-hidden">: ${which}</span>
        </button>`
      : nothing}
  </div>`;
}

/** "Cancel your … on …?" with the two answers; nothing is written before "Yes, cancel". */
function question(ctx: ManageContext, appointment: Appointment): TemplateResult {
  const { l10n, appointments } = ctx;
  const state = appointments.cancel;
  const busy = state.step === 'cancelling';
  const error = state.step === 'confirm' ? state.error : undefined;
  return html`<div class="cancel-question" part="cancel-confirm" role="group" aria-labelledby="cancel-question">
    <p id="cancel-question" class="question" tabindex="-1">${l10n.t('manage.cancelQuestion', describe(l10n, appointment))}</p>
    ${error ? renderError(l10n, error) : nothing}
    <div class="actions">
      <button
        type="button"
        class="primary"
        part="button cancel-yes"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => {
          // Done, the question and its item are gone: focus goes to the list's heading, the outcome is announced.
          if (!busy) void appointments.confirm().then(() => appointments.cancel.step === 'list' && ctx.focus('#manage-title'));
        }}
      >
        ${l10n.t(busy ? 'manage.cancelling' : 'manage.cancelYes')}
      </button>
      <button
        type="button"
        part="button cancel-keep"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => {
          if (busy) return;
          appointments.dismiss();
          ctx.focus(`[part~="cancel"][data-appointment="${CSS.escape(appointment.id)}"]`);
        }}
      >
        ${l10n.t('manage.cancelKeep')}
      </button>
    </div>
  </div>`;
}

/** Above the search while rescheduling: which appointment the new time replaces, and a way out. */
export function renderRescheduleNote(l10n: SchedulerTranslator, appointment: Appointment, stop: () => void): TemplateResult {
  return html`<div class="context-note" part="reschedule-note">
    <p id="context-note" tabindex="-1">${l10n.t('reschedule.note', describe(l10n, appointment))}</p>
    <button type="button" part="button stop-rescheduling" @click=${stop}>${l10n.t('reschedule.stop')}</button>
  </div>`;
}

/** In the review while rescheduling. */
export function renderReplaces(l10n: SchedulerTranslator, appointment: Appointment): TemplateResult {
  return html`<p class="replaces" part="replaces">${l10n.t('reschedule.replaces', describe(l10n, appointment))}</p>`;
}

/** In the confirmation of a reschedule: what became of the old appointment, from the server's answer. */
export function renderRelease(l10n: SchedulerTranslator, release: ReleaseState, retry: () => void, openList: () => void): TemplateResult {
  if (release.step === 'none') return html``;
  const params = describe(l10n, release.appointment);
  if (release.step === 'releasing') return html`<p role="status">${l10n.t('reschedule.releasing', params)}</p>`;
  if (release.step === 'released') {
    return html`<p role="status">
      ${release.answer.status === 'cancelled' ? l10n.t('reschedule.released', params) : l10n.t('manage.cancelledStatus', { status: statusWord(l10n, release.answer.status) })}
    </p>`;
  }
  const conflict = isConflict(release.error);
  return html`<div class="release-failed" part="release-failed">
    <p class="alert" role="alert">${l10n.t(conflict ? 'reschedule.releaseChanged' : 'reschedule.releaseFailed', params)}</p>
    <div class="actions">
      ${conflict
        ? html`<button type="button" part="button appointments" @click=${openList}>${l10n.t('scheduler.viewAppointments')}</button>`
        : html`<button type="button" class="primary" part="button release-retry" @click=${retry}>${l10n.t('reschedule.releaseRetry')}</button>`}
    </div>
  </div>`;
}

/** Above the search while booking a follow-up dose: from when, and a way back to the usual choices. */
export function renderFollowUpNote(l10n: SchedulerTranslator, dose: number, from: string, stop: () => void): TemplateResult {
  return html`<div class="context-note" part="follow-up-note">
    <p id="context-note" tabindex="-1">${l10n.t('scheduler.followUpNote', { dose, date: formatFhirDate(from, l10n.locale) })}</p>
    <button type="button" part="button book-something-else" @click=${stop}>${l10n.t('scheduler.bookSomethingElse')}</button>
  </div>`;
}
