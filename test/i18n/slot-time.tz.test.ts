import { expect } from '@open-wc/testing';
import type { Location, Practitioner, Service, Slot } from '../../src/model/scheduling.js';
import { loadLocale } from '../../src/i18n/index.js';
import { bucketByLocalDay, followUpDay, localDayOf, slotAccessibleName, slotTimeLabels } from '../../src/i18n/slot-time.js';

// Runs once per browser time zone (UTC−11, UTC+5:30, UTC+14; see web-test-runner.config.mjs). Every
// expectation below is the same in all three: nothing may depend on where the browser sits.
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** ICU versions differ on the space before AM/PM (U+202F, U+00A0 or U+0020); the words are what matter. */
const plain = (text: string | undefined) => text?.replace(/[\u202f\u00a0]/g, ' ');
const plainLabels = (labels: ReturnType<typeof slotTimeLabels>) => ({
  ...labels,
  time: plain(labels.time),
  ...(labels.viewerTime === undefined ? {} : { viewerTime: plain(labels.viewerTime) }),
});

const newYork: Location = { id: 'loc-ny', name: 'Riverside Downtown Clinic', timeZone: 'America/New_York' };
const chicago: Location = { id: 'loc-chi', name: 'Lakeshore Clinic', timeZone: 'America/Chicago' };
const noZone: Location = { id: 'loc-popup', name: 'Harbor Pop-up Clinic' };
const hart: Practitioner = { id: 'pr-hart', name: 'Dr. Amara Hart' };
const flu: Service = { id: 'svc-flu', name: 'Flu vaccination' };
const locations: Record<string, Location> = { [newYork.id]: newYork, [chicago.id]: chicago, [noZone.id]: noZone };

function slot(id: string, start: string, locationId = newYork.id): Slot {
  return { id, start, end: start, status: 'free', serviceIds: [flu.id], locationId };
}

describe(`slot times in the clinic zone, viewed from ${browserZone}`, () => {
  before(() => loadLocale('es'));

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

  describe('slotTimeLabels', () => {
    const labels = (start: string, location: Location | undefined, viewerZone?: string, locale: 'en' | 'es' = 'en') =>
      plainLabels(slotTimeLabels({ start }, { locale, location, viewerZone }));

    it('labels New York times EDT before and EST after the fall-back change', () => {
      expect(labels('2026-10-31T09:00:00-04:00', newYork)).to.deep.equal({ time: '9:00 AM', zone: 'EDT', offsetOnly: false });
      expect(labels('2026-11-02T09:00:00-05:00', newYork)).to.deep.equal({ time: '9:00 AM', zone: 'EST', offsetOnly: false });
      expect(labels('2026-11-01T08:00:00-05:00', newYork)).to.deep.equal({ time: '8:00 AM', zone: 'EST', offsetOnly: false });
      // The two 1:30 AMs of Nov 1 are told apart by their label.
      expect(labels('2026-11-01T01:30:00-04:00', newYork)).to.deep.equal({ time: '1:30 AM', zone: 'EDT', offsetOnly: false });
      expect(labels('2026-11-01T01:30:00-05:00', newYork)).to.deep.equal({ time: '1:30 AM', zone: 'EST', offsetOnly: false });
      // Written in UTC, shown on the clinic clock.
      expect(labels('2026-11-02T04:30:00Z', newYork)).to.deep.equal({ time: '11:30 PM', zone: 'EST', offsetOnly: false });
    });

    it('shows the right times on the spring-forward day', () => {
      expect(labels('2026-03-07T09:00:00-05:00', newYork)).to.deep.equal({ time: '9:00 AM', zone: 'EST', offsetOnly: false });
      expect(labels('2026-03-08T01:30:00-05:00', newYork)).to.deep.equal({ time: '1:30 AM', zone: 'EST', offsetOnly: false });
      // Half an hour after 1:30 EST the clock reads 3:00 EDT: 2:xx does not exist that night.
      expect(labels('2026-03-08T07:00:00Z', newYork)).to.deep.equal({ time: '3:00 AM', zone: 'EDT', offsetOnly: false });
      expect(labels('2026-03-08T09:00:00-04:00', newYork)).to.deep.equal({ time: '9:00 AM', zone: 'EDT', offsetOnly: false });
    });

    it('labels a Chicago clinic in Central time', () => {
      expect(labels('2026-11-03T09:30:00-06:00', chicago)).to.deep.equal({ time: '9:30 AM', zone: 'CST', offsetOnly: false });
      expect(labels('2026-10-30T14:30:00Z', chicago)).to.deep.equal({ time: '9:30 AM', zone: 'CDT', offsetOnly: false });
    });

    it('falls back to the slot offset and says so when the clinic has no zone', () => {
      expect(labels('2026-11-01T23:30:00-05:00', noZone)).to.deep.equal({ time: '11:30 PM', zone: 'UTC\u221205:00', offsetOnly: true });
      expect(labels('2026-11-01T09:00:00+05:30', undefined)).to.deep.equal({ time: '9:00 AM', zone: 'UTC+05:30', offsetOnly: true });
      expect(labels('2026-11-01T09:00:00Z', noZone)).to.deep.equal({ time: '9:00 AM', zone: 'UTC', offsetOnly: true });
    });

    it('adds the viewer time only when it reads differently', () => {
      const start = '2026-11-03T09:30:00-05:00'; // 14:30 UTC, a Tuesday
      expect(labels(start, newYork, 'America/New_York').viewerTime).to.equal(undefined);
      expect(labels(start, newYork, 'America/Detroit')).to.not.have.property('viewerTime');
      expect(labels(start, newYork).viewerTime).to.equal(undefined);
      expect(labels(start, newYork, 'America/Chicago').viewerTime).to.equal('8:30 AM CST');
      expect(labels(start, newYork, 'Asia/Kolkata').viewerTime).to.equal('8:00 PM GMT+5:30');
      expect(labels(start, newYork, 'Pacific/Pago_Pago').viewerTime).to.equal('3:30 AM GMT-11');
      // Already Wednesday on Kiritimati: the day is part of the second line.
      expect(labels(start, newYork, 'Pacific/Kiritimati').viewerTime).to.equal('Wed 4:30 AM GMT+14');
      expect(labels(start, newYork, 'Pacific/Kiritimati', 'es')).to.deep.equal({
        time: '9:30 a.m.',
        zone: 'EST',
        offsetOnly: false,
        viewerTime: 'mié 4:30 a.m. GMT+14',
      });
      // Late evening at the clinic is the next day in Kolkata.
      expect(labels('2026-11-01T23:30:00-05:00', newYork, 'Asia/Kolkata').viewerTime).to.equal('Mon 10:00 AM GMT+5:30');
      // A viewer west of the clinic can be on the previous day.
      expect(labels('2026-11-03T00:30:00-05:00', newYork, 'Pacific/Pago_Pago').viewerTime).to.equal('Mon 6:30 PM GMT-11');
    });

    it('names the viewer zone even when only the offset of the clinic is known', () => {
      expect(labels('2026-11-03T09:30:00-05:00', noZone, 'America/New_York').viewerTime).to.equal('9:30 AM EST');
      expect(labels('2026-11-03T09:30:00Z', noZone, 'UTC').viewerTime).to.equal(undefined);
    });
  });

  describe('slotAccessibleName', () => {
    const start = '2026-11-03T09:30:00-05:00';
    const name = (options: Partial<Parameters<typeof slotAccessibleName>[1]>, at = start) =>
      plain(slotAccessibleName({ start: at }, { locale: 'en', viewerZone: 'America/New_York', ...options }));

    it('says day, time, zone, clinician and place in English', () => {
      expect(name({ location: newYork, practitioner: hart })).to.equal(
        'Tuesday, November 3, 2026, 9:30 AM EST, with Dr. Amara Hart, at Riverside Downtown Clinic',
      );
    });

    it('says them in Spanish from the catalogue', () => {
      expect(name({ locale: 'es', location: newYork, practitioner: hart, service: flu })).to.equal(
        'martes, 3 de noviembre de 2026, 9:30 a.m. EST, con Dr. Amara Hart, en Riverside Downtown Clinic, para Flu vaccination',
      );
    });

    it('includes the viewer time when the button shows it, and the service when given', () => {
      expect(name({ location: newYork, practitioner: hart, service: flu, viewerZone: 'Pacific/Kiritimati' })).to.equal(
        'Tuesday, November 3, 2026, 9:30 AM EST, your time Wed 4:30 AM GMT+14, with Dr. Amara Hart, at Riverside Downtown Clinic, for Flu vaccination',
      );
      expect(name({ locale: 'es', location: newYork, viewerZone: 'Asia/Kolkata' })).to.equal(
        'martes, 3 de noviembre de 2026, 9:30 a.m. EST, su hora 8:00 p.m. GMT+5:30, en Riverside Downtown Clinic',
      );
    });

    it('gives the clinic day and tells apart the two 1:30 AMs of the fall-back night', () => {
      expect(name({ location: newYork, practitioner: hart }, '2026-11-02T04:30:00Z')).to.equal(
        'Sunday, November 1, 2026, 11:30 PM EST, with Dr. Amara Hart, at Riverside Downtown Clinic',
      );
      const edt = name({ location: newYork }, '2026-11-01T01:30:00-04:00');
      const est = name({ location: newYork }, '2026-11-01T01:30:00-05:00');
      expect(edt).to.equal('Sunday, November 1, 2026, 1:30 AM EDT, at Riverside Downtown Clinic');
      expect(est).to.equal('Sunday, November 1, 2026, 1:30 AM EST, at Riverside Downtown Clinic');
    });

    it('says how many places one button stands for, after the time, when there is more than one', () => {
      expect(name({ location: newYork, places: 12 })).to.equal('Tuesday, November 3, 2026, 9:30 AM EST, 12 places, at Riverside Downtown Clinic');
      expect(name({ locale: 'es', location: newYork, places: 2 })).to.equal('martes, 3 de noviembre de 2026, 9:30 a.m. EST, 2 plazas, en Riverside Downtown Clinic');
      expect(name({ location: newYork, places: 1 })).to.equal('Tuesday, November 3, 2026, 9:30 AM EST, at Riverside Downtown Clinic');
    });

    it('names the offset for a clinic without a zone', () => {
      expect(name({ location: noZone, practitioner: hart, viewerZone: undefined }, '2026-11-01T23:30:00-05:00')).to.equal(
        'Sunday, November 1, 2026, 11:30 PM UTC\u221205:00, with Dr. Amara Hart, at Harbor Pop-up Clinic',
      );
    });
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
