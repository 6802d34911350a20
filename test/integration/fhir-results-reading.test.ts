// Home readings (issue 16) against the demo FHIR server: saved as a patient-reported Observation and read back
// in the test's history, and a save whose answer is lost ending with one Observation, with and without
// conditional create.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import { ResultSchema, type HomeReading } from '../../src/model/index.js';
import { createTenant, deleteTenant, injectFaults, requestLog, type Tenant, type TenantSeed } from '../support/fhir-tenant.js';

const signal = () => new AbortController().signal;
const LOST = 10;
const PATIENT = 'pat-ana';

async function storedWithKey(tenant: Tenant, key: string): Promise<unknown[]> {
  const bundle = await (await fetch(`${tenant.baseUrl}/Observation?subject=Patient/${PATIENT}&_count=200`)).json();
  return (bundle.entry ?? [])
    .map((e: { resource: { identifier?: Array<{ value?: string }> } }) => e.resource)
    .filter((o: { identifier?: Array<{ value?: string }> }) => o.identifier?.some((i) => i.value === key));
}

const MODES: Array<{ name: string; options: NonNullable<TenantSeed['options']> }> = [
  { name: 'conditional create', options: {} },
  { name: 'no conditional create', options: { conditionalCreate: false } },
];

for (const mode of MODES) {
  describe(`FHIR home readings: ${mode.name}`, function () {
    this.timeout(30_000);
    let tenant: Tenant;
    let api: PortalApi;
    beforeEach(async () => {
      tenant = await createTenant({ resources: [{ resourceType: 'Patient', id: PATIENT, name: [{ family: 'Mejía', given: ['Ana'] }] }], options: mode.options });
      api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'readings-token', patientId: PATIENT } });
    });
    afterEach(async () => deleteTenant(tenant));

    it('saves a blood pressure and it is in the history of its code, patient-reported', async () => {
      const reading: HomeReading = { kind: 'blood-pressure', systolic: '128', diastolic: '84', takenAt: '2026-03-02T07:45:00-05:00', clientRequestId: 'bp-1' };
      const saved = await api.results.addReading(reading, signal());
      expect(ResultSchema.safeParse(saved).success).to.equal(true);
      expect(saved.patientReported).to.equal(true);
      const history = await api.results.resultHistory({ system: 'http://loinc.org', code: '85354-9' }, signal());
      expect(history.items.map((r) => [r.id, r.components.map((c) => c.value.kind === 'quantity' && c.value.quantity.value)])).to.deep.equal([[saved.id, ['128', '84']]]);
    });

    it('a save whose answer is lost is stored once, and a retry with its key answers that one', async () => {
      const reading: HomeReading = { kind: 'weight', value: '70.5', unit: 'kg', takenAt: '2026-03-02T07:45:00-05:00', clientRequestId: 'lost-weight' };
      await injectFaults(tenant, { answerLost: true, count: LOST, pathIncludes: '/Observation', match: mode.options.conditionalCreate === false ? 'PUT' : 'POST' });
      const saved = await api.results.addReading(reading, signal());
      expect((await requestLog(tenant)).some((entry) => entry.answerLost), 'the fault was hit').to.equal(true);
      expect((await storedWithKey(tenant, 'lost-weight')).map((o) => (o as { id: string }).id)).to.deep.equal([saved.id]);
      const again = await api.results.addReading(reading, signal());
      expect(again.id).to.equal(saved.id);
      expect(await storedWithKey(tenant, 'lost-weight')).to.have.length(1);
    });
  });
}
