// The FHIR adapter's messaging calls against a scripted server: where Binary is refused, which way a send is made
// exactly once, and that an attachment link off the base is never requested.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../../src/api/fhir/adapter.js';
import { INLINE_ATTACHMENT_MAX_BYTES, sendPlanFrom } from '../../../src/api/fhir/messaging.js';
import { fakeFetch, fhirJson, searchset, type Handler } from '../../support/fake-fetch.js';

const BASE = 'https://fhir.example.org/r4';
const signal = () => new AbortController().signal;
const outcome = (status: number) => fhirJson({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported' }] }, { status });

function adapterWith(handler: Handler) {
  const fetch = fakeFetch(handler);
  const api = createFhirAdapter({ baseUrl: BASE, fetch, auth: { getAccessToken: async () => 'tok', patientId: 'p1' }, maxReadRetries: 0 });
  return { api, fetch };
}

describe('fhir messaging: attachments', () => {
  it('stores a file as a Binary with the patient as its security context', async () => {
    const { api, fetch } = adapterWith((call) => (call.method === 'POST' ? fhirJson({ ...(call.body as object), id: 'b-7' }, { status: 201 }) : outcome(404)));
    const uploaded = await api.messaging.uploadAttachment({ name: 'a.png', contentType: 'image/png', bytes: new Blob([new Uint8Array([1, 2, 3])]) }, signal());
    expect(uploaded).to.deep.equal({ title: 'a.png', contentType: 'image/png', size: 3, url: 'Binary/b-7' });
    expect(fetch.calls[0].url).to.equal(`${BASE}/Binary`);
    expect(fetch.calls[0].body).to.deep.equal({ resourceType: 'Binary', contentType: 'image/png', securityContext: { reference: 'Patient/p1' }, data: 'AQID' });
  });

  it('carries a small file inline when the server takes no Binary, and refuses a large one', async () => {
    const { api } = adapterWith(() => outcome(404));
    const small = await api.messaging.uploadAttachment({ name: 'a.pdf', contentType: 'application/pdf', bytes: new Blob(['%PDF-1.4']) }, signal());
    expect(small).to.deep.equal({ title: 'a.pdf', contentType: 'application/pdf', size: 8, data: btoa('%PDF-1.4') });
    const big = new Blob([new Uint8Array(INLINE_ATTACHMENT_MAX_BYTES + 1)]);
    const refused = await api.messaging.uploadAttachment({ name: 'big.pdf', contentType: 'application/pdf', bytes: big }, signal()).catch((e: unknown) => e);
    expect((refused as { kind?: string }).kind).to.equal('not-found');
  });

  it('does not fall back to inline bytes when the server failed (5xx): that is no refusal', async () => {
    const { api } = adapterWith(() => outcome(503));
    const failed = await api.messaging.uploadAttachment({ name: 'a.pdf', contentType: 'application/pdf', bytes: new Blob(['x']) }, signal()).catch((e: unknown) => e);
    expect((failed as { kind?: string }).kind).to.equal('server');
  });

  it('reads a Binary under the base and never a link elsewhere', async () => {
    const { api, fetch } = adapterWith((call) =>
      call.url === `${BASE}/Binary/b-7` ? fhirJson({ resourceType: 'Binary', id: 'b-7', contentType: 'image/png', data: 'AQID' }) : outcome(404),
    );
    const blob = await api.messaging.fetchAttachment({ title: 'a', contentType: 'image/png', url: 'Binary/b-7' }, signal());
    expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([1, 2, 3]);
    expect(fetch.calls.map((c) => [c.url, c.headers.Authorization])).to.deep.equal([[`${BASE}/Binary/b-7`, 'Bearer tok']]);
    for (const url of ['https://evil.example/r4/Binary/b-7', 'https://fhir.example.org/other/Binary/1', 'http://fhir.example.org/r4/Binary/1']) {
      const refused = await api.messaging.fetchAttachment({ title: 'a', url }, signal()).catch((e: unknown) => e);
      expect((refused as { kind?: string }).kind, url).to.equal('not-found');
    }
    expect(fetch.calls).to.have.length(1);
  });
});

describe('fhir messaging: exactly-once send plan', () => {
  const statement = (communication: Record<string, unknown>) => ({ resourceType: 'CapabilityStatement', rest: [{ resource: [{ type: 'Communication', ...communication }] }] });

  it('reads conditional create and update-as-create for Communication; an unreadable statement means conditional create', () => {
    expect(sendPlanFrom(statement({ conditionalCreate: true, updateCreate: true }))).to.deep.equal({ conditionalCreate: true, updateCreate: true });
    expect(sendPlanFrom(statement({ updateCreate: true }))).to.deep.equal({ conditionalCreate: false, updateCreate: true });
    expect(sendPlanFrom(undefined)).to.deep.equal({ conditionalCreate: true, updateCreate: false });
  });

  it('without conditional create, writes the message under an id from its key, after looking there first', async () => {
    let stored: Record<string, unknown> | undefined;
    const { api, fetch } = adapterWith((call) => {
      if (call.url.endsWith('/metadata')) return fhirJson(statement({ conditionalCreate: false, updateCreate: true }));
      if (call.method === 'GET' && call.url.includes('/Communication/pk-key-1')) return stored ? fhirJson(stored) : outcome(404);
      if (call.method === 'PUT') {
        stored = { ...(call.body as object), meta: { versionId: '1' } };
        return fhirJson(stored, { status: 201 });
      }
      return fhirJson(searchset([]));
    });
    const message = { subject: 'Hi', recipient: { id: 'team', kind: 'care-team' as const }, body: 'Hello', clientRequestId: 'key-1' };
    const sent = await api.messaging.send(message, signal());
    expect(sent.id).to.equal('pk-key-1');
    const again = await api.messaging.send(message, signal());
    expect(again.id).to.equal('pk-key-1');
    expect(fetch.calls.filter((c) => c.method === 'PUT')).to.have.length(1);
    expect(fetch.calls.filter((c) => c.method === 'POST')).to.have.length(0);
  });

  it('with conditional create, POSTs with If-None-Exist', async () => {
    const { api, fetch } = adapterWith((call) => {
      if (call.url.endsWith('/metadata')) return fhirJson(statement({ conditionalCreate: true, updateCreate: true }));
      return fhirJson({ ...(call.body as object), id: 'c-1' }, { status: 201 });
    });
    await api.messaging.send({ subject: 'Hi', recipient: { id: 'team', kind: 'care-team' }, body: 'Hello', clientRequestId: 'key-2' }, signal());
    const post = fetch.calls.find((c) => c.method === 'POST')!;
    expect(post.url).to.equal(`${BASE}/Communication`);
    expect(post.headers['If-None-Exist']).to.contain('key-2');
  });
});
