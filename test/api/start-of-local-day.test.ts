import { expect } from '@open-wc/testing';
import { startOfLocalDay } from '../../src/api/zoned-time.js';
import { localDayOf } from '../../src/i18n/slot-time.js';

describe('startOfLocalDay (api/zoned-time)', () => {
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
