import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PortalApi } from '../../../src/api/portal-api.js';
import '../../../src/define.js';
import type { PortalPatientBanner } from '../../../src/elements/portal-patient-banner/portal-patient-banner.js';
import type { PortalProvider } from '../../../src/elements/portal-provider/portal-provider.js';
import { providePortal } from '../../../src/elements/portal-provider/provide-portal.js';
import { fakeFetch, fhirJson, searchset } from '../../support/fake-fetch.js';

// The FHIR adapter a provider builds from fhir-base-url takes the host's settings that FHIR does not publish:
// here the topics a patient may pick when writing, which the adapter then offers with every recipient.
const TOPICS = [{ system: 'urn:example:topic', code: 'refill', display: 'Prescription renewal' }];
const auth = { getAccessToken: async () => 'token', patientId: 'p1' };
const server = () =>
  fakeFetch(({ url }) =>
    url.includes('PractitionerRole')
      ? fhirJson(searchset([{ resourceType: 'PractitionerRole', id: 'role-1', active: true, practitioner: { reference: 'Practitioner/pr-1' } }, { resourceType: 'Practitioner', id: 'pr-1', name: [{ given: ['Hana'], family: 'Lee' }] }]))
      : fhirJson(searchset([])),
  );
const apiOf = (element: PortalPatientBanner) => (element as unknown as { api?: PortalApi }).api;
const topicsOffered = async (api: PortalApi) => (await api.messaging.listRecipients(new AbortController().signal)).items.flatMap((r) => r.topics ?? []);

describe('FHIR adapter settings from the host', () => {
  it('<portal-provider fhirSettings> reaches the adapter, and new settings build a new one', async () => {
    const root = await fixture<HTMLElement>(html`<div>
      <portal-provider fhir-base-url="https://fhir.example.org/r4" .auth=${auth} .fhirSettings=${{ fetch: server(), messaging: { topics: TOPICS } }}>
        <portal-patient-banner></portal-patient-banner>
      </portal-provider>
    </div>`);
    const banner = root.querySelector<PortalPatientBanner>('portal-patient-banner')!;
    await waitUntil(() => apiOf(banner), 'no adapter');
    const first = apiOf(banner)!;
    expect(await topicsOffered(first)).to.deep.equal(TOPICS);
    const provider = root.querySelector<PortalProvider>('portal-provider')!;
    provider.fhirSettings = { fetch: server(), messaging: { topics: [] } };
    await waitUntil(() => apiOf(banner) !== first, 'the adapter was not rebuilt');
    expect(await topicsOffered(apiOf(banner)!)).to.deep.equal([]);
  });

  it('providePortal({ fhirSettings }) reaches the adapter too', async () => {
    const root = await fixture<HTMLElement>(html`<div><portal-patient-banner></portal-patient-banner></div>`);
    const handle = providePortal(root, { fhirBaseUrl: 'https://fhir.example.org/r4', auth, fhirSettings: { fetch: server(), messaging: { topics: TOPICS } } });
    try {
      const banner = root.querySelector<PortalPatientBanner>('portal-patient-banner')!;
      await waitUntil(() => apiOf(banner), 'no adapter');
      expect(await topicsOffered(apiOf(banner)!)).to.deep.equal(TOPICS);
    } finally {
      handle.dispose();
    }
  });
});
