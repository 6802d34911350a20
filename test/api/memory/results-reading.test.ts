import { expect } from '@open-wc/testing';
import { adapterAt, MARCH_NOW, signal } from './support.js';

describe('results.addReading (memory)', () => {
  it('stores a reading once per key, patient-reported, and it joins the history of its code', async () => {
    const api = adapterAt(MARCH_NOW);
    const reading = { kind: 'weight', value: '70.50', unit: 'kg', takenAt: '2026-03-02T07:45:00-05:00', clientRequestId: 'k-1' } as const;
    const first = await api.results.addReading(reading, signal());
    const again = await api.results.addReading(reading, signal());
    expect(again.id).to.equal(first.id);
    expect(first).to.include({ patientReported: true });
    expect(first.value).to.deep.equal({ kind: 'quantity', quantity: { value: '70.50', unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } });
    const history = await api.results.resultHistory({ system: 'http://loinc.org', code: '29463-7' }, signal());
    expect(history.items.filter((r) => r.patientReported).map((r) => r.id)).to.deep.equal([first.id]);
    const other = await api.results.addReading({ ...reading, clientRequestId: 'k-2' }, signal());
    expect(other.id).to.not.equal(first.id);
  });
});
