// The SMART Scheduling Links reader (src/api/fhir/scheduling-links/) against the official example publication,
// served by the test server from test/fixtures (see test/fixtures/derived/scheduling-links/README.md), and the
// `bookingDeepLink` helper against the specification's own example.
import { expect, waitUntil } from '@open-wc/testing';
import { createFhirAdapter } from '../../../src/api/fhir/adapter.js';
import { createSchedulingLinks, type SchedulingLinksOptions } from '../../../src/api/fhir/scheduling-links/index.js';
import { isApiError, type ApiError } from '../../../src/api/errors.js';
import { bookingDeepLink, type SlotQuery } from '../../../src/model/index.js';

const DERIVED = `${location.origin}/test/fixtures/derived/scheduling-links/`;
const MANIFEST = `${DERIVED}bulk-publish.json`;
const VARIANTS = `${DERIVED}bulk-publish-variants.json`;
const SHARED = `${location.origin}/test/fixtures/shared/smart-scheduling-links/smart-on-fhir-examples/`;
const MARCH = { from: '2021-03-01T00:00:00Z', to: '2021-04-01T00:00:00Z' };
const W10 = { from: '2021-03-08T00:00:00Z', to: '2021-03-15T00:00:00Z' };
const signal = () => new AbortController().signal;

interface Recorded {
  url: string;
  headers: Headers;
  credentials?: RequestCredentials;
  signal?: AbortSignal | null;
}

/**
 * The real fetch, recording what each request sent; `gate` holds every answer back until it resolves. The test
 * server has no FHIR API, so FHIR searches (`Type?…`) get an empty searchset instead.
 */
function recordingFetch(gate?: Promise<void>): typeof fetch & { calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), headers: new Headers(init.headers), credentials: init.credentials, signal: init.signal });
    if (gate) await gate;
    if (/\/[A-Z][A-Za-z]+\?/.test(String(input))) return json({ resourceType: 'Bundle', type: 'searchset', entry: [] });
    return fetch(input, init);
  }) as typeof fetch & { calls: Recorded[] };
  fn.calls = calls;
  return fn;
}

/** A scripted publisher: `answer` maps each requested URL to a response. */
function scriptedFetch(answer: (url: string) => Response | Promise<Response>): typeof fetch & { calls: string[] } {
  const calls: string[] = [];
  const fn = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    return answer(String(input));
  }) as typeof fetch & { calls: string[] };
  fn.calls = calls;
  return fn;
}

const json = (body: unknown, init: ResponseInit = {}) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200, ...init });

function links(options: Partial<SchedulingLinksOptions> = {}) {
  return createSchedulingLinks({ fetch: recordingFetch(), ...options });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, but it resolved');
}

function expectApiError(error: unknown, kind: ApiError['kind'], operation: string): ApiError {
  expect(isApiError(error), String(error)).to.equal(true);
  expect((error as ApiError).kind, String(error)).to.equal(kind);
  expect((error as ApiError).operation).to.equal(operation);
  return error as ApiError;
}

const ids = (result: { slots: { id: string }[] }) => result.slots.map((slot) => slot.id);

describe('Scheduling Links: catalog', () => {
  it("lists the example publication's ten clinics and the one service its schedules offer (Moderna 207, dose 1)", async () => {
    const catalog = await links().listPublished(MANIFEST, signal());
    expect(catalog.locations).to.include({ dropped: 0, truncated: false });
    expect(catalog.locations.items).to.have.length(10);
    expect(catalog.locations.items.map((l) => l.address?.city)).to.include.members(['Boston', 'Worcester', 'Springfield', 'Pittsfield']);
    expect(catalog.services).to.deep.equal({
      items: [
        {
          id: 'vaccine:207:dose-1',
          name: 'Moderna COVID-19 Vaccine',
          code: { system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '57', display: 'Immunization' },
          vaccine: { cvx: '207', display: 'Moderna COVID-19 Vaccine', doseNumber: 1 },
        },
      ],
      dropped: 0,
      truncated: false,
    });
  });

  it('offers every product and dose the schedules name (Pfizer 208 doses 1 and 2), with the next-dose interval', async () => {
    const catalog = await links().listPublished(VARIANTS, signal());
    expect(catalog.services.items.map((s) => s.id)).to.deep.equal(['vaccine:207:dose-1', 'vaccine:208:dose-1', 'vaccine:208:dose-2']);
    const vaccine = Object.fromEntries(catalog.services.items.map((s) => [s.id, s.vaccine]));
    expect(vaccine['vaccine:208:dose-1']).to.deep.equal({ cvx: '208', display: 'Pfizer-BioNTech COVID-19 Vaccine', doseNumber: 1, nextDoseIntervalDays: 21 });
    expect(vaccine['vaccine:208:dose-2']).not.to.have.property('nextDoseIntervalDays');
  });
});

describe('Scheduling Links: slot search', () => {
  it('finds free slots in [from, to), soonest first, with their booking link, phone, capacity, place and service', async () => {
    const api = links();
    const month = await api.searchPublished(MANIFEST, MARCH, signal());
    expect(month.slots).to.have.length(300);
    expect(month).to.include({ dropped: 0, truncated: false });
    const starts = month.slots.map((slot) => Date.parse(slot.start));
    expect([...starts].sort((a, b) => a - b)).to.deep.equal(starts);
    for (const slot of month.slots) {
      expect(slot.bookingLink, slot.id).to.match(/^https:\/\/ehr-portal\.example\.org\/bookings\?slot=\d+$/);
      expect(slot).to.include({ bookingPhone: '000-000-0000', capacity: 100, status: 'free' });
      expect(month.locations[slot.locationId!]?.name, slot.id).to.match(/^SMART Vaccine Clinic /);
      expect(slot.serviceIds).to.deep.equal(['vaccine:207:dose-1']);
    }
    expect(Object.keys(month.services)).to.deep.equal(['vaccine:207:dose-1']);

    expect((await api.searchPublished(MANIFEST, { from: '2021-03-01T00:00:00Z', to: '2021-03-08T00:00:00Z' }, signal())).slots).to.have.length(70);
    const day = await api.searchPublished(MANIFEST, { from: '2021-03-03T00:00:00Z', to: '2021-03-04T00:00:00Z' }, signal());
    expect(day.slots).to.have.length(10);
    expect(day.slots.every((slot) => slot.start === '2021-03-03T14:00:00.000Z')).to.equal(true);
    // `from` is inclusive and `to` exclusive, to the millisecond, whatever offset the bounds are written with.
    const edges = await api.searchPublished(MANIFEST, { from: '2021-03-01T09:00:00-05:00', to: '2021-03-02T14:00:00.000Z' }, signal());
    expect(edges.slots.map((slot) => slot.start)).to.deep.equal(new Array(10).fill('2021-03-01T14:00:00.000Z'));
  });

  it('filters by vaccine product and dose, by service and by location', async () => {
    const api = links();
    const count = async (source: string, query: Partial<SlotQuery>, range = MARCH) => (await api.searchPublished(source, { ...range, ...query }, signal())).slots.length;
    expect(await count(MANIFEST, { vaccine: { cvx: '207', doseNumber: 1 } })).to.equal(300);
    expect(await count(MANIFEST, { vaccine: { cvx: '207' } })).to.equal(300);
    expect(await count(MANIFEST, { vaccine: { cvx: '207', doseNumber: 2 } })).to.equal(0);
    expect(await count(MANIFEST, { vaccine: { cvx: '208' } })).to.equal(0);
    expect(await count(MANIFEST, { serviceId: 'vaccine:207:dose-1' })).to.equal(300);
    expect(await count(MANIFEST, { serviceId: 'vaccine:208:dose-1' })).to.equal(0);

    const cambridge = await api.searchPublished(MANIFEST, { ...MARCH, locationId: '3' }, signal());
    expect(cambridge.slots).to.have.length(30);
    expect(cambridge.slots.every((slot) => slot.locationId === '3' && slot.scheduleId === '13')).to.equal(true);
    expect(Object.keys(cambridge.locations)).to.deep.equal(['3']);

    const pfizer = (query: SlotQuery['vaccine']) => api.searchPublished(VARIANTS, { ...W10, vaccine: query }, signal());
    expect(ids(await pfizer({ cvx: '208', doseNumber: 1 }))).to.deep.equal(['p1']);
    expect(ids(await pfizer({ cvx: '208', doseNumber: 2 }))).to.deep.equal(['p2']);
    const both = await pfizer({ cvx: '208' });
    expect(ids(both)).to.deep.equal(['p1', 'p2']);
    // p2's schedule also names a HealthcareService the publication does not carry: only ids that resolve are kept.
    expect(both.slots.map((slot) => slot.serviceIds)).to.deep.equal([['vaccine:208:dose-1'], ['vaccine:208:dose-2']]);
    expect(Object.keys(both.services)).to.have.members(['vaccine:208:dose-1', 'vaccine:208:dose-2']);
    expect((await pfizer({ cvx: '207' })).slots).to.have.length(70);
  });

  it('drops a broken line and the spec example\'s "-05" instant, counts both, and keeps the rest of their file', async () => {
    const week = await links().searchPublished(VARIANTS, W10, signal());
    expect(week.dropped).to.equal(2);
    expect(ids(week)).to.include.members(['p1', 'p2']);
    // The spec's slot 789 (2021-03-10T15:00:00-05) falls in this week: it is gone, not moved to a guessed offset.
    expect(ids(week)).not.to.include.members(['789']);
    expect(ids(week).some((id) => id === '789' || id === 'p-broken')).to.equal(false);
    // Busy slots and slots of an inactive schedule are not offered, and are no errors either.
    expect(ids(week).some((id) => id === 'p-busy' || id === 'p-retired')).to.equal(false);
    // The W10 file is listed twice; its 70 slots count once.
    expect(week.slots).to.have.length(72);
  });

  it('skips data:, javascript: and ftp: outputs and file types it does not read, and reads a file listed twice once', async () => {
    const fetch = recordingFetch();
    const week = await links({ fetch }).searchPublished(VARIANTS, W10, signal());
    expect(ids(week)).not.to.include('planted');
    expect(fetch.calls.map((call) => call.url)).to.have.members([
      VARIANTS,
      `${SHARED}locations.ndjson`,
      `${SHARED}schedules.ndjson`,
      `${DERIVED}schedules-pfizer.ndjson`,
      `${SHARED}slots-2021-W10.ndjson`,
      `${DERIVED}slots-variants.ndjson`,
    ]);
  });

  it('answers with copies: changing one search result changes nothing the next search sees', async () => {
    const api = links();
    const first = await api.searchPublished(MANIFEST, W10, signal());
    first.slots[0].serviceIds.length = 0;
    first.slots.length = 0;
    Object.values(first.locations)[0].name = 'changed';
    const again = await api.searchPublished(MANIFEST, W10, signal());
    expect(again.slots).to.have.length(70);
    expect(again.slots[0].serviceIds).to.deep.equal(['vaccine:207:dose-1']);
    expect(Object.values(again.locations).every((l) => l.name !== 'changed')).to.equal(true);
  });

  it('rejects a query it cannot read as invalid-response', async () => {
    const error = await rejection(links().searchPublished(MANIFEST, { from: 'last week', to: W10.to }, signal()));
    expectApiError(error, 'invalid-response', 'scheduling.searchPublished');
  });
});

describe('Scheduling Links: through the FHIR adapter', () => {
  it('sends no Authorization header (and no cookies), even with a token source and the manifest under the FHIR base', async () => {
    const fetch = recordingFetch();
    const api = createFhirAdapter({ baseUrl: DERIVED, auth: { getAccessToken: async () => 'secret-token-1', patientId: 'p1' }, fetch, maxReadRetries: 0 });
    const week = await api.scheduling.searchPublished(MANIFEST, W10, signal());
    expect(week.slots).to.have.length(70);
    const catalog = await api.scheduling.listPublished(VARIANTS, signal());
    expect(catalog.services.items).to.have.length(3);
    const publicationCalls = fetch.calls.length;
    expect(publicationCalls).to.equal(8 + 6);
    for (const call of fetch.calls) {
      expect(call.headers.has('Authorization'), call.url).to.equal(false);
      expect(call.credentials, call.url).to.equal('omit');
    }
    // Control: the same adapter does attach the token to its own FHIR reads under this base, so the recording
    // above would have seen it.
    await api.scheduling.listLocations(signal());
    expect(fetch.calls.slice(publicationCalls).map((call) => call.headers.get('Authorization'))).to.include('Bearer secret-token-1');
  });

  it('reads a relative source as the FHIR server\'s own publication, and a blank one as unreachable', async () => {
    const fetch = recordingFetch();
    const api = createFhirAdapter({ baseUrl: DERIVED, fetch });
    const catalog = await api.scheduling.listPublished('bulk-publish.json', signal());
    expect(catalog.locations.items).to.have.length(10);
    expect(fetch.calls[0].url).to.equal(MANIFEST);
    expectApiError(await rejection(api.scheduling.searchPublished(' ', W10, signal())), 'network', 'scheduling.searchPublished');
    expectApiError(await rejection(api.scheduling.listPublished('ftp://files.example.org/$bulk-publish', signal())), 'network', 'scheduling.listPublished');
  });
});

describe('Scheduling Links: cache and shared reads', () => {
  it('reads once for concurrent callers, then reuses the publication for five minutes', async () => {
    const fetch = recordingFetch();
    let clock = Date.parse('2026-01-05T12:00:00Z');
    const api = links({ fetch, now: () => clock });
    const [catalog, march, april] = await Promise.all([
      api.listPublished(MANIFEST, signal()),
      api.searchPublished(MANIFEST, MARCH, signal()),
      api.searchPublished(MANIFEST, { from: '2021-04-01T00:00:00Z', to: '2021-05-01T00:00:00Z' }, signal()),
    ]);
    expect([catalog.locations.items.length, march.slots.length, april.slots.length]).to.deep.equal([10, 300, 0]);
    expect(fetch.calls).to.have.length(8); // the manifest and its 7 files, once
    await api.searchPublished(MANIFEST, W10, signal());
    clock += 5 * 60_000 - 1;
    await api.listPublished(MANIFEST, signal());
    expect(fetch.calls).to.have.length(8);
    clock += 1;
    await api.searchPublished(MANIFEST, W10, signal());
    expect(fetch.calls).to.have.length(16);
    // Another source is another publication.
    await api.listPublished(VARIANTS, signal());
    expect(fetch.calls).to.have.length(16 + 6);
  });

  it('rejects only the caller that aborted: the others get the publication, and it is cached', async () => {
    let release!: () => void;
    const fetch = recordingFetch(new Promise<void>((resolve) => (release = resolve)));
    const api = links({ fetch });
    const aborting = new AbortController();
    const first = api.searchPublished(MANIFEST, W10, aborting.signal);
    const second = api.listPublished(MANIFEST, signal());
    await waitUntil(() => fetch.calls.length === 1, 'the request never started', { interval: 5 });
    aborting.abort();
    expect(await rejection(first)).to.equal(aborting.signal.reason);
    release();
    expect((await second).locations.items).to.have.length(10);
    expect(fetch.calls[0].signal?.aborted).to.equal(false);
    const calls = fetch.calls.length;
    expect((await api.searchPublished(MANIFEST, W10, signal())).slots).to.have.length(70);
    expect(fetch.calls).to.have.length(calls);
  });

  it('stops the read when its only caller aborts, and the next call reads afresh', async () => {
    let release!: () => void;
    const fetch = recordingFetch(new Promise<void>((resolve) => (release = resolve)));
    const api = links({ fetch });
    const aborting = new AbortController();
    const reason = new DOMException('Element disconnected', 'AbortError');
    const call = api.listPublished(MANIFEST, aborting.signal);
    await waitUntil(() => fetch.calls.length === 1, 'the request never started', { interval: 5 });
    aborting.abort(reason);
    expect(await rejection(call)).to.equal(reason);
    expect(fetch.calls[0].signal?.aborted, 'the manifest request was aborted').to.equal(true);
    release();
    const catalog = await api.listPublished(MANIFEST, signal());
    expect(catalog.locations.items).to.have.length(10);
    expect(fetch.calls[1].url).to.equal(MANIFEST);
  });

  it('rejects an already aborted call without a request', async () => {
    const fetch = recordingFetch();
    const controller = new AbortController();
    controller.abort();
    expect(await rejection(links({ fetch }).searchPublished(MANIFEST, W10, controller.signal))).to.equal(controller.signal.reason);
    expect(fetch.calls).to.have.length(0);
  });
});

describe('Scheduling Links: failures', () => {
  const manifest = (output: unknown[]) => json({ transactionTime: '2021-01-01T00:00:00Z', request: 'https://publisher.example.org/$bulk-publish', output, error: [] });
  const SOURCE = 'https://publisher.example.org/$bulk-publish';

  it('reports an unreachable publisher as network, and does not cache the failure', async () => {
    let up = false;
    const fetch = scriptedFetch(() => {
      if (!up) throw new TypeError('Failed to fetch');
      return manifest([]);
    });
    const api = links({ fetch });
    expectApiError(await rejection(api.listPublished(SOURCE, signal())), 'network', 'scheduling.listPublished');
    up = true;
    expect((await api.listPublished(SOURCE, signal())).locations.items).to.deep.equal([]);
    expect(fetch.calls).to.have.length(2);
  });

  it('maps HTTP statuses like the FHIR client does, with Retry-After, for the manifest and for its files', async () => {
    const busy = links({ fetch: scriptedFetch(() => new Response('busy', { status: 503, headers: { 'Retry-After': '30' } })) });
    const error = expectApiError(await rejection(busy.searchPublished(SOURCE, W10, signal())), 'server', 'scheduling.searchPublished');
    expect(error).to.include({ status: 503, retryAfter: 30 });
    const missingFile = links({
      fetch: scriptedFetch((url) => (url === SOURCE ? manifest([{ type: 'Slot', url: 'slots.ndjson' }]) : new Response('', { status: 404 }))),
    });
    expect(expectApiError(await rejection(missingFile.listPublished(SOURCE, signal())), 'not-found', 'scheduling.listPublished').status).to.equal(404);
  });

  it('rejects a manifest that is not JSON, or has no output list, as invalid-response', async () => {
    for (const body of ['<html>Not here</html>', '{}', '{"output":"slots.ndjson"}', '[]']) {
      const api = links({ fetch: scriptedFetch(() => json(body)) });
      expectApiError(await rejection(api.listPublished(SOURCE, signal())), 'invalid-response', 'scheduling.listPublished');
    }
  });

  it('fails past 100 files or the line cap, before reading what it would not keep', async () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'Slot', url: `slots-${i}.ndjson` }));
    const hundred = scriptedFetch((url) => (url === SOURCE ? manifest(files(100)) : new Response('')));
    expect((await links({ fetch: hundred }).searchPublished(SOURCE, W10, signal())).slots).to.deep.equal([]);
    expect(hundred.calls).to.have.length(101);
    const tooMany = scriptedFetch((url) => (url === SOURCE ? manifest(files(101)) : new Response('')));
    expectApiError(await rejection(links({ fetch: tooMany }).searchPublished(SOURCE, W10, signal())), 'invalid-response', 'scheduling.searchPublished');
    expect(tooMany.calls).to.deep.equal([SOURCE]);

    // The example publication has 320 lines.
    expect((await links({ maxLines: 320 }).listPublished(MANIFEST, signal())).locations.items).to.have.length(10);
    expectApiError(await rejection(links({ maxLines: 319 }).listPublished(MANIFEST, signal())), 'invalid-response', 'scheduling.listPublished');
    expectApiError(await rejection(links({ maxChars: 100_000 }).listPublished(MANIFEST, signal())), 'invalid-response', 'scheduling.listPublished');
  });
});

describe('bookingDeepLink', () => {
  it("adds source and booking-referral as the specification's example does", () => {
    expect(
      bookingDeepLink('https://ehr-portal.example.org/bookings?slot=opaque-slot-handle-89172489', {
        source: 'source-abc',
        bookingReferral: '34d1a803-cd6c-4420-9cf5-c5edcc533538',
      }),
    ).to.equal('https://ehr-portal.example.org/bookings?slot=opaque-slot-handle-89172489&source=source-abc&booking-referral=34d1a803-cd6c-4420-9cf5-c5edcc533538');
  });

  it('starts a query where there is none, and keeps the fragment after it', () => {
    expect(bookingDeepLink('https://portal.example.org/book', { source: 'riverside' })).to.equal('https://portal.example.org/book?source=riverside');
    expect(bookingDeepLink('http://127.0.0.1:5173/demo/?slot=slot-1#vaccines', { source: 'riverside', bookingReferral: 'r1' })).to.equal(
      'http://127.0.0.1:5173/demo/?slot=slot-1&source=riverside&booking-referral=r1#vaccines',
    );
    expect(bookingDeepLink('https://portal.example.org/book#top', { source: 'riverside' })).to.equal('https://portal.example.org/book?source=riverside#top');
  });

  it("keeps the publisher's query as written, and replaces a source or booking-referral it already had", () => {
    expect(bookingDeepLink('https://portal.example.org/b?slot=a%20b+c&flag&x=%7E', { source: 's' })).to.equal('https://portal.example.org/b?slot=a%20b+c&flag&x=%7E&source=s');
    expect(bookingDeepLink('https://portal.example.org/b?source=old&slot=1&booking%2Dreferral=zz', { source: 'new', bookingReferral: 'r2' })).to.equal(
      'https://portal.example.org/b?slot=1&source=new&booking-referral=r2',
    );
  });

  it('encodes the values, and leaves out blank ones', () => {
    expect(bookingDeepLink('https://portal.example.org/b?slot=1', { source: 'Riverside & Co/portal', bookingReferral: 'a#b=c' })).to.equal(
      'https://portal.example.org/b?slot=1&source=Riverside+%26+Co%2Fportal&booking-referral=a%23b%3Dc',
    );
    expect(bookingDeepLink('https://portal.example.org/b?slot=1', { source: ' ', bookingReferral: '' })).to.equal('https://portal.example.org/b?slot=1');
  });

  it('gives undefined for anything but an absolute http(s) link', () => {
    for (const link of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example.org/x', '/book?slot=1', 'book?slot=1', '', 'not a url']) {
      expect(bookingDeepLink(link, { source: 's' }), link).to.equal(undefined);
    }
  });
});
