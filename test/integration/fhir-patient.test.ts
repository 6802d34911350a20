// The signed-in patient's summary from a real FHIR server: one read however many elements show the name.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import { clearLog, createTenant, deleteTenant, requestLog, type Tenant } from '../support/fhir-tenant.js';

const ANA = { resourceType: 'Patient', id: 'patient-once-ana', name: [{ given: ['Ana'], family: 'Ruiz' }] };
const LUIS = { resourceType: 'Patient', id: 'patient-once-luis', name: [{ given: ['Luis'], family: 'Ortega' }] };

describe('FHIR adapter: the signed-in patient', function () {
  this.timeout(30_000);
  let tenant: Tenant;
  before(async () => (tenant = await createTenant({ resources: [ANA, LUIS] })));
  after(async () => deleteTenant(tenant));

  const patientReads = async () => (await requestLog(tenant)).filter((entry) => entry.url.includes('/Patient/')).length;

  it('reads the patient once for every element that asks at sign-in, and again for another patient', async () => {
    let patientId = ANA.id;
    const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'token', get patientId() { return patientId; } } });
    await clearLog(tenant);
    const banner = new AbortController();
    // The banner gives up (it was removed); the sign-in button and a later element still get the answer.
    const asked = [api.patient.current(banner.signal), api.patient.current(new AbortController().signal)];
    banner.abort();
    const [gaveUp, signIn] = await Promise.allSettled(asked);
    expect(gaveUp.status).to.equal('rejected');
    expect(signIn.status === 'fulfilled' && signIn.value.displayName).to.contain('Ana');
    expect((await api.patient.current(new AbortController().signal)).displayName).to.contain('Ana');
    expect(await patientReads()).to.equal(1);
    patientId = LUIS.id;
    expect((await api.patient.current(new AbortController().signal)).displayName).to.contain('Luis');
    expect(await patientReads()).to.equal(2);
  });
});
