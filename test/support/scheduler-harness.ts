// A page with one <portal-scheduler> on the real FHIR adapter, for test/support/second-browser.mjs:
// `?base=<FHIR base>&patient=<id>` signs in as that patient with a host token source; every other parameter
// becomes an attribute of the scheduler.
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import '../../src/define.js';

const params = new URLSearchParams(location.search);
const patientId = params.get('patient') ?? undefined;
const provider = document.createElement('portal-provider');
provider.api = createFhirAdapter({
  baseUrl: new URL(params.get('base') ?? '/fhir', location.href).href,
  auth: patientId ? { patientId, getAccessToken: async () => `test-token-${patientId}` } : undefined,
});
if (patientId) provider.session = { status: 'signed-in', patientId };
const scheduler = document.createElement('portal-scheduler');
for (const [name, value] of params) if (name !== 'base' && name !== 'patient') scheduler.setAttribute(name, value);
provider.append(scheduler);
document.body.append(provider);
