import { expect } from '@open-wc/testing';
import { interpretationOf, mapDiagnosticReport, mapObservation } from '../../../../src/api/fhir/map/index.js';
import type { Result } from '../../../../src/model/index.js';
import { byId, find, loadShared, loadSharedText, resourcesIn } from './fixtures.js';

const OBS = 'fhir-r4/r4-spec-examples/observations/';
const DR = 'fhir-r4/r4-spec-examples/diagnostic-reports/';

async function observation(name: string): Promise<Result> {
  const result = mapObservation(await loadShared(`${OBS}Observation-${name}.json`));
  if (!result.ok) throw new Error(`${name}: ${result.reason}`);
  return result.value;
}

describe('map/results: observations', () => {
  it('Observation f001 glucose: value "6.3" mmol/l, range 3.1–6.2, interpretation H abnormal', async () => {
    const glucose = await observation('f001');
    const ucum = { system: 'http://unitsofmeasure.org', code: 'mmol/L' };
    expect(glucose.value).to.deep.equal({ kind: 'quantity', quantity: { value: '6.3', unit: 'mmol/l', ...ucum } });
    expect(glucose.referenceRanges).to.deep.equal([{ low: { value: '3.1', unit: 'mmol/l', ...ucum }, high: { value: '6.2', unit: 'mmol/l', ...ucum } }]);
    expect(glucose.interpretation).to.deep.equal({
      code: 'H',
      system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
      display: 'High',
      severity: 'abnormal',
    });
    expect(glucose.effective).to.equal('2013-04-02T09:30:10+01:00'); // effectivePeriod.start
  });

  it('Observation-decimal keeps every decimal exactly as written in the file', async () => {
    const raw = await loadSharedText(`${OBS}Observation-decimal.json`);
    const written = [...raw.matchAll(/"value":\s*(-?[0-9][0-9.eE+-]*)/g)].map((m) => m[1]);
    expect(written).to.deep.equal(['1.0', '1.00', '1.0', '1E-22', '1000000000000000000', '1.000000000000000000E-245', '-1.000000000000000000E+245']);
    const decimal = await observation('decimal');
    expect(decimal.components.map((c) => c.value.kind === 'quantity' && c.value.quantity.value)).to.deep.equal(written);
    expect(decimal.value).to.deep.equal({ kind: 'absent' });
  });

  it('blood pressure: components with values, and the panel interpretation L abnormal', async () => {
    const bp = await observation('blood-pressure');
    expect(bp.components.map((c) => [c.code.text, c.value.kind === 'quantity' && c.value.quantity.value])).to.deep.equal([
      ['Systolic blood pressure', '107'],
      ['Diastolic blood pressure', '60'],
    ]);
    expect(bp.interpretation).to.include({ code: 'L', severity: 'abnormal' });
    expect(bp.components[0].interpretation).to.include({ code: 'N', severity: 'normal' });
  });

  it('a component without a value carries its data-absent reason (blood-pressure-dar)', async () => {
    const bp = await observation('blood-pressure-dar');
    const diastolic = bp.components[1];
    expect(diastolic.value.kind).to.equal('absent');
    expect(diastolic.value.kind === 'absent' && diastolic.value.reason?.codings[0]).to.include({ code: 'not-performed' });
  });

  it('root dataAbsentReason, cancelled status and the note (Observation-unsat)', async () => {
    const unsat = await observation('unsat');
    expect(unsat.status).to.equal('cancelled');
    expect(unsat.value).to.deep.equal({
      kind: 'absent',
      reason: { text: 'Specimen unsatisfactory for evaluation', codings: [{ system: 'http://snomed.info/sct', code: '125154007', display: 'Specimen unsatisfactory for evaluation' }] },
    });
    expect(unsat.note).to.equal('Tube broken in transit and sample leaked');
  });

  it('maps string, boolean, dateTime and concept values', async () => {
    expect((await observation('eye-color')).value).to.deep.equal({ kind: 'text', text: 'blue' });
    expect((await observation('abdo-tender')).value).to.deep.equal({ kind: 'boolean', value: true });
    expect((await observation('date-lastmp')).value).to.deep.equal({ kind: 'datetime', value: '2016-12-30' });
    const phenotype = await observation('example-phenotype');
    expect(phenotype.value.kind === 'concept' && phenotype.value.concept.text).to.equal('Normal metabolizer');
  });

  it('maps integer, range and ratio values, and rejects a value kind the model cannot show', () => {
    const base = { resourceType: 'Observation', id: 'x', status: 'final', code: { text: 'Test' } };
    const integer = mapObservation({ ...base, valueInteger: 3 });
    expect(integer.ok && integer.value.value).to.deep.equal({ kind: 'quantity', quantity: { value: '3' } });
    const range = mapObservation({ ...base, valueRange: { low: { value: '2.50', unit: 'mg' } } });
    expect(range.ok && range.value.value).to.deep.equal({ kind: 'range', low: { value: '2.50', unit: 'mg' } });
    const ratio = mapObservation({ ...base, valueRatio: { numerator: { value: 1 }, denominator: { value: '128' } } });
    expect(ratio.ok && ratio.value.value).to.deep.equal({ kind: 'ratio', numerator: { value: '1' }, denominator: { value: '128' } });
    expect(mapObservation({ ...base, valueRatio: { numerator: { value: 1 } } })).to.deep.equal({ ok: false, reason: 'invalid-ratio' });
    expect(mapObservation({ ...base, valueSampledData: { data: '1 2 3' } })).to.deep.equal({ ok: false, reason: 'unsupported-value' });
    expect(mapObservation({ ...base, valueQuantity: { value: '5', comparator: '<<' } })).to.deep.equal({ ok: false, reason: 'schema:value.quantity.comparator' });
  });

  it('range appliesTo in words with the age bounds (f205 eGFR components)', async () => {
    const egfr = await observation('f205');
    expect(egfr.components[0].value).to.include({ kind: 'quantity' });
    expect(egfr.components[0].value.kind === 'quantity' && egfr.components[0].value.quantity).to.include({ value: '60', unit: 'mL/min/1.73m2', comparator: '>' });
    const range = egfr.components[0].referenceRanges[0];
    expect(range.appliesTo?.map((c) => c.text)).to.deep.equal(['non-black/african-american']);
    expect(range.age?.low?.value).to.equal('18');
    // A text-only interpretation keeps its words with severity unknown.
    expect(egfr.interpretation).to.include({ code: '', severity: 'unknown' });
  });

  it('panel members become memberIds (vitals-panel)', async () => {
    expect((await observation('vitals-panel')).memberIds).to.deep.equal(['respiratory-rate', 'heart-rate', 'blood-pressure', 'body-temperature']);
  });

  it('keeps entered-in-error and preliminary statuses for the UI to label', async () => {
    expect((await observation('f202')).status).to.equal('entered-in-error');
    expect((await observation('vp-oyster')).status).to.equal('preliminary');
  });

  it('rates interpretation severity by the documented table, most severe coding winning', () => {
    const v3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
    const severity = (code: string, system: string | undefined = v3) => interpretationOf([{ coding: [{ system, code }] }])?.severity;
    expect(['HH', 'LL', 'AA', 'HU', 'LU', 'H>', 'L<'].map((c) => severity(c))).to.deep.equal(Array(7).fill('critical'));
    expect(['H', 'L', 'A', 'HX', 'LX', 'POS', 'DET', 'R', 'U', 'D', 'W', '<', '>'].map((c) => severity(c))).to.deep.equal(Array(13).fill('abnormal'));
    expect(['N', 'NEG', 'ND', 'NR', 'S'].map((c) => severity(c))).to.deep.equal(Array(5).fill('normal'));
    expect(['IND', 'E', 'B', 'QCF', 'XYZ'].map((c) => severity(c))).to.deep.equal(Array(5).fill('unknown'));
    expect(severity('H', 'http://snomed.info/sct')).to.equal('unknown');
    expect(severity('LL', 'http://terminology.hl7.org/CodeSystem/v2-0078')).to.equal('critical');
    expect(severity('H', undefined)).to.equal('abnormal');
    expect(interpretationOf([{ coding: [{ system: v3, code: 'N' }] }, { coding: [{ system: v3, code: 'HH' }] }])?.code).to.equal('HH');
    expect(interpretationOf([])).to.equal(undefined);
  });

  it('keeps trailing zeros in reference ranges and U+200B in displays (Bundle-lipids)', async () => {
    const bundle = resourcesIn(await loadShared(`${DR}Bundle-lipids.json`));
    const triglyceride = mapObservation(find(bundle, 'Observation', 'triglyceride'));
    expect(triglyceride.ok && triglyceride.value.referenceRanges).to.deep.equal([{ high: { value: '2.0', unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' } }]);
    expect(triglyceride.ok && triglyceride.value.code.codings[0].display).to.equal('Triglyceride [Moles/\u200bvolume] in Serum or Plasma');
  });
});

describe('map/results: reports', () => {
  it('Bundle-101 (CBC) resolves all 17 observations in order, with HH critical and LL critical flags', async () => {
    const bundle = resourcesIn(await loadShared(`${DR}Bundle-101.json`));
    const result = mapDiagnosticReport(find(bundle, 'DiagnosticReport', '101'), byId(bundle, 'Observation'));
    if (!result.ok) throw new Error(result.reason);
    const report = result.value;
    expect(report.results).to.have.length(17);
    expect(report.missingResults).to.equal(0);
    expect(report.results.map((r) => r.id)).to.deep.equal(Array.from({ length: 17 }, (_, i) => `r${i + 1}`));
    expect(report.results.filter((r) => r.interpretation?.severity === 'critical').map((r) => [r.id, r.interpretation?.code])).to.deep.equal([
      ['r9', 'LL'],
      ['r15', 'HH'],
    ]);
    expect(report).to.include({ category: 'HM', performer: 'Acme Laboratory, Inc', issued: '2011-03-04T11:45:33+11:00', effective: '2011-03-04T08:30:00+11:00' });
  });

  it('Bundle-lipids (U+200B in displays) maps all 4 results', async () => {
    const bundle = resourcesIn(await loadShared(`${DR}Bundle-lipids.json`));
    const result = mapDiagnosticReport(find(bundle, 'DiagnosticReport', 'lipids'), byId(bundle, 'Observation'));
    expect(result.ok && result.value.results.map((r) => r.id)).to.deep.equal(['cholesterol', 'triglyceride', 'hdlcholesterol', 'ldlcholesterol']);
    expect(result.ok && result.value.results[0].code.codings[0].display).to.contain('\u200b');
    expect(result.ok && result.value.results[0].value).to.deep.equal({ kind: 'quantity', quantity: { value: '6.3', unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' } });
  });

  it('counts result references it cannot resolve (Bundle-f001 alone: 5), and resolves them with the files', async () => {
    const bundle = resourcesIn(await loadShared(`${DR}Bundle-f001.json`));
    const report = find(bundle, 'DiagnosticReport', 'f001');
    const alone = mapDiagnosticReport(report, byId(bundle, 'Observation'));
    expect(alone.ok && [alone.value.results.length, alone.value.missingResults]).to.deep.equal([0, 5]);
    const files = await Promise.all(['f001', 'f002', 'f003', 'f004', 'f005'].map((id) => loadShared(`${OBS}Observation-${id}.json`)));
    const resolved = mapDiagnosticReport(report, new Map(files.map((f) => [(f as { id: string }).id, f])));
    expect(resolved.ok && [resolved.value.results.length, resolved.value.missingResults]).to.deep.equal([5, 0]);
  });

  it('counts an unmappable Observation as missing, and resolves contained and urn:uuid results', () => {
    const obs = (id: string, status = 'final') => ({ resourceType: 'Observation', id, status, code: { text: id }, valueString: 'x' });
    const report = {
      resourceType: 'DiagnosticReport',
      id: 'r',
      status: 'final',
      code: { text: 'Panel' },
      contained: [obs('inner')],
      result: [{ reference: '#inner' }, { reference: 'urn:uuid:u1' }, { reference: 'Observation/bad' }, { reference: 'Observation/gone' }, { display: 'no ref' }],
    };
    const result = mapDiagnosticReport(report, new Map<string, unknown>([['u1', obs('u1')], ['bad', obs('bad', 'done')]]));
    expect(result.ok && result.value.results.map((r) => r.id)).to.deep.equal(['inner', 'u1']);
    expect(result.ok && result.value.missingResults).to.equal(3);
  });

  it('US Core CBC and BMP: every result has a reference range and an interpretation', async () => {
    const names = ['cbc-erythrocytes', 'cbc-hematocrit', 'cbc-hemoglobin', 'cbc-leukocytes', 'cbc-mch', 'cbc-mchc', 'cbc-mcv', 'cbc-platelets'];
    const serum = ['bun', 'calcium', 'chloride', 'co2', 'creatinine', 'glucose', 'potassium', 'sodium'];
    const files = await Promise.all([...names, ...serum.map((s) => `serum-${s}`)].map((n) => loadShared(`fhir-r4/us-core/labs/observation-${n}.json`)));
    const observations = new Map(files.map((f) => [(f as { id: string }).id, f]));
    for (const name of ['diagnosticreport-cbc', 'diagnosticreport-metabolic-panel']) {
      const result = mapDiagnosticReport(await loadShared(`fhir-r4/us-core/labs/${name}.json`), observations);
      if (!result.ok) throw new Error(result.reason);
      expect(result.value.results, name).to.have.length(8);
      expect(result.value.missingResults, name).to.equal(0);
      for (const r of result.value.results) {
        expect(r.referenceRanges.length, r.id).to.be.greaterThan(0);
        expect(r.interpretation?.severity, r.id).to.be.oneOf(['normal', 'abnormal', 'critical']);
      }
      expect(result.value).to.include({ category: 'Laboratory', performer: 'Acme Laboratory, Inc', effective: name.endsWith('cbc') ? '2005-07-05' : '2005-07-04' });
    }
  });

  it('Synthea labs have no ranges or flags and still map (urn:uuid results)', async () => {
    const bundle = resourcesIn(await loadShared('fhir-r4/synthea/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json'));
    const observations = byId(bundle, 'Observation');
    const reports = bundle.filter((r) => r.resourceType === 'DiagnosticReport').map((r) => mapDiagnosticReport(r, observations));
    expect(reports.map((r) => r.ok && r.value.results.length)).to.deep.equal([8, 4, 8, 4, 11, 8, 4, 8, 11]);
    const results = reports.flatMap((r) => (r.ok ? r.value.results : []));
    expect(results.every((r) => r.referenceRanges.length === 0 && r.interpretation === undefined)).to.equal(true);
  });
});
