import type { TokenSource } from '../api/portal-api.js';
import type { PortalConfig } from '../model/config.js';
import type { Session } from '../model/session.js';
import { DEFAULT_CONFIG, SIGNED_OUT, toLocale } from '../model/values.js';

// The values a provider (`<portal-provider>` or `providePortal`) derives from what the page gave it.

/** The session an auth source implies: signed in when the token response named a patient. */
export function sessionFor(auth: TokenSource | undefined): Session {
  return auth?.patientId ? { status: 'signed-in', patientId: auth.patientId } : SIGNED_OUT;
}

export function configFor(options: { lang?: string; config?: Partial<PortalConfig> }, previous: PortalConfig = DEFAULT_CONFIG): PortalConfig {
  const locale = options.lang !== undefined ? toLocale(options.lang) : (options.config?.locale ?? previous.locale);
  return { ...previous, ...options.config, locale };
}
