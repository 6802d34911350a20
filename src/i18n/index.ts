import type { Locale } from '../model/config.js';
import { en, type Catalogue, type MessageKey } from './en.js';

export type { Catalogue, MessageKey };

/**
 * English ships with every element (it is the fallback and the type of every catalogue); other languages
 * load when a page first asks for them, so an English page never downloads Spanish and the reverse costs one
 * small request.
 */
const loaded: Partial<Record<Locale, Catalogue>> = { en };
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Catalogue>> = {
  es: () => import('./es.js').then((m) => m.es),
};
const loading = new Map<Locale, Promise<void>>();

/** Whether `translate` can answer in `locale` now (English always can). */
export function isLocaleLoaded(locale: Locale): boolean {
  return loaded[locale] !== undefined;
}

/**
 * Loads a language's catalogue once. A failed load (offline) is forgotten so that the next call tries again;
 * until then `translate` answers in English rather than not at all.
 */
export function loadLocale(locale: Locale): Promise<void> {
  if (loaded[locale]) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = loaders[locale as Exclude<Locale, 'en'>]().then(
      (catalogue) => {
        loaded[locale] = catalogue;
      },
      () => {
        loading.delete(locale);
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

export type MessageParams = Record<string, string | number>;

/**
 * Looks a key up in the locale's catalogue and fills `{name}` placeholders. Unknown params stay visible.
 * A language not loaded yet (see `loadLocale`) answers in English.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = loaded[locale]?.[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export { formatDecimal, formatFhirDate, formatInstant, zoneLabel } from './format.js';
