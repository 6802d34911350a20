import { ApiError } from './errors.js';

type Methods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * Loads code once, on the first call. A load that fails (offline, a deploy that removed the chunk) rejects as a
 * `network` error for the operation that asked, and is tried again on the next call.
 */
export function loadOnce<T>(load: () => Promise<T>): (operation: string) => Promise<T> {
  let loading: Promise<T> | undefined;
  return async (operation) => {
    const attempt = (loading ??= load());
    try {
      return await attempt;
    } catch (cause) {
      if (loading === attempt) loading = undefined;
      throw new ApiError('network', { operation, cause });
    }
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
