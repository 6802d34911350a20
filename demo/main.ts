import { createMemoryAdapter } from '../src/api/memory/index.js';
import '../src/define.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';

const PATIENT_ID = 'patient-ana-mejia';
const provider = document.querySelector<PortalProvider>('#portal')!;
provider.api = createMemoryAdapter({ patientId: PATIENT_ID });
provider.session = { status: 'signed-in', patientId: PATIENT_ID, scopes: [] };

const lang = document.querySelector<HTMLSelectElement>('#lang')!;
const theme = document.querySelector<HTMLSelectElement>('#theme')!;

/** The host site's own words; the elements translate themselves. */
const SITE_TEXT: Record<string, Record<string, string>> = {
  en: {
    language: 'Language',
    theme: 'Theme',
    title: 'My health',
    lede: 'Your record, from our clinics, in one place.',
    note: "This page runs on portal-kit's in-memory adapter with seeded sample data. Scheduling, messages, results and the vaccine record join it as they are built.",
  },
  es: {
    language: 'Idioma',
    theme: 'Tema',
    title: 'Mi salud',
    lede: 'Su expediente, de nuestras clínicas, en un solo lugar.',
    note: 'Esta página usa el adaptador en memoria de portal-kit con datos de ejemplo. La programación de citas, los mensajes, los resultados y el registro de vacunas se sumarán a medida que estén listos.',
  },
};

function applyLang() {
  document.documentElement.lang = lang.value;
  provider.lang = lang.value;
  const words = SITE_TEXT[lang.value] ?? SITE_TEXT.en;
  document.querySelectorAll<HTMLElement>('[data-text]').forEach((node) => {
    node.textContent = words[node.dataset.text!] ?? node.textContent;
  });
}
function applyTheme() {
  provider.theme = theme.value as PortalProvider['theme'];
  document.body.dataset.theme = theme.value;
}

// `?lang=es&theme=dark` opens the page in that language and look (shareable demo links).
const params = new URLSearchParams(location.search);
lang.value = params.get('lang') ?? lang.value;
theme.value = params.get('theme') ?? theme.value;
applyLang();
applyTheme();
lang.addEventListener('change', applyLang);
theme.addEventListener('change', applyTheme);
