import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Appointment } from '../../model/index.js';

/** A timer is never set further ahead than this; a redraw then simply sets the next one. */
const MAX_WAIT_MS = 86_400_000;

export interface JoinWindowOptions {
  /** Minutes before a video visit's start from which its join link is offered. */
  minutes(): number;
  /** The appointments on screen (a confirmation, the list). */
  shown(): readonly Appointment[];
}

/**
 * Redraws the scheduler when the join link of a video visit on screen opens: a patient who keeps the confirmation
 * or the list open before the visit sees "Join the video visit" appear at its time, without reloading. One timer,
 * for the soonest link still to open.
 */
export class JoinWindowController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  private due?: number;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: JoinWindowOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const now = Date.now();
    const lead = this.options.minutes() * 60_000;
    let next: number | undefined;
    for (const appointment of this.options.shown()) {
      if (!appointment.video?.joinUrl || !appointment.start) continue;
      const opens = Date.parse(appointment.start) - lead;
      if (opens > now && (next === undefined || opens < next)) next = opens;
    }
    if (next === this.due) return;
    this.stop();
    this.due = next;
    if (next === undefined) return;
    this.timer = setTimeout(() => {
      this.due = undefined;
      this.host.requestUpdate();
    }, Math.min(next - now, MAX_WAIT_MS));
  }

  hostDisconnected(): void {
    this.stop();
    this.due = undefined;
  }

  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
