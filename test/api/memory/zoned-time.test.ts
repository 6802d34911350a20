import { expect } from '@open-wc/testing';
import {
  addDays,
  dateInZone,
  formatInstant,
  formatWithOffset,
  toFhirDate,
  wallTimeToEpochMs,
  zonedInstant,
  zoneOffsetMs,
} from '../../../src/api/zoned-time.js';
import { InstantSchema } from '../../../src/model/index.js';
import { localDate, localTime } from './support.js';

const NY = 'America/New_York';

describe('memory adapter: zoned wall times', () => {
  it('writes a local time with the offset the zone has on that day', () => {
    expect(zonedInstant(NY, { year: 2027, month: 3, day: 13 }, 8 * 60)).to.equal('2027-03-13T08:00:00-05:00');
    expect(zonedInstant(NY, { year: 2027, month: 3, day: 14 }, 8 * 60)).to.equal('2027-03-14T08:00:00-04:00');
    expect(zonedInstant(NY, { year: 2027, month: 11, day: 7 }, 8 * 60)).to.equal('2027-11-07T08:00:00-05:00');
    expect(zonedInstant('America/Chicago', { year: 2027, month: 7, day: 1 }, 9 * 60 + 30)).to.equal('2027-07-01T09:30:00-05:00');
    expect(zonedInstant('Pacific/Kiritimati', { year: 2027, month: 1, day: 1 }, 0)).to.equal('2027-01-01T00:00:00+14:00');
    expect(zonedInstant('Pacific/Pago_Pago', { year: 2027, month: 1, day: 1 }, 23 * 60)).to.equal('2027-01-01T23:00:00-11:00');
  });

  it('moves a time in the spring-forward gap forward, as a wall clock does', () => {
    // 02:30 does not exist in New York on 14 March 2027; Temporal's "compatible" reads it as 03:30 EDT.
    expect(zonedInstant(NY, { year: 2027, month: 3, day: 14 }, 2 * 60 + 30)).to.equal('2027-03-14T03:30:00-04:00');
  });

  it('takes the earlier of the two 01:30s on the fall-back night', () => {
    expect(zonedInstant(NY, { year: 2027, month: 11, day: 7 }, 60 + 30)).to.equal('2027-11-07T01:30:00-04:00');
  });

  it('keeps 08:00 at 08:00 across the change, where adding 24 hours would not', () => {
    const saturday = wallTimeToEpochMs(NY, { year: 2027, month: 3, day: 13 }, 8 * 60);
    const sunday = wallTimeToEpochMs(NY, { year: 2027, month: 3, day: 14 }, 8 * 60);
    expect(sunday - saturday).to.equal(23 * 3_600_000);
    expect(localTime(formatInstant(sunday, NY), NY)).to.equal('08:00');
    expect(localTime(formatInstant(saturday + 86_400_000, NY), NY)).to.equal('09:00');
  });

  it('counts calendar days without a clock and reads dates in a zone', () => {
    expect(addDays({ year: 2027, month: 2, day: 27 }, 2)).to.deep.equal({ year: 2027, month: 3, day: 1 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).to.deep.equal({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2027, month: 1, day: 1 }, -1)).to.deep.equal({ year: 2026, month: 12, day: 31 });
    // 03:00 UTC on 11 March is still 10 March in New York and Chicago.
    expect(dateInZone(NY, Date.parse('2027-03-11T03:00:00Z'))).to.deep.equal({ year: 2027, month: 3, day: 10 });
  });

  it('produces strings the model accepts as instants', () => {
    for (const zone of [NY, 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      const instant = formatInstant(Date.parse('2027-06-15T12:34:56.789Z'), zone);
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
    expect(dateInZone(NY, Date.parse('0999-03-14T12:00:00Z')), 'a year the formatter prints short').to.deep.equal({ year: 999, month: 3, day: 14 });
  });

  it('opens at 08:00 local on every day from March to December, both changes included', () => {
    for (let date = { year: 2027, month: 3, day: 1 }, n = 0; n < 290; n++, date = addDays(date, 1)) {
      for (const zone of [NY, 'America/Chicago', 'Australia/Lord_Howe']) {
        const instant = formatInstant(wallTimeToEpochMs(zone, date, 8 * 60), zone);
        expect(`${localDate(instant, zone)} ${localTime(instant, zone)}`, `${zone} ${toFhirDate(date)}`).to.equal(`${toFhirDate(date)} 08:00`);
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
      for (const [minutes, written] of offsets) expect(formatWithOffset(at, minutes * 60_000)).to.equal(written);
    }
  });
});
