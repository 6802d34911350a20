import { expect } from '@open-wc/testing';
import type { Location, Slot } from '../../src/model/scheduling.js';
import { bucketByLocalDay, localDayOf, startOfLocalDay } from '../../src/time/zones.js';

// Runs once per browser time zone (UTC−11, UTC+5:30, UTC+14; see web-test-runner.config.mjs). Every
// expectation below is the same in all three: nothing may depend on where the browser sits.
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const newYork: Location = { id: 'loc-ny', name: 'Riverside Downtown Clinic', timeZone: 'America/New_York' };
const chicago: Location = { id: 'loc-chi', name: 'Lakeshore Clinic', timeZone: 'America/Chicago' };
const noZone: Location = { id: 'loc-popup', name: 'Harbor Pop-up Clinic' };
const locations: Record<string, Location> = { [newYork.id]: newYork, [chicago.id]: chicago, [noZone.id]: noZone };

function slot(id: string, start: string, locationId = newYork.id): Slot {
  return { id, start, end: start, status: 'free', serviceIds: ['svc-flu'], locationId };
}

describe(`clinic-local days, viewed from ${browserZone}`, () => {
  describe('localDayOf', () => {
    it('finds the day on the clinic clock, however the instant is written', () => {
      // 23:30 EST on Nov 1 is 04:30 UTC on Nov 2 and already Nov 2 in Kolkata and Kiritimati.
      expect(localDayOf('2026-11-01T23:30:00-05:00', 'America/New_York')).to.equal('2026-11-01');
      expect(localDayOf('2026-11-02T04:30:00Z', 'America/New_York')).to.equal('2026-11-01');
      expect(localDayOf('2026-11-02T04:30:00Z', 'Asia/Kolkata')).to.equal('2026-11-02');
      expect(localDayOf('2026-11-02T00:30:00-04:00', 'America/Chicago')).to.equal('2026-11-01');
      // Local midnight on both change days belongs to the day it starts.
      expect(localDayOf('2026-11-01T00:00:00-04:00', 'America/New_York')).to.equal('2026-11-01');
      expect(localDayOf('2026-11-02T00:00:00-05:00', 'America/New_York')).to.equal('2026-11-02');
      expect(localDayOf('2026-03-08T00:00:00-05:00', 'America/New_York')).to.equal('2026-03-08');
      expect(localDayOf('2026-03-08T23:59:00-04:00', 'America/New_York')).to.equal('2026-03-08');
    });

    it('without a zone keeps the day the instant was written on', () => {
      expect(localDayOf('2026-11-01T23:30:00-05:00')).to.equal('2026-11-01');
      expect(localDayOf('2026-11-01T00:15:00+14:00')).to.equal('2026-11-01');
      expect(localDayOf('2026-11-01T23:59:59Z')).to.equal('2026-11-01');
    });

    it('reads years before 1000 and leap seconds too', () => {
      expect(localDayOf('0999-03-14T12:00:00Z', 'America/New_York')).to.equal('0999-03-14');
      expect(localDayOf('2026-12-31T23:59:60Z', 'America/New_York')).to.equal('2026-12-31');
      expect(localDayOf('2026-12-31T23:59:60Z', 'Asia/Kolkata')).to.equal('2027-01-01');
    });

    it('rejects what is not an instant, without echoing it', () => {
      expect(() => localDayOf('next Tuesday')).to.throw(RangeError, /not an instant/);
      expect(() => localDayOf('not-a-time', 'America/New_York')).to.throw(RangeError).that.satisfies((error: Error) => !error.message.includes('not-a-time'));
    });
  });

  describe('bucketByLocalDay', () => {
    it('buckets on the clinic midnight across the fall-back day, sorted within each day', () => {
      const slots = [
        slot('nov2-0900', '2026-11-02T09:00:00-05:00'),
        slot('nov1-2330', '2026-11-02T04:30:00Z'),
        slot('nov1-0130-est', '2026-11-01T01:30:00-05:00'),
        slot('oct31-0900', '2026-10-31T09:00:00-04:00'),
        slot('nov1-0800', '2026-11-01T08:00:00-05:00'),
        slot('nov1-0130-edt', '2026-11-01T01:30:00-04:00'),
        slot('oct31-2330', '2026-10-31T23:30:00-04:00'),
      ];
      const days = bucketByLocalDay(slots, (s) => locations[s.locationId!].timeZone);
      expect([...days.keys()]).to.deep.equal(['2026-10-31', '2026-11-01', '2026-11-02']);
      expect(days.get('2026-10-31')!.map((s) => s.id)).to.deep.equal(['oct31-0900', 'oct31-2330']);
      // 01:30 happens twice on Nov 1: EDT first, then EST an hour later.
      expect(days.get('2026-11-01')!.map((s) => s.id)).to.deep.equal(['nov1-0130-edt', 'nov1-0130-est', 'nov1-0800', 'nov1-2330']);
      expect(days.get('2026-11-02')!.map((s) => s.id)).to.deep.equal(['nov2-0900']);
    });

    it('buckets the spring-forward day, which is 23 hours long', () => {
      const slots = [
        slot('mar8-2330', '2026-03-08T23:30:00-04:00'),
        slot('mar8-0300', '2026-03-08T03:00:00-04:00'),
        slot('mar8-0130', '2026-03-08T01:30:00-05:00'),
        slot('mar7-2330', '2026-03-07T23:30:00-05:00'),
        slot('mar9-0000', '2026-03-09T00:00:00-04:00'),
      ];
      const days = bucketByLocalDay(slots, () => 'America/New_York');
      expect([...days.entries()].map(([day, list]) => [day, list.map((s) => s.id)])).to.deep.equal([
        ['2026-03-07', ['mar7-2330']],
        ['2026-03-08', ['mar8-0130', 'mar8-0300', 'mar8-2330']],
        ['2026-03-09', ['mar9-0000']],
      ]);
    });

    it('uses each clinic’s own zone, and the slot offset where a clinic has none', () => {
      const slots = [
        // 00:30 in New York on Nov 3 is 23:30 on Nov 2 in Chicago.
        slot('chi-nov2-2330', '2026-11-03T00:30:00-05:00', chicago.id),
        slot('ny-nov3-0030', '2026-11-03T00:30:00-05:00', newYork.id),
        slot('popup-nov2-2330', '2026-11-02T23:30:00-05:00', noZone.id),
      ];
      const days = bucketByLocalDay(slots, (s) => locations[s.locationId!].timeZone);
      expect([...days.entries()].map(([day, list]) => [day, list.map((s) => s.id)])).to.deep.equal([
        // 23:30 at UTC−05:00 comes an hour before 23:30 CST.
        ['2026-11-02', ['popup-nov2-2330', 'chi-nov2-2330']],
        ['2026-11-03', ['ny-nov3-0030']],
      ]);
    });

    it('keeps what it learnt about one zone out of another at the same instant', () => {
      // 18:30Z on Nov 2 is 13:30 in New York and already 00:15 on Nov 3 in Kathmandu (UTC+5:45).
      const kathmandu: Location = { id: 'loc-ktm', name: 'Thamel Clinic', timeZone: 'Asia/Kathmandu' };
      const slots = [slot('ny', '2026-11-02T18:30:00Z'), slot('ktm', '2026-11-02T18:30:00Z', kathmandu.id), slot('ktm-before', '2026-11-02T18:14:00Z', kathmandu.id)];
      const days = bucketByLocalDay(slots, (s) => (s.locationId === kathmandu.id ? kathmandu.timeZone : newYork.timeZone));
      expect([...days.entries()].map(([day, list]) => [day, list.map((s) => s.id)])).to.deep.equal([
        ['2026-11-02', ['ktm-before', 'ny']],
        ['2026-11-03', ['ktm']],
      ]);
    });
  });
});

describe('startOfLocalDay', () => {
  it('finds the instant a clinic day begins, on ordinary days and both sides of a clock change', () => {
    expect(startOfLocalDay('2027-01-15', 'America/New_York')).to.equal('2027-01-15T05:00:00.000Z');
    expect(startOfLocalDay('2027-07-15', 'America/New_York')).to.equal('2027-07-15T04:00:00.000Z');
    // Spring forward at 2:00 on March 14, 2027: the day still begins at EST midnight, the next at EDT midnight.
    expect(startOfLocalDay('2027-03-14', 'America/New_York')).to.equal('2027-03-14T05:00:00.000Z');
    expect(startOfLocalDay('2027-03-15', 'America/New_York')).to.equal('2027-03-15T04:00:00.000Z');
    // Fall back on November 7, 2027: a 25-hour day.
    expect(startOfLocalDay('2027-11-07', 'America/New_York')).to.equal('2027-11-07T04:00:00.000Z');
    expect(startOfLocalDay('2027-11-08', 'America/New_York')).to.equal('2027-11-08T05:00:00.000Z');
  });

  it('works far from UTC, on half and three-quarter hour offsets', () => {
    expect(startOfLocalDay('2026-12-01', 'Pacific/Kiritimati')).to.equal('2026-11-30T10:00:00.000Z');
    expect(startOfLocalDay('2026-12-01', 'Pacific/Honolulu')).to.equal('2026-12-01T10:00:00.000Z');
    expect(startOfLocalDay('2026-12-01', 'Asia/Kolkata')).to.equal('2026-11-30T18:30:00.000Z');
    expect(startOfLocalDay('2026-12-01', 'Pacific/Chatham')).to.equal('2026-11-30T10:15:00.000Z');
  });

  it('never starts a day late where a clock change skips midnight itself', () => {
    // Santiago springs forward at midnight (September 6, 2026: 00:00 becomes 01:00).
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDayOf(new Date(Date.parse(start) + 60 * 60_000).toISOString(), 'America/Santiago')).to.equal('2026-09-06');
    expect(Date.parse(start)).to.be.at.most(Date.parse('2026-09-06T04:00:00Z'));
  });

  it('refuses what is not a day', () => {
    expect(() => startOfLocalDay('2026-13-01', 'UTC')).to.throw(RangeError);
    expect(() => startOfLocalDay('tomorrow', 'UTC')).to.throw(RangeError);
  });
});
