import { expect } from '@open-wc/testing';
import { isApiError, type ApiError } from '../../../src/api/errors.js';
import { LOCATION_IDS, PRACTITIONER_IDS, SERVICE_IDS, type MemoryAdapter } from '../../../src/api/memory/index.js';
import type { Slot } from '../../../src/model/index.js';
import { SEARCH_LIMIT } from '../../../src/api/memory/scheduling.js';
import { adapterAt, localTime, MARCH_NOW, rejection, signal } from './support.js';

const WEEK = { from: '2027-03-15T00:00:00Z', to: '2027-03-22T00:00:00Z' };

async function freeSlots(api: MemoryAdapter, query: Partial<Parameters<MemoryAdapter['scheduling']['searchSlots']>[0]> = {}) {
  return (await api.scheduling.searchSlots({ ...WEEK, ...query }, signal())).slots;
}

async function clinicSlot(api: MemoryAdapter): Promise<Slot> {
  const [slot] = await freeSlots(api, { locationId: LOCATION_IDS.downtown, practitionerId: PRACTITIONER_IDS.okafor });
  return slot;
}

function expectApiError(error: unknown, kind: ApiError['kind'], operation: string): void {
  expect(isApiError(error), String(error)).to.equal(true);
  expect((error as ApiError).kind).to.equal(kind);
  expect((error as ApiError).operation).to.equal(operation);
}

describe('memory adapter: slot search', () => {
  it('filters by range, location, practitioner and service, and returns only free slots with their references', async () => {
    const api = adapterAt(MARCH_NOW);
    const result = await api.scheduling.searchSlots(
      { ...WEEK, locationId: LOCATION_IDS.downtown, practitionerId: PRACTITIONER_IDS.okafor, serviceId: SERVICE_IDS.primaryCare },
      signal(),
    );
    expect(result.slots.length).to.be.greaterThan(5);
    for (const slot of result.slots) {
      expect(slot.status).to.equal('free');
      expect(slot.locationId).to.equal(LOCATION_IDS.downtown);
      expect(slot.practitionerId).to.equal(PRACTITIONER_IDS.okafor);
      expect(Date.parse(slot.start)).to.be.at.least(Date.parse(WEEK.from)).and.below(Date.parse(WEEK.to));
    }
    expect(Object.keys(result.services)).to.deep.equal([SERVICE_IDS.primaryCare]);
    expect(Object.keys(result.locations)).to.deep.equal([LOCATION_IDS.downtown]);
    expect(Object.keys(result.practitioners)).to.deep.equal([PRACTITIONER_IDS.okafor]);
    const starts = result.slots.map((slot) => Date.parse(slot.start));
    expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
  });

  it('treats `to` as exclusive and leaves out slots that already began', async () => {
    const api = adapterAt(MARCH_NOW);
    const [first] = await freeSlots(api, { locationId: LOCATION_IDS.vaccination });
    const none = await freeSlots(api, { locationId: LOCATION_IDS.vaccination, from: WEEK.from, to: first.start });
    expect(none.map((slot) => slot.id)).not.to.include(first.id);
    const today = await freeSlots(api, { from: '2027-03-10T00:00:00Z', to: '2027-03-11T00:00:00Z' });
    expect(today.every((slot) => Date.parse(slot.start) >= MARCH_NOW.getTime())).to.equal(true);
  });

  it('filters by vaccine product and dose', async () => {
    const api = adapterAt(MARCH_NOW);
    const result = await api.scheduling.searchSlots({ ...WEEK, vaccine: { cvx: '207', doseNumber: 2 } }, signal());
    expect(result.slots.length).to.be.greaterThan(0);
    for (const slot of result.slots) {
      expect(slot.serviceIds).to.include(SERVICE_IDS.covidModernaDose2);
      expect(localTime(slot.start, 'America/New_York') >= '14:00', slot.id).to.equal(true);
    }
    const flu = await freeSlots(api, { vaccine: { cvx: '140' } });
    // Every clinic gives flu shots; a video visit cannot.
    expect(new Set(flu.map((slot) => slot.locationId))).to.deep.equal(new Set([LOCATION_IDS.downtown, LOCATION_IDS.lakeview, LOCATION_IDS.vaccination]));
    expect(await freeSlots(api, { vaccine: { cvx: '999' } })).to.deep.equal([]);
  });

  it('publishes exactly `slotsPerDay` free slots a day at the vaccination site', async () => {
    const api = adapterAt(MARCH_NOW, { slotsPerDay: 5000 });
    const started = performance.now();
    const { slots } = await api.scheduling.searchSlots(
      { from: '2027-03-16T04:00:00Z', to: '2027-03-17T04:00:00Z', locationId: LOCATION_IDS.vaccination },
      signal(),
    );
    const elapsed = performance.now() - started;
    expect(slots).to.have.length(5000);
    expect(new Set(slots.map((slot) => slot.id)).size).to.equal(5000);
    expect(slots.every((slot) => slot.status === 'free' && (slot.capacity ?? 0) > 0)).to.equal(true);
    const local = slots.map((slot) => localTime(slot.start, 'America/New_York'));
    expect(local[0]).to.equal('08:00');
    expect(local.every((time) => time >= '08:00' && time < '20:00')).to.equal(true);
    // Generous bound for a shared CI box; the point is "no per-slot Intl calls", which would take seconds.
    expect(elapsed, `${elapsed.toFixed(0)} ms`).to.be.below(2000);
  });

  it('answers a month at a 5,000-a-day site like a paging server: the first whole days, capped and marked truncated', async () => {
    const api = adapterAt(MARCH_NOW, { slotsPerDay: 5000 });
    const query = { from: '2027-03-16T04:00:00Z', to: '2027-04-16T04:00:00Z', locationId: LOCATION_IDS.vaccination };
    const result = await api.scheduling.searchSlots(query, signal());
    expect(result.truncated).to.equal(true);
    expect(result.slots.length).to.be.at.most(SEARCH_LIMIT);
    // Soonest first and nothing skipped: the first day is whole, so a scheduler can show it as it is.
    const firstDay = result.slots.filter((slot) => slot.start.startsWith('2027-03-16'));
    expect(firstDay).to.have.length(5000);
    const starts = result.slots.map((slot) => Date.parse(slot.start));
    expect(starts.every((start, i) => i === 0 || start >= starts[i - 1])).to.equal(true);
    // A month of an ordinary clinic stays whole.
    const clinic = await api.scheduling.searchSlots({ ...query, locationId: LOCATION_IDS.downtown }, signal());
    expect(clinic.truncated).to.equal(false);
  });

  it('rejects an unreadable range with invalid-response', async () => {
    const error = await rejection(adapterAt(MARCH_NOW).scheduling.searchSlots({ from: 'tomorrow', to: WEEK.to }, signal()));
    expectApiError(error, 'invalid-response', 'scheduling.searchSlots');
  });
});

describe('memory adapter: booking', () => {
  it('books once per clientRequestId and takes the slot', async () => {
    const api = adapterAt(MARCH_NOW);
    const slot = await clinicSlot(api);
    const before = (await api.scheduling.listAppointments({ upcomingOnly: false }, signal())).items.length;
    const first = await api.scheduling.book({ slotId: slot.id, clientRequestId: 'click-1' }, signal());
    const again = await api.scheduling.book({ slotId: slot.id, clientRequestId: 'click-1' }, signal());
    expect(again).to.deep.equal(first);
    expect(first).to.deep.include({ status: 'booked', start: slot.start, end: slot.end, version: '1', clientRequestId: 'click-1', cancellable: true });
    expect(first.slotIds).to.deep.equal([slot.id]);
    expect(first.location?.id).to.equal(LOCATION_IDS.downtown);
    expect(first.practitioner?.id).to.equal(PRACTITIONER_IDS.okafor);
    expect(first.service?.id).to.equal(SERVICE_IDS.primaryCare);
    const after = (await api.scheduling.listAppointments({ upcomingOnly: false }, signal())).items.length;
    expect(after).to.equal(before + 1);
    expect((await clinicSlot(api)).id).not.to.equal(slot.id);
  });

  it('books once when the same request races itself', async () => {
    const api = adapterAt(MARCH_NOW, { latencyMs: 20 });
    const slot = await clinicSlot(api);
    const [a, b] = await Promise.all([
      api.scheduling.book({ slotId: slot.id, clientRequestId: 'double-click' }, signal()),
      api.scheduling.book({ slotId: slot.id, clientRequestId: 'double-click' }, signal()),
    ]);
    expect(a).to.deep.equal(b);
  });

  it('answers conflict when the slot is taken, and never books it twice', async () => {
    const api = adapterAt(MARCH_NOW);
    const slot = await clinicSlot(api);
    await api.scheduling.book({ slotId: slot.id, clientRequestId: 'mine' }, signal());
    expectApiError(await rejection(api.scheduling.book({ slotId: slot.id, clientRequestId: 'other' }, signal())), 'conflict', 'scheduling.book');
    expectApiError(await rejection(api.scheduling.book({ slotId: 'slot-nowhere', clientRequestId: 'x' }, signal())), 'not-found', 'scheduling.book');
  });

  it('conflictOnBook: rejects as if someone took the slot, which then stays busy', async () => {
    const api = adapterAt(MARCH_NOW, { conflictOnBook: true });
    const slot = await clinicSlot(api);
    expectApiError(await rejection(api.scheduling.book({ slotId: slot.id, clientRequestId: 'late' }, signal())), 'conflict', 'scheduling.book');
    api.controls.set({ conflictOnBook: false });
    expect((await freeSlots(api)).map((s) => s.id)).not.to.include(slot.id);
    expectApiError(await rejection(api.scheduling.book({ slotId: slot.id, clientRequestId: 'retry' }, signal())), 'conflict', 'scheduling.book');
  });

  it('holds a slot in operation mode until expiresAt, then lets it go', async () => {
    let now = MARCH_NOW;
    const api = adapterAt(MARCH_NOW, { now: () => now });
    expect(await api.scheduling.bookingMode(signal())).to.equal('operation');
    const slot = await clinicSlot(api);
    const hold = await api.scheduling.holdSlot(slot.id, signal());
    expect(Date.parse(hold.expiresAt!) - MARCH_NOW.getTime()).to.equal(5 * 60_000);
    expect((await freeSlots(api)).map((s) => s.id)).not.to.include(slot.id);
    expectApiError(await rejection(api.scheduling.holdSlot(slot.id, signal())), 'conflict', 'scheduling.holdSlot');
    expectApiError(await rejection(api.scheduling.book({ slotId: slot.id, clientRequestId: 'no-hold' }, signal())), 'conflict', 'scheduling.book');

    now = new Date(MARCH_NOW.getTime() + 6 * 60_000);
    expect((await freeSlots(api)).map((s) => s.id)).to.include(slot.id);
    const lapsed = await rejection(api.scheduling.book({ slotId: slot.id, holdId: hold.id, clientRequestId: 'late' }, signal()));
    expectApiError(lapsed, 'conflict', 'scheduling.book');

    const fresh = await api.scheduling.holdSlot(slot.id, signal());
    const booked = await api.scheduling.book({ slotId: slot.id, holdId: fresh.id, clientRequestId: 'held' }, signal());
    expect(booked.status).to.equal('booked');
  });

  it('has no holds in rest mode', async () => {
    const api = adapterAt(MARCH_NOW, { bookingMode: 'rest', holdMinutes: 10 });
    expect(await api.scheduling.bookingMode(signal())).to.equal('rest');
    const slot = await clinicSlot(api);
    expectApiError(await rejection(api.scheduling.holdSlot(slot.id, signal())), 'not-found', 'scheduling.holdSlot');
    api.controls.set({ bookingMode: 'operation' });
    const hold = await api.scheduling.holdSlot(slot.id, signal());
    expect(Date.parse(hold.expiresAt!) - MARCH_NOW.getTime()).to.equal(10 * 60_000);
  });
});

describe('memory adapter: appointments', () => {
  it('lists upcoming active appointments only, soonest first', async () => {
    const api = adapterAt(MARCH_NOW);
    const { items } = await api.scheduling.listAppointments({ upcomingOnly: true }, signal());
    expect(items.map((a) => a.id)).to.deep.equal(['appt-checkup', 'appt-flu-shot', 'appt-follow-up']);
    expect(items.every((a) => Date.parse(a.start!) > MARCH_NOW.getTime() && a.cancellable)).to.equal(true);
    const all = await api.scheduling.listAppointments({ upcomingOnly: false }, signal());
    const excluded = all.items.filter((a) => !items.some((u) => u.id === a.id));
    expect(excluded.map((a) => a.status)).to.have.members(['cancelled', 'cancelled', 'fulfilled', 'fulfilled', 'noshow']);
  });

  it('cancels with the current version, frees the slot and bumps the version', async () => {
    const api = adapterAt(MARCH_NOW);
    const slot = await clinicSlot(api);
    const booked = await api.scheduling.book({ slotId: slot.id, clientRequestId: 'to-cancel' }, signal());
    expectApiError(
      await rejection(api.scheduling.cancelAppointment({ id: booked.id, version: '0' }, signal())),
      'conflict',
      'scheduling.cancelAppointment',
    );
    const cancelled = await api.scheduling.cancelAppointment(booked, signal());
    expect(cancelled).to.deep.include({ id: booked.id, status: 'cancelled', version: '2', cancellable: false });
    expect((await freeSlots(api)).map((s) => s.id)).to.include(slot.id);
    // The first version is stale now; the new one finds nothing left to do.
    expectApiError(await rejection(api.scheduling.cancelAppointment(booked, signal())), 'conflict', 'scheduling.cancelAppointment');
    expect(await api.scheduling.cancelAppointment(cancelled, signal())).to.deep.equal(cancelled);
    const upcoming = await api.scheduling.listAppointments({ upcomingOnly: true }, signal());
    expect(upcoming.items.map((a) => a.id)).not.to.include(booked.id);
  });

  it('refuses to cancel a past visit and an unknown one', async () => {
    const api = adapterAt(MARCH_NOW);
    const past = await rejection(api.scheduling.cancelAppointment({ id: 'appt-past-visit', version: '3' }, signal()));
    expectApiError(past, 'forbidden', 'scheduling.cancelAppointment');
    const missing = await rejection(api.scheduling.cancelAppointment({ id: 'appt-nope', version: '1' }, signal()));
    expectApiError(missing, 'not-found', 'scheduling.cancelAppointment');
  });
});
