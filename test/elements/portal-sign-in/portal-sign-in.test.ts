import { ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../../src/api/memory/index.js';
import type { PortalApi } from '../../../src/api/portal-api.js';
import { authContext } from '../../../src/context/keys.js';
import type { PortalProvider } from '../../../src/elements/portal-provider/portal-provider.js';
import type { PortalSignIn } from '../../../src/elements/portal-sign-in/portal-sign-in.js';
import type { Session, SessionActions } from '../../../src/model/session.js';
import { canaryApi, CANARY } from '../../contract/canary.js';
import { elementContract, PATIENT_ID, RecordingSessionActions as FakeActions, SIGNED_IN } from '../../contract/element-contract.js';
import { partsText, shadow } from '../../support/dom.js';
import { quietPeriod } from '../../support/wait.js';

// The header control passes the contract like every element, in its own shapes: signed out it shows "Sign in" (and
// loads nothing); while the name loads its polite status says "Signed in"; a name that cannot be read is reported as
// a portal-error while the person stays signed in (an alert in a site header would alarm for a missing decoration).
elementContract({
  tag: 'portal-sign-in',
  template: () => html`<portal-sign-in></portal-sign-in>`,
  readySelector: '[part~="name"]',
  loadOperation: 'patient.current',
  access: 'public',
  publicOperations: [],
  publicSelector: '[part~="sign-in"]',
  loading: { selector: '[part~="status"]', es: 'Sesión iniciada' },
  failure: 'reported',
});

interface Mounted {
  element: PortalSignIn;
  provider: PortalProvider;
  events: CustomEvent[];
}

interface MountOptions {
  session?: Session;
  /** A fake owner of the session, provided through `authContext`; `null` for a host-managed session. */
  auth?: SessionActions | null;
  api?: PortalApi;
  memory?: MemoryAdapterOptions;
  lang?: string;
  theme?: string;
}

/**
 * `<portal-sign-in>` inside a provider (memory adapter), with `authContext` provided by a wrapper between them,
 * as a provider running SMART sign-in would. Records every portal event the element fires.
 */
async function mount(options: MountOptions = {}): Promise<Mounted> {
  const events: CustomEvent[] = [];
  const api = 'api' in options ? options.api : createMemoryAdapter({ patientId: PATIENT_ID, ...options.memory });
  const authHost = document.createElement('div');
  if (options.auth !== null) new ContextProvider(authHost, { context: authContext, initialValue: options.auth ?? new FakeActions() });
  authHost.append(document.createElement('portal-sign-in'));
  const outer = document.createElement('div');
  for (const type of ['portal-auth-required', 'portal-error', 'portal-session-ended'] as const) {
    outer.addEventListener(type, (event) => events.push(event), { capture: true });
  }
  const provider = await fixture<PortalProvider>(
    html`<portal-provider .api=${api} .session=${options.session ?? SIGNED_IN} lang=${options.lang ?? 'en'} theme=${options.theme ?? 'light'}
      >${authHost}</portal-provider
    >`,
    { parentNode: outer },
  );
  const element = provider.querySelector('portal-sign-in')!;
  await element.updateComplete;
  return { element, provider, events };
}

async function setSession(mounted: Mounted, session: Session): Promise<void> {
  mounted.provider.session = session;
  await mounted.provider.updateComplete;
  await mounted.element.updateComplete;
}

const button = (element: Element) => shadow(element, '[part~="button"]') as HTMLButtonElement | null;
const nameShown = (element: Element) => shadow(element, '[part~="name"]')?.textContent ?? '';

describe('<portal-sign-in>', () => {
  describe('signed out', () => {
    it('offers "Sign in", which tells the page and asks the session owner to sign in; accessible', async () => {
      const auth = new FakeActions();
      const { element, events } = await mount({ session: { status: 'signed-out' }, auth });
      expect(button(element)!.textContent).to.equal('Sign in');
      expect(shadow(element, '[role="alert"]')).to.equal(null);
      await expect(element).to.be.accessible();
      expect(events, 'nothing before the press: a page that redirects on this event must not loop').to.deep.equal([]);
      button(element)!.click();
      expect(auth.calls.filter((call) => call === 'signIn')).to.deep.equal(['signIn']);
      expect(events.map((event) => [event.type, event.detail])).to.deep.equal([['portal-auth-required', { element: 'portal-sign-in', reason: 'signed-out' }]]);
    });

    it('a page that cancels portal-auth-required runs its own sign-in: the session owner is not asked', async () => {
      const auth = new FakeActions();
      const { element } = await mount({ session: { status: 'signed-out' }, auth });
      document.addEventListener('portal-auth-required', (event) => event.preventDefault(), { once: true });
      button(element)!.click();
      expect(auth.calls.filter((call) => call === 'signIn')).to.deep.equal([]);
    });

    it('without a session owner in context, "Sign in" asks the page (portal-auth-required, page-level)', async () => {
      const { element, events } = await mount({ session: { status: 'signed-out' }, auth: null });
      expect(events).to.deep.equal([]);
      button(element)!.click();
      expect(events.map((event) => [event.type, event.detail])).to.deep.equal([['portal-auth-required', { element: 'portal-sign-in', reason: 'signed-out' }]]);
      expect(events[0].bubbles && events[0].composed).to.equal(true);
      await expect(element).to.be.accessible();
    });

    it('loads no patient data', async () => {
      const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID }));
      const { element } = await mount({ session: { status: 'signed-out' }, api: recording.api });
      await quietPeriod(50);
      await element.updateComplete;
      expect(recording.signals).to.deep.equal([]);
    });

    const problems = [
      ['sign-in-failed', 'Sign-in did not finish. Please try again.'],
      ['server-not-supported', 'Sign-in is not available on this site right now.'],
    ] as const;
    for (const [problem, message] of problems) {
      it(`after a failed sign-in (${problem}): an alert in its own words, and "Sign in" again; accessible`, async () => {
        const auth = new FakeActions();
        const { element } = await mount({ session: { status: 'signed-out', problem }, auth });
        expect(shadow(element, '[role="alert"]')!.textContent).to.equal(message);
        expect(shadow(element, '[role="alert"]')!.getAttribute('part')).to.contain('status');
        await expect(element).to.be.accessible();
        button(element)!.click();
        expect(auth.calls.filter((call) => call === 'signIn')).to.deep.equal(['signIn']);
      });
    }
  });

  it('signing in: a busy "Signing in…" that does nothing when pressed again; accessible', async () => {
    const auth = new FakeActions();
    const { element } = await mount({ session: { status: 'signing-in' }, auth });
    const busy = button(element)!;
    expect(busy.textContent).to.equal('Signing in…');
    expect(busy.getAttribute('aria-disabled')).to.equal('true');
    expect(busy.getAttribute('aria-busy')).to.equal('true');
    busy.click();
    expect(auth.calls.filter((call) => call === 'signIn')).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  describe('signed in', () => {
    it("shows the patient's name from the adapter, and \"Sign out\" asks the session owner to sign out; accessible", async () => {
      const auth = new FakeActions();
      const { element } = await mount({ auth });
      await waitUntil(() => shadow(element, '[part~="name"]'), 'name never shown');
      expect(nameShown(element)).to.equal('Ana María Mejía');
      expect(shadow(element, '[part="status"]')!.textContent).to.equal('Signed in');
      expect(button(element)!.textContent).to.equal('Sign out');
      await expect(element).to.be.accessible();
      button(element)!.click();
      expect(auth.calls.filter((call) => call === 'signOut')).to.deep.equal(['signOut']);
    });

    it('while the name loads: just "Signed in"', async () => {
      const { element } = await mount({ memory: { latencyMs: 60_000 } });
      expect(partsText(element)).to.equal('Signed in Sign out');
      expect(shadow(element, '[part~="name"]')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('tells the session owner it reads the patient record, so sign-in asks for it', async () => {
      const auth = new FakeActions();
      await mount({ session: { status: 'signed-out' }, auth });
      expect(auth.calls).to.deep.equal(['need:patient/Patient.r']);
    });

    it('when the server did not grant reading the patient: "Signed in" and "Sign out", nothing loaded', async () => {
      const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID }));
      const { element } = await mount({ api: recording.api, session: { status: 'signed-in', patientId: PATIENT_ID, scopes: ['patient/Appointment.rs'] } });
      await quietPeriod(50);
      await element.updateComplete;
      expect(partsText(element)).to.equal('Signed in Sign out');
      expect(recording.signals).to.deep.equal([]);
      await expect(element).to.be.accessible();
    });

    it('a host-managed session (no owner in context): the name, and no "Sign out" (the host signs out)', async () => {
      const { element } = await mount({ auth: null });
      await waitUntil(() => shadow(element, '[part~="name"]'));
      expect(button(element)).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('when the name cannot be read: still "Signed in" and "Sign out", and a PHI-free portal-error', async () => {
      const { element, events } = await mount({ memory: { fail: 'server' } });
      await waitUntil(() => events.some((event) => event.type === 'portal-error'), 'no portal-error');
      await element.updateComplete;
      expect(partsText(element)).to.equal('Signed in Sign out');
      expect(events.find((event) => event.type === 'portal-error')!.detail).to.include({ element: 'portal-sign-in', kind: 'server' });
    });

    for (const theme of ['dark', 'white-label']) {
      it(`is accessible in the ${theme} preset`, async () => {
        const { element } = await mount({ theme, session: { status: 'signed-out', problem: 'sign-in-failed' } });
        await expect(element).to.be.accessible();
        const signedIn = await mount({ theme });
        await waitUntil(() => shadow(signedIn.element, '[part~="name"]'));
        await expect(signedIn.element).to.be.accessible();
      });
    }
  });

  it('expired: "Your session ended." and "Sign in"; accessible', async () => {
    const auth = new FakeActions();
    const { element } = await mount({ session: { status: 'expired' }, auth });
    expect(shadow(element, '[role="status"]')!.textContent).to.equal('Your session ended.');
    expect(button(element)!.textContent).to.equal('Sign in');
    await expect(element).to.be.accessible();
    button(element)!.click();
    expect(auth.calls.filter((call) => call === 'signIn')).to.deep.equal(['signIn']);
  });

  for (const next of [{ status: 'signed-out' }, { status: 'expired' }, { status: 'signing-in' }] as Session[]) {
    it(`leaving signed-in for ${next.status} leaves no patient name in the shadow root`, async () => {
      const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID }));
      const mounted = await mount({ api: recording.api });
      await waitUntil(() => mounted.element.shadowRoot!.textContent!.includes(CANARY), 'name never shown');
      await setSession(mounted, next);
      expect(mounted.element.shadowRoot!.textContent).not.to.contain(CANARY);
      expect(mounted.element.shadowRoot!.textContent).not.to.contain('Mejía');
    });
  }

  it('keeps focus on its button from "Sign out" to "Sign in"', async () => {
    const mounted = await mount();
    const signOut = button(mounted.element)!;
    signOut.focus();
    await setSession(mounted, { status: 'signed-out' });
    expect(button(mounted.element)!.textContent).to.equal('Sign in');
    expect(mounted.element.shadowRoot!.activeElement).to.equal(button(mounted.element));
  });

  it('announces a session that ends while the page is open, through its polite status region', async () => {
    const mounted = await mount();
    const region = shadow(mounted.element, '[role="status"]');
    await setSession(mounted, { status: 'expired' });
    expect(shadow(mounted.element, '[role="status"]'), 'the same live region, so the change is announced').to.equal(region);
    expect(region!.textContent).to.equal('Your session ended.');
  });

  it('fits 320 px without sideways scrolling, with targets of at least 24 px', async () => {
    for (const session of [{ status: 'signed-out', problem: 'server-not-supported' }, SIGNED_IN] as Session[]) {
      const mounted = await mount({ session, lang: 'es' });
      mounted.provider.parentElement!.style.width = '320px';
      await waitUntil(() => session.status !== 'signed-in' || shadow(mounted.element, '[part~="name"]'));
      const bar = shadow(mounted.element, '[part="base"]') as HTMLElement;
      expect(bar.scrollWidth, session.status).to.be.at.most(bar.clientWidth);
      expect(mounted.element.getBoundingClientRect().width).to.be.at.most(320);
      const rect = button(mounted.element)!.getBoundingClientRect();
      expect(Math.min(rect.width, rect.height)).to.be.at.least(24);
    }
  });

  it('speaks Spanish', async () => {
    const failed = await mount({ lang: 'es', session: { status: 'signed-out', problem: 'sign-in-failed' } });
    expect(button(failed.element)!.textContent).to.equal('Iniciar sesión');
    expect(shadow(failed.element, '[role="alert"]')!.textContent).to.equal('No se completó el inicio de sesión. Inténtelo de nuevo.');
    const signedIn = await mount({ lang: 'es' });
    await waitUntil(() => shadow(signedIn.element, '[part~="name"]'));
    expect(partsText(signedIn.element)).to.equal('Sesión iniciada Ana María Mejía Cerrar sesión');
    await setSession(signedIn, { status: 'expired' });
    expect(partsText(signedIn.element)).to.equal('Su sesión terminó. Iniciar sesión');
    await expect(signedIn.element).to.be.accessible();
  });
});
