import { expect } from '@open-wc/testing';
import { addDays } from '../../src/time/days.js';
import { bucketByLocalDay, dayInZone, offsetsAcross, toInstant, toInstantWithOffset, wallTimeToEpochMs, zonedInstant, zoneOffsetMs } from '../../src/time/zones.js';
import { InstantSchema } from '../../src/model/index.js';
import { localDate, localTime } from '../api/memory/support.js';

const NY = 'America/New_York';

describe('zoned wall times', () => {
  it('writes a local time with the offset the zone has on that day', () => {
    expect(zonedInstant(NY, '2027-03-13', 8 * 60)).to.equal('2027-03-13T08:00:00-05:00');
    expect(zonedInstant(NY, '2027-03-14', 8 * 60)).to.equal('2027-03-14T08:00:00-04:00');
    expect(zonedInstant(NY, '2027-11-07', 8 * 60)).to.equal('2027-11-07T08:00:00-05:00');
    expect(zonedInstant('America/Chicago', '2027-07-01', 9 * 60 + 30)).to.equal('2027-07-01T09:30:00-05:00');
    expect(zonedInstant('Pacific/Kiritimati', '2027-01-01', 0)).to.equal('2027-01-01T00:00:00+14:00');
    expect(zonedInstant('Pacific/Pago_Pago', '2027-01-01', 23 * 60)).to.equal('2027-01-01T23:00:00-11:00');
  });

  it('moves a time in the spring-forward gap forward, as a wall clock does', () => {
    // 02:30 does not exist in New York on 14 March 2027; Temporal's "compatible" reads it as 03:30 EDT.
    expect(zonedInstant(NY, '2027-03-14', 2 * 60 + 30)).to.equal('2027-03-14T03:30:00-04:00');
  });

  it('takes the earlier of the two 01:30s on the fall-back night', () => {
    expect(zonedInstant(NY, '2027-11-07', 60 + 30)).to.equal('2027-11-07T01:30:00-04:00');
  });

  it('keeps 08:00 at 08:00 across the change, where adding 24 hours would not', () => {
    const saturday = wallTimeToEpochMs(NY, '2027-03-13', 8 * 60);
    const sunday = wallTimeToEpochMs(NY, '2027-03-14', 8 * 60);
    expect(sunday - saturday).to.equal(23 * 3_600_000);
    expect(localTime(toInstant(sunday, NY), NY)).to.equal('08:00');
    expect(localTime(toInstant(saturday + 86_400_000, NY), NY)).to.equal('09:00');
  });

  it('counts calendar days without a clock and reads dates in a zone', () => {
    expect(addDays('2027-02-27', 2)).to.equal('2027-03-01');
    expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addDays('2027-01-01', -1)).to.equal('2026-12-31');
    // 03:00 UTC on 11 March is still 10 March in New York and Chicago.
    expect(dayInZone(NY, Date.parse('2027-03-11T03:00:00Z'))).to.equal('2027-03-10');
  });

  it('produces strings the model accepts as instants', () => {
    for (const zone of [NY, 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      const instant = toInstant(Date.parse('2027-06-15T12:34:56.789Z'), zone);
      expect(InstantSchema.safeParse(instant).success, instant).to.equal(true);
      expect(Date.parse(instant)).to.equal(Date.parse('2027-06-15T12:34:56Z'));
    }
  });
  it('gives the same offsets when asked again, on both sides of each change and in odd zones', () => {
    const HOUR = 3_600_000;
    const cases: Array<[string, string, number]> = [
      [NY, '2027-03-14T06:59:59Z', -5],
      [NY, '2027-03-14T07:00:00Z', -4],
      [NY, '2027-11-07T05:59:59Z', -4],
      [NY, '2027-11-07T06:00:00Z', -5],
      // Lord Howe moves its clock by half an hour (UTC+10:30 in winter, +11 in summer): 02:00 on 3 Oct 2027 is 15:30Z.
      ['Australia/Lord_Howe', '2027-10-02T15:29:59Z', 10.5],
      ['Australia/Lord_Howe', '2027-10-02T15:30:00Z', 11],
      ['Asia/Kathmandu', '2027-01-01T00:00:00Z', 5.75],
      ['Pacific/Pago_Pago', '2027-01-01T00:00:00Z', -11],
      ['Pacific/Kiritimati', '2027-01-01T00:00:00Z', 14],
    ];
    for (const round of ['first', 'again']) {
      for (const [zone, instant, hours] of cases) expect(zoneOffsetMs(zone, Date.parse(instant)), `${zone} ${instant} ${round}`).to.equal(hours * HOUR);
    }
    expect(dayInZone(NY, Date.parse('0999-03-14T12:00:00Z')), 'a year the formatter prints short').to.equal('0999-03-14');
  });

  it('opens at 08:00 local on every day from March to December, both changes included', () => {
    for (let date = '2027-03-01', n = 0; n < 290; n++, date = addDays(date, 1)) {
      for (const zone of [NY, 'America/Chicago', 'Australia/Lord_Howe']) {
        const instant = toInstant(wallTimeToEpochMs(zone, date, 8 * 60), zone);
        expect(`${localDate(instant, zone)} ${localTime(instant, zone)}`, `${zone} ${date}`).to.equal(`${date} 08:00`);
      }
    }
  });

  it('writes each offset right however often it is reused', () => {
    const at = Date.parse('2027-06-15T12:00:00Z');
    const offsets: Array<[number, string]> = [
      [-5 * 60, '2027-06-15T07:00:00-05:00'],
      [5 * 60 + 45, '2027-06-15T17:45:00+05:45'],
      [0, '2027-06-15T12:00:00+00:00'],
      [-(9 * 60 + 30), '2027-06-15T02:30:00-09:30'],
      [14 * 60, '2027-06-16T02:00:00+14:00'],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [minutes, written] of offsets) expect(toInstantWithOffset(at, minutes * 60_000)).to.equal(written);
    }
  });
});

describe('offsets across a span (a few Intl calls for a month of slots)', () => {
  // Each zone around its clock changes: New York (1 h), Lord Howe (30 min), Chatham (+12:45/+13:45), Santiago
  // (southern hemisphere), Casablanca (its clock moves for Ramadan), and zones that never change.
  const SPANS: [string, string, string][] = [
    ['America/New_York', '2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'],
    ['America/New_York', '2027-10-25T00:00:00Z', '2027-11-20T00:00:00Z'],
    ['Australia/Lord_Howe', '2027-03-25T00:00:00Z', '2027-04-10T00:00:00Z'],
    ['Pacific/Chatham', '2027-09-10T00:00:00Z', '2027-10-10T00:00:00Z'],
    ['America/Santiago', '2027-03-20T00:00:00Z', '2027-04-20T00:00:00Z'],
    ['Africa/Casablanca', '2027-01-20T00:00:00Z', '2027-03-20T00:00:00Z'],
    ['Pacific/Kiritimati', '2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z'],
    ['Asia/Kolkata', '2027-06-01T00:00:00Z', '2027-06-02T00:00:00Z'],
  ];

  it('gives the same offset Intl gives at every minute-ish instant of the span', () => {
    let changes = 0;
    for (const [zone, from, to] of SPANS) {
      const fromMs = Date.parse(from);
      const toMs = Date.parse(to);
      const offsetAt = offsetsAcross(zone, fromMs, toMs);
      let last: number | undefined;
      // Every 7 minutes and 13 seconds: lands on many different minutes and seconds, and near every change.
      for (let at = fromMs; at <= toMs; at += 433_000) {
        const expected = zoneOffsetMs(zone, at);
        expect(offsetAt(at), `${zone} at ${new Date(at).toISOString()}`).to.equal(expected);
        if (last !== undefined && last !== expected) changes++;
        last = expected;
      }
      // Right at and just before each change, to the second.
      expect(offsetAt(toMs + 5 * 86_400_000)).to.equal(zoneOffsetMs(zone, toMs + 5 * 86_400_000));
    }
    // The spans really hold clock changes (else the comparison would prove little).
    expect(changes).to.be.greaterThan(4);
  });

  it('puts each slot on the day dayInZone gives it, across clock changes', () => {
    for (const [zone, from, to] of SPANS) {
      const slots: { start: string }[] = [];
      for (let at = Date.parse(from); at <= Date.parse(to); at += 617_000) slots.push({ start: new Date(at).toISOString().replace('.000Z', 'Z') });
      const days = bucketByLocalDay(slots, () => zone);
      for (const [day, inDay] of days) {
        for (const slot of inDay) expect(dayInZone(zone, Date.parse(slot.start)), `${zone} ${slot.start}`).to.equal(day);
      }
      expect([...days.values()].flat().length).to.equal(slots.length);
    }
  });
});
