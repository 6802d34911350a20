import { createFhirAdapter } from '../../api/fhir/adapter.js';
import type { PortalApi, TokenSource } from '../../api/portal-api.js';
import type { SmartAuth } from '../../auth/smart-auth.js';

/** What `<portal-provider>` and `providePortal` accept as `auth`: the host's token source or a SMART client. */
export type PortalAuth = TokenSource | SmartAuth;

export function isSmartAuth(auth: PortalAuth | undefined): auth is SmartAuth {
  return typeof (auth as SmartAuth | undefined)?.subscribe === 'function' && typeof (auth as SmartAuth).signIn === 'function';
}

/** The FHIR base as an absolute URL without a trailing slash: the adapter knows no document, and pins its token to it. */
export function absoluteBase(fhirBaseUrl: string, document: Document): string {
  return new URL(fhirBaseUrl, document.baseURI).href.replace(/\/$/, '');
}

/**
 * The FHIR adapter a provider builds from a base URL and a token source, kept while both stay the same: a new
 * adapter would make every element load again.
 */
export class AdapterCache {
  private built?: { baseUrl: string; auth?: TokenSource; api: PortalApi };

  get(baseUrl: string, auth: TokenSource | undefined): PortalApi {
    if (this.built?.baseUrl !== baseUrl || this.built.auth !== auth) this.built = { baseUrl, auth, api: createFhirAdapter({ baseUrl, auth }) };
    return this.built.api;
  }
}
