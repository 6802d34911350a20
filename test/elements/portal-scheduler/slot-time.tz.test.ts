import { expect } from '@open-wc/testing';
import type { Location, Practitioner, Service } from '../../../src/model/scheduling.js';
import { schedulerStrings } from '../../../src/elements/portal-scheduler/strings.js';
import { slotAccessibleName, slotTimeLabels } from '../../../src/elements/portal-scheduler/slot-time.js';

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

describe(`slot times in the clinic zone, viewed from ${browserZone}`, () => {
  before(() => schedulerStrings.load('es'));

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
});
