import { ApiError } from './errors.js';

type Methods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * A feature API whose code loads on its first call. A page with only `<portal-scheduler>` then never downloads
 * the messaging, results or immunization mappers. `methods` lists every method (typed as a record so a method
 * added to the interface and forgotten here fails to compile). A chunk that fails to load (offline, a deploy
 * that removed it) rejects as a `network` error and is tried again on the next call.
 */
export function lazyFeature<T extends object>(operation: string, methods: Record<Methods<T>, true>, load: () => Promise<T>): T {
  let loading: Promise<T> | undefined;
  const feature = (): Promise<T> =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new ApiError('network', { operation, cause });
    }));
  const api: Partial<Record<Methods<T>, unknown>> = {};
  for (const name of Object.keys(methods) as Array<Methods<T>>) {
    api[name] = async (...args: unknown[]) => {
      const impl = await feature();
      return (impl[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return api as T;
}
