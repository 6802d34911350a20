import { expect } from '@open-wc/testing';
import {
  buildThreads,
  clientRequestSearch,
  conceptText,
  datePart,
  formatHumanName,
  mapAppointment,
  mapCommunication,
  mapDiagnosticReport,
  mapImmunization,
  mapLocation,
  mapObservation,
  mapPatient,
  mapPractitioner,
  mapRecommendations,
  mapService,
  mapSlot,
  parseReference,
  practitionerIdFromReference,
  practitionerReference,
  serviceFromSchedule,
  slotServices,
  truncateWords,
} from '../../../../src/api/fhir/map/index.js';
import { CLIENT_REQUEST_SYSTEM } from '../../../../src/api/fhir/constants.js';
import { XSS } from './fixtures.js';

describe('map/common', () => {
  describe('parseReference', () => {
    it('reads relative, versioned, absolute, urn and contained references', () => {
      expect(parseReference({ reference: 'Patient/123' })).to.deep.equal({ type: 'Patient', id: '123' });
      expect(parseReference('Observation/r1/_history/2')).to.deep.equal({ type: 'Observation', id: 'r1' });
      expect(parseReference('https://example.com/base/DiagnosticReport/f001')).to.deep.equal({ type: 'DiagnosticReport', id: 'f001' });
      expect(parseReference('http://52.90.126.238:8080/fhir/baseDstu3/Endpoint/71')).to.deep.equal({ type: 'Endpoint', id: '71' });
      expect(parseReference({ reference: 'urn:uuid:cdf500b9-7cc4-424d-a86c-a18e6620d6e7' })).to.deep.equal({
        id: 'cdf500b9-7cc4-424d-a86c-a18e6620d6e7',
      });
      expect(parseReference({ reference: 'urn:uuid:abc', type: 'Patient' })).to.deep.equal({ type: 'Patient', id: 'abc' });
      expect(parseReference({ reference: '#payor' })).to.deep.equal({ id: 'payor', contained: true });
    });

    it('refuses what is not a reference', () => {
      for (const bad of [undefined, null, 42, {}, { display: 'Dr X' }, 'Patient', 'Patient/', 'patient/1', 'junk/Patient/1', 'ftp://x/Patient/1', 'Patient/a b', 'Patient/' + 'x'.repeat(65), XSS[0]]) {
        expect(parseReference(bad), String(bad)).to.equal(undefined);
      }
    });
  });

  it('keeps a PractitionerRole distinguishable from a Practitioner in model ids', () => {
    expect(practitionerIdFromReference({ reference: 'Practitioner/1' })).to.equal('1');
    expect(practitionerIdFromReference({ reference: 'PractitionerRole/doc-smith-role' })).to.equal('PractitionerRole/doc-smith-role');
    expect(practitionerIdFromReference({ reference: 'Location/1' })).to.equal(undefined);
    expect(practitionerReference('1')).to.equal('Practitioner/1');
    expect(practitionerReference('PractitionerRole/doc-smith-role')).to.equal('PractitionerRole/doc-smith-role');
  });

  it('reads concept text in the order text → first display → first code', () => {
    expect(conceptText({ text: 'Written Record', coding: [{ display: 'd', code: 'c' }] })).to.equal('Written Record');
    expect(conceptText({ text: '  ', coding: [{ code: 'RP' }, { code: 'x', display: 'Second display' }] })).to.equal('Second display');
    expect(conceptText({ coding: [{ system: 'http://snomed.info/sct', code: '40468003' }] })).to.equal('40468003');
    expect(conceptText({ coding: [] })).to.equal(undefined);
    expect(conceptText('text')).to.equal(undefined);
  });

  it('takes the local date part of a dateTime, never shifting the day', () => {
    expect(datePart('2020-11-19T23:46:57-08:00')).to.equal('2020-11-19'); // 2020-11-20 in UTC
    expect(datePart('2013-01-10T10:00:00+10:00')).to.equal('2013-01-10'); // 2013-01-10T00:00Z, 2013-01-09 in America
    expect(datePart('2021-05')).to.equal('2021-05');
    expect(datePart('2021')).to.equal('2021');
    expect(datePart('2021-02-30x')).to.equal(undefined);
    expect(datePart(20210503)).to.equal(undefined);
  });

  it('formats human names with titles only when asked', () => {
    const name = { use: 'official', family: 'Mejía', given: ['Gustavo'], prefix: ['Mr.'] };
    expect(formatHumanName(name)).to.equal('Gustavo Mejía');
    expect(formatHumanName(name, true)).to.equal('Mr. Gustavo Mejía');
    expect(formatHumanName({ text: 'Dokter Bronsig', family: 'Bronsig' }, true)).to.equal('Dokter Bronsig');
    expect(formatHumanName({ given: [' '], family: '' })).to.equal(undefined);
  });

  it('truncates on a word boundary with an ellipsis, within the limit', () => {
    const long = 'Patient 1 has a very high serum potassium value (7.2 mmol/L on 2014-Dec-12 at 5:55 pm) and more words';
    const cut = truncateWords(long, 80);
    expect(cut.length).to.be.at.most(80);
    expect(cut.endsWith('…')).to.equal(true);
    expect(long.startsWith(cut.slice(0, -1))).to.equal(true);
    expect(cut.slice(0, -1).endsWith(' ')).to.equal(false);
    expect(truncateWords('short\n text', 80)).to.equal('short text');
  });

  it('builds the conditional-create / search-before-retry query for a client request id', () => {
    const query = clientRequestSearch('Appointment', 'b7f3c1e2-0000-4000-8000-000000000001');
    expect(query).to.equal(`identifier=${encodeURIComponent(`${CLIENT_REQUEST_SYSTEM}|b7f3c1e2-0000-4000-8000-000000000001`)}`);
    expect(new URLSearchParams(query).get('identifier')).to.equal(`${CLIENT_REQUEST_SYSTEM}|b7f3c1e2-0000-4000-8000-000000000001`);
    // Search special characters in a key are escaped, so the key cannot turn into two values or a system.
    expect(new URLSearchParams(clientRequestSearch('Communication', 'a,b|c')).get('identifier')).to.equal(`${CLIENT_REQUEST_SYSTEM}|a\\,b\\|c`);
  });
});

describe('map: hostile input never throws', () => {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 5000; i++) cursor = (cursor.extension = { extension: {} }).extension as Record<string, unknown>;
  const withThrowingGetter = Object.defineProperty({ resourceType: 'Observation', id: 'x' }, 'status', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const inputs: unknown[] = [
    undefined,
    null,
    0,
    1e308,
    -Infinity,
    NaN,
    '',
    XSS[0],
    [],
    [{ resourceType: 'Patient', id: '1' }],
    {},
    { resourceType: 'Unknown' },
    { resourceType: 'Patient' },
    { resourceType: 'Observation', id: 'x', status: 'final', code: { text: 'x' }, valueQuantity: { value: 1e400 } },
    { resourceType: 'Observation', id: 'x', status: 'final', code: { text: 'x' }, valueQuantity: { value: '1e99999' } },
    { resourceType: 'Observation', id: 'x', status: 'final', code: { text: 'x' }, component: 'nope', referenceRange: [null, 1] },
    { resourceType: 'Slot', id: 'x', start: 12, end: [], status: {}, extension: 'x' },
    { resourceType: 'Communication', id: 'x', payload: [null, { contentAttachment: 'x' }], partOf: [{ reference: 7 }] },
    { resourceType: 'Appointment', id: 'x', status: 'booked', participant: [null, 5, { actor: 'Patient/1' }] },
    { resourceType: 'ImmunizationRecommendation', id: 'x', recommendation: [null, 'x', { dateCriterion: 'x' }] },
    { resourceType: 'Immunization', id: 'x', status: 'completed', vaccineCode: { text: 'x' }, occurrenceDateTime: { $date: 1 } },
    { resourceType: 'Patient', id: 'x'.repeat(300), name: [{ given: [1, null, {}] }] },
    JSON.parse('{"resourceType":"Patient","id":"p","__proto__":{"polluted":true},"name":[{"text":"x"}]}'),
    { ...deep, resourceType: 'Location', id: 'deep', name: 'Deep' },
    withThrowingGetter,
  ];

  const mappers: [string, (r: unknown) => unknown][] = [
    ['mapPatient', mapPatient],
    ['mapLocation', mapLocation],
    ['mapPractitioner', (r) => mapPractitioner(r, new Map([['1', r]]))],
    ['mapService', mapService],
    ['mapSlot', (r) => mapSlot(r, r)],
    ['serviceFromSchedule', serviceFromSchedule],
    ['slotServices', (r) => slotServices(r, r)],
    ['mapAppointment', (r) => mapAppointment(r, { patientId: '1' })],
    ['mapCommunication', (r) => mapCommunication(r, { patientId: '1', names: {} })],
    ['buildThreads', (r) => buildThreads([r, r], { patientId: '1' })],
    ['mapObservation', mapObservation],
    ['mapDiagnosticReport', (r) => mapDiagnosticReport(r, new Map([['x', r]]))],
    ['mapImmunization', mapImmunization],
    ['mapRecommendations', mapRecommendations],
  ];

  for (const [name, mapper] of mappers) {
    it(`${name} returns an outcome for every hostile input`, () => {
      for (const [i, input] of inputs.entries()) {
        let result: unknown;
        expect(() => (result = mapper(input)), `${name} input #${i}`).not.to.throw();
        // Reasons are codes, never copies of the input.
        const reason = (result as { reason?: string } | undefined)?.reason;
        if (reason !== undefined) expect(reason, `${name} input #${i}`).to.match(/^[a-z][a-z0-9:.-]*$/i);
      }
    });
  }

  it('rejects numbers that are not finite decimals instead of inventing text for them', () => {
    const huge = mapObservation({ resourceType: 'Observation', id: 'x', status: 'final', code: { text: 'x' }, valueQuantity: { value: Infinity } });
    expect(huge).to.deep.equal({ ok: false, reason: 'invalid-quantity' });
    const text = mapObservation({ resourceType: 'Observation', id: 'x', status: 'final', code: { text: 'x' }, valueQuantity: { value: '12abc' } });
    expect(text).to.deep.equal({ ok: false, reason: 'schema:value.quantity.value' });
  });

  it('turns an exception deep inside a resource into a rejection', () => {
    expect(mapObservation(withThrowingGetter)).to.deep.equal({ ok: false, reason: 'internal-error' });
  });
});
