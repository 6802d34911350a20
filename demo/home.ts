/**
 * The public page: `<portal-scheduler vaccine>` books flu and COVID-19 shots against the demo FHIR server,
 * and the clinic cards below it come from the same public (anonymous) FHIR API.
 */
import '../src/define.js';
import { createFhirAdapter } from '../src/api/fhir/adapter.js';
import type { Location } from '../src/model/index.js';
import { FHIR_BASE, setUpSite, type SiteLang, type SiteText } from './site.js';

const TEXT: SiteText = {
  en: {
    heroTitle: 'Care close to home',
    heroLede: 'Three clinics in New York and Chicago, same-week visits, and walk-in friendly vaccination.',
    heroBook: 'Book a vaccine',
    heroSignIn: 'Go to My health',
    vaccinesTitle: 'Flu and COVID-19 vaccines',
    vaccinesLede: 'Pick a time at any of our clinics. No account needed to look; bring your vaccination card.',
    clinicsTitle: 'Our clinics',
    loading: 'Loading…',
    failed: 'We could not load our clinics right now. Please try again later.',
    call: 'Call',
  },
  es: {
    heroTitle: 'Atención cerca de usted',
    heroLede: 'Tres clínicas en Nueva York y Chicago, citas en la misma semana y vacunación sin complicaciones.',
    heroBook: 'Reservar una vacuna',
    heroSignIn: 'Ir a Mi salud',
    vaccinesTitle: 'Vacunas contra la gripe y el COVID-19',
    vaccinesLede: 'Elija un horario en cualquiera de nuestras clínicas. No necesita cuenta para ver; traiga su tarjeta de vacunación.',
    clinicsTitle: 'Nuestras clínicas',
    loading: 'Cargando…',
    failed: 'No pudimos cargar nuestras clínicas ahora. Inténtelo de nuevo más tarde.',
    call: 'Llamar',
  },
};

const api = createFhirAdapter({ baseUrl: FHIR_BASE });
const site = setUpSite(TEXT);
const clinicList = document.querySelector<HTMLElement>('#clinic-list')!;

/** A small text-only element tree (no HTML strings: the data is server text). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function addressText({ address }: Location): string {
  if (!address) return '';
  const region = [address.state, address.postalCode].filter(Boolean).join(' ');
  return [...address.lines, address.city, region].filter(Boolean).join(', ');
}

function render(locations: Location[] | 'loading' | 'failed', lang: SiteLang) {
  const words = TEXT[lang];
  if (locations === 'loading' || locations === 'failed') {
    const message = el('p', { className: locations === 'failed' ? 'notice error' : 'notice' }, words[locations]);
    if (locations === 'failed') message.setAttribute('role', 'alert');
    clinicList.replaceChildren(message);
    return;
  }
  clinicList.replaceChildren(
    ...locations.map((location) =>
      el(
        'article',
        { className: 'card' },
        el('h3', {}, location.name),
        el('p', {}, addressText(location)),
        el('p', {}, location.phone ? el('a', { href: `tel:${location.phone.replace(/[^\d+]/g, '')}` }, `${words.call} ${location.phone}`) : ''),
        location.instructions ? el('p', { className: 'muted' }, location.instructions) : '',
      ),
    ),
  );
}

let locations: Location[] | 'loading' | 'failed' = 'loading';
site.onLangChange((lang) => render(locations, lang));
api.scheduling.listLocations(new AbortController().signal).then(
  (found) => (locations = found.items),
  () => (locations = 'failed'),
).finally(() => render(locations, site.lang));
