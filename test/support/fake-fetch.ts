/** A scripted fetch for DOM-free layer tests: records every call and answers from a handler. */
export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response>;

export function fhirJson(body: unknown, init: ResponseInit = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'Content-Type': 'application/fhir+json', ...(init.headers as Record<string, string> | undefined) },
  });
}

export function fakeFetch(handler: Handler): typeof fetch & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    init.signal?.throwIfAborted();
    const headers = Object.fromEntries(Object.entries((init.headers as Record<string, string>) ?? {}));
    const call: RecordedCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return handler(call);
  }) as typeof fetch & { calls: RecordedCall[] };
  fn.calls = calls;
  return fn;
}

/** A no-wait sleep that still honours aborts, so retry tests run instantly. */
export const instantSleep = async (_ms: number, signal: AbortSignal) => signal.throwIfAborted();

export function searchset(resources: unknown[], next?: string): unknown {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: next ? [{ relation: 'next', url: next }] : [],
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  };
}
