/**
 * Pieces shared by the stories' stand-ins for FHIR servers: answers made in the browser so a story can run the
 * real FHIR adapter without a server. They check almost nothing; each stand-in answers only what its story asks.
 */
export type Resource = { resourceType: string; id: string; [field: string]: unknown };

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/fhir+json' } });

export const outcome = (status: number, code: string, text: string) =>
  json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] }, status);

/** A search's answer on `base`: the matches, then what `_include` brought along. */
export function searchset(base: string, matches: Resource[], included: Resource[] = []) {
  const entry = (resource: Resource, mode: 'match' | 'include') => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode } });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    entry: [...matches.map((r) => entry(r, 'match')), ...included.map((r) => entry(r, 'include'))],
  };
}

/** What a request to the stand-in on `base` asks: its method, its path below the base, and its parsed JSON body. */
export function requestOf(base: string, input: RequestInfo | URL, init: RequestInit = {}) {
  init.signal?.throwIfAborted();
  const url = new URL(input instanceof Request ? input.url : String(input));
  const path = url.pathname.replace(new URL(base).pathname, '').replace(/^\//, '');
  const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
  return { method: (init.method ?? 'GET').toUpperCase(), path, url, body };
}
