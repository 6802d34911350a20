/** Home readings through the FHIR adapter: the Observation written, and one write however often it is retried. */
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the built FHIR resource by path; the shape is what is under test */
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../../src/api/fhir/adapter.js';
import { buildReadingObservation } from '../../../src/api/fhir/results.js';
import type { HomeReading } from '../../../src/model/index.js';
import { fakeFetch, fhirJson, searchset, type Handler } from '../../support/fake-fetch.js';

const BASE = 'https://fhir.example.org/r4';
const signal = () => new AbortController().signal;
const bp: HomeReading = { kind: 'blood-pressure', systolic: '128', diastolic: '84', takenAt: '2026-03-02T07:45:00-05:00', clientRequestId: 'k-1' };

function adapterWith(handler: Handler) {
  const fetch = fakeFetch(handler);
  const api = createFhirAdapter({ baseUrl: BASE, fetch, auth: { getAccessToken: async () => 'tok', patientId: 'p1' }, maxReadRetries: 0 });
  return { api, fetch };
}

describe('results.addReading (FHIR)', () => {
  it('a blood pressure is a vital-signs Observation with LOINC components in mm[Hg], performed by the patient', () => {
    const obs = buildReadingObservation(bp, 'p1') as Record<string, any>;
    expect(obs.code.coding[0]).to.include({ system: 'http://loinc.org', code: '85354-9' });
    expect(obs.category[0].coding[0].code).to.equal('vital-signs');
    expect(obs.performer).to.deep.equal([{ reference: 'Patient/p1' }]);
    expect(obs.subject).to.deep.equal({ reference: 'Patient/p1' });
    expect(obs.component.map((c: any) => [c.code.coding[0].code, c.valueQuantity])).to.deep.equal([
      ['8480-6', { value: 128, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }],
      ['8462-4', { value: 84, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }],
    ]);
    expect(obs.identifier).to.deep.equal([{ system: 'urn:portal-kit:client-request', value: 'k-1' }]);
    const glucose = buildReadingObservation({ kind: 'glucose', value: '5.4', unit: 'mmol/L', takenAt: bp.takenAt, clientRequestId: 'k-2' }, 'p1') as Record<string, any>;
    expect([glucose.code.coding[0].code, glucose.category[0].coding[0].code, glucose.valueQuantity.code]).to.deep.equal(['14743-9', 'survey', 'mmol/L']);
    const weight = buildReadingObservation({ kind: 'weight', value: '154', unit: '[lb_av]', takenAt: bp.takenAt, clientRequestId: 'k-3' }, 'p1') as Record<string, any>;
    expect(weight.valueQuantity).to.deep.equal({ value: 154, unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' });
  });

  it('creates with If-None-Exist on the key, reads it back as patient-reported', async () => {
    const { api, fetch } = adapterWith((call) => (call.url.endsWith('/metadata') ? fhirJson({}, { status: 404 }) : fhirJson({ ...(call.body as object), id: 'o-9' }, { status: 201 })));
    const result = await api.results.addReading(bp, signal());
    const writes = fetch.calls.filter((c) => !c.url.endsWith('/metadata'));
    expect(writes.map((c) => [c.method, c.url])).to.deep.equal([['POST', `${BASE}/Observation`]]);
    expect(writes[0].headers['If-None-Exist']).to.equal(`identifier=${encodeURIComponent('urn:portal-kit:client-request|k-1')}`);
    expect(result).to.include({ id: 'o-9', patientReported: true });
    expect(result.components.map((c) => c.value.kind === 'quantity' && c.value.quantity.code)).to.deep.equal(['mm[Hg]', 'mm[Hg]']);
  });

  it('after a lost answer, finds the stored reading by its key instead of writing a second', async () => {
    let posts = 0;
    let stored: unknown;
    const { api, fetch } = adapterWith((call) => {
      if (call.url.endsWith('/metadata')) return fhirJson({}, { status: 404 });
      if (call.method === 'POST') {
        posts++;
        stored = { ...(call.body as object), id: 'o-1' };
        return fhirJson({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 });
      }
      return fhirJson(searchset(stored ? [stored] : []));
    });
    const result = await api.results.addReading(bp, signal());
    expect(posts).to.equal(1);
    expect(result.id).to.equal('o-1');
    expect(fetch.calls.filter((c) => !c.url.endsWith('/metadata')).map((c) => c.method)).to.deep.equal(['POST', 'GET']);
  });
});
