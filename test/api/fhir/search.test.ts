import { expect } from '@open-wc/testing';
import { bookingModeFrom } from '../../../src/api/fhir/capabilities.js';
import { FhirClient } from '../../../src/api/fhir/client.js';
import { CLIENT_REQUEST_SYSTEM } from '../../../src/api/fhir/constants.js';
import { parseFhirJson } from '../../../src/api/fhir/json-fallback.js';
import { HttpClient } from '../../../src/api/http.js';
import { searchAll } from '../../../src/api/fhir/search.js';
import { fakeFetch, fhirJson, instantSleep, searchset } from '../../support/fake-fetch.js';

const BASE = 'https://fhir.example.org/r4';
const auth = { getAccessToken: async () => 'tok', patientId: 'p1' };
const slot = (id: string) => ({ resourceType: 'Slot', id });
const signal = () => new AbortController().signal;

describe('searchAll (paging)', () => {
  it('follows next links under the base and collects every page', async () => {
    const fetch = fakeFetch((call) => {
      const page = Number(new URL(call.url).searchParams.get('page') ?? '1');
      return fhirJson(searchset([slot(`s${page}`)], page < 3 ? `${BASE}/Slot?page=${page + 1}` : undefined));
    });
    const http = new HttpClient({ baseUrl: BASE, auth, fetch, sleep: instantSleep });
    const outcome = await searchAll(http, 'Slot?page=1', { operation: 'op' }, signal());
    expect(outcome.matches.map((s) => (s as { id: string }).id)).to.deep.equal(['s1', 's2', 's3']);
    expect(outcome.truncated).to.equal(false);
    expect(fetch.calls.every((call) => call.headers.Authorization === 'Bearer tok')).to.equal(true);
  });

  it('refuses a next link outside the base: no request, so the token cannot leak', async () => {
    const fetch = fakeFetch(() => fhirJson(searchset([slot('s1')], 'https://evil.example/r4/Slot?page=2')));
    const http = new HttpClient({ baseUrl: BASE, auth, fetch });
    const outcome = await searchAll(http, 'Slot', { operation: 'op' }, signal());
    expect(fetch.calls.map((c) => c.url)).to.deep.equal([`${BASE}/Slot`]);
    expect(outcome.truncated).to.equal(true);
  });

  it('stops on a loop (a next link already visited)', async () => {
    const fetch = fakeFetch(() => fhirJson(searchset([slot('s1')], `${BASE}/Slot?page=1`)));
    const http = new HttpClient({ baseUrl: BASE, fetch });
    const outcome = await searchAll(http, 'Slot?page=1', { operation: 'op' }, signal());
    expect(fetch.calls).to.have.length(1);
    expect(outcome.truncated).to.equal(true);
  });

  it('caps the number of pages', async () => {
    let n = 0;
    const fetch = fakeFetch(() => fhirJson(searchset([slot(`s${n}`)], `${BASE}/Slot?page=${++n}`)));
    const http = new HttpClient({ baseUrl: BASE, fetch });
    const outcome = await searchAll(http, 'Slot', { operation: 'op', maxPages: 4 }, signal());
    expect(fetch.calls).to.have.length(4);
    expect(outcome.matches).to.have.length(4);
    expect(outcome.truncated).to.equal(true);
  });

  it('separates includes and skips OperationOutcome warnings', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: slot('a'), search: { mode: 'match' } },
        { resource: { resourceType: 'Schedule', id: 'sch' }, search: { mode: 'include' } },
        { resource: { resourceType: 'OperationOutcome', issue: [] }, search: { mode: 'outcome' } },
        { notAResource: true },
      ],
    };
    const http = new HttpClient({ baseUrl: BASE, fetch: fakeFetch(() => fhirJson(bundle)) });
    const outcome = await searchAll(http, 'Slot', { operation: 'op' }, signal());
    expect(outcome.matches).to.have.length(1);
    expect(outcome.included).to.have.length(1);
  });

  it('rejects a body that is not a Bundle', async () => {
    const http = new HttpClient({ baseUrl: BASE, fetch: fakeFetch(() => fhirJson({ resourceType: 'Patient' })) });
    const error = await searchAll(http, 'Slot', { operation: 'op' }, signal()).catch((e) => e);
    expect(error.kind).to.equal('invalid-response');
  });
});

describe('parseFhirJson', () => {
  it('keeps the lexical text of decimals', () => {
    const parsed = parseFhirJson('{"valueQuantity":{"value":2.00,"unit":"mg"},"low":{"value":1E-22},"count":3,"valueDecimal":10.50}') as {
      valueQuantity: { value: string };
      low: { value: string };
      count: number;
      valueDecimal: string;
    };
    expect(parsed.valueQuantity.value).to.equal('2.00');
    expect(parsed.low.value).to.equal('1E-22');
    expect(parsed.valueDecimal).to.equal('10.50');
    expect(parsed.count).to.equal(3);
  });

  it('finds decimals however the text spaces or escapes the key, and leaves other numbers alone', () => {
    const spaced = parseFhirJson('{ "value" :\n -0.50 }') as { value: string };
    expect(spaced.value).to.equal('-0.50');
    // `\u0075` is "u": the key is still `value`, so the number must still keep its text.
    const escaped = parseFhirJson('{"val\\u0075e":2.00}') as { value: string };
    expect(escaped.value).to.equal('2.00');
    // A Slot with only integer extensions: the same objects a plain JSON.parse gives.
    const slot = '{"resourceType":"Slot","extension":[{"url":"x","valueInteger":5}],"start":"2026-01-05T09:00:00Z"}';
    expect(parseFhirJson(slot)).to.deep.equal(JSON.parse(slot));
    expect(parseFhirJson('{"valueString":"2.00","value":"text"}')).to.deep.equal({ valueString: '2.00', value: 'text' });
  });
});

describe('bookingModeFrom', () => {
  it('chooses operations only when both $hold and $book are offered', () => {
    const statement = (ops: string[]) => ({
      resourceType: 'CapabilityStatement',
      rest: [{ resource: [{ type: 'Appointment', operation: ops.map((name) => ({ name, definition: `urn:x:${name}` })) }] }],
    });
    expect(bookingModeFrom(statement(['hold', 'book']))).to.equal('operation');
    expect(bookingModeFrom(statement(['$hold', '$book']))).to.equal('operation');
    expect(bookingModeFrom(statement(['book']))).to.equal('rest');
    expect(bookingModeFrom({ resourceType: 'Patient' })).to.equal('rest');
    expect(bookingModeFrom(null)).to.equal('rest');
  });
});

describe('FhirClient.createOnce', () => {
  const resource = { resourceType: 'Appointment', status: 'booked' };
  const identifierQuery = `identifier=${encodeURIComponent(`${CLIENT_REQUEST_SYSTEM}|key-1`)}`;

  it('sends If-None-Exist with the client identifier', async () => {
    const fetch = fakeFetch(() => fhirJson({ ...resource, id: 'a1' }, { status: 201 }));
    const fhir = new FhirClient({ baseUrl: BASE, auth, fetch });
    const created = await fhir.createOnce('Appointment', resource, 'key-1', 'scheduling.book', signal());
    expect(created.id).to.equal('a1');
    expect(fetch.calls[0].headers['If-None-Exist']).to.equal(identifierQuery);
  });

  it('after an unknown outcome, searches for the key before trying again (and finds the first write)', async () => {
    const fetch = fakeFetch((call) =>
      call.method === 'POST'
        ? Promise.reject(new TypeError('connection reset'))
        : fhirJson(searchset([{ ...resource, id: 'a1', identifier: [{ system: CLIENT_REQUEST_SYSTEM, value: 'key-1' }] }])),
    );
    const fhir = new FhirClient({ baseUrl: BASE, auth, fetch, maxReadRetries: 0 });
    const created = await fhir.createOnce('Appointment', resource, 'key-1', 'scheduling.book', signal());
    expect(created.id).to.equal('a1');
    expect(fetch.calls.map((c) => c.method)).to.deep.equal(['POST', 'GET']);
    expect(fetch.calls[1].url).to.contain(identifierQuery);
  });

  it('tries once more only when the search shows nothing was written', async () => {
    let posts = 0;
    const fetch = fakeFetch((call) => {
      if (call.method === 'POST') return ++posts === 1 ? new Response('', { status: 502 }) : fhirJson({ ...resource, id: 'a2' }, { status: 201 });
      return fhirJson(searchset([]));
    });
    const fhir = new FhirClient({ baseUrl: BASE, auth, fetch, maxReadRetries: 0 });
    const created = await fhir.createOnce('Appointment', resource, 'key-1', 'scheduling.book', signal());
    expect(created.id).to.equal('a2');
    expect(fetch.calls.map((c) => c.method)).to.deep.equal(['POST', 'GET', 'POST']);
  });

  it('never retries a conflict', async () => {
    const fetch = fakeFetch(() => new Response('', { status: 409 }));
    const fhir = new FhirClient({ baseUrl: BASE, auth, fetch });
    const error = await fhir.createOnce('Appointment', resource, 'key-1', 'scheduling.book', signal()).catch((e) => e);
    expect(error.kind).to.equal('conflict');
    expect(fetch.calls).to.have.length(1);
  });

  it('updates with If-Match on the version', async () => {
    const fetch = fakeFetch(() => fhirJson({ resourceType: 'Appointment', id: 'a1', meta: { versionId: '4' } }));
    const fhir = new FhirClient({ baseUrl: BASE, auth, fetch });
    await fhir.update('Appointment', { resourceType: 'Appointment', id: 'a1' }, '3', 'op', signal());
    expect(fetch.calls[0].method).to.equal('PUT');
    expect(fetch.calls[0].headers['If-Match']).to.equal('W/"3"');
  });
});
