import { createMemoryAdapter } from '../src/api/memory/index.js';
import '../src/define.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';

const PATIENT_ID = 'patient-ana-mejia';
const provider = document.querySelector<PortalProvider>('#portal')!;
provider.api = createMemoryAdapter({ patientId: PATIENT_ID });
provider.session = { status: 'signed-in', patientId: PATIENT_ID, scopes: [] };

const lang = document.querySelector<HTMLSelectElement>('#lang')!;
lang.addEventListener('change', () => {
  document.documentElement.lang = lang.value;
  provider.lang = lang.value;
});

const theme = document.querySelector<HTMLSelectElement>('#theme')!;
theme.addEventListener('change', () => {
  provider.theme = theme.value as PortalProvider['theme'];
  document.body.dataset.theme = theme.value;
});
