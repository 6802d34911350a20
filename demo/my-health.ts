/**
 * The signed-in page. The providers carry `client-id`, so "Sign in" (in the header, or in any element) runs a
 * SMART standalone launch against the demo's authorization server, where the visitor picks one of the seeded
 * patients. Every element on the page then reads that patient's record from the demo FHIR server; signing out,
 * or 15 quiet minutes, clears them all.
 */
import '../src/define.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import { DEMO_TOPICS, TOPIC_SYSTEM } from './message-topics.mjs';
import { setUpSite, type SiteText } from './site.js';

const TEXT: SiteText = {
  en: {
    title: 'My health',
    lede: 'Your record, from our clinics, in one place.',
    note: 'Appointments, messages, lab results and the vaccine record appear here as each element is built.',
  },
  es: {
    title: 'Mi salud',
    lede: 'Su expediente, de nuestras clínicas, en un solo lugar.',
    note: 'Las citas, los mensajes, los resultados y el registro de vacunas aparecerán aquí a medida que estén listos.',
  },
};

const site = setUpSite(TEXT);

// The practice's message topics, which FHIR does not publish: the adapter offers them with every recipient, in the
// page's language (a new language builds a new adapter, and the elements load again in it).
const portal = document.querySelector<PortalProvider>('#portal')!;
site.onLangChange((lang) => {
  portal.fhirSettings = { messaging: { topics: DEMO_TOPICS.map((topic) => ({ system: TOPIC_SYSTEM, code: topic.code, display: topic[lang] })) } };
});
