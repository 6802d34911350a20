import { expect } from '@open-wc/testing';
import {
  DecimalTextSchema,
  FhirDateSchema,
  FhirDateTimeSchema,
  ImmunizationSchema,
  InstantSchema,
  LocationSchema,
  ResultSchema,
  SessionSchema,
  toLocale,
} from '../../src/model/index.js';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('model schemas', () => {
  it('FHIR dates keep their precision and reject impossible ones', () => {
    for (const value of ['2021', '2021-05', '2021-05-03']) expect(ok(FhirDateSchema, value), value).to.equal(true);
    for (const value of ['2021-13', '2021-05-32', '21-05-03', '2021-5-3', '2021-05-03T10:00:00Z', '']) {
      expect(ok(FhirDateSchema, value), value).to.equal(false);
    }
  });

  it('instants need seconds-level time and an hh:mm offset', () => {
    expect(ok(InstantSchema, '2021-03-10T15:00:00-05:00')).to.equal(true);
    expect(ok(InstantSchema, '2021-03-10T15:00:00.123Z')).to.equal(true);
    expect(ok(InstantSchema, '2021-03-10T15:00:00+14:00')).to.equal(true);
    // The published SMART Scheduling Links example uses "-05": not a valid instant.
    expect(ok(InstantSchema, '2021-03-10T15:00:00-05')).to.equal(false);
    expect(ok(InstantSchema, '2021-03-10T15:00:00')).to.equal(false);
    expect(ok(InstantSchema, '2021-03-10')).to.equal(false);
  });

  it('dateTimes may be partial but a time needs an offset', () => {
    for (const value of ['2021', '2021-05', '2021-05-03', '2021-05-03T10:00:00+10:00']) expect(ok(FhirDateTimeSchema, value)).to.equal(true);
    expect(ok(FhirDateTimeSchema, '2021-05-03T10:00:00')).to.equal(false);
  });

  it('decimals are lexical text', () => {
    for (const value of ['2.00', '0', '-1.5', '1E-22', '-1.000000000000000000E+245', '1000000000000000000']) {
      expect(ok(DecimalTextSchema, value), value).to.equal(true);
    }
    for (const value of ['2.', '.5', '01', 'NaN', '1,5', 2]) expect(ok(DecimalTextSchema, value), String(value)).to.equal(false);
  });

  it('a location keeps only a zone Intl knows', () => {
    expect(ok(LocationSchema, { id: 'l1', name: 'Clinic', timeZone: 'America/New_York' })).to.equal(true);
    expect(ok(LocationSchema, { id: 'l1', name: 'Clinic', timeZone: 'Mars/Olympus' })).to.equal(false);
    expect(ok(LocationSchema, { id: 'l1', name: 'Clinic' })).to.equal(true);
  });

  it('results carry a typed value', () => {
    const base = { id: 'o1', code: { text: 'Glucose', codings: [] }, status: 'final', referenceRanges: [], components: [], memberIds: [] };
    expect(ok(ResultSchema, { ...base, value: { kind: 'quantity', quantity: { value: '6.3', unit: 'mmol/L' } } })).to.equal(true);
    expect(ok(ResultSchema, { ...base, value: { kind: 'quantity', quantity: { value: 6.3 } } })).to.equal(false);
    expect(ok(ResultSchema, { ...base, value: { kind: 'absent' } })).to.equal(true);
    expect(ok(ResultSchema, { ...base, status: 'weird', value: { kind: 'absent' } })).to.equal(false);
  });

  it('immunizations keep not-done and patient-reported', () => {
    const base = { id: 'i1', vaccine: { text: 'Flu', concept: { text: 'Flu', codings: [] } }, primarySource: false };
    expect(ok(ImmunizationSchema, { ...base, status: 'not-done', statusReason: 'Patient objection' })).to.equal(true);
    expect(ok(ImmunizationSchema, { ...base, status: 'completed', occurrenceDate: '2021-05' })).to.equal(true);
    expect(ok(ImmunizationSchema, { ...base, status: 'completed', occurrenceDate: 'May 2021' })).to.equal(false);
  });

  it('a signed-in session names its patient; others do not', () => {
    expect(ok(SessionSchema, { status: 'signed-in', patientId: 'p1', scopes: [] })).to.equal(true);
    expect(ok(SessionSchema, { status: 'signed-in', scopes: [] })).to.equal(false);
    expect(ok(SessionSchema, { status: 'signed-out' })).to.equal(true);
  });

  it('picks a supported locale from a language tag', () => {
    expect(toLocale('es-MX')).to.equal('es');
    expect(toLocale('ES')).to.equal('es');
    expect(toLocale('fr')).to.equal('en');
    expect(toLocale(undefined)).to.equal('en');
  });
});
