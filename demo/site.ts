/**
 * What every page of the demo hospital site shares: the header's language and theme switches, which the
 * site applies to its own text and hands to every `<portal-provider>` on the page (the elements translate
 * and theme themselves from there).
 *
 * `?lang=es&theme=dark` opens a page in that language and look, so a link can show a colleague one state.
 */
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';

export type SiteLang = 'en' | 'es';
export type SiteText = Record<SiteLang, Record<string, string>>;

const HEADER_TEXT: SiteText = {
  en: {
    language: 'Language',
    theme: 'Theme',
    themeLight: 'Default',
    themeDark: 'Dark',
    themeWhiteLabel: 'White label',
    home: 'Home',
    myHealth: 'My health',
    footer: 'Riverside Community Health is a fictional hospital. Every patient, clinician and appointment here is synthetic demo data.',
  },
  es: {
    language: 'Idioma',
    theme: 'Tema',
    themeLight: 'Predeterminado',
    themeDark: 'Oscuro',
    themeWhiteLabel: 'Marca blanca',
    home: 'Inicio',
    myHealth: 'Mi salud',
    footer: 'Riverside Community Health es un hospital ficticio. Todos los pacientes, profesionales y citas son datos de demostración.',
  },
};

export interface Site {
  readonly lang: SiteLang;
  /** Runs now and whenever the visitor switches language. */
  onLangChange(listener: (lang: SiteLang) => void): void;
}

/**
 * Wires the header switches to the page text (`data-text` keys looked up in `pageText`, then the header's)
 * and to every provider on the page, present and future.
 */
/** Where the tab keeps the visitor's language and theme (site settings, never patient data). */
const SITE_CHOICES = 'portal-kit-demo site';

export function setUpSite(pageText: SiteText): Site {
  const langSelect = document.querySelector<HTMLSelectElement>('#lang')!;
  const themeSelect = document.querySelector<HTMLSelectElement>('#theme')!;
  const params = new URLSearchParams(location.search);
  // The visitor's choice is kept for this tab, so it survives the way to the sign-in page and back (which drops the
  // query); a `?lang=`/`?theme=` in the address wins.
  const kept = JSON.parse(sessionStorage.getItem(SITE_CHOICES) ?? '{}') as { lang?: string; theme?: string };
  const lang = params.get('lang') ?? kept.lang;
  const theme = params.get('theme') ?? kept.theme ?? '';
  langSelect.value = lang === 'es' ? 'es' : 'en';
  themeSelect.value = ['light', 'dark', 'white-label'].includes(theme) ? theme : 'light';
  const keep = () => sessionStorage.setItem(SITE_CHOICES, JSON.stringify({ lang: langSelect.value, theme: themeSelect.value }));
  keep();
  const listeners: Array<(lang: SiteLang) => void> = [];

  const applyLang = () => {
    const lang = langSelect.value as SiteLang;
    document.documentElement.lang = lang;
    const words = { ...HEADER_TEXT[lang], ...pageText[lang] };
    document.querySelectorAll<HTMLElement>('[data-text]').forEach((node) => {
      node.textContent = words[node.dataset.text!] ?? node.textContent;
    });
    listeners.forEach((listener) => listener(lang));
  };
  const applyTheme = () => {
    document.body.dataset.theme = themeSelect.value;
  };
  // Every provider, also one added later (after the demo sign-in), gets the current language and theme.
  const configureProviders = () => {
    providers().forEach((provider) => {
      provider.lang = langSelect.value;
      provider.theme = themeSelect.value as PortalProvider['theme'];
    });
  };
  new MutationObserver(configureProviders).observe(document.body, { childList: true, subtree: true });
  for (const [select, apply] of [[langSelect, applyLang], [themeSelect, applyTheme]] as const) {
    select.addEventListener('change', () => {
      apply();
      configureProviders();
      keep();
    });
    apply();
  }
  configureProviders();
  return {
    get lang() {
      return langSelect.value as SiteLang;
    },
    onLangChange(listener) {
      listeners.push(listener);
      listener(langSelect.value as SiteLang);
    },
  };
}

const providers = () => document.querySelectorAll<PortalProvider>('portal-provider');

/** The demo FHIR server `npm start` runs next to the site. */
export const FHIR_BASE = new URL('/fhir', location.href).href;
