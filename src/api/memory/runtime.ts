import type { ApiErrorKind, ListResult } from '../../model/index.js';
import { ApiError } from '../errors.js';
import { DEFAULT_SWITCHES, type MemoryControls, type MemoryOperation, type MemorySwitches } from './options.js';

/** The HTTP status a real server would send with each kind, so `ApiError.status` looks like the FHIR adapter's. */
const STATUS_FOR_KIND: Record<ApiErrorKind, number | undefined> = {
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'invalid-response': undefined,
  network: undefined,
  server: 503,
  'rate-limited': 429,
};

export function apiError(kind: ApiErrorKind, operation: MemoryOperation): ApiError {
  return new ApiError(kind, {
    operation,
    status: STATUS_FOR_KIND[kind],
    retryAfter: kind === 'rate-limited' ? 30 : undefined,
  });
}

/** Resolves after `ms`, or rejects with the signal's reason the moment it aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  // No latency: still answer asynchronously, like any request, but skip the timer's 1-4 ms clamp.
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface Runtime {
  /** Current time in epoch ms, from the `now` option. */
  nowMs(): number;
  switches(): Readonly<MemorySwitches>;
  readonly controls: MemoryControls;
  /**
   * Runs one adapter call the way a server answers one request: wait the latency (abortable), fail if the
   * `fail` switch says so, then compute the answer in one synchronous step — so a write is all-or-nothing
   * and two racing calls are serialised like requests on a server — and hand out a deep copy, so callers
   * can never mutate the store through a returned object. The input is copied when the call is made, as
   * a request body is serialised when it is sent: changing it while the call waits changes nothing.
   */
  call<I, T>(operation: MemoryOperation, signal: AbortSignal, input: I, answer: (input: I) => T): Promise<T>;
  /** A list answer; no items while the `empty` switch is on. */
  list<T>(items: T[]): ListResult<T>;
}

export function createRuntime(now: () => Date, initial: Partial<MemorySwitches>): Runtime {
  const start: MemorySwitches = { ...DEFAULT_SWITCHES };
  for (const key of Object.keys(DEFAULT_SWITCHES) as Array<keyof MemorySwitches>) {
    // Only switch keys: the adapter options also carry `now`, `seed`, … which are no switches.
    if (initial[key] !== undefined) (start as unknown as Record<string, unknown>)[key] = initial[key];
  }
  let current: MemorySwitches = { ...start };

  const controls: MemoryControls = {
    get: () => ({ ...current }),
    set: (patch) => {
      // Replace, never mutate: a snapshot someone holds from `get()` must not change under them.
      current = { ...current, ...patch };
    },
    reset: () => {
      current = { ...start };
    },
  };

  function failureFor(operation: MemoryOperation): ApiError | undefined {
    const fail = current.fail;
    if (fail === undefined) return undefined;
    if (typeof fail === 'string') return apiError(fail, operation);
    if (fail.operations && !fail.operations.includes(operation)) return undefined;
    return apiError(fail.kind, operation);
  }

  return {
    nowMs: () => now().getTime(),
    switches: () => current,
    controls,
    async call(operation, signal, input, answer) {
      if (signal.aborted) throw signal.reason;
      const sent = structuredClone(input);
      await wait(current.latencyMs, signal);
      if (signal.aborted) throw signal.reason;
      const failure = failureFor(operation);
      if (failure) throw failure;
      return structuredClone(answer(sent));
    },
    list: (items) => ({ items: current.empty ? [] : items, dropped: 0, truncated: false }),
  };
}
