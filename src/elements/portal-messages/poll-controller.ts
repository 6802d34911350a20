import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../../api/errors.js';

export interface PollOptions {
  /** Asks the server what changed; resolves to how many threads changed (0: nothing new). */
  check(signal: AbortSignal): Promise<number>;
  /** Seconds between checks while all is well. */
  intervalSeconds(): number;
  /** Whether checking makes sense now (signed in, allowed). */
  enabled(): boolean;
  /** Something changed: reload and announce once for the whole batch. */
  onChanges(count: number): void;
  /** The document whose visibility pauses checks (tests pass their own). */
  document?: Document;
}

/** Longest wait after repeated failures: a broken server is not asked every minute all day. */
const MAX_BACKOFF_SECONDS = 600;

/**
 * Polite polling for new messages: one check every interval, doubling the wait after each failure up to ten
 * minutes, none while the tab is hidden (a check runs when it is shown again), and a manual `refresh`.
 */
export class PollController implements ReactiveController {
  /** A check is running (the refresh button says so). */
  checking = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private abort: AbortController | undefined;
  private readonly onVisibility = () => {
    if (this.doc.hidden) this.stop();
    else void this.refresh();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PollOptions,
  ) {
    host.addController(this);
  }

  private get doc(): Document {
    return this.options.document ?? document;
  }

  hostConnected(): void {
    this.doc.addEventListener('visibilitychange', this.onVisibility);
    this.schedule();
  }

  hostDisconnected(): void {
    this.doc.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
    this.abort?.abort();
  }

  /** Checks now (the refresh button, the tab shown again), then waits a full interval. */
  async refresh(): Promise<void> {
    this.stop();
    if (!this.options.enabled() || this.checking) return this.schedule();
    this.checking = true;
    this.host.requestUpdate();
    this.abort = new AbortController();
    try {
      const count = await this.options.check(this.abort.signal);
      this.failures = 0;
      if (count > 0) this.options.onChanges(count);
    } catch (error) {
      if (isAbortError(error)) return;
      this.failures++;
    } finally {
      this.checking = false;
      this.host.requestUpdate();
    }
    this.schedule();
  }

  private schedule(): void {
    this.stop();
    if (this.doc.hidden) return;
    const seconds = Math.min(this.options.intervalSeconds() * 2 ** this.failures, MAX_BACKOFF_SECONDS);
    this.timer = setTimeout(() => void this.refresh(), seconds * 1000);
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
