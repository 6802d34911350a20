// What a host that wants one file gets: only dist/portal-kit.bundle.js (built by `pretest`), talking to a FHIR R4
// server. The loader (dist/portal-kit.js) and the API module beside it are tested in loader.test.ts.
import { expect, waitUntil } from '@open-wc/testing';
import type * as PortalKit from '../../src/portal-kit-bundle.js';
import { createTenant, deleteTenant, type Tenant } from '../support/fhir-tenant.js';

const FLOYD = {
  file: 'test/fixtures/shared/fhir-r4/synthea/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json',
  id: '6f8ccac9-41a3-42a2-a97b-06bfc0a91c26',
};
const TOKEN = 'bundle-token-91c2';

describe('dist/portal-kit.bundle.js on a page', function () {
  this.timeout(30_000);
  let tenant: Tenant;
  let kit: typeof PortalKit;
  const sent: { url: string; authorization?: string }[] = [];
  const realFetch = window.fetch;

  before(async () => {
    tenant = await createTenant({ fixtures: [FLOYD.file] });
    // Watch every request the bundle makes, as a host's network panel would.
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      sent.push({ url: String(input), authorization: headers.Authorization });
      return realFetch(input, init);
    };
    const bundleUrl = '/dist/portal-kit.bundle.js';
    kit = await import(/* @vite-ignore */ bundleUrl);
  });

  after(async () => {
    window.fetch = realFetch;
    await deleteTenant(tenant);
  });

  it('defines every tag on load, from one file', async () => {
    expect(customElements.get('portal-provider')).to.equal(kit.PortalProvider);
    expect(customElements.get('portal-patient-banner')).to.equal(kit.PortalPatientBanner);
    expect(customElements.get('portal-scheduler')).to.equal(kit.PortalScheduler);
    expect(customElements.get('portal-sign-in')).to.equal(kit.PortalSignIn);
    const fetched = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(fetched.filter((path) => path.startsWith('/dist/'))).to.deep.equal(['/dist/portal-kit.bundle.js']);
    // The loader's define() is here too, so a page written for the loader works with this file unchanged.
    await kit.define('portal-scheduler');
    await kit.define();
    let refused: unknown;
    await kit.define('portal-nope').catch((error: unknown) => (refused = error));
    expect(String(refused)).to.contain('portal-nope');
  });

  it('returns validated model objects from createFhirAdapter, and the token never leaves the base', async () => {
    const api = kit.createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => TOKEN, patientId: FLOYD.id } });
    const signal = new AbortController().signal;
    const patient = await api.patient.current(signal);
    expect(kit.PatientSummarySchema.safeParse(patient).success).to.equal(true);
    const reports = await api.results.listReports(signal);
    expect(reports.items.length).to.equal(9);
    reports.items.forEach((report) => expect(kit.ReportSchema.safeParse(report).success).to.equal(true));
    const withToken = sent.filter((request) => request.authorization);
    expect(withToken.length).to.be.greaterThan(1);
    for (const request of withToken) {
      expect(request.url.startsWith(`${tenant.baseUrl}/`), request.url).to.equal(true);
      expect(request.authorization).to.equal(`Bearer ${TOKEN}`);
    }
  });

  it('renders the patient banner from the FHIR server through <portal-provider fhir-base-url>', async () => {
    const provider = document.createElement('portal-provider') as InstanceType<typeof kit.PortalProvider>;
    provider.setAttribute('fhir-base-url', tenant.baseUrl);
    provider.auth = { getAccessToken: async () => TOKEN, patientId: FLOYD.id };
    const banner = document.createElement('portal-patient-banner');
    provider.append(banner);
    document.body.append(provider);
    try {
      await waitUntil(() => banner.shadowRoot?.querySelector('[part~="name"]')?.textContent?.includes('Connelly'), 'banner never showed the patient');
    } finally {
      provider.remove();
    }
  });
});
