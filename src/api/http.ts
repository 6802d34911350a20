import type { TokenSource } from './portal-api.js';
import { ApiError, isAbortError, isApiError, kindForStatus } from './errors.js';

export interface HttpOptions {
  /** FHIR base, e.g. `https://fhir.example.org/r4`. The bearer token is sent only to URLs under it. */
  baseUrl: string;
  auth?: TokenSource;
  fetch?: typeof fetch;
  /** Retries for reads on network errors, 5xx and 429 (writes are never retried blindly). */
  maxReadRetries?: number;
  /** First backoff step; doubles each retry, with jitter. */
  backoffMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails as `rate-limited`. */
  maxRetryAfterMs?: number;
  /** Injected in tests so backoff does not slow them down. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Parses response text; the FHIR adapter passes a decimal-preserving parser (which may first load its fallback). */
  parse?: (text: string) => unknown;
}

export interface HttpResponse {
  status: number;
  body: unknown;
  etag?: string;
  location?: string;
}

export interface RequestInit2 {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * One request with its answer checked, for every reader of HTTP in the adapters: an ok response comes back as
 * it is; a failed status becomes an `ApiError` of its kind with the server's `Retry-After` (the body is
 * discarded unread: server text can carry PHI); a request that got no answer is `network`; an abort rejects
 * with the signal's reason.
 */
export async function checkedFetch(
  fetchImpl: (url: string, init: RequestInit) => Promise<Response>,
  url: URL,
  init: RequestInit & { signal: AbortSignal },
  operation: string,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url.href, init);
  } catch (error) {
    if (init.signal.aborted) throw init.signal.reason;
    if (isAbortError(error)) throw error;
    throw new ApiError('network', { operation });
  }
  if (response.ok) return response;
  await response.body?.cancel().catch(() => undefined);
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  throw new ApiError(kindForStatus(response.status), {
    operation,
    status: response.status,
    retryAfter: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
  });
}

/**
 * Fetch wrapper shared by the FHIR adapter: pins the token to the base URL, retries reads with backoff,
 * maps failures to `ApiError`, and never lets the browser cache patient data.
 */
export class HttpClient {
  readonly base: URL;
  private readonly options: Required<Omit<HttpOptions, 'auth' | 'fetch'>> & Pick<HttpOptions, 'auth'>;
  private readonly fetchImpl: typeof fetch;

  constructor(options: HttpOptions) {
    const base = new URL(options.baseUrl);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    base.search = '';
    base.hash = '';
    this.base = base;
    // Bound so a host-provided `window.fetch` is not called with the client as `this` (Illegal invocation).
    this.fetchImpl = (options.fetch ?? globalThis.fetch).bind(globalThis);
    this.options = {
      baseUrl: base.href,
      auth: options.auth,
      maxReadRetries: options.maxReadRetries ?? 3,
      backoffMs: options.backoffMs ?? 300,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      sleep: options.sleep ?? abortableSleep,
      parse: options.parse ?? JSON.parse,
    };
  }

  /** Resolves a path (`Slot?status=free`) against the base; absolute URLs pass through unchanged. */
  resolve(pathOrUrl: string): URL {
    return new URL(pathOrUrl, this.base);
  }

  /** True when `url` is the base itself or below it: same origin and the path starts with the base path. */
  isUnderBase(url: URL | string): boolean {
    let target: URL;
    try {
      target = typeof url === 'string' ? new URL(url) : url;
    } catch {
      return false;
    }
    return target.origin === this.base.origin && (target.pathname + '/').startsWith(this.base.pathname);
  }

  async request(pathOrUrl: string, init: RequestInit2, operation: string, signal: AbortSignal): Promise<HttpResponse> {
    const method = init.method ?? 'GET';
    const url = this.resolve(pathOrUrl);
    const retries = method === 'GET' ? this.options.maxReadRetries : 0;
    const headers: Record<string, string> = { Accept: 'application/fhir+json', ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/fhir+json';
    const requestInit = {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
      cache: 'no-store',
      credentials: 'same-origin',
    } satisfies RequestInit;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await checkedFetch(this.sendWithToken, url, requestInit, operation);
      } catch (error) {
        const wait = attempt < retries && isApiError(error) ? this.retryDelay(error, attempt) : undefined;
        if (wait === undefined) throw error;
        await this.options.sleep(wait, signal);
        continue;
      }
      return this.read(response, operation);
    }
  }

  /** How long to wait before reading again after `error`, or undefined when another try would not help. */
  private retryDelay(error: ApiError, attempt: number): number | undefined {
    if (error.status === undefined) return error.kind === 'network' ? this.backoff(attempt) : undefined;
    if (!RETRY_STATUSES.has(error.status)) return undefined;
    if (error.retryAfter === undefined) return this.backoff(attempt);
    const retryAfterMs = error.retryAfter * 1000;
    return retryAfterMs <= this.options.maxRetryAfterMs ? retryAfterMs : undefined;
  }

  private backoff(attempt: number): number {
    const step = this.options.backoffMs * 2 ** attempt;
    return step / 2 + Math.random() * (step / 2);
  }

  /** The token goes to the configured FHIR base and nowhere else, whatever URL a server hands us. */
  private readonly sendWithToken = async (href: string, init: RequestInit): Promise<Response> => {
    const token = this.options.auth && this.isUnderBase(href) ? await this.options.auth.getAccessToken() : undefined;
    if (!token) return this.fetchImpl(href, init);
    return this.fetchImpl(href, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
      // A redirect could lead a request that carries the token out from under the base: refuse it then.
      redirect: 'error',
    });
  };

  private async read(response: Response, operation: string): Promise<HttpResponse> {
    const text = await response.text();
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = await this.options.parse(text);
      } catch {
        throw new ApiError('invalid-response', { operation, status: response.status });
      }
    }
    return {
      status: response.status,
      body,
      etag: response.headers.get('ETag') ?? undefined,
      location: response.headers.get('Location') ?? response.headers.get('Content-Location') ?? undefined,
    };
  }
}
