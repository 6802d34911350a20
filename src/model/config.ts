import * as z from './z.js';
import { LOCALES, TIME_ZONE_DISPLAYS } from './values.js';

export { DEFAULT_CONFIG, LOCALES, TIME_ZONE_DISPLAYS, toLocale, type Locale } from './values.js';

export const PortalConfigSchema = /* @__PURE__ */ z.object({
  locale: z.enum(LOCALES),
  /** Show slot times in the clinic's zone only, or also in the viewer's own zone when it differs. */
  timeZoneDisplay: z.enum(TIME_ZONE_DISPLAYS),
  /** Feature switches a host may turn off (e.g. `{ 'messages.attachments': false }`). */
  features: z.record(z.string(), z.boolean()),
});
export type PortalConfig = z.infer<typeof PortalConfigSchema>;
