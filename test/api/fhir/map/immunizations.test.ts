import { expect } from '@open-wc/testing';
import { buildImmunizationCreate, mapImmunization, mapRecommendations } from '../../../../src/api/fhir/map/index.js';
import { CLIENT_REQUEST_SYSTEM, IMMUNIZATION_ORIGIN_SYSTEM } from '../../../../src/api/fhir/constants.js';
import type { Immunization } from '../../../../src/model/index.js';
import { loadShared, resourcesIn } from './fixtures.js';

const IMM = 'fhir-r4/r4-spec-examples/immunizations/';

async function immunization(path: string): Promise<Immunization> {
  const result = mapImmunization(await loadShared(path));
  if (!result.ok) throw new Error(`${path}: ${result.reason}`);
  return result.value;
}

describe('map/immunizations', () => {
  it('historical: keeps occurrenceString as text and primarySource false', async () => {
    const historical = await immunization(`${IMM}Immunization-historical.json`);
    expect(historical).to.include({ occurrenceText: 'January 2012', primarySource: false, status: 'completed' });
    expect('occurrenceDate' in historical).to.equal(false);
    expect(historical.vaccine).to.deep.include({ text: 'Influenza' });
    expect('cvx' in historical.vaccine).to.equal(false); // coded in Australian AIR only
  });

  it('notGiven: status not-done with its statusReason, CVX code kept', async () => {
    const notGiven = await immunization(`${IMM}Immunization-notGiven.json`);
    expect(notGiven).to.include({ status: 'not-done', statusReason: 'medical precaution', statusReasonCode: 'MEDPREC', occurrenceDate: '2013-01-10', primarySource: true });
    expect(notGiven.vaccine).to.deep.include({ text: 'DTP', cvx: '01' });
  });

  it('keeps the local date of a dateTime with offset, never the UTC day (US Core imm-1)', async () => {
    const imm = await immunization('fhir-r4/us-core/immunizations/imm-1.json');
    expect(imm).to.include({ occurrenceDate: '2020-11-19', primarySource: false, performer: 'Dr Ronald Bone', location: 'Holy Family Hospital', lotNumber: 'AAJN11K' });
    expect(imm.vaccine).to.deep.include({ cvx: '197', text: 'Influenza, high-dose, quadrivalent, PF' });
    const late = mapImmunization({ resourceType: 'Immunization', id: 'late', status: 'completed', vaccineCode: { text: 'Flu' }, occurrenceDateTime: '2021-05-03T23:30:00-08:00' });
    expect(late.ok && late.value.occurrenceDate).to.equal('2021-05-03'); // 2021-05-04 in UTC
    const partial = mapImmunization({ resourceType: 'Immunization', id: 'p', status: 'completed', vaccineCode: { text: 'Flu' }, occurrenceDateTime: '2021-05' });
    expect(partial.ok && partial.value.occurrenceDate).to.equal('2021-05');
  });

  it('protocol: dose number and series doses from protocolApplied, site and route in words', async () => {
    const protocol = await immunization(`${IMM}Immunization-protocol.json`);
    expect(protocol).to.include({ doseNumber: '1', site: 'left arm', route: 'Injection, intramuscular', lotNumber: 'PT123F' });
    expect(protocol.vaccine).to.deep.include({ cvx: '104', text: 'Twinrix (HepA/HepB)' });
  });

  it('protocol: keeps every protocolApplied entry (a combination vaccine counts in two series), diseases only in words', async () => {
    const protocol = await immunization(`${IMM}Immunization-protocol.json`);
    // The fixture codes its target diseases in SNOMED without a display: no words, so none are kept (never a bare code).
    expect(protocol.protocolApplied).to.deep.equal([
      { series: '2-dose', doseNumber: '1' },
      { series: '3-dose', doseNumber: '2' },
    ]);
    const worded = mapImmunization({
      resourceType: 'Immunization', id: 'w', status: 'completed', vaccineCode: { text: 'Hep B' },
      protocolApplied: [{ series: '3-dose', doseNumberPositiveInt: 2, seriesDosesPositiveInt: 3, targetDisease: [{ coding: [{ system: 'http://snomed.info/sct', code: '66071002', display: 'Type B viral hepatitis' }] }] }],
    });
    expect(worded.ok && worded.value.protocolApplied).to.deep.equal([{ series: '3-dose', targetDiseases: ['Type B viral hepatitis'], doseNumber: '2', seriesDoses: '3' }]);
    expect(worded.ok && worded.value).to.include({ doseNumber: '2', seriesDoses: '3' });
  });

  it('reportOrigin in words; an occurrence late in the evening at its offset keeps its own day', () => {
    const reported = mapImmunization({
      resourceType: 'Immunization', id: 'r', status: 'completed', vaccineCode: { text: 'Flu' },
      occurrenceDateTime: '2021-05-03T23:30:00-05:00',
      reportOrigin: { coding: [{ system: IMMUNIZATION_ORIGIN_SYSTEM, code: 'record', display: 'Written Record' }] },
    });
    expect(reported.ok && reported.value).to.include({ reportOrigin: 'Written Record', reportOriginCode: 'record', occurrenceDate: '2021-05-03', primarySource: false });
  });

  it('keeps the v3-ActSite code of a site beside its words, and no code from another system', () => {
    const base = { resourceType: 'Immunization', id: 's', status: 'completed', vaccineCode: { text: 'Flu' } };
    const coded = mapImmunization({ ...base, site: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite', code: 'LD', display: 'left deltoid' }] } });
    expect(coded.ok && coded.value).to.include({ site: 'left deltoid', siteCode: 'LD' });
    const other = mapImmunization({ ...base, site: { coding: [{ system: 'http://snomed.info/sct', code: '368208006', display: 'Left upper arm structure' }] } });
    expect(other.ok && other.value).to.include({ site: 'Left upper arm structure' });
    expect(other.ok && other.value.siteCode).to.equal(undefined);
  });

  it('primarySource absent: true without reportOrigin, false with one', () => {
    const base = { resourceType: 'Immunization', id: 'x', status: 'completed', vaccineCode: { text: 'Flu' } };
    expect(mapImmunization(base).ok && (mapImmunization(base) as { value: Immunization }).value.primarySource).to.equal(true);
    const reported = mapImmunization({ ...base, reportOrigin: { coding: [{ system: IMMUNIZATION_ORIGIN_SYSTEM, code: 'recall' }] } });
    expect(reported.ok && reported.value.primarySource).to.equal(false);
    // A code alone is named in words, never shown as "recall".
    expect(reported.ok && reported.value.reportOrigin).to.equal('Parent/Guardian/Patient Recall');
  });

  it('maps all 17 Synthea infant immunizations with CVX codes and dates', async () => {
    const bundle = resourcesIn(await loadShared('fhir-r4/synthea/Enda_Schaefer_dd760206-6c4e-4e25-a799-f5c563e489a1.json'));
    const mapped = bundle.filter((r) => r.resourceType === 'Immunization').map((r) => mapImmunization(r));
    const values = mapped.flatMap((m) => (m.ok ? [m.value] : []));
    expect(values).to.have.length(17);
    expect(values.every((v) => /^\d{1,3}$/.test(v.vaccine.cvx ?? '') && /^\d{4}-\d{2}-\d{2}$/.test(v.occurrenceDate ?? ''))).to.equal(true);
  });

  it('rejects a bad status, a missing vaccine and an occurrence that is not a dateTime', () => {
    const base = { resourceType: 'Immunization', id: 'x', status: 'completed', vaccineCode: { text: 'Flu' } };
    expect(mapImmunization({ ...base, status: 'given' })).to.deep.equal({ ok: false, reason: 'invalid-status' });
    expect(mapImmunization({ ...base, vaccineCode: {} })).to.deep.equal({ ok: false, reason: 'missing-vaccine' });
    expect(mapImmunization({ ...base, occurrenceDateTime: '10/01/2013' })).to.deep.equal({ ok: false, reason: 'invalid-occurrence' });
  });
});

describe('map/immunizations: recommendations', () => {
  it('maps the R4 example entry: earliest date when no "date vaccine due", unknown forecast for text only', async () => {
    const { items, dropped } = mapRecommendations(await loadShared(`${IMM}ImmunizationRecommendation-example.json`));
    expect(dropped).to.equal(0);
    expect(items).to.deep.equal([
      {
        id: 'example-0',
        vaccine: { text: '40468003', concept: { text: '40468003', codings: [{ system: 'http://snomed.info/sct', code: '40468003' }] } },
        forecast: 'unknown',
        dueDate: '2015-12-01',
        doseNumber: '1',
        series: 'Vaccination Series 1',
        description: 'First sequence in protocol',
      },
    ]);
  });

  it('prefers LOINC 30980-7 "Date vaccine due", maps known forecast codes and counts bad entries', () => {
    const { items, dropped } = mapRecommendations({
      resourceType: 'ImmunizationRecommendation',
      id: 'rec',
      recommendation: [
        {
          vaccineCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208', display: 'COVID-19, mRNA' }] }],
          forecastStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', code: 'overdue' }] },
          dateCriterion: [
            { code: { coding: [{ system: 'http://loinc.org', code: '30981-5' }] }, value: '2021-01-01' },
            { code: { coding: [{ system: 'http://loinc.org', code: '30980-7' }] }, value: '2021-06-01T00:00:00-05:00' },
          ],
        },
        { forecastStatus: { text: 'due' } },
        'not an entry',
      ],
    });
    expect(items).to.have.length(1);
    expect(items[0]).to.include({ id: 'rec-0', forecast: 'overdue', dueDate: '2021-06-01' });
    expect(items[0].vaccine.cvx).to.equal('208');
    expect(dropped).to.equal(2);
    expect(mapRecommendations({ resourceType: 'Immunization', id: 'x' })).to.deep.equal({ items: [], dropped: 1 });
  });
});

describe('map/immunizations: recommendation dates as written', () => {
  it('cuts a dateTime with an offset to its own date, never the UTC one', () => {
    const { items } = mapRecommendations({
      resourceType: 'ImmunizationRecommendation',
      id: 'late',
      recommendation: [
        { vaccineCode: [{ text: 'Flu' }], forecastStatus: { coding: [{ code: 'due' }] }, dateCriterion: [{ code: { text: 'due' }, value: '2015-12-01T23:30:00-05:00' }] },
        { vaccineCode: [{ text: 'Tdap' }], forecastStatus: { coding: [{ code: 'due' }] }, dateCriterion: [{ code: { text: 'due' }, value: '2016-01-01T00:30:00+14:00' }] },
      ],
    });
    expect(items.map((item) => item.dueDate)).to.deep.equal(['2015-12-01', '2016-01-01']);
  });
});

describe('immunization writes', () => {
  it('a dose from a written record says so in reportOrigin', () => {
    const resource = buildImmunizationCreate({
      report: { cvx: '140', vaccineText: 'Flu', occurrenceDate: '2024', source: 'record', clientRequestId: 'key-2' },
      patientId: 'p1',
    });
    expect(resource.reportOrigin).to.deep.equal({ coding: [{ system: IMMUNIZATION_ORIGIN_SYSTEM, code: 'record', display: 'Written Record' }] });
    const echoed = mapImmunization({ ...resource, id: 'new' });
    expect(echoed.ok && echoed.value).to.include({ occurrenceDate: '2024', reportOrigin: 'Written Record' });
  });

  it('builds a patient-reported Immunization: primarySource false, recall origin, the partial date as given', () => {
    const resource = buildImmunizationCreate({
      report: { cvx: '208', vaccineText: 'COVID-19 mRNA', occurrenceDate: '2021-05', lotNumber: 'EW0182', location: 'Pharmacy on Elm St', clientRequestId: 'key-1' },
      patientId: 'p1',
    });
    expect(resource).to.deep.equal({
      resourceType: 'Immunization',
      identifier: [{ system: CLIENT_REQUEST_SYSTEM, value: 'key-1' }],
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208', display: 'COVID-19 mRNA' }], text: 'COVID-19 mRNA' },
      patient: { reference: 'Patient/p1' },
      occurrenceDateTime: '2021-05',
      primarySource: false,
      reportOrigin: { coding: [{ system: IMMUNIZATION_ORIGIN_SYSTEM, code: 'recall', display: 'Parent/Guardian/Patient Recall' }] },
      lotNumber: 'EW0182',
      location: { display: 'Pharmacy on Elm St' },
    });
    // What the server echoes maps back to the same facts.
    const echoed = mapImmunization({ ...resource, id: 'new' });
    expect(echoed.ok && echoed.value).to.include({ occurrenceDate: '2021-05', primarySource: false, location: 'Pharmacy on Elm St' });
  });
});
