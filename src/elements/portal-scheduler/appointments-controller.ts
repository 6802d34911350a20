import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, isConflict } from '../../api/errors.js';
import type { PortalApi } from '../../api/portal-api.js';
import type { DataController, DataOptions, DataState } from '../../controllers/data.js';
import type { Appointment, ListResult } from '../../model/index.js';
import { ACTIVE_APPOINTMENT_STATUSES } from '../../model/values.js';

/** What the appointments list reads from the scheduler, and what it tells it (it emits the events). */
export interface AppointmentsOptions {
  api(): PortalApi | undefined;
  /** A patient data load on the element (`PortalElement.loader`): aborted on disconnect, reloaded on a change of patient. */
  loader<T>(load: DataOptions<T>['load'], inputs: () => unknown): DataController<T>;
  /** The list is on screen (and a patient signed in with leave to book): it loads only then, and afresh each time it is opened. */
  showing(): boolean;
  /** The server cancelled `asked`; `answer` is what it said the appointment is now. */
  onCancelled(answer: Appointment, asked: Appointment): void;
  onError(error: unknown): void;
}

/** What the list shows besides the appointments: a question, a write in flight, or the outcome of one. */
export type CancelState =
  | { step: 'list'; notice?: CancelNotice }
  | { step: 'confirm'; appointment: Appointment; error?: unknown }
  | { step: 'cancelling'; appointment: Appointment };

export type CancelNotice =
  /** `answer` is the server's version of the appointment after the cancellation. */
  | { kind: 'cancelled'; appointment: Appointment; answer: Appointment }
  /** The appointment changed elsewhere (409/412): nothing was cancelled and the list was read again. */
  | { kind: 'changed'; appointment: Appointment };

/** Releasing the old appointment once its replacement is booked. */
export type ReleaseState =
  | { step: 'none' }
  | { step: 'releasing'; appointment: Appointment }
  | { step: 'released'; appointment: Appointment; answer: Appointment }
  | { step: 'failed'; appointment: Appointment; error: unknown };

/**
 * The signed-in patient's upcoming appointments and the two writes on them: cancel (after a confirmation)
 * and release (the old appointment after a reschedule booked its replacement). Both send the version the
 * person saw (`If-Match` in the adapter), both are one write per activation (a write in flight ignores
 * further ones), and a conflict is shown and the list read again, never retried by itself.
 */
export class AppointmentsController implements ReactiveController {
  cancel: CancelState = { step: 'list' };
  release: ReleaseState = { step: 'none' };
  private readonly list: DataController<ListResult<Appointment> | null>;
  private writing = false;
  private controller?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AppointmentsOptions,
  ) {
    host.addController(this);
    this.list = options.loader(
      (api, signal) => (options.showing() ? api.scheduling.listAppointments({ upcomingOnly: true }, signal) : Promise.resolve(null)),
      () => options.showing(),
    );
  }

  /** Upcoming appointments only, whatever the adapter answered. */
  get state(): DataState<Appointment[]> {
    const state = this.list.state;
    if (state.status === 'ready') return state.value ? { status: 'ready', value: upcoming(state.value.items) } : { status: 'loading' };
    if (state.status === 'loading') return { status: 'loading', stale: state.stale ? upcoming(state.stale.items) : undefined };
    return state;
  }

  /** True while a cancel or a release is on its way to the server. */
  get busy(): boolean {
    return this.writing;
  }

  reload(): Promise<void> {
    return this.list.reload();
  }

  /** Asks the person to confirm; nothing is written yet. */
  ask(appointment: Appointment): void {
    if (this.writing) return;
    this.setCancel({ step: 'confirm', appointment });
  }

  /** "Keep it", or the person went elsewhere: the question (and any notice) goes away. */
  dismiss(): void {
    if (this.cancel.step !== 'cancelling') this.setCancel({ step: 'list' });
  }

  /** Cancels the appointment in question. A second activation while one is in flight does nothing. */
  async confirm(): Promise<void> {
    const state = this.cancel;
    if (state.step !== 'confirm' || this.writing) return;
    const { appointment } = state;
    this.setCancel({ step: 'cancelling', appointment });
    const outcome = await this.write(appointment);
    if ('answer' in outcome) {
      this.setCancel({ step: 'list', notice: { kind: 'cancelled', appointment, answer: outcome.answer } });
      void this.list.reload();
    } else if (isAbortError(outcome.error)) {
      this.setCancel({ step: 'list' });
    } else if (isConflict(outcome.error)) {
      this.setCancel({ step: 'list', notice: { kind: 'changed', appointment } });
      void this.list.reload();
    } else {
      // Shown with the question still open: pressing "Yes, cancel" again is the retry, one write per press.
      this.setCancel({ step: 'confirm', appointment, error: outcome.error });
    }
  }

  /** Cancels the appointment a reschedule replaced. Called once its replacement is booked. */
  async releaseOld(appointment: Appointment): Promise<void> {
    if (this.writing || this.release.step === 'releasing' || this.release.step === 'released') return;
    this.setRelease({ step: 'releasing', appointment });
    const outcome = await this.write(appointment);
    if ('answer' in outcome) this.setRelease({ step: 'released', appointment, answer: outcome.answer });
    else if (isAbortError(outcome.error)) this.setRelease({ step: 'none' });
    else this.setRelease({ step: 'failed', appointment, error: outcome.error });
  }

  /** The person's retry after a failed release; not offered after a conflict (the same version would fail again). */
  retryRelease(): Promise<void> {
    const state = this.release;
    if (state.step !== 'failed' || isConflict(state.error)) return Promise.resolve();
    return this.releaseOld(state.appointment);
  }

  clearRelease(): void {
    if (this.release.step !== 'releasing') this.setRelease({ step: 'none' });
  }

  /** The session ended: nothing of the patient's stays on screen. */
  reset(): void {
    this.controller?.abort(new DOMException('Session ended', 'AbortError'));
    this.cancel = { step: 'list' };
    this.release = { step: 'none' };
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.controller?.abort(new DOMException('Element disconnected', 'AbortError'));
  }

  private async write(appointment: Appointment): Promise<{ answer: Appointment } | { error: unknown }> {
    const api = this.options.api();
    if (!api) return { error: new DOMException('No api', 'AbortError') };
    this.writing = true;
    this.controller = new AbortController();
    const { signal } = this.controller;
    try {
      const answer = await api.scheduling.cancelAppointment({ id: appointment.id, version: appointment.version }, signal);
      this.options.onCancelled(answer, appointment);
      return { answer };
    } catch (error) {
      this.options.onError(error);
      return { error };
    } finally {
      this.writing = false;
    }
  }

  private setCancel(state: CancelState): void {
    this.cancel = state;
    this.host.requestUpdate();
  }

  private setRelease(state: ReleaseState): void {
    this.release = state;
    this.host.requestUpdate();
  }
}

/** Active and not yet over: a cancelled, no-show or mistaken entry never shows as upcoming. */
function upcoming(items: readonly Appointment[]): Appointment[] {
  const now = Date.now();
  return items.filter((appointment) => {
    const ends = Date.parse(appointment.end ?? appointment.start ?? '');
    return ACTIVE_APPOINTMENT_STATUSES.includes(appointment.status) && (Number.isNaN(ends) || ends > now);
  });
}
