import { ApiError, isApiError } from '../errors.js';
import { untilItSucceeds } from '../lazy.js';
import { HttpClient, type HttpOptions, type HttpResponse } from '../http.js';
import type { TokenSource } from '../portal-api.js';
import { parseFhirResponse } from './json.js';
import { searchAll, type SearchOutcome } from './search.js';
import { clientRequestIdOf, clientRequestSearch, isRecord } from './map/common.js';

const ID_CHUNK = 50;

/** The FHIR-aware layer over `HttpClient` that every feature module of the adapter shares. */
export class FhirClient {
  readonly http: HttpClient;
  /** The plain fetch, for public reads that must never carry the token (SMART Scheduling Links publications). */
  readonly publicFetch: typeof fetch;
  private readonly auth?: TokenSource;
  private readonly capabilityStatement = untilItSucceeds((signal: AbortSignal) =>
    this.http.request('metadata', { method: 'GET' }, 'capabilities', signal).then((response) => response.body),
  );

  constructor(options: HttpOptions) {
    this.http = new HttpClient({ parse: parseFhirResponse, ...options });
    // Bound so a host-provided `window.fetch` is not called with the client as `this` (Illegal invocation).
    this.publicFetch = (options.fetch ?? globalThis.fetch).bind(globalThis);
    this.auth = options.auth;
  }

  /** The patient in context (from the token response). Without one, patient data cannot be asked for. */
  patientId(operation: string): string {
    const id = this.auth?.patientId;
    if (!id) throw new ApiError('unauthorized', { operation });
    return id;
  }

  /** Read once per adapter; a failed read is not cached, so the next call tries again. */
  capabilities(signal: AbortSignal): Promise<unknown> {
    return this.capabilityStatement(signal);
  }

  search(path: string, operation: string, signal: AbortSignal, maxPages?: number): Promise<SearchOutcome> {
    return searchAll(this.http, path, { operation, maxPages }, signal);
  }

  async read(type: string, id: string, operation: string, signal: AbortSignal): Promise<HttpResponse & { body: Record<string, unknown> }> {
    const response = await this.http.request(`${type}/${encodeURIComponent(id)}`, { method: 'GET' }, operation, signal);
    if (!isRecord(response.body) || response.body.resourceType !== type) {
      throw new ApiError('invalid-response', { operation });
    }
    return response as HttpResponse & { body: Record<string, unknown> };
  }

  /**
   * Fetches resources by id with `_id=a,b,c` searches (works on servers without batch support), plus what
   * `include` (an `_include` value) pulls in alongside them.
   */
  async readMany(type: string, ids: Iterable<string>, operation: string, signal: AbortSignal, include?: string): Promise<unknown[]> {
    const unique = [...new Set(ids)];
    const found: unknown[] = [];
    const includeParam = include ? `&_include=${encodeURIComponent(include)}` : '';
    for (let i = 0; i < unique.length; i += ID_CHUNK) {
      const chunk = unique.slice(i, i + ID_CHUNK).map(encodeURIComponent).join(',');
      const { matches, included } = await this.search(`${type}?_id=${chunk}&_count=${ID_CHUNK}${includeParam}`, operation, signal, 2);
      found.push(...matches, ...included);
    }
    return found;
  }

  /**
   * Creates at most once per `clientRequestId`: the resource carries the key as an identifier and the POST
   * sends `If-None-Exist`, so a replay returns the first result. When the outcome of the POST is unknown
   * (network drop, 5xx) it searches for the key before trying once more, never blindly.
   */
  async createOnce(
    type: string,
    resource: Record<string, unknown>,
    clientRequestId: string,
    operation: string,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const post = () =>
      this.http.request(type, { method: 'POST', body: resource, headers: { 'If-None-Exist': clientRequestSearch(type, clientRequestId) } }, operation, signal);
    let response: HttpResponse;
    try {
      response = await post();
    } catch (error) {
      if (!isApiError(error) || (error.kind !== 'network' && error.kind !== 'server')) throw error;
      const earlier = await this.findByClientRequestId(type, clientRequestId, operation, signal);
      if (earlier) return earlier;
      response = await post();
    }
    return this.resourceFrom(response, type, operation, signal);
  }

  /**
   * The resource an earlier write with this idempotency key created, if any. Only a match that carries the key
   * counts: a server that ignores the identifier parameter answers with everything, and someone else's resource
   * is not this write.
   */
  async findByClientRequestId(type: string, clientRequestId: string, operation: string, signal: AbortSignal) {
    const { matches } = await this.search(`${type}?${clientRequestSearch(type, clientRequestId)}`, operation, signal, 1);
    return matches.find((match): match is Record<string, unknown> => isRecord(match) && clientRequestIdOf(match) === clientRequestId);
  }

  /** Updates with `If-Match`, so a change made elsewhere meanwhile is a conflict, not an overwrite. */
  async update(
    type: string,
    resource: Record<string, unknown>,
    version: string | undefined,
    operation: string,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = version ? { 'If-Match': `W/"${version}"` } : {};
    const response = await this.http.request(
      `${type}/${encodeURIComponent(String(resource.id))}`,
      { method: 'PUT', body: resource, headers },
      operation,
      signal,
    );
    return this.resourceFrom(response, type, operation, signal);
  }

  /** Runs a FHIR operation (`Appointment/$book`) with a Parameters body. */
  async operation(path: string, parameters: unknown, operation: string, signal: AbortSignal): Promise<unknown> {
    const response = await this.http.request(path, { method: 'POST', body: parameters }, operation, signal);
    return response.body;
  }

  /** The resource a write returned, or a read of its `Location` when the server answered with no body. */
  async resourceFrom(response: HttpResponse, type: string, operation: string, signal: AbortSignal) {
    if (isRecord(response.body) && response.body.resourceType === type) return response.body;
    const match = response.location?.match(new RegExp(`${type}/([^/]+)`));
    if (match) return (await this.read(type, decodeURIComponent(match[1]), operation, signal)).body;
    throw new ApiError('invalid-response', { operation, status: response.status });
  }
}

/** Parses a weak or strong ETag (`W/"3"`) into the version id. */
export function versionFromEtag(etag: string | undefined): string | undefined {
  return etag?.match(/^(?:W\/)?"([^"]*)"$/)?.[1];
}
