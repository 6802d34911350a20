// Beside lazy.ts's "once" helpers, in a module of its own: only lazily loaded parts (the Scheduling Links reader, the
// patient's own record) use it, so a page's first load does not carry it.

/**
 * Callers that arrive while a run for the same key is in flight share it. The run belongs to no single caller:
 * it gets a signal of its own, a caller that aborts is rejected with its own signal's reason while the run goes
 * on for the others, and only when every caller has gone is the run stopped. A run that settled is forgotten,
 * so the next call starts afresh.
 */
export function sharedWhileRunning<K, T>(run: (key: K, signal: AbortSignal) => Promise<T>): (key: K, signal: AbortSignal) => Promise<T> {
  const running = new Map<K, { promise: Promise<T>; controller: AbortController; callers: number; settled: boolean }>();
  return async (key, signal) => {
    signal.throwIfAborted();
    let shared = running.get(key);
    if (!shared) {
      const controller = new AbortController();
      const started = { promise: run(key, controller.signal), controller, callers: 0, settled: false };
      started.promise
        .finally(() => {
          started.settled = true;
          if (running.get(key) === started) running.delete(key);
        })
        .catch(() => undefined);
      running.set(key, started);
      shared = started;
    }
    const flight = shared;
    flight.callers++;
    try {
      return await untilAborted(flight.promise, signal);
    } finally {
      flight.callers--;
      if (flight.callers === 0 && !flight.settled) {
        flight.controller.abort();
        if (running.get(key) === flight) running.delete(key);
      }
    }
  };
}

/** `promise`, or the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
