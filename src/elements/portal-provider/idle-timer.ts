/**
 * The idle timeout behind "Are you still there?": a patient who walks away from a shared computer is signed
 * out after a quiet spell, with a warning shortly before. Plain TypeScript (no DOM, no Lit) so the provider
 * can feed it whatever counts as activity and tests can drive it with a fake clock.
 */

import { IDLE_WARNING_MS, systemClock, type IdleClock } from './idle-settings.js';

export interface IdleTimerOptions {
  timeoutMs: number;
  /** Defaults to `IDLE_WARNING_MS`; never more than `timeoutMs`. */
  warnBeforeMs?: number;
  clock?: IdleClock;
  /** The warning is due; `deadline` (epoch ms) is when the timeout will fire unless there is activity. */
  onWarn(deadline: number): void;
  /** The deadline passed with no activity. Fires once per `start()`. */
  onTimeout(): void;
  /** Activity while the warning was showing: the person is back, the warning can go. */
  onResume?(): void;
}

/**
 * Counts down from the last activity. Background tabs throttle or suspend timers and sleeping machines fire
 * them late, so a firing timer only prompts a look at `clock.now()`; the decision is always made against the
 * clock, never assumed from the timer having fired.
 */
export class IdleTimer {
  private readonly timeoutMs: number;
  private readonly warnBeforeMs: number;
  private readonly clock: IdleClock;
  private lastActivity = 0;
  private running = false;
  private warned = false;
  private handle: unknown;
  /** A clock's handle may be any value (0 included), so whether one is pending is kept apart from it. */
  private armed = false;

  constructor(private readonly options: IdleTimerOptions) {
    this.timeoutMs = Math.max(0, options.timeoutMs);
    this.warnBeforeMs = Math.min(this.timeoutMs, Math.max(0, options.warnBeforeMs ?? IDLE_WARNING_MS));
    this.clock = options.clock ?? systemClock;
  }

  /** Epoch ms of the timeout as things stand; `undefined` when not running. */
  get deadline(): number | undefined {
    return this.running ? this.lastActivity + this.timeoutMs : undefined;
  }

  /** Whether the warning is showing (between `onWarn` and `onResume`/`onTimeout`). */
  get warning(): boolean {
    return this.running && this.warned;
  }

  start(): void {
    this.cancelTimer();
    this.running = true;
    this.warned = false;
    this.lastActivity = this.clock.now();
    this.arm();
  }

  stop(): void {
    this.running = false;
    this.warned = false;
    this.cancelTimer();
  }

  /**
   * The person did something. Called on every keydown and pointerdown, so in the quiet phase it only records
   * the time: the pending timer, when it fires, sees the later deadline and re-arms itself.
   */
  activity(): void {
    if (!this.running) return;
    const now = this.clock.now();
    // A key pressed after the deadline (the tab slept through it) must not revive the session.
    if (now >= this.lastActivity + this.timeoutMs) {
      this.timeOut();
      return;
    }
    this.lastActivity = now;
    if (this.warned) {
      this.warned = false;
      this.cancelTimer();
      this.arm();
      this.options.onResume?.();
    }
  }

  /** Re-evaluates against the clock (page restored from the back/forward cache, machine woke up). */
  check(): void {
    if (!this.running) return;
    this.cancelTimer();
    this.evaluate();
  }

  private evaluate(): void {
    const deadline = this.lastActivity + this.timeoutMs;
    const now = this.clock.now();
    if (now >= deadline) {
      this.timeOut();
      return;
    }
    if (!this.warned && now >= deadline - this.warnBeforeMs) {
      this.warned = true;
      this.arm();
      this.options.onWarn(deadline);
      return;
    }
    this.arm();
  }

  /** One timer at a time, due at the next moment something may change: the warning, else the deadline. */
  private arm(): void {
    if (!this.running) return;
    const deadline = this.lastActivity + this.timeoutMs;
    const due = this.warned ? deadline : deadline - this.warnBeforeMs;
    this.armed = true;
    this.handle = this.clock.setTimeout(() => {
      this.armed = false;
      this.handle = undefined;
      if (this.running) this.evaluate();
    }, Math.max(0, due - this.clock.now()));
  }

  private cancelTimer(): void {
    if (this.armed) this.clock.clearTimeout(this.handle);
    this.armed = false;
    this.handle = undefined;
  }

  private timeOut(): void {
    // Stopping first makes a re-entrant activity()/check() from inside onTimeout a no-op: it fires once.
    this.stop();
    this.options.onTimeout();
  }
}
