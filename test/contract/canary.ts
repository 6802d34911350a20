import type { PortalApi } from '../../src/api/portal-api.js';

/** A string no element may ever put into an event detail or the console. */
export const CANARY = 'ZQX-CANARY-PHI';

/** Fields whose values are PHI (names, free text, dates of birth): the canary is planted in each. */
const PHI_KEYS = new Set(['displayName', 'givenName', 'familyName', 'senderName', 'body', 'subject', 'name', 'text', 'note', 'conclusion', 'title']);

function plant(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plant);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, PHI_KEYS.has(key) && typeof inner === 'string' ? `${inner} ${CANARY}` : plant(inner)]),
    );
  }
  return value;
}

export interface RecordingApi {
  api: PortalApi;
  /** Every AbortSignal an element passed in, with the operation it was for. */
  signals: { operation: string; signal: AbortSignal }[];
}

/** Wraps an adapter: plants the canary in every PHI field it returns and records the signals it is given. */
export function canaryApi(inner: PortalApi): RecordingApi {
  const signals: RecordingApi['signals'] = [];
  const api = Object.fromEntries(
    Object.entries(inner).flatMap(([feature, methods]) => {
      if (feature === 'controls' || typeof methods !== 'object' || methods === null) return [];
      const wrapped = Object.fromEntries(
        Object.entries(methods as Record<string, unknown>).map(([name, method]) => [
          name,
          async (...args: unknown[]) => {
            const signal = args.find((arg): arg is AbortSignal => arg instanceof AbortSignal);
            if (signal) signals.push({ operation: `${feature}.${name}`, signal });
            return plant(await (method as (...a: unknown[]) => Promise<unknown>).apply(methods, args));
          },
        ]),
      );
      return [[feature, wrapped]];
    }),
  ) as unknown as PortalApi;
  return { api, signals };
}
