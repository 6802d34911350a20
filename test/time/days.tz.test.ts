import { expect } from '@open-wc/testing';
import {
  addDays,
  addMonths,
  addYears,
  clampDay,
  compareDays,
  dayToUtcDate,
  daysInMonth,
  endOfWeek,
  firstOfMonth,
  followUpDay,
  fromDayKey,
  isDay,
  lastOfMonth,
  monthGrid,
  monthOf,
  parseDay,
  parsePartialDate,
  startOfWeek,
  toDayKey,
  WEEK_START,
  weekday,
  weekdayOrder,
} from '../../src/time/days.js';

// Runs once per browser time zone (UTC−11, UTC+5:30, UTC+14; see web-test-runner.config.mjs): plain calendar
// days must come out the same wherever the viewer sits.
const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Reference arithmetic through the UTC calendar, independent of the implementation under test. */
function utcReference(day: string, offset: number): { day: string; weekday: number } {
  const [year, month, date] = day.split('-').map(Number);
  const value = new Date(Date.UTC(year, month - 1, date + offset, 12));
  return { day: value.toISOString().slice(0, 10), weekday: value.getUTCDay() };
}

describe(`calendar days in the viewer zone ${viewerZone}`, () => {
  it('accepts only real calendar days', () => {
    expect(isDay('2028-02-29')).to.equal(true);
    expect(isDay('2027-02-29')).to.equal(false);
    expect(isDay('2000-02-29')).to.equal(true);
    expect(isDay('1900-02-29')).to.equal(false);
    expect(isDay('2026-04-31')).to.equal(false);
    expect(isDay('2026-13-01')).to.equal(false);
    expect(isDay('2026-1-01')).to.equal(false);
    expect(isDay('2026-11-05T00:00:00Z')).to.equal(false);
    expect(isDay(20261105)).to.equal(false);
    expect(() => parseDay('2026-02-30')).to.throw(RangeError);
    expect(parseDay('2026-11-05')).to.deep.equal({ year: 2026, month: 11, day: 5 });
    expect(daysInMonth(2028, 2)).to.equal(29);
    expect(daysInMonth(2100, 2)).to.equal(28);
  });

  it('adds days across month and year boundaries', () => {
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2027-01-01', -1)).to.equal('2026-12-31');
    expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addDays('2028-02-29', 1)).to.equal('2028-03-01');
    expect(addDays('2027-02-28', 1)).to.equal('2027-03-01');
    expect(addDays('2026-01-31', 7)).to.equal('2026-02-07');
    expect(addDays('2026-11-05', 0)).to.equal('2026-11-05');
    expect(addDays('2026-11-05', 365)).to.equal('2027-11-05');
    expect(addDays('0099-12-31', 1)).to.equal('0100-01-01');
  });

  it('does not shift around the US DST weeks (Mar 8 and Nov 1, 2026)', () => {
    expect(addDays('2026-03-07', 1)).to.equal('2026-03-08');
    expect(addDays('2026-03-08', 1)).to.equal('2026-03-09');
    expect(addDays('2026-03-09', -1)).to.equal('2026-03-08');
    expect(addDays('2026-10-31', 1)).to.equal('2026-11-01');
    expect(addDays('2026-11-01', 1)).to.equal('2026-11-02');
    expect(addDays('2026-11-02', -1)).to.equal('2026-11-01');
    expect(weekday('2026-03-08')).to.equal(0);
    expect(weekday('2026-11-01')).to.equal(0);
    expect(startOfWeek('2026-03-11', WEEK_START.en)).to.equal('2026-03-08');
    expect(endOfWeek('2026-03-08', WEEK_START.en)).to.equal('2026-03-14');
    expect(startOfWeek('2026-11-01', WEEK_START.es)).to.equal('2026-10-26');
    expect(endOfWeek('2026-11-01', WEEK_START.es)).to.equal('2026-11-01');
    expect(monthGrid('2026-03-01', WEEK_START.en)[1]).to.deep.equal([
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
    ]);
    expect(monthGrid('2026-11-01', WEEK_START.en)[0]).to.deep.equal([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
    ]);
  });

  it('adds months clamped to the month end, and years across Feb 29', () => {
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
    expect(addMonths('2026-03-31', -1)).to.equal('2026-02-28');
    expect(addMonths('2026-05-31', 1)).to.equal('2026-06-30');
    expect(addMonths('2026-12-15', 1)).to.equal('2027-01-15');
    expect(addMonths('2027-01-15', -1)).to.equal('2026-12-15');
    expect(addMonths('2027-01-15', -13)).to.equal('2025-12-15');
    expect(addMonths('2026-11-05', 0)).to.equal('2026-11-05');
    expect(addYears('2028-02-29', 1)).to.equal('2029-02-28');
    expect(addYears('2028-02-29', -4)).to.equal('2024-02-29');
    expect(addYears('2026-11-05', -1)).to.equal('2025-11-05');
  });

  it('lays out February 2028 (leap year) in Sunday-first and Monday-first weeks', () => {
    const sundayFirst = monthGrid('2028-02-17', WEEK_START.en);
    expect(sundayFirst).to.have.length(5);
    expect(sundayFirst[0]).to.deep.equal([null, null, '2028-02-01', '2028-02-02', '2028-02-03', '2028-02-04', '2028-02-05']);
    expect(sundayFirst[4]).to.deep.equal(['2028-02-27', '2028-02-28', '2028-02-29', null, null, null, null]);

    const mondayFirst = monthGrid('2028-02-01', WEEK_START.es);
    expect(mondayFirst).to.have.length(5);
    expect(mondayFirst[0]).to.deep.equal([null, '2028-02-01', '2028-02-02', '2028-02-03', '2028-02-04', '2028-02-05', '2028-02-06']);
    expect(mondayFirst[4]).to.deep.equal(['2028-02-28', '2028-02-29', null, null, null, null, null]);
  });

  it('returns 4 to 6 weeks as the month needs', () => {
    // February 2026 starts on a Sunday and has 28 days: exactly four Sunday-first weeks, five Monday-first.
    expect(monthGrid('2026-02-01', WEEK_START.en)).to.have.length(4);
    expect(monthGrid('2026-02-01', WEEK_START.es)).to.have.length(5);
    // August 2026 starts on a Saturday and has 31 days.
    expect(monthGrid('2026-08-01', WEEK_START.en)).to.have.length(6);
    // December 2026 → January 2027: the year boundary stays out of the grid.
    const december = monthGrid('2026-12-31', WEEK_START.en).flat();
    expect(december.filter(Boolean)).to.have.length(31);
    expect(december.at(-1)).to.equal(null);
    expect(december.filter((day) => day && !day.startsWith('2026-12'))).to.deep.equal([]);
  });

  it('agrees with the UTC calendar on every day from 1999 to 2031, in every grid', () => {
    // Counted loops, so a broken addDays fails here instead of hanging.
    for (let offset = 0; offset < 33 * 366; offset++) {
      const reference = utcReference('1999-01-01', offset);
      const previous = utcReference('1999-01-01', offset - 1).day;
      const got = { day: addDays('1999-01-01', offset), step: addDays(previous, 1), back: addDays(reference.day, -1), weekday: weekday(reference.day) };
      const want = { day: reference.day, step: reference.day, back: previous, weekday: reference.weekday };
      if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).to.deep.equal(want);
    }
    for (let index = 0; index < 33 * 12; index++) {
      const month = `${1999 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
      expect(addMonths('1999-01-01', index)).to.equal(month);
      for (const start of [WEEK_START.en, WEEK_START.es]) {
        const grid = monthGrid(month, start);
        const days = grid.flat().filter((day): day is string => day !== null);
        const [year, monthNumber] = month.split('-').map(Number);
        if (days.length !== daysInMonth(year, monthNumber) || days[0] !== month || grid.some((week) => week.length !== 7)) {
          expect(grid, month).to.equal('a full, ordered month');
        }
        grid.forEach((week) =>
          week.forEach((day, column) => {
            if (day && weekday(day) !== weekdayOrder(start)[column]) expect(day).to.equal(`in column ${column}`);
          }),
        );
      }
    }
  });

  it('compares, clamps and finds month ends', () => {
    expect(compareDays('2026-11-05', '2026-11-06')).to.be.below(0);
    expect(compareDays('2027-01-01', '2026-12-31')).to.be.above(0);
    expect(compareDays('2026-11-05', '2026-11-05')).to.equal(0);
    expect(clampDay('2026-11-01', '2026-11-05', '2027-02-10')).to.equal('2026-11-05');
    expect(clampDay('2027-03-01', '2026-11-05', '2027-02-10')).to.equal('2027-02-10');
    expect(clampDay('2026-12-24', '2026-11-05', '2027-02-10')).to.equal('2026-12-24');
    expect(clampDay('2026-12-24')).to.equal('2026-12-24');
    expect(monthOf('2026-11-05')).to.equal('2026-11');
    expect(firstOfMonth('2026-11-05')).to.equal('2026-11-01');
    expect(lastOfMonth('2028-02-05')).to.equal('2028-02-29');
    expect(weekdayOrder(WEEK_START.es)).to.deep.equal([1, 2, 3, 4, 5, 6, 0]);
    expect(weekdayOrder(WEEK_START.en)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives a Date that formats as the same day in UTC, years 0-99 included', () => {
    const utc = (day: string) =>
      new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(dayToUtcDate(day));
    expect(utc('2026-03-08')).to.equal('03/08/2026');
    expect(utc('2026-11-01')).to.equal('11/01/2026');
    expect(utc('2028-02-29')).to.equal('02/29/2028');
    expect(dayToUtcDate('0099-12-31').getUTCFullYear()).to.equal(99);
    expect(dayToUtcDate('2026-11-05').toISOString()).to.equal('2026-11-05T12:00:00.000Z');
  });

  it('writes days as compact keys and reads back only real days', () => {
    expect(toDayKey('2027-03-14')).to.equal('20270314');
    expect(fromDayKey('20270314')).to.equal('2027-03-14');
    expect(fromDayKey('20270230')).to.equal(undefined);
    expect(fromDayKey('20271301')).to.equal(undefined);
  });

  it('reads FHIR dates at the precision recorded, a dateTime by its date part', () => {
    expect(parsePartialDate('2021')).to.deep.equal({ year: 2021 });
    expect(parsePartialDate('2021-05')).to.deep.equal({ year: 2021, month: 5 });
    expect(parsePartialDate('2021-05-03')).to.deep.equal({ year: 2021, month: 5, day: 3 });
    expect(parsePartialDate('2013-01-10T10:00:00+10:00')).to.deep.equal({ year: 2013, month: 1, day: 10 });
    expect(parsePartialDate('May 2021')).to.equal(undefined);
    expect(dayToUtcDate({ year: 2021, month: 5 }).toISOString()).to.equal('2021-05-01T12:00:00.000Z');
    expect(dayToUtcDate({ year: 99 }).getUTCFullYear()).to.equal(99);
  });

  describe('followUpDay', () => {
    it('counts calendar days across months, years and leap days', () => {
      expect(followUpDay('2026-01-31', 28)).to.equal('2026-02-28');
      expect(followUpDay('2026-12-15', 21)).to.equal('2027-01-05');
      expect(followUpDay('2028-02-01', 28)).to.equal('2028-02-29');
      expect(followUpDay('2027-02-01', 28)).to.equal('2027-03-01');
      expect(followUpDay('2028-02-29', 365)).to.equal('2029-02-28');
      expect(followUpDay('2100-02-28', 1)).to.equal('2100-03-01');
      expect(followUpDay('2000-02-28', 1)).to.equal('2000-02-29');
    });

    it('is not moved by the clock changes it spans', () => {
      expect(followUpDay('2026-10-20', 28)).to.equal('2026-11-17');
      expect(followUpDay('2026-02-22', 28)).to.equal('2026-03-22');
      expect(followUpDay('2026-11-01', 1)).to.equal('2026-11-02');
      expect(followUpDay('2026-03-08', 1)).to.equal('2026-03-09');
    });

    it('rejects days that are not days', () => {
      expect(() => followUpDay('2026-02-30', 28)).to.throw(RangeError);
      expect(() => followUpDay('2026-2-3', 28)).to.throw(RangeError);
      expect(() => followUpDay('2026-11-01T09:00:00-05:00', 28)).to.throw(RangeError);
      expect(() => followUpDay('2026-11-01', 1.5)).to.throw(RangeError);
    });
  });
});
