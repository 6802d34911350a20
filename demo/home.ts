/**
 * The public page. Everything on it comes from the demo FHIR server through the public (anonymous) API:
 * the clinics, and — until `<portal-scheduler>` is defined — the next open vaccination times per clinic.
 */
import '../src/define.js';
import { createFhirAdapter } from '../src/api/fhir/adapter.js';
import type { Location, Slot, SlotSearchResult } from '../src/model/index.js';
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
    failed: 'We could not reach the scheduling service. Please call us to book.',
    nextTimes: 'Next open time for each vaccine',
    noTimes: 'No open vaccination times in the next two weeks. Please call a clinic below.',
    call: 'Call',
    times: 'Clock times are local to the clinic',
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
    failed: 'No pudimos conectar con el servicio de citas. Llámenos para reservar.',
    nextTimes: 'Próximo horario de cada vacuna',
    noTimes: 'No hay horarios de vacunación en las próximas dos semanas. Llame a una de las clínicas de abajo.',
    call: 'Llamar',
    times: 'Las horas son las locales de cada clínica',
  },
};

const api = createFhirAdapter({ baseUrl: FHIR_BASE });
const site = setUpSite(TEXT);
const vaccineTimes = document.querySelector<HTMLElement>('#vaccine-times')!;
const clinicList = document.querySelector<HTMLElement>('#clinic-list')!;

interface PageData {
  locations: Location[];
  slots: SlotSearchResult;
}

async function load(): Promise<PageData> {
  const signal = new AbortController().signal;
  const now = new Date();
  const inTwoWeeks = new Date(now.getTime() + 14 * 86_400_000);
  const services = (await api.scheduling.listServices(signal)).items.filter((s) => s.vaccine);
  const [locations, ...perService] = await Promise.all([
    api.scheduling.listLocations(signal),
    ...services.map((s) => api.scheduling.searchSlots({ from: now.toISOString(), to: inTwoWeeks.toISOString(), serviceId: s.id }, signal)),
  ]);
  const slots: SlotSearchResult = { slots: [], services: {}, locations: {}, practitioners: {}, dropped: 0, truncated: false };
  for (const found of perService) {
    slots.slots.push(...found.slots);
    Object.assign(slots.services, found.services);
  }
  slots.slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { locations: locations.items, slots };
}

/** A small text-only element tree (no HTML strings: the data is server text). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function clinicTime(slot: Slot, location: Location, lang: SiteLang): string {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', {
    timeZone: location.timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(slot.start));
}

function phoneLink(location: Location, words: Record<string, string>) {
  return location.phone ? el('a', { href: `tel:${location.phone.replace(/[^\d+]/g, '')}` }, `${words.call} ${location.phone}`) : '';
}

function render(data: PageData | 'loading' | 'failed', lang: SiteLang) {
  const words = TEXT[lang];
  if (data === 'loading' || data === 'failed') {
    const message = el('p', { className: data === 'failed' ? 'notice error' : 'notice' }, words[data]);
    if (data === 'failed') message.setAttribute('role', 'alert');
    vaccineTimes.replaceChildren(message);
    clinicList.replaceChildren(data === 'failed' ? '' : el('p', { className: 'notice' }, words.loading));
    return;
  }
  const schedulerReady = customElements.get('portal-scheduler') !== undefined;
  // Clinics that give vaccines (any vaccine slot in the next two weeks) with their next few times.
  const vaccineClinics = schedulerReady ? [] : data.locations.filter((location) => data.slots.slots.some((s) => s.locationId === location.id));
  vaccineTimes.replaceChildren(
    ...(!schedulerReady && vaccineClinics.length === 0 ? [el('p', { className: 'notice' }, words.noTimes)] : []),
    ...vaccineClinics.map((location) =>
      el(
        'article',
        { className: 'card' },
        el('h3', {}, location.name),
        el('p', { className: 'muted' }, words.nextTimes),
        el(
          'ul',
          { className: 'times' },
          ...firstPerVaccine(data.slots.slots.filter((s) => s.locationId === location.id), data).map(([vaccine, slot]) =>
            el('li', {}, el('strong', {}, vaccine), el('br'), clinicTime(slot, location, lang)),
          ),
        ),
        el('p', {}, phoneLink(location, words)),
      ),
    ),
  );
  clinicList.replaceChildren(
    ...data.locations.map((location) =>
      el(
        'article',
        { className: 'card' },
        el('h3', {}, location.name),
        el('p', {}, addressText(location)),
        el('p', {}, phoneLink(location, words)),
        location.instructions ? el('p', { className: 'muted' }, location.instructions) : '',
      ),
    ),
  );
}

function addressText({ address }: Location): string {
  if (!address) return '';
  const region = [address.state, address.postalCode].filter(Boolean).join(' ');
  return [...address.lines, address.city, region].filter(Boolean).join(', ');
}

/** The earliest slot of each vaccine product, in time order. */
function firstPerVaccine(slots: Slot[], data: PageData): Array<[string, Slot]> {
  const first = new Map<string, Slot>();
  for (const slot of slots) {
    const vaccine = vaccineOf(slot, data);
    if (!first.has(vaccine)) first.set(vaccine, slot);
  }
  return [...first];
}

/** The product a slot gives (a slot also lists its umbrella service, e.g. "Flu vaccination"). */
function vaccineOf(slot: Slot, data: PageData): string {
  const services = slot.serviceIds.map((id) => data.slots.services[id]).filter((s) => s !== undefined);
  const named = services.some((s) => s.vaccine) ? services.filter((s) => s.vaccine) : services;
  return [...new Set(named.map((s) => s.name))].join(', ');
}

let data: PageData | 'loading' | 'failed' = 'loading';
site.onLangChange((lang) => render(data, lang));
load().then(
  (loaded) => (data = loaded),
  () => (data = 'failed'),
).finally(() => render(data, site.lang));
