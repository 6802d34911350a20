import type { ReactiveControllerHost } from 'lit';
import { loadOnce } from '../api/lazy.js';

/**
 * A part of an element whose code loads on first use (the scheduler's booking flow, the messages form), so a
 * page does not download it before its first content shows. A failed load is kept with a retry that repeats what the
 * person was doing; the host renders it with its error view. It has no lifecycle of its own, so it is not
 * added to the host: the parts it loads add their own controllers.
 */
export class LazyPartController<T> {
  value?: T;
  failure?: { error: unknown; retry: () => void };
  /** One load at a time, tried again after a failure: a part builds controllers on its host, and two would each add theirs. */
  private readonly part: (operation: string) => Promise<T>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { operation: string; load: () => Promise<T>; onError: (error: unknown) => void },
  ) {
    this.part = loadOnce(options.load);
  }

  /**
   * The part, loading it first when needed. `again` is what a retry repeats; `quiet` loads ahead of need and
   * says nothing when that fails (the next real use tries again).
   */
  async ready(again: () => void, { quiet = false } = {}): Promise<T | undefined> {
    if (this.value) return this.value;
    try {
      this.value = await this.part(this.options.operation);
      this.failure = undefined;
      return this.value;
    } catch (error) {
      if (!quiet) {
        this.failure = { error, retry: again };
        this.options.onError(error);
      }
      return undefined;
    } finally {
      this.host.requestUpdate();
    }
  }

  /** Clears the failure and repeats what failed. */
  retry(): void {
    const failure = this.failure;
    this.failure = undefined;
    this.host.requestUpdate();
    failure?.retry();
  }
}
