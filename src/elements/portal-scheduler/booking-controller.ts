import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, isConflict } from '../../api/errors.js';
import type { PortalApi } from '../../api/portal-api.js';
import type { Appointment, BookingMode, Hold, Slot } from '../../model/index.js';

/** What the booking steps read from the scheduler, and what they tell it (it emits the events). */
export interface BookingOptions {
  api(): PortalApi | undefined;
  /** A patient is signed in with leave to book. */
  signedIn(): boolean;
  /** Times come from a Scheduling Links publication: they are booked on the publisher's site, never here. */
  booksElsewhere(): boolean;
  onChosen(slot: Slot): void;
  onBooked(appointment: Appointment, slot: Slot): void;
  onError(error: unknown): void;
  now?: () => number;
}

/** The booking steps after a time is chosen. `find` is the search itself, which the element owns. */
export type BookingState =
  | { step: 'find' }
  /** Checking that a time chosen before signing in is still free. */
  | { step: 'checking'; slot: Slot }
  /** Holding the slot (operation servers) before the review shows. */
  | { step: 'holding'; slot: Slot }
  | { step: 'review'; slot: Slot; hold?: Hold }
  | { step: 'booking'; slot: Slot; hold?: Hold }
  | { step: 'confirmed'; slot: Slot; appointment: Appointment }
  /**
   * The time was taken by someone else: tell the person, offer alternatives, never retry on our own.
   * `afterSignIn`: it went while the person was away signing in, not at the moment of booking.
   */
  | { step: 'conflict'; slot: Slot; afterSignIn?: boolean }
  /** The hold ran out before the person confirmed. */
  | { step: 'hold-expired'; slot: Slot }
  | { step: 'failed'; slot: Slot; hold?: Hold; error: unknown };

/**
 * The choose → review → book flow of the scheduler, one write per confirmation whatever the clicks:
 * the idempotency key is made once per review, a confirmation in flight ignores further activations, and a
 * conflict or failure is shown, never retried by itself. Holds (when the server offers `$hold`) are taken
 * when a signed-in person picks a time and their countdown drives `remainingMs`.
 */
export class BookingController implements ReactiveController {
  state: BookingState = { step: 'find' };
  private clientRequestId?: string;
  private controller?: AbortController;
  private timer?: ReturnType<typeof setInterval>;
  private mode?: { api: PortalApi; value: Promise<BookingMode> };

  private readonly now: () => number;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: BookingOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
    host.addController(this);
  }

  /** Milliseconds the hold has left, or undefined without a hold deadline. */
  get remainingMs(): number | undefined {
    const hold = 'hold' in this.state ? this.state.hold : undefined;
    return hold?.expiresAt ? Math.max(0, Date.parse(hold.expiresAt) - this.now()) : undefined;
  }

  /**
   * The person picked a time. Signed in on a `$hold` server, the slot is held before the review.
   * `resumed`: picked before signing in and reported then, so it is not reported twice.
   */
  async choose(slot: Slot, { resumed = false } = {}): Promise<void> {
    this.reset();
    if (!resumed) this.options.onChosen(slot);
    const api = this.options.api();
    if (!api || !this.options.signedIn() || this.options.booksElsewhere() || (await this.bookingMode(api)) !== 'operation') {
      this.set({ step: 'review', slot });
      return;
    }
    this.set({ step: 'holding', slot });
    const signal = this.freshSignal();
    try {
      const hold = await api.scheduling.holdSlot(slot.id, signal);
      if (signal.aborted) return;
      this.set({ step: 'review', slot, hold });
      this.startCountdown();
    } catch (error) {
      this.fail(slot, error);
    }
  }

  /** Confirms the reviewed time. A second activation while one is in flight does nothing. */
  async confirm(serviceId?: string): Promise<void> {
    const { state } = this;
    const api = this.options.api();
    if ((state.step !== 'review' && state.step !== 'failed') || !api || this.options.booksElsewhere()) return;
    const { slot, hold } = state;
    this.clientRequestId ??= newRequestId();
    this.set({ step: 'booking', slot, hold });
    const signal = this.freshSignal();
    try {
      const appointment = await api.scheduling.book(
        { slotId: slot.id, serviceId, clientRequestId: this.clientRequestId, holdId: hold?.id },
        signal,
      );
      this.stopCountdown();
      this.set({ step: 'confirmed', slot, appointment });
      this.options.onBooked(appointment, slot);
    } catch (error) {
      this.fail(slot, error, hold);
    }
  }

  /** A time chosen before signing in is being looked up again; nothing can be confirmed meanwhile. */
  check(slot: Slot): void {
    this.reset();
    this.set({ step: 'checking', slot });
  }

  /** A time chosen before signing in is no longer free. */
  unavailable(slot: Slot): void {
    this.reset();
    this.set({ step: 'conflict', slot, afterSignIn: true });
  }

  /** Back to the search (keeps what the element's filters hold). */
  reset(): void {
    this.controller?.abort(new DOMException('Booking step left', 'AbortError'));
    this.stopCountdown();
    this.clientRequestId = undefined;
    this.set({ step: 'find' });
  }

  hostDisconnected(): void {
    this.controller?.abort(new DOMException('Element disconnected', 'AbortError'));
    this.stopCountdown();
  }

  private fail(slot: Slot, error: unknown, hold?: Hold): void {
    if (isAbortError(error)) return;
    this.stopCountdown();
    if (isConflict(error)) {
      this.clientRequestId = undefined; // a different time is a different booking
      this.set({ step: 'conflict', slot });
      return;
    }
    this.options.onError(error);
    this.set({ step: 'failed', slot, hold, error });
  }

  private bookingMode(api: PortalApi): Promise<BookingMode> {
    if (this.mode?.api !== api) {
      // Unknown means conditional create: it is safe on every server, a hold is only a convenience.
      this.mode = { api, value: api.scheduling.bookingMode(new AbortController().signal).catch(() => 'rest' as const) };
    }
    return this.mode.value;
  }

  private startCountdown(): void {
    this.stopCountdown();
    this.timer = setInterval(() => {
      const left = this.remainingMs;
      if (left === undefined) return;
      if (left <= 0 && this.state.step === 'review') {
        this.stopCountdown();
        this.set({ step: 'hold-expired', slot: this.state.slot });
        return;
      }
      this.host.requestUpdate();
    }, 1000);
  }

  private stopCountdown(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private freshSignal(): AbortSignal {
    this.controller?.abort(new DOMException('Superseded', 'AbortError'));
    this.controller = new AbortController();
    return this.controller.signal;
  }

  private set(state: BookingState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}

/** An idempotency key no one can guess or collide with. */
function newRequestId(): string {
  return `portal-${crypto.randomUUID()}`;
}
