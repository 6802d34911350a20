import type { PortalApi } from '../../src/api/portal-api.js';

/** One adapter call an element made: `operation` is `feature.method`, as in `portal-error` details. */
export interface RecordedCall {
  operation: string;
  args: unknown[];
}

export interface RecordingApi {
  /** The adapter to hand to the provider. */
  api: PortalApi;
  /** Every call, in order. */
  calls: RecordedCall[];
  /** Every AbortSignal an element passed in, with the operation it was for. */
  signals: { operation: string; signal: AbortSignal }[];
  /** Calls of one operation so far. */
  count(operation: string): number;
  /** The operations called, in order. */
  operations(): string[];
}

type Replacements = { [F in keyof PortalApi]?: Partial<PortalApi[F]> };

export interface RecordingOptions {
  /** Methods answered by the test instead of `inner` (still recorded). */
  replace?: Replacements;
  /**
   * Rewrites every answer (e.g. plants a canary in it). When given, each call answers asynchronously; without it,
   * a call returns what the method returned, so timing stays the adapter's own.
   */
  answer?: (value: unknown) => unknown;
}

type Method = (...args: unknown[]) => unknown;

/**
 * Wraps an adapter so a test can see what an element asked of it: every call of every feature (the memory
 * adapter's `controls` pass through untouched), with its arguments and signal.
 */
export function recordingApi(inner: PortalApi, options: RecordingOptions = {}): RecordingApi {
  const calls: RecordedCall[] = [];
  const signals: RecordingApi['signals'] = [];
  const features = Object.entries(inner).map(([feature, methods]) => {
    if (feature === 'controls' || typeof methods !== 'object' || methods === null) return [feature, methods];
    const replaced = (options.replace?.[feature as keyof PortalApi] ?? {}) as Record<string, Method>;
    const wrapped = Object.fromEntries(
      Object.entries(methods as Record<string, Method>).map(([name, method]) => {
        const operation = `${feature}.${name}`;
        const target = replaced[name] ? { fn: replaced[name], self: replaced } : { fn: method, self: methods };
        const record = (args: unknown[]) => {
          calls.push({ operation, args });
          const signal = args.find((arg): arg is AbortSignal => arg instanceof AbortSignal);
          if (signal) signals.push({ operation, signal });
        };
        const answer = options.answer;
        const call = answer
          ? async (...args: unknown[]) => (record(args), answer(await target.fn.apply(target.self, args)))
          : (...args: unknown[]) => (record(args), target.fn.apply(target.self, args));
        return [name, call];
      }),
    );
    return [feature, wrapped];
  });
  return {
    api: Object.fromEntries(features) as PortalApi,
    calls,
    signals,
    count: (operation) => calls.filter((call) => call.operation === operation).length,
    operations: () => calls.map((call) => call.operation),
  };
}
