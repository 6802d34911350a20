import * as z from './z.js';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const TIME_ZONE_DISPLAYS = ['location', 'location-and-local'] as const;

export const PortalConfigSchema = z.object({
  locale: z.enum(LOCALES),
  /** Show slot times in the clinic's zone only, or also in the viewer's own zone when it differs. */
  timeZoneDisplay: z.enum(TIME_ZONE_DISPLAYS),
  /** Feature switches a host may turn off (e.g. `{ 'messages.attachments': false }`). */
  features: z.record(z.string(), z.boolean()),
});
export type PortalConfig = z.infer<typeof PortalConfigSchema>;

export const DEFAULT_CONFIG: PortalConfig = Object.freeze({
  locale: 'en',
  timeZoneDisplay: 'location-and-local',
  features: Object.freeze({}) as Record<string, boolean>,
}) as PortalConfig;

/** Picks a supported locale from a BCP 47 tag (`es-MX` → `es`), English when none fits. */
export function toLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
}
