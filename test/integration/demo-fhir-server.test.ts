// Integration tests of the demo FHIR server (demo/server), as tenants of the test server
// (test/support/fhir-test-server.mjs): the adapter's integration tests rely on its paging, conditional create,
// If-Match, atomic booking and fault injection.
import { expect, waitUntil } from '@open-wc/testing';
import { appointment, call, createdTenants, createTenant, holdParameters, slot, type Json, type Reply } from '../support/fhir-http.js';

const SCHEDULING = 'test/fixtures/shared/fhir-r4/r4-spec-examples/scheduling';
const LINKS = 'test/fixtures/shared/smart-scheduling-links/smart-on-fhir-examples';
const FHIR_JSON = 'application/fhir+json';

const ids = (bundle: Json): string[] => (bundle.entry ?? []).map((e: Json) => `${e.resource.resourceType}/${e.resource.id}`);

describe('demo FHIR server', () => {
  before(async function () {
    // The first FHIR request of a wtr run loads medplum and indexes the R4 definitions (about a second).
    this.timeout(30_000);
    await createTenant();
  });

  afterEach(async () => {
    for (const tenant of createdTenants.splice(0)) {
      await fetch(`/fhir-test/${tenant.tenant}`, { method: 'DELETE' });
    }
  });

  it('creates a tenant on the same origin from fixtures and skips non-resources', async () => {
    const tenant = await createTenant({ fixtures: [`${SCHEDULING}/Slot-1.json`, `${LINKS}/locations.ndjson`, `${LINKS}/bulk-publish.json`] });
    expect(tenant.baseUrl).to.equal(`${location.origin}/fhir/${tenant.tenant}`);
    expect(tenant.loaded).to.equal(11); // 1 Slot + 10 Locations
    expect(tenant.skipped).to.have.length(1);
    const read = await call('GET', `${tenant.baseUrl}/Location/0`);
    expect(read.status).to.equal(200);
    expect(read.headers.get('Content-Type')).to.contain(FHIR_JSON);
    expect(read.json.name).to.equal('SMART Vaccine Clinic Boston');
  });

  it('answers metadata honestly and keeps $hold/$book out of REST mode', async () => {
    const { baseUrl } = await createTenant();
    const { status, json } = await call('GET', `${baseUrl}/metadata`);
    expect(status).to.equal(200);
    expect(json.resourceType).to.equal('CapabilityStatement');
    expect(json.fhirVersion).to.equal('4.0.1');
    const resources: Json[] = json.rest[0].resource;
    const slotCapability = resources.find((r) => r.type === 'Slot')!;
    expect(slotCapability.searchParam.map((p: Json) => p.name)).to.include.members(['start', 'status', 'schedule', '_id']);
    expect(resources.find((r) => r.type === 'Appointment')!.operation).to.equal(undefined);
    expect((await call('POST', `${baseUrl}/Appointment/$hold`, holdParameters(appointment('x', 'x')))).status).to.equal(404);
  });

  it('reads with ETag and answers unknown ids and types with an OperationOutcome 404', async () => {
    const { baseUrl } = await createTenant({ fixtures: [`${SCHEDULING}/Slot-1.json`] });
    const read = await call('GET', `${baseUrl}/Slot/1`);
    expect(read.json.identifier[0].value).to.equal('123132');
    expect(read.headers.get('ETag')).to.equal(`W/"${read.json.meta.versionId}"`);
    for (const url of [`${baseUrl}/Slot/missing`, `${baseUrl}/NotAType`]) {
      const missing = await call('GET', url);
      expect(missing.status, url).to.equal(404);
      expect(missing.json.resourceType).to.equal('OperationOutcome');
    }
    const bad = await call('GET', `${baseUrl}/Slot?not-a-param=1`);
    expect(bad.status).to.equal(400);
    expect(bad.json.issue[0].details.text).to.contain('not-a-param');
  });

  it('pages a Slot search in 3 pages with absolute next links on the tenant', async () => {
    const slots = Array.from({ length: 7 }, (_, i) => slot(`p${i}`, `2030-01-0${7 - i}T09:00:00+02:00`));
    const { baseUrl } = await createTenant({ resources: slots });
    let url: string | undefined = `${baseUrl}/Slot?schedule=Schedule/portal&_sort=start&_count=3`;
    const pages: string[][] = [];
    while (url) {
      expect(url.startsWith(`${baseUrl}/Slot?`), url).to.equal(true);
      const { json }: Reply = await call('GET', url);
      expect(json.type).to.equal('searchset');
      expect(json.total).to.equal(7);
      pages.push(ids(json));
      url = json.link.find((l: Json) => l.relation === 'next')?.url;
    }
    expect(pages).to.deep.equal([
      ['Slot/p6', 'Slot/p5', 'Slot/p4'],
      ['Slot/p3', 'Slot/p2', 'Slot/p1'],
      ['Slot/p0'],
    ]);
  });

  it('filters by date prefixes, token, _id lists and identifier, and sorts instants across offsets', async () => {
    const { baseUrl } = await createTenant({
      fixtures: [`${SCHEDULING}/Slot-1.json`],
      resources: [
        slot('a', '2030-02-01T09:00:00+05:00'), // 04:00Z: earlier than b, although "09" > "06"
        slot('b', '2030-02-01T06:00:00Z', 'busy'),
        slot('c', '2030-02-03T06:00:00Z'),
      ],
    });
    const search = async (query: string) => ids((await call('GET', `${baseUrl}/Slot?${query}`)).json);
    expect(await search('start=ge2030-02-01&start=lt2030-02-02&_sort=start')).to.deep.equal(['Slot/a', 'Slot/b']);
    expect(await search('status=free&schedule=Schedule/portal&_sort=-start')).to.deep.equal(['Slot/c', 'Slot/a']);
    expect(await search('_id=c,1&_sort=_id')).to.deep.equal(['Slot/1', 'Slot/c']);
    expect(await search(`identifier=${encodeURIComponent('http://example.org/identifiers/slots|123132')}`)).to.deep.equal(['Slot/1']);
  });

  it('survives a fixture whose instants are invalid ("-05" offset): it matches no date filter and sorts last', async () => {
    const { baseUrl } = await createTenant({
      fixtures: ['test/fixtures/shared/smart-scheduling-links/hl7-ig-inline/slot.json'],
      resources: [slot('valid', '2021-03-10T20:00:00Z')],
    });
    const dated = await call('GET', `${baseUrl}/Slot?start=ge2021-03-01`);
    expect(dated.status).to.equal(200);
    expect(ids(dated.json)).to.deep.equal(['Slot/valid']);
    expect(ids((await call('GET', `${baseUrl}/Slot?_sort=start`)).json)).to.deep.equal(['Slot/valid', 'Slot/789']);
  });

  it('adds _include targets and skips references to resources that do not exist', async () => {
    const { baseUrl } = await createTenant({
      fixtures: [`${SCHEDULING}/Slot-example.json`, `${SCHEDULING}/Schedule-example.json`, `${SCHEDULING}/Schedule-exampleloc1.json`, `${SCHEDULING}/Location-1.json`],
    });
    const slots = (await call('GET', `${baseUrl}/Slot?_id=example&_include=Slot:schedule`)).json;
    expect(slots.entry.map((e: Json) => `${e.search.mode}:${e.resource.resourceType}/${e.resource.id}`)).to.deep.equal([
      'match:Slot/example',
      'include:Schedule/example',
    ]);
    // exampleloc1's actors (Practitioner/1, Location/3) exist nowhere in the official examples.
    const dangling = await call('GET', `${baseUrl}/Schedule?_include=Schedule:actor&_sort=_id`);
    expect(dangling.status).to.equal(200);
    expect(ids(dangling.json)).to.deep.equal(['Schedule/example', 'Schedule/exampleloc1', 'Location/1']);
  });

  it('creates with 201, Location and ETag, dedupes If-None-Exist and refuses a stale If-Match with 412', async () => {
    const { baseUrl } = await createTenant();
    const message = { resourceType: 'Communication', status: 'completed', identifier: [{ system: 'urn:msg', value: 'm-1' }] };
    const ifNoneExist = { 'If-None-Exist': 'identifier=urn:msg|m-1' };
    const first = await call('POST', `${baseUrl}/Communication`, message, ifNoneExist);
    expect(first.status).to.equal(201);
    expect(first.headers.get('Location')).to.equal(`${baseUrl}/Communication/${first.json.id}/_history/${first.json.meta.versionId}`);
    expect(first.headers.get('ETag')).to.equal(`W/"${first.json.meta.versionId}"`);
    const replay = await call('POST', `${baseUrl}/Communication`, message, ifNoneExist);
    expect(replay.status).to.equal(200);
    expect(replay.json.id).to.equal(first.json.id);
    expect((await call('GET', `${baseUrl}/Communication?identifier=urn:msg|m-1`)).json.total).to.equal(1);

    const etag = first.headers.get('ETag')!;
    const updated = await call('PUT', `${baseUrl}/Communication/${first.json.id}`, { ...first.json, status: 'stopped' }, { 'If-Match': etag });
    expect(updated.status).to.equal(200);
    const stale = await call('PUT', `${baseUrl}/Communication/${first.json.id}`, { ...first.json, status: 'unknown' }, { 'If-Match': etag });
    expect(stale.status).to.equal(412);
    expect(stale.json.resourceType).to.equal('OperationOutcome');
    expect((await call('GET', `${baseUrl}/Communication/${first.json.id}`)).json.status).to.equal('stopped');
  });

  it('books one free slot exactly once under 20 concurrent POSTs', async () => {
    const { baseUrl } = await createTenant({ resources: [slot('hot', '2030-03-01T09:00:00Z')] });
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call('POST', `${baseUrl}/Appointment`, appointment('hot', `race-${i}`))),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201), statuses.join()).to.have.length(1);
    expect(statuses.filter((s) => s === 409), statuses.join()).to.have.length(19);
    expect(replies.find((r) => r.status === 409)!.json.resourceType).to.equal('OperationOutcome');
    expect((await call('GET', `${baseUrl}/Slot/hot`)).json.status).to.equal('busy');
    expect((await call('GET', `${baseUrl}/Appointment?slot=Slot/hot`)).json.total).to.equal(1);
  });

  it('replays a conditional-create booking as 200 and frees the slot on cancel', async () => {
    const { baseUrl } = await createTenant({ resources: [slot('s1', '2030-03-01T09:00:00Z')] });
    const headers = { 'If-None-Exist': 'identifier=urn:portal-kit:test|book-1' };
    const booked = await call('POST', `${baseUrl}/Appointment`, appointment('s1', 'book-1'), headers);
    expect(booked.status).to.equal(201);
    const replay = await call('POST', `${baseUrl}/Appointment`, appointment('s1', 'book-1'), headers);
    expect(replay.status).to.equal(200);
    expect(replay.json.id).to.equal(booked.json.id);

    const cancel = await call('PUT', `${baseUrl}/Appointment/${booked.json.id}`, { ...booked.json, status: 'cancelled' }, {
      'If-Match': booked.headers.get('ETag')!,
    });
    expect(cancel.status).to.equal(200);
    expect((await call('GET', `${baseUrl}/Slot/s1`)).json.status).to.equal('free');
    expect((await call('POST', `${baseUrl}/Appointment`, appointment('s1', 'book-2'))).status).to.equal(201);
  });

  it('holds and books through $hold/$book in operation mode', async () => {
    const { baseUrl } = await createTenant({
      resources: [slot('op', '2030-04-01T09:00:00Z')],
      options: { bookingMode: 'operation' },
    });
    const metadata = (await call('GET', `${baseUrl}/metadata`)).json;
    const operations = metadata.rest[0].resource.find((r: Json) => r.type === 'Appointment').operation;
    expect(operations.map((o: Json) => o.name)).to.deep.equal(['hold', 'book']);

    const hold = await call('POST', `${baseUrl}/Appointment/$hold`, holdParameters(appointment('op', 'h-1', 'proposed')));
    expect(hold.status).to.equal(200);
    expect(hold.json.type).to.equal('collection');
    const held = hold.json.entry[0].resource;
    expect(held.status).to.equal('pending');
    const expires = held.extension.find((e: Json) => e.url === 'urn:portal-kit:hold-expires').valueInstant;
    expect(new Date(expires).getTime() - Date.now()).to.be.within(4 * 60_000, 5 * 60_000);
    expect((await call('GET', `${baseUrl}/Slot/op`)).json.status).to.equal('busy-tentative');
    const rival = await call('POST', `${baseUrl}/Appointment/$hold`, holdParameters(appointment('op', 'h-2', 'proposed')));
    expect(rival.status).to.equal(409);

    const book = await call('POST', `${baseUrl}/Appointment/$book`, holdParameters({ ...held, status: 'booked' }));
    expect(book.status).to.equal(200);
    expect(book.json.entry[0].resource).to.include({ id: held.id, status: 'booked' });
    expect((await call('GET', `${baseUrl}/Slot/op`)).json.status).to.equal('busy');
  });

  it('frees the slot of a hold that expired', async () => {
    const { baseUrl } = await createTenant({
      resources: [slot('brief', '2030-04-02T09:00:00Z')],
      options: { bookingMode: 'operation', holdMinutes: 0.005 }, // 300 ms
    });
    const hold = await call('POST', `${baseUrl}/Appointment/$hold`, holdParameters(appointment('brief', 'h-3', 'proposed')));
    expect(hold.status).to.equal(200);
    await waitUntil(async () => (await call('GET', `${baseUrl}/Slot/brief`)).json.status === 'free', 'the hold never expired');
    expect((await call('GET', `${baseUrl}/Slot/brief`)).json.status).to.equal('free');
    expect((await call('GET', `${baseUrl}/Appointment/${hold.json.entry[0].resource.id}`)).json.status).to.equal('cancelled');
  });

  it('injects a 503 with Retry-After into the next matching request only', async () => {
    const { tenant, baseUrl } = await createTenant({ resources: [slot('f', '2030-05-01T09:00:00Z')] });
    const fault = await call('POST', `/fhir-test/${tenant}/faults`, { status: 503, count: 1, retryAfter: 2, match: 'GET', pathIncludes: '/Slot' });
    expect(fault.status).to.equal(204);
    expect((await call('GET', `${baseUrl}/metadata`)).status).to.equal(200); // path does not match
    const failed = await call('GET', `${baseUrl}/Slot/f`);
    expect(failed.status).to.equal(503);
    expect(failed.headers.get('Retry-After')).to.equal('2');
    expect(failed.json.resourceType).to.equal('OperationOutcome');
    expect((await call('GET', `${baseUrl}/Slot/f`)).status).to.equal(200);
  });

  it('logs each request with its Authorization, If-None-Exist and If-Match headers', async () => {
    const { tenant, baseUrl } = await createTenant();
    await call('GET', `${baseUrl}/Patient?_count=1`, undefined, { Authorization: 'Bearer token-a' });
    const message = { resourceType: 'Communication', status: 'completed', identifier: [{ system: 'urn:msg', value: 'log' }] };
    const made = await call('POST', `${baseUrl}/Communication`, message, { 'If-None-Exist': 'identifier=urn:msg|log' });
    await call('PUT', `${baseUrl}/Communication/${made.json.id}`, made.json, { 'If-Match': made.headers.get('ETag')! });
    const log = (await call('GET', `/fhir-test/${tenant}/requests`)).json as unknown as Json[];
    expect(log.map((r) => [r.method, r.url, r.status])).to.deep.equal([
      ['GET', `/fhir/${tenant}/Patient?_count=1`, 200],
      ['POST', `/fhir/${tenant}/Communication`, 201],
      ['PUT', `/fhir/${tenant}/Communication/${made.json.id}`, 200],
    ]);
    expect(log[0]).to.include({ authorization: 'Bearer token-a', ifNoneExist: null, ifMatch: null });
    expect(log[1]).to.include({ authorization: null, ifNoneExist: 'identifier=urn:msg|log' });
    expect(log[2].ifMatch).to.equal(made.headers.get('ETag'));
  });

  it('keeps tenants apart and forgets a deleted one', async () => {
    const a = await createTenant({ resources: [slot('shared-id', '2030-06-01T09:00:00Z')] });
    const b = await createTenant({ resources: [slot('shared-id', '2030-06-01T09:00:00Z')] });
    expect((await call('POST', `${a.baseUrl}/Appointment`, appointment('shared-id', 'iso'))).status).to.equal(201);
    expect((await call('GET', `${a.baseUrl}/Slot/shared-id`)).json.status).to.equal('busy');
    expect((await call('GET', `${b.baseUrl}/Slot/shared-id`)).json.status).to.equal('free');
    expect((await fetch(`/fhir-test/${b.tenant}`, { method: 'DELETE' })).status).to.equal(204);
    expect((await call('GET', `${b.baseUrl}/Slot/shared-id`)).status).to.equal(404);
  });
});
