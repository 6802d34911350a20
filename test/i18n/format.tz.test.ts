import { expect } from '@open-wc/testing';
import { formatDecimal, formatFhirDate, formatInstant, zoneLabel } from '../../src/i18n/index.js';
import { loadLocale, translate } from '../../src/i18n/index.js';

// Runs once per browser time zone (UTC−11, UTC+5:30, UTC+14; see web-test-runner.config.mjs): the output
// must not depend on where the viewer sits.
const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** ICU versions differ on the space before AM/PM (U+202F or U+0020); the words are what matter. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe(`formatting in the viewer zone ${viewerZone}`, () => {
  it('formats FHIR dates from their parts, never shifting the day', () => {
    expect(formatFhirDate('2021-05-03', 'en')).to.equal('May 3, 2021');
    expect(formatFhirDate('2021-01-01', 'en')).to.equal('January 1, 2021');
    expect(formatFhirDate('2021-12-31', 'es')).to.equal('31 de diciembre de 2021');
    expect(formatFhirDate('2021-05', 'en')).to.equal('May 2021');
    expect(formatFhirDate('2021', 'en')).to.equal('2021');
    expect(formatFhirDate('2013-01-10T10:00:00+10:00', 'en')).to.equal('January 10, 2013');
  });

  it('shows instants in the clinic zone with its label, whatever the viewer zone', () => {
    // 14:30 UTC on a January day is 9:30 AM in New York (EST).
    expect(plain(formatInstant('2027-01-15T14:30:00Z', { locale: 'en', timeZone: 'America/New_York', zone: true }))).to.equal('9:30 AM EST');
    expect(zoneLabel('2027-07-15T14:30:00Z', 'America/New_York', 'en')).to.equal('EDT');
  });

  it('keeps the writer offset when the clinic publishes no zone', () => {
    expect(plain(formatInstant('2021-03-10T15:00:00-05:00', { locale: 'en' }))).to.equal('3:00 PM');
  });

  it('reuses formatters without mixing zones, languages or options, on both sides of a clock change', () => {
    const NY = 'America/New_York';
    // The night clocks fall back in New York: 05:59:59Z is still 1:59 EDT, 06:00Z is 1:00 EST.
    expect(zoneLabel('2027-11-07T05:30:00Z', NY, 'en')).to.equal('EDT');
    expect(zoneLabel('2027-11-07T05:59:59Z', NY, 'en')).to.equal('EDT');
    expect(zoneLabel('2027-11-07T06:00:00Z', NY, 'en')).to.equal('EST');
    expect(zoneLabel('2027-11-07T05:30:00Z', NY, 'en'), 'asked again after the change').to.equal('EDT');
    // Chicago changes an hour later in UTC; Kolkata has no abbreviation in English.
    expect(zoneLabel('2027-11-07T06:30:00Z', 'America/Chicago', 'en')).to.equal('CDT');
    expect(zoneLabel('2027-11-07T06:30:00Z', 'Asia/Kolkata', 'en')).to.equal('GMT+5:30');
    expect(plain(formatInstant('2027-11-07T05:30:00Z', { locale: 'en', timeZone: NY, zone: true }))).to.equal('1:30 AM EDT');
    expect(plain(formatInstant('2027-11-07T06:30:00Z', { locale: 'en', timeZone: NY, zone: true }))).to.equal('1:30 AM EST');
    expect(plain(formatInstant('2027-11-07T06:30:00Z', { locale: 'en', timeZone: NY, date: 'medium' }))).to.equal('Nov 7, 2027, 1:30 AM');
    expect(plain(formatInstant('2027-11-07T06:30:00Z', { locale: 'en', timeZone: NY, date: 'medium', time: false }))).to.equal('Nov 7, 2027');
    // Spanish (`es`, not `es-US`) keeps a 24-hour clock: a formatter of its own.
    expect(plain(formatInstant('2027-11-07T18:30:00Z', { locale: 'es', timeZone: NY }))).to.equal('13:30');
    expect(plain(formatInstant('2027-11-07T18:30:00Z', { locale: 'en', timeZone: NY }))).to.equal('1:30 PM');
    expect(formatFhirDate('2013-01-10', 'en')).to.equal('January 10, 2013');
    expect(formatFhirDate('2013-01-10', 'en', 'short')).to.equal('Jan 10, 2013');
    expect(formatFhirDate('2013-01', 'en', 'short')).to.equal('Jan 2013');
  });

  it('formats decimals with the precision they were written with', () => {
    expect(formatDecimal('2.00', 'en')).to.equal('2.00');
    expect(formatDecimal('2.00', 'es')).to.equal('2,00');
    expect(formatDecimal('1000000000000000000', 'en')).to.equal('1,000,000,000,000,000,000');
    expect(formatDecimal('1E-22', 'en')).to.equal('1E-22');
    expect(formatDecimal('-0.050', 'en')).to.equal('-0.050');
  });

  it('fills placeholders and falls back to the template for unknown params', async () => {
    await loadLocale('es');
    expect(translate('es', 'patientBanner.born', { date: 'x' })).to.equal('Fecha de nacimiento: x');
    expect(translate('en', 'patientBanner.born')).to.equal('Born {date}');
  });

});
