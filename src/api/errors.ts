import type { ErrorInfo } from '../model/errors.js';
import { RETRYABLE_KINDS, type ApiErrorKind } from '../model/values.js';

const MESSAGES: Record<ApiErrorKind, string> = {
  unauthorized: 'The server needs a valid sign-in.',
  forbidden: 'The signed-in user may not do this.',
  'not-found': 'The server has no such record.',
  conflict: 'The record changed or was taken meanwhile.',
  'invalid-response': 'The server answered with data that is not valid here.',
  network: 'The server could not be reached.',
  server: 'The server failed to answer.',
  'rate-limited': 'The server asked to slow down.',
};

export interface ApiErrorOptions {
  operation: string;
  status?: number;
  /** Seconds the server asked us to wait (`Retry-After`). */
  retryAfter?: number;
  cause?: unknown;
}

/**
 * The only error an adapter throws (besides an `AbortError` when its signal aborts). Its message is fixed
 * per kind: server text can carry PHI, so it is never copied in; the raw response stays out of `cause`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly retryAfter?: number;

  constructor(kind: ApiErrorKind, options: ApiErrorOptions) {
    super(`${options.operation}: ${MESSAGES[kind]}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.operation = options.operation;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
  }

  get retryable(): boolean {
    return RETRYABLE_KINDS.includes(this.kind);
  }

  /** The PHI-free shape that travels in `portal-error` events. */
  toInfo(): ErrorInfo {
    return { kind: this.kind, operation: this.operation, status: this.status, retryable: this.retryable };
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError' && 'kind' in error);
}

/** The server refused a write because the resource changed or was taken (409/412): shown to the person, never retried. */
export function isConflict(error: unknown): boolean {
  return isApiError(error) && error.kind === 'conflict';
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException ? error.name === 'AbortError' : (error as Error | undefined)?.name === 'AbortError';
}

/** Maps an HTTP status to the kind a person can act on. */
export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'invalid-response';
}

/**
 * A write that failed this way may have happened: the answer was lost (network), the server broke off (5xx) or
 * answered something unreadable. The person is told so, and trying again is safe only with the same key.
 */
export function outcomeUnknown(error: unknown): boolean {
  return isApiError(error) && (error.kind === 'network' || error.kind === 'server' || error.kind === 'invalid-response');
}
