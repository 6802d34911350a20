// The demo FHIR server's guarantees a hospital evaluator relies on: one booking per slot however many arrive at
// once, the same booking for a retried request, and writes that survive a restart and a crash mid-write.
import { expect, waitUntil } from '@open-wc/testing';
import { appointment, call, createdTenants, createTenant, holdParameters, slot, type Json } from '../support/fhir-http.js';
import { restartTenant } from '../support/fhir-tenant.js';

const CONFLICT = [409, 412];

describe('demo FHIR store', () => {
  before(async function () {
    this.timeout(30_000); // the first FHIR request of a run indexes the R4 definitions
    await createTenant();
  });

  afterEach(async () => {
    for (const tenant of createdTenants.splice(0)) {
      await fetch(`/fhir-test/${tenant.tenant}`, { method: 'DELETE' });
    }
  });

  it('lets exactly one of 20 concurrent $book calls take a slot; the other 19 get a conflict', async () => {
    const { baseUrl } = await createTenant({ resources: [slot('hot', '2030-05-01T13:00:00Z')], options: { bookingMode: 'operation' } });
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('POST', `${baseUrl}/Appointment/$book`, holdParameters(appointment('hot', `race-${i}`, 'proposed'))),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200), statuses.join()).to.have.length(1);
    expect(statuses.filter((s) => CONFLICT.includes(s)), statuses.join()).to.have.length(19);
    expect(replies.filter((r) => r.status !== 200).every((r) => r.json.resourceType === 'OperationOutcome')).to.equal(true);
    expect((await call('GET', `${baseUrl}/Slot/hot`)).json.status).to.equal('busy');
    expect((await call('GET', `${baseUrl}/Appointment?slot=Slot/hot`)).json.total).to.equal(1);
  });

  it('answers a retried $book with the same identifier with the same appointment, not a second one', async () => {
    const { baseUrl } = await createTenant({ resources: [slot('s1', '2030-05-02T13:00:00Z')], options: { bookingMode: 'operation' } });
    const first = await call('POST', `${baseUrl}/Appointment/$book`, holdParameters(appointment('s1', 'retry-1', 'proposed')));
    const again = await call('POST', `${baseUrl}/Appointment/$book`, holdParameters(appointment('s1', 'retry-1', 'proposed')));
    expect(first.status).to.equal(200);
    expect(again.status).to.equal(200);
    expect(again.json.entry[0].resource.id).to.equal(first.json.entry[0].resource.id);
    expect((await call('GET', `${baseUrl}/Appointment`)).json.total).to.equal(1);
  });

  it('keeps bookings, messages and reported vaccines, with their versions, across a restart', async () => {
    const tenant = await createTenant({ resources: [slot('s1', '2030-05-03T13:00:00Z'), slot('s2', '2030-05-03T14:00:00Z')], options: { persist: true } });
    const { baseUrl } = tenant;
    const booked = await call('POST', `${baseUrl}/Appointment`, appointment('s1', 'keep-1'), { 'If-None-Exist': 'identifier=urn:portal-kit:test|keep-1' });
    const message = await call('POST', `${baseUrl}/Communication`, {
      resourceType: 'Communication',
      status: 'completed',
      subject: { reference: 'Patient/example' },
      payload: [{ contentString: 'Necesito cambiar mi cita, ¿es posible?' }],
    });
    const reported = await call('POST', `${baseUrl}/Immunization`, {
      resourceType: 'Immunization',
      status: 'completed',
      primarySource: false,
      patient: { reference: 'Patient/example' },
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140' }] },
      occurrenceDateTime: '2026-10-02',
    });
    expect([booked.status, message.status, reported.status]).to.deep.equal([201, 201, 201]);

    expect((await restartTenant(tenant)).tornBytes).to.equal(0);

    const appointmentAfter = await call('GET', `${baseUrl}/Appointment/${booked.json.id}`);
    expect(appointmentAfter.status).to.equal(200);
    expect(appointmentAfter.headers.get('ETag')).to.equal(booked.headers.get('ETag'));
    expect((await call('GET', `${baseUrl}/Slot/s1`)).json.status).to.equal('busy');
    expect((await call('GET', `${baseUrl}/Communication/${message.json.id}`)).json.payload[0].contentString).to.equal(
      'Necesito cambiar mi cita, ¿es posible?',
    );
    expect((await call('GET', `${baseUrl}/Immunization/${reported.json.id}`)).json.primarySource).to.equal(false);
    // The conditional create still finds the booking, so a retry after the restart books nothing new.
    const replay = await call('POST', `${baseUrl}/Appointment`, appointment('s1', 'keep-1'), { 'If-None-Exist': 'identifier=urn:portal-kit:test|keep-1' });
    expect(replay.status).to.equal(200);
    expect(replay.json.id).to.equal(booked.json.id);

    // The pre-restart version still guards updates: the cancel goes through once, then is stale.
    const cancel = { ...appointmentAfter.json, status: 'cancelled' };
    const ifMatch = { 'If-Match': booked.headers.get('ETag')! };
    expect((await call('PUT', `${baseUrl}/Appointment/${booked.json.id}`, cancel, ifMatch)).status).to.equal(200);
    expect((await call('PUT', `${baseUrl}/Appointment/${booked.json.id}`, cancel, ifMatch)).status).to.equal(412);
    await restartTenant(tenant);
    expect((await call('GET', `${baseUrl}/Slot/s1`)).json.status).to.equal('free');
    expect((await call('GET', `${baseUrl}/Appointment/${booked.json.id}`)).json.status).to.equal('cancelled');
  });

  it('loads after a crash halfway through a write, without that write and with everything before it', async () => {
    const tenant = await createTenant({ resources: [slot('s1', '2030-05-04T13:00:00Z'), slot('s2', '2030-05-04T14:00:00Z')], options: { persist: true } });
    const { baseUrl } = tenant;
    const before = await call('POST', `${baseUrl}/Appointment`, appointment('s1', 'before-crash'));
    expect(before.status).to.equal(201);

    const { tornBytes } = await restartTenant(tenant, { tornWrite: true });
    expect(tornBytes).to.be.greaterThan(0);
    expect((await call('GET', `${baseUrl}/Appointment/torn-write`)).status).to.equal(404);
    expect((await call('GET', `${baseUrl}/Appointment/${before.json.id}`)).json.status).to.equal('booked');

    // The journal was cut back to whole writes: the next write lands on a clean line and survives too.
    const after = await call('POST', `${baseUrl}/Appointment`, appointment('s2', 'after-crash'));
    expect(after.status).to.equal(201);
    expect((await restartTenant(tenant)).tornBytes).to.equal(0);
    expect((await call('GET', `${baseUrl}/Appointment/${after.json.id}`)).json.status).to.equal('booked');
    expect((await call('GET', `${baseUrl}/Slot/s2`)).json.status).to.equal('busy');
  });

  it('still ends a hold on time after a restart', async () => {
    const tenant = await createTenant({
      resources: [slot('held', '2030-05-05T13:00:00Z')],
      options: { persist: true, bookingMode: 'operation', holdMinutes: 0.01 }, // 600 ms
    });
    const hold = await call('POST', `${tenant.baseUrl}/Appointment/$hold`, holdParameters(appointment('held', 'h-1', 'proposed')));
    expect(hold.status).to.equal(200);
    await restartTenant(tenant);
    expect((await call('GET', `${tenant.baseUrl}/Slot/held`)).json.status).to.equal('busy-tentative');
    await waitUntil(async () => (await call('GET', `${tenant.baseUrl}/Slot/held`)).json.status === 'free', 'the hold never ended');
    expect((await call('GET', `${tenant.baseUrl}/Slot/held`)).json.status).to.equal('free');
  });

  it('adds slot days when the demo starts again days later, so the next 60 days stay bookable', async function () {
    this.timeout(20_000);
    const tenant = await createTenant({ options: { demoSeed: '2026-03-01' } }); // slots through Apr 29
    const slotsOn = async (day: string) =>
      (await call('GET', `${tenant.baseUrl}/Slot?start=ge${day}T00:00:00Z&start=lt${day}T23:59:59Z&_count=0`)).json.total;
    expect(await slotsOn('2026-04-28')).to.be.greaterThan(0);
    expect(await slotsOn('2026-05-05')).to.equal(0);
    await restartTenant(tenant, { today: '2026-03-11' }); // now through May 9
    expect(await slotsOn('2026-05-05')).to.be.greaterThan(0);
    expect(await slotsOn('2026-05-12')).to.equal(0);
    // Seeded days keep their state: the same day's count is unchanged by the top-up.
    const before = await slotsOn('2026-04-28');
    await restartTenant(tenant, { today: '2026-03-11' });
    expect(await slotsOn('2026-04-28')).to.equal(before);
  });

  it('publishes the public vaccination slots as a SMART Scheduling Links manifest with booking links', async () => {
    const schedule: Json = {
      resourceType: 'Schedule',
      id: 'flu',
      actor: [{ reference: 'Location/clinic' }],
      extension: [
        {
          url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/vaccine-product',
          valueCoding: { system: 'http://hl7.org/fhir/sid/cvx', code: '140' },
        },
      ],
    };
    const clinic: Json = {
      resourceType: 'Location',
      id: 'clinic',
      name: 'Clinic',
      telecom: [{ system: 'phone', value: '555-0100' }],
      address: { state: 'NY' },
    };
    const { baseUrl } = await createTenant({
      resources: [
        schedule,
        clinic,
        { resourceType: 'Schedule', id: 'private', actor: [{ reference: 'Location/clinic' }] },
        slot('pub-1', '2030-06-01T13:00:00Z', 'free', 'Schedule/flu'),
        slot('pub-2', '2030-06-01T13:30:00Z', 'busy', 'Schedule/flu'),
        slot('past', '2020-06-01T13:30:00Z', 'free', 'Schedule/flu'),
        slot('staff-only', '2030-06-01T13:00:00Z', 'free', 'Schedule/private'),
      ],
    });
    const manifest = await call('GET', `${baseUrl}/$bulk-publish`);
    expect(manifest.status).to.equal(200);
    expect(manifest.json.request).to.equal(`${baseUrl}/$bulk-publish`);
    expect(manifest.json.output.map((o: Json) => o.type)).to.deep.equal(['Location', 'Schedule', 'Slot']);
    expect(manifest.json.output[2].extension.state).to.deep.equal(['NY']);

    const file = async (type: string) => {
      const response = await fetch(manifest.json.output.find((o: Json) => o.type === type).url);
      expect(response.headers.get('Content-Type')).to.contain('application/fhir+ndjson');
      return (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Json);
    };
    expect((await file('Schedule')).map((s) => s.id)).to.deep.equal(['flu']);
    expect((await file('Location')).map((l) => l.id)).to.deep.equal(['clinic']);
    const slots = await file('Slot');
    expect(slots.map((s) => `${s.id}:${s.status}`)).to.deep.equal(['pub-1:free', 'pub-2:busy']);
    const link = new URL(slots[0].extension.find((e: Json) => e.url.endsWith('/booking-deep-link')).valueUrl);
    expect(link.origin).to.equal(location.origin);
    expect(link.searchParams.get('slot')).to.equal('pub-1');
    expect(slots[0].extension.find((e: Json) => e.url.endsWith('/booking-phone')).valueString).to.equal('555-0100');
    expect((await call('GET', `${baseUrl}/$bulk-publish/Patient.ndjson`)).status).to.equal(404);
  });
});
