// The IHE ITI Scheduling pieces of the FHIR adapter that need no server: how a CapabilityStatement is read, the
// model ids of proposed times, and how a proposal maps; and that a search by the client identifier only counts a
// resource that carries it.
import { expect } from '@open-wc/testing';
import { bookingPlanFrom, isIheDefinition, resolvedBookingPlan } from '../../../src/api/fhir/capabilities.js';
import { FhirClient } from '../../../src/api/fhir/client.js';
import { CLIENT_REQUEST_SYSTEM } from '../../../src/api/fhir/constants.js';
import { isProposalId, mapProposal, parseProposalId, proposalId } from '../../../src/api/fhir/map/ihe.js';
import { ID_MAX_LENGTH, SlotSchema } from '../../../src/model/index.js';
import { createFhirAdapter } from '../../../src/api/fhir/adapter.js';
import { fakeFetch, fhirJson, searchset } from '../../support/fake-fetch.js';

const IHE = 'https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-';
const statement = (operations: Array<{ name: string; definition?: string }>, conditionalCreate?: boolean) => ({
  resourceType: 'CapabilityStatement',
  rest: [{ resource: [{ type: 'Appointment', operation: operations, ...(conditionalCreate === undefined ? {} : { conditionalCreate }) }] }],
});

describe('bookingPlanFrom', () => {
  it('takes the IHE operations by their canonicals (a version suffix allowed), and holds only with $hold and $book', () => {
    const ihe = bookingPlanFrom(statement(['find', 'hold', 'book'].map((name) => ({ name, definition: `${IHE}${name}|1.0.0` }))));
    expect(ihe).to.deep.include({ mode: 'operation', operations: false });
    expect(ihe.ihe).to.deep.equal({ find: true, hold: true, book: true });
    const noHold = bookingPlanFrom(statement(['find', 'book'].map((name) => ({ name, definition: `${IHE}${name}` }))));
    expect(noHold.mode).to.equal('rest');
    expect(noHold.ihe).to.deep.equal({ find: true, hold: false, book: true });
  });

  it('never sends IHE parameters to operations of another design that share the names', () => {
    const other = bookingPlanFrom(statement(['find', 'hold', 'book'].map((name) => ({ name, definition: `urn:portal-kit:OperationDefinition/Appointment-${name}` }))));
    expect(other.ihe).to.deep.equal({ find: false, hold: false, book: false });
    expect(other).to.deep.include({ mode: 'operation', operations: true });
  });

  it("reads Appointment's conditionalCreate (absent: no), and an unreadable statement as plain REST", () => {
    expect(bookingPlanFrom(statement([], true)).conditionalCreate).to.equal(true);
    expect(bookingPlanFrom(statement([], false)).conditionalCreate).to.equal(false);
    expect(bookingPlanFrom(statement([])).conditionalCreate).to.equal(false);
    expect(bookingPlanFrom(null)).to.deep.include({ mode: 'rest', conditionalCreate: true });
  });
});

describe('resolvedBookingPlan', () => {
  const own = (name: string) => `https://ehr.example.org/fhir/OperationDefinition/sched-${name}`;
  const named = statement(['find', 'hold', 'book'].map((name) => ({ name, definition: own(name) })));

  it("reads the OperationDefinitions a statement names when their canonicals do not tell: a profile of IHE's is IHE", async () => {
    const asked: string[] = [];
    const plan = await resolvedBookingPlan(named, async (canonical) => {
      asked.push(canonical);
      const name = canonical.split('sched-')[1];
      return { resourceType: 'OperationDefinition', url: canonical, code: name, base: `${IHE}${name}|1.0.0`, parameter: [] };
    });
    expect(asked).to.have.members(['find', 'hold', 'book'].map(own));
    expect(plan.ihe).to.deep.equal({ find: true, hold: true, book: true });
    expect(plan).to.deep.include({ mode: 'operation', operations: false });
  });

  it("takes IHE's own parameter names for IHE, and anything else (or nothing readable) for what its name says", async () => {
    const byParameters = await resolvedBookingPlan(named, async (canonical) => ({
      resourceType: 'OperationDefinition',
      parameter: canonical.endsWith('find') ? [{ name: 'start', use: 'in' }, { name: 'location-reference', use: 'in' }] : [{ name: 'appointment-reference', use: 'in' }],
    }));
    expect(byParameters.ihe).to.deep.equal({ find: true, hold: true, book: true });
    const other = await resolvedBookingPlan(named, async () => ({ resourceType: 'OperationDefinition', parameter: [{ name: 'appt-resource', use: 'in' }] }));
    expect(other.ihe).to.deep.equal({ find: false, hold: false, book: false });
    expect(other).to.deep.include({ mode: 'operation', operations: true });
    const unreadable = await resolvedBookingPlan(named, () => Promise.reject(new Error('offline')));
    expect(unreadable).to.deep.include({ mode: 'operation', operations: true });
  });

  it('reads nothing for the canonicals it knows', async () => {
    const known = statement([{ name: 'find', definition: `${IHE}find` }, { name: 'hold', definition: 'urn:portal-kit:OperationDefinition/Appointment-hold' }]);
    const plan = await resolvedBookingPlan(known, () => Promise.reject(new Error('not asked')));
    expect(plan.ihe.find).to.equal(true);
    expect(isIheDefinition({ resourceType: 'OperationDefinition', parameter: [{ name: 'appointment-reference', use: 'out' }] }, 'hold')).to.equal(false);
  });
});

describe('proposal ids', () => {
  it('name the proposed Appointment and its Slots, and come apart again', () => {
    const id = proposalId({ appointmentId: 'proposed-7', slotIds: ['s1', 's-2.b'] })!;
    expect(isProposalId(id)).to.equal(true);
    expect(parseProposalId(id)).to.deep.equal({ appointmentId: 'proposed-7', slotIds: ['s1', 's-2.b'] });
    expect(parseProposalId(proposalId({ slotIds: ['s1'] })!)).to.deep.equal({ slotIds: ['s1'] });
    expect(isProposalId('ny-slot-1')).to.equal(false);
  });

  it('stay within the model limit: too many slots to name leave the appointment id alone', () => {
    const slots = Array.from({ length: 10 }, (_, i) => `slot-${'x'.repeat(40)}-${i}`);
    const id = proposalId({ appointmentId: 'a1', slotIds: slots })!;
    expect(id.length).to.be.at.most(ID_MAX_LENGTH);
    expect(parseProposalId(id)).to.deep.equal({ appointmentId: 'a1', slotIds: [] });
    expect(proposalId({ slotIds: slots })).to.equal(undefined);
  });

  it('refuse what no server id can be', () => {
    expect(parseProposalId('ihe~a/b')).to.equal(undefined);
    expect(parseProposalId('ihe~~')).to.equal(undefined);
  });
});

describe('mapProposal', () => {
  const proposal = {
    resourceType: 'Appointment',
    id: 'proposed-appt1a-1',
    status: 'proposed',
    serviceType: [{ coding: [{ system: 'http://snomed.info/sct', code: '185389009', display: 'Follow-up visit' }], text: 'Office Call' }],
    start: '2017-07-17T00:45:00Z',
    end: '2017-07-17T01:00:00Z',
    slot: [{ reference: 'Slot/s9' }],
    participant: [
      { actor: { reference: 'Practitioner/dr-y', display: 'Dr Y' }, required: 'required', status: 'needs-action' },
      { actor: { reference: 'Location/napa' }, required: 'required', status: 'needs-action' },
      { actor: { reference: 'HealthcareService/follow-up' }, required: 'required', status: 'needs-action' },
    ],
  };

  it('gives a free model Slot at the proposed time, with its clinician, place and services', () => {
    const mapped = mapProposal(proposal);
    expect(mapped.ok).to.equal(true);
    if (!mapped.ok) return;
    expect(SlotSchema.safeParse(mapped.value).success).to.equal(true);
    expect(mapped.value).to.deep.equal({
      id: 'ihe~proposed-appt1a-1~s9',
      start: '2017-07-17T00:45:00Z',
      end: '2017-07-17T01:00:00Z',
      status: 'free',
      serviceIds: ['follow-up', 'http://snomed.info/sct|185389009'],
      locationId: 'napa',
      practitionerId: 'dr-y',
    });
  });

  it('drops a proposal without a usable time or anything to book it by', () => {
    expect(mapProposal({ ...proposal, start: '2017-07-17T00:45' }).ok).to.equal(false);
    expect(mapProposal({ ...proposal, end: '2017-07-16T00:00:00Z' }).ok).to.equal(false);
    expect(mapProposal({ ...proposal, id: undefined, slot: [] }).ok).to.equal(false);
    expect(mapProposal({ ...proposal, resourceType: 'Slot' }).ok).to.equal(false);
  });
});

describe('FhirClient.findByClientRequestId', () => {
  it("takes only a resource carrying the key: a server that ignores the parameter answers with others' too", async () => {
    const others = { resourceType: 'Appointment', id: 'theirs', identifier: [{ system: CLIENT_REQUEST_SYSTEM, value: 'someone-else' }] };
    const mine = { resourceType: 'Appointment', id: 'mine', identifier: [{ system: CLIENT_REQUEST_SYSTEM, value: 'key-1' }] };
    const fhir = (found: unknown[]) => new FhirClient({ baseUrl: 'https://fhir.example.org/r4', fetch: fakeFetch(() => fhirJson(searchset(found))) });
    const signal = new AbortController().signal;
    expect(await fhir([others]).findByClientRequestId('Appointment', 'key-1', 'scheduling.book', signal)).to.equal(undefined);
    expect((await fhir([others, mine]).findByClientRequestId('Appointment', 'key-1', 'scheduling.book', signal))?.id).to.equal('mine');
  });
});

describe('ihe: $find answers cut short', () => {
  const metadata = {
    resourceType: 'CapabilityStatement',
    status: 'active',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{ mode: 'server', resource: [{ type: 'Appointment', operation: [{ name: 'find', definition: 'https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-find' }] }] }],
  };
  const proposal = (n: number) => ({
    resourceType: 'Appointment',
    id: `proposed-${n}`,
    status: 'proposed',
    start: `2030-01-07T1${n}:00:00Z`,
    end: `2030-01-07T1${n}:30:00Z`,
    slot: [{ reference: `Slot/s${n}` }],
    participant: [{ actor: { reference: 'Location/napa', display: 'Napa Clinic' }, status: 'needs-action' }],
  });
  const search = async (total: number) => {
    const fetch = fakeFetch((call) => {
      if (call.url.endsWith('/metadata')) return fhirJson(metadata);
      if (call.url.includes('$find')) return fhirJson({ ...(searchset([proposal(1), proposal(2)]) as object), total });
      return fhirJson(searchset([]));
    });
    const api = createFhirAdapter({ baseUrl: 'https://fhir.example.org/r4', fetch });
    return api.scheduling.searchSlots({ from: '2030-01-07T00:00:00Z', to: '2030-01-08T00:00:00Z' }, new AbortController().signal);
  };

  it("reports an answer cut short by its total (no next link), so later days are searched, not shown empty", async () => {
    const cut = await search(40);
    expect(cut.slots).to.have.length(2);
    expect(cut.truncated).to.equal(true);
    expect((await search(2)).truncated).to.equal(false);
  });
});
