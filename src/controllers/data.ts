import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../api/errors.js';
import type { PortalApi } from '../api/portal-api.js';
import type { Session } from '../model/session.js';

/** Where a DataController loads from and when it may; `PortalElement.loader()` fills these from the element. */
export interface DataSource {
  api(): PortalApi | undefined;
  /** Whose data it is: a change of patient (or of sign-in state) loads again. */
  session(): Session | undefined;
  /** Whether the element may load now (an api, and the access its data needs). */
  canLoad(): boolean;
  /** A load failed (not an abort): the element reports it (typed `portal-error`). */
  onError(error: unknown): void;
}

export interface DataOptions<T> extends DataSource {
  load(api: PortalApi, signal: AbortSignal): Promise<T>;
  /** What else the load depends on (filters, the visible month); a change re-runs it. Compared by value, as JSON. */
  inputs?: () => unknown;
}

export type DataState<T> =
  | { status: 'idle' }
  | { status: 'loading'; stale?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: unknown };

const NOT_LOADED = Symbol('not loaded');

/**
 * Loads data through the context's api with @lit/task: re-runs when the api or the signed-in patient
 * changes, passes an AbortSignal, aborts on disconnect (and reloads on reconnect), keeps the last value
 * visible while refreshing, and reports failures through the element (typed `portal-error`).
 */
export class DataController<T> implements ReactiveController {
  private readonly task: Task<[PortalApi | undefined, string, boolean, string], T>;
  private abortedByDisconnect = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: DataOptions<T>,
  ) {
    host.addController(this);
    const { api, session, canLoad, load, inputs = () => undefined, onError } = options;
    this.task = new Task(host, {
      args: () => [api(), sessionKey(session()), canLoad(), JSON.stringify(inputs() ?? null)] as [PortalApi | undefined, string, boolean, string],
      // A run without an api or access loads nothing; its marker keeps `state` from calling that "ready" once the
      // api arrives (e.g. the element was defined before its provider) and before the task re-runs on the next update.
      task: async ([api, , canLoad], { signal }) => {
        if (!api || !canLoad) return NOT_LOADED as T;
        return load(api, signal);
      },
      onError: (error) => {
        if (!isAbortError(error)) onError(error);
      },
    });
  }

  get state(): DataState<T> {
    const { status, error } = this.task;
    const value = this.task.value === NOT_LOADED ? undefined : this.task.value;
    if (!this.options.canLoad()) return { status: 'idle' };
    if (status === TaskStatus.PENDING || status === TaskStatus.INITIAL || this.task.value === NOT_LOADED) {
      return { status: 'loading', stale: value };
    }
    if (status === TaskStatus.ERROR) {
      return isAbortError(error) ? { status: 'loading' } : { status: 'error', error };
    }
    return { status: 'ready', value: value as T };
  }

  /** Runs again with the same inputs ("Try again"). */
  reload(): Promise<void> {
    return this.task.run();
  }

  /** Settles when the current run does (tests and stories wait on it). */
  get complete(): Promise<T> {
    return this.task.taskComplete.then((value) => (value === NOT_LOADED ? (undefined as T) : value));
  }

  hostConnected(): void {
    if (this.abortedByDisconnect) {
      this.abortedByDisconnect = false;
      void this.task.run();
    }
  }

  hostDisconnected(): void {
    if (this.task.status === TaskStatus.PENDING) {
      this.abortedByDisconnect = true;
      this.task.abort(new DOMException('Element disconnected', 'AbortError'));
    }
  }
}

function sessionKey(session: Session | undefined): string {
  return session?.status === 'signed-in' ? `signed-in:${session.patientId}` : (session?.status ?? 'none');
}
