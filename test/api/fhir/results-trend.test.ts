/** Trend series over real histories: Synthea body weight, and glucose in two units from two sources. */
import { expect } from '@open-wc/testing';
import { mapObservation } from '../../../src/api/fhir/map/index.js';
import { groupResultSeries, unitKey, type Result } from '../../../src/model/index.js';
import { loadShared, resourcesIn } from './map/fixtures.js';

const SYNTHEA = 'fhir-r4/synthea/Enda_Schaefer_dd760206-6c4e-4e25-a799-f5c563e489a1.json';

async function mapped(path: string, loinc?: string): Promise<Result[]> {
  const out: Result[] = [];
  for (const resource of resourcesIn(await loadShared(path))) {
    if (resource.resourceType !== 'Observation') continue;
    const result = mapObservation(resource);
    if (result.ok && (!loinc || result.value.code.codings.some((c) => c.code === loinc))) out.push(result.value);
  }
  return out;
}

describe('groupResultSeries', () => {
  it('Synthea body weight: one kg series, oldest first, whatever order it arrives in', async () => {
    const weights = await mapped(SYNTHEA, '29463-7');
    expect(weights).to.have.length(6);
    const trend = groupResultSeries([...weights].reverse());
    expect(trend.series.map((s) => [s.key, s.unit, s.points.length])).to.deep.equal([['ucum:kg', 'kg', 6]]);
    const times = trend.series[0].points.map((p) => Date.parse(p.result.effective ?? ''));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    expect(trend.unplotted).to.deep.equal([]);
  });

  it('glucose in mmol/L (R4 f001, unit text "mmol/l") and mg/dL (US Core) is never on one series', async () => {
    const f001 = await mapped('fhir-r4/r4-spec-examples/observations/Observation-f001.json');
    const usCore = await mapped('fhir-r4/us-core/labs/observation-serum-glucose.json');
    // The same unit written "mmol/L" as text only, as some labs send it, joins the UCUM-coded series only by code.
    const textOnly: Result = { ...f001[0], id: 'text-only', value: { kind: 'quantity', quantity: { value: '5.50', unit: 'mmol/l' } } };
    const trend = groupResultSeries([...f001, ...usCore, textOnly]);
    // One point each: equal sizes keep the order first seen in time.
    expect(Object.fromEntries(trend.series.map((s) => [s.key, s.points.map((p) => p.quantity.value)]))).to.deep.equal({
      'ucum:mmol/L': ['6.3'],
      'ucum:mg/dL': usCore.map((r) => (r.value.kind === 'quantity' ? r.value.quantity.value : '')),
      'text:mmol/l': ['5.50'],
    });
    expect(unitKey({ value: '1', unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' })).to.equal('ucum:mm[Hg]');
  });

  it('entered-in-error, cancelled and non-quantity results are listed, never plotted (R4 f202, unsat, eye-color)', async () => {
    const obs = 'fhir-r4/r4-spec-examples/observations/';
    const [f202] = await mapped(`${obs}Observation-f202.json`);
    const [unsat] = await mapped(`${obs}Observation-unsat.json`);
    const [eye] = await mapped(`${obs}Observation-eye-color.json`);
    expect(f202.status).to.equal('entered-in-error');
    const trend = groupResultSeries([f202, unsat, eye]);
    expect(trend.series).to.deep.equal([]);
    expect(trend.unplotted.map((u) => [u.result.id, u.because]).sort()).to.deep.equal(
      [
        [f202.id, 'entered-in-error'],
        [unsat.id, 'cancelled'],
        [eye.id, 'not-a-quantity'],
      ].sort(),
    );
  });
});

describe('entered-in-error stays in the model', () => {
  it('a report marked entered-in-error maps with its status, results kept (Bundle-101 so marked)', async () => {
    const { mapDiagnosticReport } = await import('../../../src/api/fhir/map/index.js');
    const { byId, find } = await import('./map/fixtures.js');
    const bundle = resourcesIn(await loadShared('fhir-r4/r4-spec-examples/diagnostic-reports/Bundle-101.json'));
    const report = { ...find(bundle, 'DiagnosticReport', '101'), status: 'entered-in-error' };
    const result = mapDiagnosticReport(report, byId(bundle, 'Observation'));
    expect(result.ok && [result.value.status, result.value.results.length]).to.deep.equal(['entered-in-error', 17]);
  });
});
