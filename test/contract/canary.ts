import type { PortalApi } from '../../src/api/portal-api.js';
import { recordingApi, type RecordingApi } from '../support/recording-api.js';

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

/** Wraps an adapter: plants the canary in every PHI field it answers with, and records what it is asked. */
export function canaryApi(inner: PortalApi): RecordingApi {
  return recordingApi(inner, { answer: plant });
}
