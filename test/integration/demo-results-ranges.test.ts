// The demo seed's lab ranges through the FHIR adapter (issue 16): sex-specific ranges carry an
// administrative-gender code, so the range for the signed-in patient is chosen by sex and age, and every
// seeded quantity keeps its UCUM code.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import { chooseReferenceRange } from '../../src/model/index.js';
import { createTenant, deleteTenant, type Tenant } from '../support/fhir-tenant.js';

const signal = () => new AbortController().signal;
const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('demo seed: reference ranges for the patient', function () {
  this.timeout(60_000);
  let tenant: Tenant;
  before(async () => {
    tenant = await createTenant({ options: { demoSeed: today } });
  });
  after(async () => deleteTenant(tenant));

  for (const patientId of ['daniel-okafor', 'maria-pena']) {
    it(`${patientId}: a sex-specific range is chosen by the patient's sex, never the other one`, async () => {
      const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'tok', patientId } });
      const patient = await api.patient.current(signal());
      const { items } = await api.results.listReports(signal());
      const results = items.flatMap((r) => r.results);
      const sexed = results.filter((r) => r.referenceRanges.some((range) => range.appliesTo?.some((c) => c.codings.length > 0)));
      for (const result of results) {
        if (result.value.kind === 'quantity') expect(result.value.quantity.system, result.code.text).to.equal('http://unitsofmeasure.org');
      }
      let bySex = 0;
      for (const result of sexed) {
        const choice = chooseReferenceRange(result.referenceRanges, patient, result.effective);
        if (choice.kind !== 'chosen') continue;
        const codes = choice.range.appliesTo?.flatMap((c) => c.codings.map((x) => x.code)) ?? [];
        if (codes.length > 0) {
          expect(codes, result.code.text).to.deep.equal([patient.gender]);
          bySex++;
        }
      }
      expect(bySex, 'results whose range was chosen by sex').to.be.greaterThan(0);
    });
  }
});
