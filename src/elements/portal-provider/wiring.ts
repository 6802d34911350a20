import { createFhirAdapter, type FhirAdapterOptions } from '../../api/fhir/adapter.js';
import type { PortalApi, TokenSource } from '../../api/portal-api.js';
import type { SmartAuth } from '../../auth/smart-auth.js';

/** The FHIR adapter's settings a host may give beside the base and the token (messaging topics and limits, retries). */
export type FhirSettings = Omit<FhirAdapterOptions, 'baseUrl' | 'auth'>;

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
  private built?: { baseUrl: string; auth?: TokenSource; settings?: FhirSettings; api: PortalApi };

  get(baseUrl: string, auth: TokenSource | undefined, settings?: FhirSettings): PortalApi {
    const built = this.built;
    if (built?.baseUrl !== baseUrl || built.auth !== auth || built.settings !== settings) {
      this.built = { baseUrl, auth, settings, api: createFhirAdapter({ ...settings, baseUrl, auth }) };
    }
    return this.built!.api;
  }
}
