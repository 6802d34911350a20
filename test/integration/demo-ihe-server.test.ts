// The demo FHIR server's IHE mode and its server without conditional create, below the adapter: what `$find`,
// `$hold` and `$book` take and answer (the IHE profile's parameter names), that a time is held and booked at most
// once under concurrent requests, and that a server without conditional create says so and creates again.
import { expect } from '@open-wc/testing';
import { call, createdTenants, createTenant, slot, type Json } from '../support/fhir-http.js';
import { deleteTenant } from '../support/fhir-tenant.js';

const IHE = 'https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-';
const DAY = '2031-03-04';
const world = (): Json[] => [
  { resourceType: 'Location', id: 'north', name: 'North Clinic' },
  { resourceType: 'Location', id: 'south', name: 'South Clinic' },
  { resourceType: 'Practitioner', id: 'dr-a', name: [{ family: 'A' }] },
  {
    resourceType: 'Schedule',
    id: 'north-a',
    active: true,
    serviceType: [{ coding: [{ system: 'urn:visit', code: 'flu', display: 'Flu vaccination' }] }],
    actor: [{ reference: 'Location/north' }, { reference: 'Practitioner/dr-a' }],
  },
  { resourceType: 'Schedule', id: 'south', active: true, serviceType: [{ coding: [{ system: 'urn:visit', code: 'checkup' }] }], actor: [{ reference: 'Location/south' }] },
  slot('n1', `${DAY}T14:00:00Z`, 'free', 'Schedule/north-a'),
  slot('n2', `${DAY}T15:00:00Z`, 'free', 'Schedule/north-a'),
  slot('n3', `${DAY}T16:00:00Z`, 'busy', 'Schedule/north-a'),
  slot('s1', `${DAY}T14:00:00Z`, 'free', 'Schedule/south'),
  slot('late', '2031-03-09T14:00:00Z', 'free', 'Schedule/south'),
];
const find = (...extra: Json[]): Json => ({
  resourceType: 'Parameters',
  parameter: [{ name: 'start', valueDateTime: `${DAY}T00:00:00Z` }, { name: 'end', valueDateTime: `${DAY}T23:59:59Z` }, ...extra],
});
const matches = (bundle: Json) => (bundle.entry ?? []).filter((e: Json) => e.search?.mode === 'match').map((e: Json) => e.resource);
const patient = (id: string) => ({ actor: { reference: `Patient/${id}` }, required: 'required', status: 'accepted' });

describe('demo FHIR server: IHE mode and no conditional create', function () {
  this.timeout(30_000);
  after(async () => Promise.all(createdTenants.splice(0).map(deleteTenant)));

  it('names the IHE operations by their canonicals in IHE mode, and keeps portal-kit’s out', async () => {
    const ihe = await createTenant({ options: { bookingMode: 'ihe' } });
    const { json } = await call('GET', `${ihe.baseUrl}/metadata`);
    const appointment = json.rest[0].resource.find((r: Json) => r.type === 'Appointment');
    expect(appointment.operation).to.deep.equal(['find', 'hold', 'book'].map((name) => ({ name, definition: `${IHE}${name}` })));
    expect((await call('POST', `${ihe.baseUrl}/Appointment/$hold`, { resourceType: 'Parameters', parameter: [] })).status).to.equal(400);
    const own = await createTenant({ options: { bookingMode: 'ihe', iheDefinitions: 'own' } });
    const named = (await call('GET', `${own.baseUrl}/metadata`)).json.rest[0].resource.find((r: Json) => r.type === 'Appointment').operation;
    const definition = await call('GET', named[0].definition);
    expect(definition.json).to.deep.include({ resourceType: 'OperationDefinition', code: 'find', base: `${IHE}find`, url: named[0].definition });
  });

  it('$find proposes the free times in the window at the asked place, with the asked clinician and visit type', async () => {
    const tenant = await createTenant({ resources: world(), options: { bookingMode: 'ihe' } });
    const url = `${tenant.baseUrl}/Appointment/$find`;
    const all = await call('POST', url, find());
    expect(all.status).to.equal(200);
    expect(all.json).to.deep.include({ resourceType: 'Bundle', type: 'searchset', total: 3 });
    const proposals = matches(all.json);
    expect(proposals.map((a: Json) => a.id)).to.deep.equal(['proposed-n1', 'proposed-s1', 'proposed-n2']);
    expect(proposals[0]).to.deep.include({ status: 'proposed', start: `${DAY}T14:00:00Z`, slot: [{ reference: 'Slot/n1' }] });
    expect(proposals[0].participant.map((p: Json) => p.actor.reference)).to.deep.equal(['Location/north', 'Practitioner/dr-a']);
    // The places and clinicians come along, so a client need not read them one by one.
    const included = all.json.entry.filter((e: Json) => e.search.mode === 'include').map((e: Json) => `${e.resource.resourceType}/${e.resource.id}`);
    expect(included).to.have.members(['Location/north', 'Practitioner/dr-a', 'Location/south']);

    const ids = async (...extra: Json[]) => matches((await call('POST', url, find(...extra))).json).map((a: Json) => a.id);
    expect(await ids({ name: 'location-reference', valueReference: { reference: 'Location/south' } })).to.deep.equal(['proposed-s1']);
    expect(await ids({ name: 'practitioner', valueReference: { reference: 'Practitioner/dr-a' } })).to.deep.equal(['proposed-n1', 'proposed-n2']);
    expect(await ids({ name: 'visit-type', valueString: 'urn:visit|checkup' })).to.deep.equal(['proposed-s1']);
    expect(await ids({ name: '_count', valueInteger: 1 })).to.deep.equal(['proposed-n1']);
    const get = await call('GET', `${url}?start=${DAY}T00:00:00Z&end=${DAY}T23:59:59Z&location-reference=Location/north`);
    expect(matches(get.json).map((a: Json) => a.id)).to.deep.equal(['proposed-n1', 'proposed-n2']);
    expect((await call('POST', url, { resourceType: 'Parameters', parameter: [{ name: 'start', valueDateTime: `${DAY}T00:00:00Z` }] })).status).to.equal(400);
  });

  it('$hold takes the time from every other request until $book books it; a held time is not proposed', async () => {
    const tenant = await createTenant({ resources: world(), options: { bookingMode: 'ihe' } });
    const reference = { name: 'appointment-reference', valueReference: { reference: 'Appointment/proposed-n1' } };
    const held = await call('POST', `${tenant.baseUrl}/Appointment/$hold`, { resourceType: 'Parameters', parameter: [reference] });
    expect(held.status).to.equal(200);
    const hold = matches(held.json)[0];
    expect(hold.status).to.equal('pending');
    expect(matches((await call('POST', `${tenant.baseUrl}/Appointment/$find`, find())).json).map((a: Json) => a.id)).not.to.include('proposed-n1');
    expect((await call('POST', `${tenant.baseUrl}/Appointment/$hold`, { resourceType: 'Parameters', parameter: [reference] })).status).to.equal(409);
    const someoneElse = { resourceType: 'Appointment', id: 'proposed-n1', status: 'pending', slot: [{ reference: 'Slot/n1' }], participant: [patient('other')] };
    expect((await call('POST', `${tenant.baseUrl}/Appointment/$book`, { resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: someoneElse }] })).status).to.equal(409);
    const mine = { ...hold, participant: [patient('me'), ...hold.participant] };
    const booked = await call('POST', `${tenant.baseUrl}/Appointment/$book`, {
      resourceType: 'Parameters',
      parameter: [{ name: 'appointment-resource', resource: mine }, { name: 'comment', valueString: 'First visit' }],
    });
    expect(booked.status).to.equal(200);
    expect(matches(booked.json)[0]).to.deep.include({ id: hold.id, status: 'booked', comment: 'First visit' });
    expect((await call('GET', `${tenant.baseUrl}/Slot/n1`)).json.status).to.equal('busy');
    // Booked, it is nobody's to book again, however it is asked for.
    expect((await call('POST', `${tenant.baseUrl}/Appointment/$book`, { resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: mine }] })).status).to.equal(409);
  });

  it('$book books one proposed time exactly once under 10 concurrent requests', async () => {
    const tenant = await createTenant({ resources: world(), options: { bookingMode: 'ihe' } });
    const proposal = matches((await call('POST', `${tenant.baseUrl}/Appointment/$find`, find())).json)[0];
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('POST', `${tenant.baseUrl}/Appointment/$book`, {
          resourceType: 'Parameters',
          parameter: [{ name: 'appointment-resource', resource: { ...proposal, status: 'pending', participant: [patient(`p${i}`), ...proposal.participant] } }],
        }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).to.deep.equal([200, ...Array(9).fill(409)]);
    const stored = await call('GET', `${tenant.baseUrl}/Appointment?slot=Slot/${proposal.slot[0].reference.split('/')[1]}`);
    expect(stored.json.entry.map((e: Json) => e.resource.status)).to.deep.equal(['booked']);
  });

  it('without conditional create, says so and creates again when If-None-Exist is sent', async () => {
    const tenant = await createTenant({ resources: world(), options: { conditionalCreate: false } });
    const appointment = (await call('GET', `${tenant.baseUrl}/metadata`)).json.rest[0].resource.find((r: Json) => r.type === 'Appointment');
    expect(appointment.conditionalCreate).to.equal(false);
    const note = { resourceType: 'Communication', status: 'completed', identifier: [{ system: 'urn:k', value: 'k1' }] };
    const first = await call('POST', `${tenant.baseUrl}/Communication`, note, { 'If-None-Exist': 'identifier=urn:k|k1' });
    const again = await call('POST', `${tenant.baseUrl}/Communication`, note, { 'If-None-Exist': 'identifier=urn:k|k1' });
    expect([first.status, again.status]).to.deep.equal([201, 201]);
    expect(again.json.id).not.to.equal(first.json.id);
    const withCreate = await createTenant({ resources: world() });
    const replay = [
      await call('POST', `${withCreate.baseUrl}/Communication`, note, { 'If-None-Exist': 'identifier=urn:k|k1' }),
      await call('POST', `${withCreate.baseUrl}/Communication`, note, { 'If-None-Exist': 'identifier=urn:k|k1' }),
    ];
    expect(replay.map((r) => r.status)).to.deep.equal([201, 200]);
  });
});
