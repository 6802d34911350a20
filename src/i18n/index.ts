import type { Locale } from '../model/config.js';
import { en, type Catalogue, type MessageKey } from './en.js';
import { es } from './es.js';

export type { Catalogue, MessageKey };

const CATALOGUES: Record<Locale, Catalogue> = { en, es };

export type MessageParams = Record<string, string | number>;

/** Looks a key up in the locale's catalogue and fills `{name}` placeholders. Unknown params stay visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGUES[locale][key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export { formatDecimal, formatFhirDate, formatInstant, zoneLabel } from './format.js';
