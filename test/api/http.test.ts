import { expect, waitUntil } from '@open-wc/testing';
import { ApiError } from '../../src/api/errors.js';
import { checkedFetch, HttpClient, parseRetryAfter } from '../../src/api/http.js';
import { fakeFetch, fhirJson, instantSleep } from '../support/fake-fetch.js';

const BASE = 'https://fhir.example.org/r4';
const auth = { getAccessToken: async () => 'secret-token', patientId: 'p1' };
const signal = () => new AbortController().signal;

describe('HttpClient', () => {
  it('sends the token to URLs under the base only', async () => {
    const fetch = fakeFetch(() => fhirJson({}));
    const http = new HttpClient({ baseUrl: BASE, auth, fetch, sleep: instantSleep });
    await http.request('Patient/p1', {}, 'op', signal());
    await http.request('https://fhir.example.org/r4/Slot?x=1', {}, 'op', signal());
    await http.request('https://fhir.example.org/r4-evil/Patient', {}, 'op', signal());
    await http.request('https://fhir.example.org/other/Patient', {}, 'op', signal());
    await http.request('https://attacker.example/r4/Patient', {}, 'op', signal());
    await http.request('http://fhir.example.org/r4/Patient', {}, 'op', signal());
    const withToken = fetch.calls.map((call) => [call.url, call.headers.Authorization ?? null]);
    expect(withToken).to.deep.equal([
      ['https://fhir.example.org/r4/Patient/p1', 'Bearer secret-token'],
      ['https://fhir.example.org/r4/Slot?x=1', 'Bearer secret-token'],
      ['https://fhir.example.org/r4-evil/Patient', null],
      ['https://fhir.example.org/other/Patient', null],
      ['https://attacker.example/r4/Patient', null],
      ['http://fhir.example.org/r4/Patient', null],
    ]);
  });

  it('never lets the browser cache responses', async () => {
    let cache: RequestCache | undefined;
    const http = new HttpClient({
      baseUrl: BASE,
      fetch: (async (_url: string, init: RequestInit) => {
        cache = init.cache;
        return fhirJson({});
      }) as typeof fetch,
    });
    await http.request('metadata', {}, 'op', signal());
    expect(cache).to.equal('no-store');
  });

  it('retries reads on 503 honouring Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    let attempts = 0;
    const fetch = fakeFetch(() =>
      ++attempts < 3 ? new Response('', { status: 503, headers: { 'Retry-After': '2' } }) : fhirJson({ resourceType: 'Patient', id: 'p1' }),
    );
    const http = new HttpClient({ baseUrl: BASE, fetch, sleep: async (ms) => void waits.push(ms) });
    const response = await http.request('Patient/p1', {}, 'patient.current', signal());
    expect(response.body).to.deep.equal({ resourceType: 'Patient', id: 'p1' });
    expect(waits).to.deep.equal([2000, 2000]);
  });

  it('gives up after the retry budget with a typed, PHI-free error', async () => {
    const fetch = fakeFetch(() => new Response('Patient Jane Doe DOB 1970-01-01 not available', { status: 500 }));
    const http = new HttpClient({ baseUrl: BASE, fetch, sleep: instantSleep, maxReadRetries: 2 });
    const error = await http.request('Patient/p1', {}, 'patient.current', signal()).catch((e) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect(error.kind).to.equal('server');
    expect(error.status).to.equal(500);
    expect(fetch.calls).to.have.length(3);
    expect(error.message).not.to.contain('Jane');
    expect(String(error.cause ?? '')).not.to.contain('Jane');
  });

  it('does not wait for a Retry-After beyond its limit: fails as rate-limited with the hint', async () => {
    const fetch = fakeFetch(() => new Response('', { status: 429, headers: { 'Retry-After': '120' } }));
    const http = new HttpClient({ baseUrl: BASE, fetch, sleep: instantSleep });
    const error = await http.request('Slot', {}, 'scheduling.searchSlots', signal()).catch((e) => e);
    expect(error.kind).to.equal('rate-limited');
    expect(error.retryAfter).to.equal(120);
    expect(fetch.calls).to.have.length(1);
  });

  it('never retries a write', async () => {
    const fetch = fakeFetch(() => new Response('', { status: 503 }));
    const http = new HttpClient({ baseUrl: BASE, fetch, sleep: instantSleep });
    const error = await http.request('Appointment', { method: 'POST', body: {} }, 'scheduling.book', signal()).catch((e) => e);
    expect(error.kind).to.equal('server');
    expect(fetch.calls).to.have.length(1);
  });

  it('retries a dropped connection on reads, and reports network after the budget', async () => {
    const fetch = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const http = new HttpClient({ baseUrl: BASE, fetch, sleep: instantSleep, maxReadRetries: 1 });
    const error = await http.request('Slot', {}, 'scheduling.searchSlots', signal()).catch((e) => e);
    expect(error.kind).to.equal('network');
    expect(fetch.calls).to.have.length(2);
  });

  it('maps statuses to kinds', async () => {
    const kinds: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 412: 'conflict', 400: 'invalid-response' };
    for (const [status, kind] of Object.entries(kinds)) {
      const http = new HttpClient({ baseUrl: BASE, fetch: fakeFetch(() => new Response('', { status: Number(status) })) });
      const error = await http.request('x', { method: 'POST', body: {} }, 'op', signal()).catch((e) => e);
      expect(error.kind, `status ${status}`).to.equal(kind);
    }
  });

  it('rejects unparseable bodies as invalid-response', async () => {
    const http = new HttpClient({ baseUrl: BASE, fetch: fakeFetch(() => new Response('<html>proxy error</html>')) });
    const error = await http.request('Patient/p1', {}, 'op', signal()).catch((e) => e);
    expect(error.kind).to.equal('invalid-response');
  });

  it('waits for a parser that answers later (the FHIR decimal fallback loads first where an engine needs it)', async () => {
    const parse = async (text: string) => (await new Promise((resolve) => setTimeout(resolve, 5)), { parsed: JSON.parse(text) });
    const http = new HttpClient({ baseUrl: BASE, fetch: fakeFetch(() => fhirJson({ value: 1 })), parse });
    expect((await http.request('Patient/p1', {}, 'op', signal())).body).to.deep.equal({ parsed: { value: 1 } });
    const failing = new HttpClient({ baseUrl: BASE, fetch: fakeFetch(() => fhirJson({})), parse: async () => Promise.reject(new SyntaxError('bad')) });
    expect((await failing.request('Patient/p1', {}, 'op', signal()).catch((e) => e)).kind).to.equal('invalid-response');
  });

  it('stops at once when aborted, even mid-backoff', async () => {
    const controller = new AbortController();
    let released = false;
    const busy = () => new Response(new ReadableStream({ cancel: () => void (released = true) }), { status: 503, headers: { 'Retry-After': '5' } });
    const fetch = fakeFetch(busy);
    const http = new HttpClient({ baseUrl: BASE, fetch });
    const pending = http.request('Slot', {}, 'op', controller.signal).catch((e) => e);
    // The 503 was read and its body let go: the client is now waiting out the five seconds of Retry-After.
    await waitUntil(() => released, 'the 503 was never read');
    controller.abort();
    const error = await pending;
    expect(error.name).to.equal('AbortError');
    expect(fetch.calls).to.have.length(1);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).to.equal(3000);
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).to.be.within(8000, 10_000);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter(null)).to.equal(undefined);
  });
});

describe('checkedFetch', () => {
  const url = new URL('https://publisher.example.org/$bulk-publish');

  it('hands an ok response back unread, with the init it was given', async () => {
    const fetch = fakeFetch(() => new Response('{"output":[]}'));
    const response = await checkedFetch(fetch, url, { headers: { Accept: 'application/json' }, signal: signal() }, 'op');
    expect(await response.text()).to.equal('{"output":[]}');
    expect(fetch.calls.map((call) => [call.url, call.headers.Accept])).to.deep.equal([[url.href, 'application/json']]);
  });

  it('turns a failed status into its kind with Retry-After in seconds, and no answer into network', async () => {
    const busy = await checkedFetch(fakeFetch(() => new Response('Jane Doe', { status: 503, headers: { 'Retry-After': '7' } })), url, { signal: signal() }, 'op').catch((e) => e);
    expect(busy).to.be.instanceOf(ApiError);
    expect(busy).to.include({ kind: 'server', status: 503, retryAfter: 7, operation: 'op' });
    expect(busy.message).not.to.contain('Jane');
    const gone = await checkedFetch(fakeFetch(() => new Response('', { status: 410 })), url, { signal: signal() }, 'op').catch((e) => e);
    expect(gone).to.include({ kind: 'not-found', status: 410, retryAfter: undefined });
    const down = await checkedFetch(fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))), url, { signal: signal() }, 'op').catch((e) => e);
    expect(down).to.include({ kind: 'network', status: undefined });
  });

  it("rejects with the signal's reason when aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await checkedFetch(fakeFetch(() => new Response('')), url, { signal: controller.signal }, 'op').catch((e) => e);
    expect(error).to.equal(controller.signal.reason);
  });
});
