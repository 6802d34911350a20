import { ApiError } from './errors.js';

type Methods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * Loads code once, on the first call. A load that fails (offline, a deploy that removed the chunk) rejects as a
 * `network` error for the operation that asked, and is tried again on the next call.
 */
export function loadOnce<T>(load: () => Promise<T>): (operation: string) => Promise<T> {
  const once = untilItSucceeds(load);
  return async (operation) => {
    try {
      return await once();
    } catch (cause) {
      throw new ApiError('network', { operation, cause });
    }
  };
}

/**
 * Runs `start` on the first call (with that call's arguments) and hands every caller that same promise once it
 * succeeds; a failure is forgotten (after failing its own callers), so the next call starts again. Callers in
 * flight share one attempt.
 */
export function untilItSucceeds<A extends unknown[], T>(start: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (...args) => {
    if (!pending) {
      const attempt = start(...args);
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}

/**
 * A feature API whose code loads on its first call. A page with only `<portal-scheduler>` then never downloads
 * the messaging, results or immunization mappers. `methods` lists every method (typed as a record so a method
 * added to the interface and forgotten here fails to compile).
 */
export function lazyFeature<T extends object>(operation: string, methods: Record<Methods<T>, true>, load: () => Promise<T>): T {
  const feature = loadOnce(load);
  const api: Partial<Record<Methods<T>, unknown>> = {};
  for (const name of Object.keys(methods) as Array<Methods<T>>) {
    api[name] = async (...args: unknown[]) => {
      const impl = await feature(operation);
      return (impl[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return api as T;
}
