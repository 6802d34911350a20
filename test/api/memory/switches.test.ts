import { expect } from '@open-wc/testing';
import { isAbortError, isApiError, type ApiError } from '../../../src/api/errors.js';
import { LOCATION_IDS, MEMORY_OPERATIONS, type MemoryAdapter } from '../../../src/api/memory/index.js';
import { adapterAt, MARCH_NOW, rejection, signal } from './support.js';

const WEEK = { from: '2027-03-15T00:00:00Z', to: '2027-03-22T00:00:00Z' };

/** One call of every operation, so a switch can be checked against all of them. */
function callEach(api: MemoryAdapter, s: AbortSignal): Record<(typeof MEMORY_OPERATIONS)[number], () => Promise<unknown>> {
  return {
    'scheduling.bookingMode': () => api.scheduling.bookingMode(s),
    'scheduling.listServices': () => api.scheduling.listServices(s),
    'scheduling.listLocations': () => api.scheduling.listLocations(s),
    'scheduling.listPractitioners': () => api.scheduling.listPractitioners(s),
    'scheduling.searchSlots': () => api.scheduling.searchSlots(WEEK, s),
    'scheduling.listPublished': () => api.scheduling.listPublished('https://publisher.example.org/$bulk-publish', s),
    'scheduling.searchPublished': () => api.scheduling.searchPublished('https://publisher.example.org/$bulk-publish', WEEK, s),
    'scheduling.holdSlot': () => api.scheduling.holdSlot('slot-downtown-20270315-0800-okafor', s),
    'scheduling.book': () => api.scheduling.book({ slotId: 'slot-downtown-20270315-0800-okafor', clientRequestId: 'k' }, s),
    'scheduling.listAppointments': () => api.scheduling.listAppointments({ upcomingOnly: true }, s),
    'scheduling.cancelAppointment': () => api.scheduling.cancelAppointment({ id: 'appt-checkup', version: '1' }, s),
    'messaging.listThreads': () => api.messaging.listThreads(s),
    'messaging.getThread': () => api.messaging.getThread('thread-blood-pressure', s),
    'messaging.listRecipients': () => api.messaging.listRecipients(s),
    'messaging.send': () => api.messaging.send({ recipient: { id: 'org-billing', kind: 'organization' }, body: 'Hi', clientRequestId: 'm' }, s),
    'messaging.uploadAttachment': () => api.messaging.uploadAttachment({ name: 'a.pdf', contentType: 'application/pdf', bytes: new Blob(['%PDF-1.4']) }, s),
    'messaging.fetchAttachment': () => api.messaging.fetchAttachment({ title: 'a', url: 'memory-attachment/lab-results-summary.pdf' }, s),
    'messaging.markRead': () => api.messaging.markRead('thread-flu-reminder', s),
    'messaging.changesSince': () => api.messaging.changesSince('2027-01-01T00:00:00Z', s),
    'results.listReports': () => api.results.listReports(s),
    'results.getReport': () => api.results.getReport('rpt-lipid-4', s),
    'results.resultHistory': () => api.results.resultHistory({ code: '2345-7' }, s),
    'results.addReading': () => api.results.addReading({ kind: 'weight', value: '70.5', unit: 'kg', takenAt: '2026-01-05T08:00:00-05:00', clientRequestId: 'sw-1' }, s),
    'immunizations.list': () => api.immunizations.list(s),
    'immunizations.recommendations': () => api.immunizations.recommendations(s),
    'immunizations.report': () => api.immunizations.report({ cvx: '88', vaccineText: 'Flu', occurrenceDate: '2020', clientRequestId: 'r' }, s),
    'immunizations.healthCardsOffered': () => api.immunizations.healthCardsOffered(s),
    'immunizations.issueHealthCards': () => api.immunizations.issueHealthCards(s),
    'patient.current': () => api.patient.current(s),
  };
}

describe('memory adapter: abort', () => {
  it('rejects at once with the reason when the signal is already aborted', async () => {
    const api = adapterAt(MARCH_NOW, { latencyMs: 10_000 });
    const controller = new AbortController();
    controller.abort();
    for (const [operation, call] of Object.entries(callEach(api, controller.signal))) {
      const error = await rejection(call());
      expect(error, operation).to.equal(controller.signal.reason);
      expect(isAbortError(error), operation).to.equal(true);
    }
  });

  it('rejects with AbortError when aborted during the latency, and writes nothing', async () => {
    const api = adapterAt(MARCH_NOW, { latencyMs: 5_000 });
    const [slot] = (await adapterAt(MARCH_NOW).scheduling.searchSlots({ ...WEEK, locationId: LOCATION_IDS.downtown }, signal())).slots;
    const controller = new AbortController();
    const started = performance.now();
    const booking = api.scheduling.book({ slotId: slot.id, clientRequestId: 'aborted' }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    const error = await rejection(booking);
    expect(isAbortError(error), String(error)).to.equal(true);
    expect(error).to.equal(controller.signal.reason);
    expect(performance.now() - started).to.be.below(2_000);

    api.controls.set({ latencyMs: 0 });
    const upcoming = await api.scheduling.listAppointments({ upcomingOnly: true }, signal());
    expect(upcoming.items.some((a) => a.clientRequestId === 'aborted')).to.equal(false);
    const search = await api.scheduling.searchSlots({ ...WEEK, locationId: LOCATION_IDS.downtown }, signal());
    expect(search.slots[0].id).to.equal(slot.id);
  });

  it('passes on a custom abort reason', async () => {
    const api = adapterAt(MARCH_NOW, { latencyMs: 1_000 });
    const controller = new AbortController();
    const reason = new DOMException('Element disconnected', 'AbortError');
    const call = api.messaging.listThreads(controller.signal);
    controller.abort(reason);
    expect(await rejection(call)).to.equal(reason);
  });
});

describe('memory adapter: fail switch', () => {
  it('fails every operation with an ApiError of the kind, named after the operation, with a PHI-free message', async () => {
    const api = adapterAt(MARCH_NOW, { fail: 'server' });
    for (const [operation, call] of Object.entries(callEach(api, signal()))) {
      const error = (await rejection(call())) as ApiError;
      expect(isApiError(error), operation).to.equal(true);
      expect(error.kind, operation).to.equal('server');
      expect(error.operation).to.equal(operation);
      expect(error.status).to.equal(503);
      expect(error.message).not.to.match(/Ana|Mejía|lisinopril|2027/);
    }
  });

  it('fails only the named operations, writes nothing, and clears at runtime', async () => {
    const api = adapterAt(MARCH_NOW, { fail: { kind: 'rate-limited', operations: ['scheduling.book'] } });
    const { slots } = await api.scheduling.searchSlots({ ...WEEK, locationId: LOCATION_IDS.downtown }, signal());
    const error = (await rejection(api.scheduling.book({ slotId: slots[0].id, clientRequestId: 'k1' }, signal()))) as ApiError;
    expect(error.kind).to.equal('rate-limited');
    expect(error.retryable).to.equal(true);
    expect(error.retryAfter).to.be.a('number');
    const again = await api.scheduling.searchSlots({ ...WEEK, locationId: LOCATION_IDS.downtown }, signal());
    expect(again.slots[0].id).to.equal(slots[0].id);

    api.controls.set({ fail: undefined });
    const booked = await api.scheduling.book({ slotId: slots[0].id, clientRequestId: 'k1' }, signal());
    expect(booked.status).to.equal('booked');
    api.controls.set({ fail: 'unauthorized' });
    expect(((await rejection(api.patient.current(signal()))) as ApiError).kind).to.equal('unauthorized');
    api.controls.reset();
    expect(api.controls.get().fail).to.deep.equal({ kind: 'rate-limited', operations: ['scheduling.book'] });
  });
});

describe('memory adapter: empty switch', () => {
  it('answers every list empty, but still knows the patient', async () => {
    const api = adapterAt(MARCH_NOW, { empty: true });
    const s = signal();
    const lists = [
      (await api.scheduling.listServices(s)).items,
      (await api.scheduling.listLocations(s)).items,
      (await api.scheduling.listPractitioners(s)).items,
      (await api.scheduling.listAppointments({ upcomingOnly: false }, s)).items,
      (await api.messaging.listThreads(s)).items,
      (await api.messaging.listRecipients(s)).items,
      (await api.results.listReports(s)).items,
      (await api.results.resultHistory({ code: '13457-7' }, s)).items,
      (await api.immunizations.list(s)).items,
      (await api.immunizations.recommendations(s)).items,
    ];
    expect(lists.every((items) => items.length === 0)).to.equal(true);
    expect(await api.scheduling.searchSlots(WEEK, s)).to.deep.equal({
      slots: [],
      services: {},
      locations: {},
      practitioners: {},
      dropped: 0,
      truncated: false,
    });
    expect((await api.patient.current(s)).displayName).to.equal('Ana María Mejía');
    api.controls.set({ empty: false });
    expect((await api.results.listReports(s)).items.length).to.be.greaterThan(0);
  });
});

describe('memory adapter: latency and copies', () => {
  it('waits latencyMs before answering', async () => {
    const api = adapterAt(MARCH_NOW, { latencyMs: 150 });
    const started = performance.now();
    await api.patient.current(signal());
    expect(performance.now() - started).to.be.at.least(140);
  });

  it('hands out copies: changing an answer or a request changes nothing stored', async () => {
    const api = adapterAt(MARCH_NOW);
    const patient = await api.patient.current(signal());
    patient.displayName = 'Mallory';
    expect((await api.patient.current(signal())).displayName).to.equal('Ana María Mejía');
    const report = await api.results.getReport('rpt-lipid-4', signal());
    report.results.length = 0;
    expect((await api.results.getReport('rpt-lipid-4', signal())).results.length).to.equal(4);

    const snapshot = api.controls.get();
    snapshot.empty = true;
    expect(api.controls.get().empty).to.equal(false);

    const slow = adapterAt(MARCH_NOW, { latencyMs: 30 });
    const message = { recipient: { id: 'org-billing', kind: 'organization' as const }, subject: 'Bill', body: 'Question', clientRequestId: 'c' };
    const sending = slow.messaging.send(message, signal());
    message.body = 'changed while in flight';
    expect((await sending).body).to.equal('Question');
  });
});
