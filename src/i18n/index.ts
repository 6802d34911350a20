import type { Locale } from '../model/config.js';
import { en, type Catalogue, type MessageKey } from './en.js';

export type { Catalogue, MessageKey };

export type MessageParams = Record<string, string | number>;

/** Every language but English, the fallback that always ships with its strings. */
export type LoadedLocale = Exclude<Locale, 'en'>;

/**
 * One set of strings: the shared catalogue, or one element's own. English is in the set from the start (it
 * is the fallback and the type of every language); other languages load the first time a page asks for
 * them, so an English page never downloads Spanish and the reverse costs one small request per set.
 */
export interface Strings<K extends string> {
  readonly en: Readonly<Record<K, string>>;
  /** Whether `locale` is loaded (English always is). */
  loaded(locale: Locale): boolean;
  /**
   * Loads a language once. A failed load (offline) is forgotten so that the next call tries again; until
   * then the set answers in English rather than not at all.
   */
  load(locale: Locale): Promise<void>;
  /** The string for `key` in `locale` (English while it is not loaded), `{name}` placeholders filled. */
  t(locale: Locale, key: K, params?: MessageParams): string;
}

/**
 * Makes a set of strings from its English catalogue and a loader per other language (a dynamic `import()`,
 * so each language is its own chunk). An element's set is passed to its `static strings`.
 */
export function defineStrings<K extends string>(
  english: Readonly<Record<K, string>>,
  loaders: Record<LoadedLocale, () => Promise<Readonly<Record<K, string>>>>,
): Strings<K> {
  const loaded: Partial<Record<Locale, Readonly<Record<K, string>>>> = { en: english };
  const loading = new Map<Locale, Promise<void>>();
  return {
    en: english,
    loaded: (locale) => loaded[locale] !== undefined,
    load(locale) {
      if (loaded[locale]) return Promise.resolve();
      let pending = loading.get(locale);
      if (!pending) {
        pending = loaders[locale as LoadedLocale]().then(
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
    },
    t(locale, key, params) {
      // A key no catalogue has (a server's code spliced into a key) shows as itself rather than failing.
      const template = loaded[locale]?.[key] ?? english[key] ?? key;
      if (!params) return template;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
  };
}

/** The strings every element shares: states, errors, sign-in, the idle warning. */
export const sharedStrings: Strings<MessageKey> = /* @__PURE__ */ defineStrings<MessageKey>(en, {
  es: () => import('./es.js').then((m) => m.es),
});

/** Whether the shared strings can answer in `locale` now (English always can). */
export function isLocaleLoaded(locale: Locale): boolean {
  return sharedStrings.loaded(locale);
}

/** Loads a language of the shared strings once (see `Strings.load`). */
export function loadLocale(locale: Locale): Promise<void> {
  return sharedStrings.load(locale);
}

/**
 * Looks a shared key up and fills `{name}` placeholders. Unknown params stay visible. A language not loaded
 * yet (see `loadLocale`) answers in English.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return sharedStrings.t(locale, key, params);
}

export { formatDecimal, formatFhirDate, formatInstant, zoneLabel } from './format.js';
