// Runs in the default browser zone and, as a `.tz.test.ts`, once per zone from UTC−11 to UTC+14: slot
// instants must name the clinic's local hours whatever zone the viewer sits in.
import { expect } from '@open-wc/testing';
import { LOCATION_IDS } from '../../../src/api/memory/index.js';
import type { Slot } from '../../../src/model/index.js';
import { adapterAt, localDate, localTime, MARCH_NOW, NOVEMBER_NOW, signal } from './support.js';

const NY = 'America/New_York';

/** The wall time a slot id was generated for (`slot-vax-20270314-0815-l0` → `08:15`). */
const intendedTime = (slot: Slot): string => {
  const hhmm = /-(\d{2})(\d{2})-[a-z0-9]+$/.exec(slot.id)!;
  return `${hhmm[1]}:${hhmm[2]}`;
};

async function vaccinationSlots(now: Date, from: string, to: string): Promise<Slot[]> {
  const api = adapterAt(now);
  const result = await api.scheduling.searchSlots({ from, to, locationId: LOCATION_IDS.vaccination }, signal());
  return result.slots;
}

function byLocalDay(slots: Slot[]): Map<string, Slot[]> {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const day = localDate(slot.start, NY);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return days;
}

describe('memory adapter: slots keep local hours across DST changes', () => {
  it('opens at 08:00 New York time the day before, of, and after spring-forward', async () => {
    const slots = await vaccinationSlots(MARCH_NOW, '2027-03-13T05:00:00Z', '2027-03-16T04:00:00Z');
    const days = byLocalDay(slots);
    expect([...days.keys()]).to.deep.equal(['2027-03-13', '2027-03-14', '2027-03-15']);
    for (const [day, daySlots] of days) {
      for (const slot of daySlots) {
        expect(localTime(slot.start, NY), `${slot.id} on ${day}`).to.equal(intendedTime(slot));
        expect(localTime(slot.start, NY) >= '08:00' && localTime(slot.end, NY) <= '20:00', slot.id).to.equal(true);
      }
    }
    expect(days.get('2027-03-13')![0].start.endsWith('-05:00')).to.equal(true);
    expect(days.get('2027-03-14')![0].start.endsWith('-04:00')).to.equal(true);
    // The same wall time is 23 hours apart across the change, not 24.
    const saturday = days.get('2027-03-13')!.find((slot) => intendedTime(slot) >= '09:00')!;
    const sunday = days.get('2027-03-14')!.find((slot) => intendedTime(slot) === intendedTime(saturday));
    if (sunday) expect(Date.parse(sunday.start) - Date.parse(saturday.start)).to.equal(23 * 3_600_000);
  });

  it('opens at 08:00 New York time the day before, of, and after fall-back', async () => {
    const slots = await vaccinationSlots(NOVEMBER_NOW, '2027-11-06T04:00:00Z', '2027-11-09T05:00:00Z');
    const days = byLocalDay(slots);
    expect([...days.keys()]).to.deep.equal(['2027-11-06', '2027-11-07', '2027-11-08']);
    for (const daySlots of days.values()) {
      for (const slot of daySlots) expect(localTime(slot.start, NY), slot.id).to.equal(intendedTime(slot));
    }
    expect(days.get('2027-11-06')![0].start.endsWith('-04:00')).to.equal(true);
    expect(days.get('2027-11-07')![0].start.endsWith('-05:00')).to.equal(true);
  });

  it('keeps Chicago clinic hours in Chicago time', async () => {
    const api = adapterAt(MARCH_NOW);
    const { slots, locations } = await api.scheduling.searchSlots(
      { from: '2027-03-15T00:00:00Z', to: '2027-03-20T00:00:00Z', locationId: LOCATION_IDS.lakeview },
      signal(),
    );
    expect(slots.length).to.be.greaterThan(10);
    expect(locations[LOCATION_IDS.lakeview].timeZone).to.equal('America/Chicago');
    for (const slot of slots) {
      const local = localTime(slot.start, 'America/Chicago');
      expect(local, slot.id).to.equal(intendedTime(slot));
      expect(local >= '09:00' && local < '17:00' && !local.startsWith('12:'), slot.id).to.equal(true);
    }
  });
});
