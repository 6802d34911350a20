import * as z from './z.js';

/**
 * Every failure an element may meet, by what the person can do about it:
 * sign in again, ask for access, pick another time, retry now, retry later.
 */
export const API_ERROR_KINDS = [
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'invalid-response',
  'network',
  'server',
  'rate-limited',
] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

/** Kinds worth offering a "Try again" for. */
export const RETRYABLE_KINDS: readonly ApiErrorKind[] = ['network', 'server', 'rate-limited', 'invalid-response'];

/** What travels in `portal-error` events: codes only, never text a server wrote. */
export const ErrorInfoSchema = z.object({
  kind: z.enum(API_ERROR_KINDS),
  /** Adapter operation that failed, e.g. `scheduling.book`. */
  operation: z.string(),
  status: z.optional(z.number()),
  retryable: z.boolean(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;
