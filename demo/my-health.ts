/**
 * The signed-in page. Until SMART sign-in lands, a visitor picks one of the seeded patients and the provider
 * gets a host token source for that patient (the shape a site that already holds a session uses). Every
 * element inside reads that patient's record from the demo FHIR server.
 */
import '../src/define.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import { FHIR_BASE, setUpSite, type SiteText } from './site.js';

const TEXT: SiteText = {
  en: {
    title: 'My health',
    lede: 'Your record, from our clinics, in one place.',
    pickTitle: 'Demo sign-in: who are you today?',
    signIn: 'Continue',
    signOut: 'Sign out',
    loading: 'Loading patients…',
    failed: 'The demo server did not answer. Is `npm start` still running?',
    note: 'Appointments, messages, lab results and the vaccine record appear here as each element is built.',
  },
  es: {
    title: 'Mi salud',
    lede: 'Su expediente, de nuestras clínicas, en un solo lugar.',
    pickTitle: 'Inicio de sesión de demostración: ¿quién es usted hoy?',
    signIn: 'Continuar',
    signOut: 'Cerrar sesión',
    loading: 'Cargando pacientes…',
    failed: 'El servidor de demostración no respondió. ¿Sigue en marcha `npm start`?',
    note: 'Las citas, los mensajes, los resultados y el registro de vacunas aparecerán aquí a medida que estén listos.',
  },
};

/** Session-only and cleared on sign-out, like the SMART flow that replaces it. */
const CHOSEN = 'portal-kit-demo.patient';

const site = setUpSite(TEXT);
const provider = document.querySelector<PortalProvider>('#portal')!;
const form = document.querySelector<HTMLFormElement>('#demo-sign-in')!;
const choices = document.querySelector<HTMLElement>('#patient-choices')!;
const signOut = document.querySelector<HTMLButtonElement>('#sign-out')!;

function signInAs(patientId: string | undefined) {
  provider.auth = patientId ? { patientId, getAccessToken: async () => undefined } : undefined;
  signOut.hidden = !patientId;
  if (patientId) sessionStorage.setItem(CHOSEN, patientId);
  else sessionStorage.removeItem(CHOSEN);
}

interface PatientChoice {
  id: string;
  name: string;
}

async function seededPatients(): Promise<PatientChoice[]> {
  const response = await fetch(`${FHIR_BASE}/Patient?_sort=family&_count=20`, { headers: { Accept: 'application/fhir+json' } });
  if (!response.ok) throw new Error(`Patient search: ${response.status}`);
  const bundle = (await response.json()) as { entry?: Array<{ resource: { id: string; name?: Array<{ text?: string; given?: string[]; family?: string }> } }> };
  return (bundle.entry ?? []).map(({ resource }) => {
    const name = resource.name?.[0];
    return { id: resource.id, name: name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ') };
  });
}

function showChoices(patients: PatientChoice[], chosen: string | undefined) {
  choices.replaceChildren(
    ...patients.map(({ id, name }, index) => {
      const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'patient', value: id, checked: id === chosen || (!chosen && index === 0) });
      const label = document.createElement('label');
      label.append(input, ` ${name}`);
      return label;
    }),
  );
}

site.onLangChange((lang) => {
  if (!choices.childElementCount) choices.textContent = TEXT[lang].loading;
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  signInAs(new FormData(form).get('patient')?.toString());
});
signOut.addEventListener('click', () => signInAs(undefined));
// An element's own "Sign in" action lands on the picker.
document.addEventListener('portal-auth-required', () => form.querySelector<HTMLInputElement>('input[name="patient"]')?.focus());

const chosen = new URLSearchParams(location.search).get('demo-patient') ?? sessionStorage.getItem(CHOSEN) ?? undefined;
signInAs(chosen);
seededPatients().then(
  (patients) => showChoices(patients, chosen),
  () => {
    choices.textContent = TEXT[site.lang].failed;
    choices.setAttribute('role', 'alert');
  },
);
