import type { ReactiveControllerHost } from 'lit';
import { LazyPartController } from '../../controllers/lazy-part.js';
import type { Slot } from '../../model/index.js';
import type { AppointmentsOptions } from './appointments-controller.js';
import type { BookingFlow } from './booking-flow.js';
import type { BookingOptions } from './booking-controller.js';

type Shared = 'api' | 'onError';

export interface FlowPartOptions extends Pick<BookingOptions, Shared> {
  booking: Omit<BookingOptions, Shared>;
  appointments: Omit<AppointmentsOptions, Shared>;
  /** Minutes before a video visit's start from which its join link is offered. */
  videoJoinMinutes(): number;
}

/** Review, booking, confirmation and the appointments list: one chunk, fetched on first use (or ahead of it). */
const loadFlowModule = () => import('./booking-flow.js');

/**
 * The scheduler's booking flow as a lazily loaded part: the eager side that knows how to build it, fetches its
 * code ahead of need, and turns presses made while it loads into one choice.
 */
export class BookingFlowPart extends LazyPartController<BookingFlow> {
  /** A time picked while the flow loads: the latest one is chosen once it is there. */
  private waitingChoice?: Slot;

  /** `api` and `onError` serve the part's load, the booking steps and the appointments list alike. */
  constructor(host: ReactiveControllerHost, options: FlowPartOptions) {
    const { api, onError, booking, appointments, videoJoinMinutes } = options;
    super(host, {
      operation: 'scheduling.book',
      onError,
      load: async () =>
        (await loadFlowModule()).createBookingFlow(host, { booking: { ...booking, api, onError }, appointments: { ...appointments, api, onError }, videoJoinMinutes }),
    });
  }

  /** Fetches the flow's code without building it (someone pointing at the element may pick a time next). */
  static prefetch(): void {
    void loadFlowModule().catch(() => undefined);
  }

  /** One choice per wait: presses while the flow loads pick the time, and only the last one is reviewed. */
  async choose(slot: Slot): Promise<void> {
    const loading = this.waitingChoice !== undefined;
    this.waitingChoice = slot;
    if (loading) return;
    const flow = await this.ready(() => void this.choose(slot));
    const chosen = this.waitingChoice;
    this.waitingChoice = undefined;
    if (flow && chosen) void flow.booking.choose(chosen);
  }

  /** The session ended: the steps and the list go back to their start, and a press still waiting for the code is dropped. */
  endSession(): void {
    this.value?.appointments.reset();
    this.value?.booking.reset();
    this.waitingChoice = undefined;
  }
}
