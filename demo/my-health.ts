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
import { DEMO_VACCINE_EDUCATION } from './vaccine-education.js';
import type { VaccineRecord } from '../src/elements/vaccine-record/vaccine-record.js';

const TEXT: SiteText = {
  en: {
    title: 'My health',
    lede: 'Your record, from our clinics, in one place.',
    note: 'Every element on this page reads the signed-in patient’s record from the demo FHIR server; sign out to clear them all.',
  },
  es: {
    title: 'Mi salud',
    lede: 'Su expediente, de nuestras clínicas, en un solo lugar.',
    note: 'Cada elemento de esta página lee el expediente del paciente que inició sesión en el servidor FHIR de demostración; cierre la sesión para borrarlos todos.',
  },
};

const site = setUpSite(TEXT);

// The practice's message topics, which FHIR does not publish: the adapter offers them with every recipient, in the
// page's language (a new language builds a new adapter, and the elements load again in it).
const portal = document.querySelector<PortalProvider>('#portal')!;
// The practice's table of vaccine information pages, which the record links to beside each vaccine.
document.querySelector<VaccineRecord>('vaccine-record')!.education = DEMO_VACCINE_EDUCATION;

site.onLangChange((lang) => {
  portal.fhirSettings = { messaging: { topics: DEMO_TOPICS.map((topic) => ({ system: TOPIC_SYSTEM, code: topic.code, display: topic[lang] })) } };
});
