/** A reported dose through the FHIR adapter: one Immunization however the answer is lost, as the patient gave it. */
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../../src/api/fhir/adapter.js';
import type { NewImmunizationReport } from '../../../src/model/index.js';
import { fakeFetch, fhirJson, searchset, type Handler } from '../../support/fake-fetch.js';

const BASE = 'https://fhir.example.org/r4';
const signal = () => new AbortController().signal;
const report: NewImmunizationReport = { cvx: '197', vaccineText: 'Flu shot, high dose', occurrenceDate: '2024-10', source: 'record', lotNumber: 'FL-1', clientRequestId: 'imm-key-1' };

/** Every call but the CapabilityStatement read (404 unless `statement` is given: then POST with If-None-Exist). */
function adapterWith(handler: Handler, statement?: unknown) {
  const all = fakeFetch((call) => (call.url.endsWith('/metadata') ? (statement ? fhirJson(statement) : fhirJson({}, { status: 404 })) : handler(call)));
  const fetch = { calls: [] as typeof all.calls };
  Object.defineProperty(fetch, 'calls', { get: () => all.calls.filter((c) => !c.url.endsWith('/metadata')) });
  const api = createFhirAdapter({ baseUrl: BASE, fetch: all, auth: { getAccessToken: async () => 'tok', patientId: 'p1' }, maxReadRetries: 0 });
  return { api, fetch };
}

describe('immunizations.report (FHIR)', () => {
  it('creates once with If-None-Exist on the client key, and reads the answer back as reported from a record', async () => {
    const { api, fetch } = adapterWith((call) => fhirJson({ ...(call.body as object), id: 'imm-9' }, { status: 201 }));
    const saved = await api.immunizations.report(report, signal());
    expect(fetch.calls.map((c) => [c.method, c.url])).to.deep.equal([['POST', `${BASE}/Immunization`]]);
    expect(fetch.calls[0]!.headers['If-None-Exist']).to.equal(`identifier=${encodeURIComponent('urn:portal-kit:client-request|imm-key-1')}`);
    expect(saved).to.deep.include({ id: 'imm-9', occurrenceDate: '2024-10', primarySource: false, reportOrigin: 'Written Record', lotNumber: 'FL-1' });
  });

  it('after a lost answer, finds the stored dose by its key instead of writing a second', async () => {
    let posts = 0;
    let stored: unknown;
    const { api, fetch } = adapterWith((call) => {
      if (call.method === 'POST') {
        posts++;
        stored = { ...(call.body as object), id: 'imm-1' };
        return fhirJson({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 });
      }
      return fhirJson(searchset(stored ? [stored] : []));
    });
    const saved = await api.immunizations.report(report, signal());
    expect(posts).to.equal(1);
    expect(saved.id).to.equal('imm-1');
    expect(fetch.calls.map((c) => c.method)).to.deep.equal(['POST', 'GET']);
  });

  it('after a dropped connection (no answer at all), searches by the key before anything is sent again', async () => {
    let stored: unknown;
    const { api, fetch } = adapterWith((call) => {
      if (call.method === 'POST' && !stored) {
        stored = { ...(call.body as object), id: 'imm-2' };
        throw new TypeError('Failed to fetch');
      }
      if (call.method === 'POST') return fhirJson({ ...(call.body as object), id: 'imm-3' }, { status: 201 });
      return fhirJson(searchset(stored ? [stored] : []));
    });
    const saved = await api.immunizations.report(report, signal());
    expect(saved.id).to.equal('imm-2');
    expect(fetch.calls.map((c) => c.method)).to.deep.equal(['POST', 'GET']);
  });

  it('without conditional create but with update as create: PUT under an id from the key, a resend rewrites it, and a lost answer is looked for by that id', async () => {
    const statement = { resourceType: 'CapabilityStatement', rest: [{ resource: [{ type: 'Immunization', conditionalCreate: false, updateCreate: true }] }] };
    let stored: Record<string, unknown> | undefined;
    let lost = true;
    const { api, fetch } = adapterWith((call) => {
      if (call.method === 'PUT') {
        stored = { ...(call.body as Record<string, unknown>) };
        if (lost) {
          lost = false;
          throw new TypeError('Failed to fetch');
        }
        return fhirJson(stored, { status: 201 });
      }
      if (call.method === 'GET' && call.url.endsWith('/Immunization/pk-imm-imm-key-1')) return stored ? fhirJson(stored) : fhirJson({ resourceType: 'OperationOutcome' }, { status: 404 });
      return fhirJson({}, { status: 500 });
    }, statement);
    const saved = await api.immunizations.report(report, signal());
    expect(saved).to.deep.include({ id: 'pk-imm-imm-key-1', primarySource: false });
    expect(fetch.calls.map((c) => `${c.method} ${c.url.replace(BASE, '')}`)).to.deep.equal(['GET /Immunization/pk-imm-imm-key-1', 'PUT /Immunization/pk-imm-imm-key-1', 'GET /Immunization/pk-imm-imm-key-1']);
  });
});
