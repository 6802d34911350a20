import { expect, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { TokenSource } from '../../../src/api/portal-api.js';
import type { SmartAuth } from '../../../src/auth/smart-auth.js';
import '../../../src/define.js';
import type { PortalPatientBanner } from '../../../src/elements/portal-patient-banner/portal-patient-banner.js';
import { providePortal, type PortalHandle } from '../../../src/elements/portal-provider/provide-portal.js';
import type { Session } from '../../../src/model/session.js';
import { PATIENT_ID } from '../../contract/element-contract.js';
import { createTenant, deleteTenant, requestLog, type Tenant } from '../../support/fhir-tenant.js';

const bannerText = (banner: PortalPatientBanner) => banner.shadowRoot!.textContent ?? '';
const hospitalToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());

/** A host page's own session: it signs in, out and switches patients itself, and tells whoever subscribed. */
class HostSession implements TokenSource {
  patientId?: string;
  private readonly listeners = new Set<() => void>();
  async getAccessToken(): Promise<string | undefined> {
    return this.patientId ? `host-token-${this.patientId}` : undefined;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  become(patientId: string | undefined): void {
    this.patientId = patientId;
    this.listeners.forEach((listener) => listener());
  }
  get listening(): number {
    return this.listeners.size;
  }
}

/** Scattered elements, as a CMS page places them: a header banner and a body banner, no shared wrapper. */
async function scattered(): Promise<PortalPatientBanner[]> {
  document.body.innerHTML = '<header><portal-patient-banner></portal-patient-banner></header><main><portal-patient-banner></portal-patient-banner></main>';
  const banners = [...document.querySelectorAll('portal-patient-banner')] as PortalPatientBanner[];
  await Promise.all(banners.map((banner) => banner.updateComplete));
  return banners;
}

describe('providePortal with auth given once', () => {
  let tenant: Tenant;
  let handle: PortalHandle | undefined;
  before(async () => {
    tenant = await createTenant({ options: { demoSeed: hospitalToday() } });
  });
  after(() => deleteTenant(tenant));
  afterEach(() => {
    handle?.dispose();
    handle = undefined;
    document.body.innerHTML = '';
  });

  it('builds the FHIR adapter from fhirBaseUrl and the token source, and follows the host signing in, switching and out', async () => {
    const banners = await scattered();
    const host = new HostSession();
    handle = providePortal(document.body, { fhirBaseUrl: tenant.baseUrl, auth: host, lang: 'en' });
    await waitUntil(() => banners.every((banner) => banner.accessState === 'signed-out'), 'not signed out at first');
    host.become('daniel-okafor');
    await waitUntil(() => banners.every((banner) => bannerText(banner).includes('Daniel Okafor')), 'host sign-in never reached the elements');
    const reads = (await requestLog(tenant)).filter((request) => request.url.includes('/Patient/'));
    expect(reads.length, 'patient read through the built adapter').to.be.greaterThan(0);
    expect(reads.every((request) => request.authorization === 'Bearer host-token-daniel-okafor')).to.equal(true);
    host.become('mia-thompson');
    await waitUntil(() => banners.every((banner) => bannerText(banner).includes('Mia Thompson')), 'patient switch never reached the elements');
    expect(banners.some((banner) => bannerText(banner).includes('Daniel'))).to.equal(false);
    host.become(undefined);
    await waitUntil(() => banners.every((banner) => banner.accessState === 'signed-out'), 'host sign-out never reached the elements');
    expect(banners.some((banner) => bannerText(banner).includes('Mia'))).to.equal(false);
    handle.dispose();
    handle = undefined;
    expect(host.listening, 'dispose stops listening to the host').to.equal(0);
  });

  it('an explicit api wins over fhirBaseUrl', async () => {
    const banners = await scattered();
    const api = createMemoryAdapter({ patientId: PATIENT_ID });
    handle = providePortal(document.body, { api, fhirBaseUrl: tenant.baseUrl, auth: { patientId: PATIENT_ID, getAccessToken: async () => 'x' } });
    await waitUntil(() => banners.every((banner) => bannerText(banner).includes('Mejía')));
    expect(banners[0].api).to.equal(api);
  });

  it('a SMART client: its session reaches every element, and "Sign in" asks it for the scopes the elements need', async () => {
    const banners = await scattered();
    const smart = fakeSmartAuth(tenant.baseUrl);
    handle = providePortal(document.body, { auth: smart, lang: 'en' });
    await waitUntil(() => banners.every((banner) => banner.shadowRoot!.querySelector('[part~="sign-in"]')), 'no sign-in offered');
    await waitUntil(() => banners.every((banner) => banner.sessionActions), 'sign-in actions never provided');
    (banners[0].shadowRoot!.querySelector('[part~="sign-in"]') as HTMLButtonElement).click();
    await waitUntil(() => smart.signIns.length === 1, 'the SMART client was not asked to sign in');
    expect(smart.signIns[0]).to.include('patient/Patient.r');
    smart.become({ status: 'signed-in', patientId: 'maria-pena' });
    await waitUntil(() => banners.every((banner) => bannerText(banner).includes('María José')), 'SMART sign-in never reached the elements');
    expect(banners[0].api, 'one adapter for the page').to.equal(banners[1].api);

    // Sign-out asks the page first: a cancelled request (an unsent message) signs no one out.
    const hold = (event: Event) => event.preventDefault();
    document.addEventListener('portal-sign-out-requested', hold);
    banners[0].sessionActions!.signOut();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(smart.session.status, 'held back').to.equal('signed-in');
    document.removeEventListener('portal-sign-out-requested', hold);
    banners[0].sessionActions!.signOut();
    await waitUntil(() => smart.session.status === 'signed-out', 'signed out once nothing holds it back');
  });
});

/** Enough of a SMART client for the page's session: a session it reports, sign-ins it records, no network. */
function fakeSmartAuth(fhirBaseUrl: string): SmartAuth & { signIns: (readonly string[])[]; become(session: Session): void } {
  const listeners = new Set<(session: Session) => void>();
  const auth = {
    fhirBaseUrl,
    clientId: 'provide-portal-test',
    session: { status: 'signed-out' } as Session,
    signIns: [] as (readonly string[])[],
    get patientId() {
      return auth.session.status === 'signed-in' ? auth.session.patientId : undefined;
    },
    getAccessToken: async () => (auth.session.status === 'signed-in' ? 'smart-token' : undefined),
    subscribe(listener: (session: Session) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async signIn(scopes: readonly string[] = []) {
      auth.signIns.push(scopes);
    },
    isCallback: () => false,
    completeSignIn: async () => false,
    async signOut() {
      auth.become({ status: 'signed-out' });
    },
    forget() {
      auth.become({ status: 'signed-out' });
    },
    become(session: Session) {
      auth.session = session;
      listeners.forEach((listener) => listener(session));
    },
  };
  return auth;
}
