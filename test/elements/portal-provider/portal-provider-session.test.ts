import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { SessionEndReason, SessionListener, SmartAuth } from '../../../src/auth/smart-auth.js';
import '../../../src/define.js';
import type { PortalProvider } from '../../../src/elements/portal-provider/portal-provider.js';
import type { PortalPatientBanner } from '../../../src/elements/portal-patient-banner/portal-patient-banner.js';
import { SIGNED_OUT, type Session } from '../../../src/model/session.js';
import type { PortalIdleWarning } from '../../../src/elements/portal-provider/idle-warning.js';
import type { PortalElement } from '../../../src/base/portal-element.js';
import { click, deepShadowText, shadow } from '../../support/dom.js';
import { FakeClock } from '../../support/fake-clock.js';
import { quietPeriod } from '../../support/wait.js';

const PATIENT = 'patient-ana-mejia';
let counter = 0;

/** A SMART client whose server answers at once; each test gets its own, so page sessions never mix. */
function fakeSmartAuth() {
  const listeners = new Set<SessionListener>();
  const calls: string[] = [];
  const auth: Omit<SmartAuth, 'session'> & { session: Session; calls: string[]; signInScopes?: readonly string[]; become(session: Session, ended?: SessionEndReason): void } = {
    fhirBaseUrl: `https://fhir.example.org/tenant-${++counter}`,
    clientId: 'portal-kit-test',
    session: SIGNED_OUT,
    calls,
    get patientId() {
      return auth.session.status === 'signed-in' ? auth.session.patientId : undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    become(session, ended) {
      auth.session = session;
      for (const listener of [...listeners]) listener(session, ended);
    },
    async signIn(scopes) {
      calls.push('signIn');
      auth.signInScopes = scopes;
    },
    isCallback: () => false,
    completeSignIn: async () => false,
    async signOut(reason = 'logout') {
      calls.push(`signOut:${reason}`);
      if (auth.session.status === 'signed-in') auth.become(reason === 'logout' ? SIGNED_OUT : { status: 'expired' }, reason);
    },
    forget(reason) {
      calls.push(`forget:${reason}`);
      if (auth.session.status === 'signed-in') auth.become(SIGNED_OUT, reason);
    },
    getAccessToken: async () => (auth.session.status === 'signed-in' ? 'token' : undefined),
  };
  return auth;
}

async function mount(auth = fakeSmartAuth(), clock = new FakeClock(Date.now())) {
  const api = createMemoryAdapter();
  const root = await fixture<HTMLElement>(html`<div>
    <portal-provider .api=${api} .auth=${auth as SmartAuth} .idleClock=${clock} idle-timeout="15">
      <portal-sign-in></portal-sign-in>
      <portal-patient-banner></portal-patient-banner>
      <portal-scheduler></portal-scheduler>
    </portal-provider>
  </div>`);
  const provider = root.querySelector<PortalProvider>('portal-provider')!;
  const banner = root.querySelector<PortalPatientBanner>('portal-patient-banner')!;
  const settle = async () => {
    await provider.updateComplete;
    for (const el of root.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('portal-sign-in, portal-patient-banner, portal-scheduler')) {
      await el.updateComplete;
    }
  };
  await settle();
  // The provider loads its session code on demand; once this import settles, so has the provider's (it asked first).
  await import('../../../src/elements/portal-provider/page-session.js');
  await settle();
  const signedIn = (element: PortalElement) => element.accessState === 'not-permitted' || shadow(element, '[part~="name"]');
  const signIn = async (scopes?: string[]) => {
    auth.become({ status: 'signed-in', patientId: PATIENT, scopes });
    // Signed in once the patient's name is on screen, or "not available" where its scope was not granted.
    await waitUntil(() => signedIn(banner) && signedIn(root.querySelector<PortalElement>('portal-sign-in')!), 'the elements never followed the sign-in');
    await settle();
  };
  return { root, provider, banner, auth, clock, settle, signIn };
}

function warning(): PortalIdleWarning | null {
  return document.querySelector<PortalIdleWarning>('portal-idle-warning');
}

afterEach(() => warning()?.remove());

describe('<portal-provider> with a SMART client', () => {
  it('tells the page once, with the registered code, when the authorization server refused the sign-in', async () => {
    const auth = fakeSmartAuth();
    let callbacks = 0;
    auth.isCallback = () => true;
    auth.completeSignIn = async () => {
      callbacks++;
      auth.become({ status: 'signed-out', problem: 'sign-in-failed', refusal: 'access_denied' });
      return false;
    };
    const errors: CustomEvent[] = [];
    const listen = (event: Event) => errors.push(event as CustomEvent);
    document.addEventListener('portal-error', listen);
    try {
      const { root } = await mount(auth);
      await waitUntil(() => errors.length > 0, 'no portal-error for the refused sign-in');
      await quietPeriod(100);
      expect(callbacks).to.equal(1);
      expect(errors.map((e) => e.detail)).to.deep.equal([{ element: 'portal-provider', kind: 'forbidden', operation: 'auth.signIn', retryable: false, refusal: 'access_denied' }]);
      const signIn = root.querySelector<PortalElement>('portal-sign-in')!;
      await waitUntil(() => shadow(signIn, '[part~="problem"]'), 'the sign-in element never said so');
      expect(shadow(signIn, '[part~="problem"]')!.textContent).to.contain('Sign-in did not finish');
    } finally {
      document.removeEventListener('portal-error', listen);
    }
  });

  it("asks for the union of the page's element scopes when an element's Sign in is pressed", async () => {
    const { banner, auth } = await mount();
    click(banner, 'button');
    await waitUntil(() => auth.calls.length > 0, 'sign-in never started');
    expect(auth.calls).to.deep.equal(['signIn']);
    expect([...(auth.signInScopes ?? [])].sort()).to.deep.equal(['patient/Appointment.crus', 'patient/Patient.r']);
  });

  it('waits for an element still loading its code, so that sign-in asks for its scopes too', async () => {
    const { root, banner, auth } = await mount();
    // An element whose code arrives late (the script-tag loader fetches each element's code on its own).
    const tag = `late-messages-${++counter}`;
    root.querySelector('portal-provider')!.append(document.createElement(tag));
    click(banner, 'button');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(auth.calls, 'not before the late element said what it needs').to.deep.equal([]);
    const { PortalElement: Base } = await import('../../../src/base/portal-element.js');
    const { SCOPES } = await import('../../../src/auth/scopes.js');
    class LateMessages extends Base {
      static override access = { session: 'required' as const, scopes: [SCOPES.messages] };
    }
    customElements.define(tag, LateMessages);
    await waitUntil(() => auth.calls.length > 0, 'sign-in never started');
    expect([...(auth.signInScopes ?? [])]).to.include('patient/Communication.crus');
  });

  it('does not wait long for an element that is never defined', async () => {
    const { root, banner, auth } = await mount();
    root.querySelector('portal-provider')!.append(document.createElement(`never-defined-${++counter}`));
    const pressed = Date.now();
    click(banner, 'button');
    await waitUntil(() => auth.calls.length > 0, 'sign-in never started', { timeout: 5_000 });
    expect(Date.now() - pressed).to.be.within(2_900, 4_500);
  });

  it('lets the page take over sign-in by cancelling portal-auth-required', async () => {
    const { root, banner, auth } = await mount();
    root.addEventListener('portal-auth-required', (event) => event.preventDefault());
    click(banner, 'button');
    await quietPeriod(200);
    expect(auth.calls).to.deep.equal([]);
  });

  it('signs every element in at once, and out at once with no patient data left in any shadow root', async () => {
    const { root, banner, auth, settle, signIn } = await mount();
    const ended: string[] = [];
    document.addEventListener('portal-session-ended', (event) => ended.push(event.detail.reason));
    await signIn();
    expect(deepShadowText(root)).to.include('Mejía');
    click(root.querySelector('portal-sign-in')!, 'button');
    await settle();
    expect(auth.calls).to.include('signOut:logout');
    expect(deepShadowText(root)).not.to.include('Mejía');
    expect(banner.accessState).to.equal('signed-out');
    expect(ended).to.deep.equal(['logout']);
  });

  it('shows "not available" and makes no call for an element whose scope was not granted', async () => {
    const { banner, signIn } = await mount();
    await signIn(['launch/patient', 'patient/Appointment.crus']);
    expect(banner.accessState).to.equal('not-permitted');
    expect(banner.shadowRoot!.textContent).to.include('not available');
    expect(banner.shadowRoot!.textContent).not.to.include('Mejía');
    await expect(banner).to.be.accessible();
  });

  it('signs out when another tab of the site ends the session', async () => {
    const { auth, signIn, banner, settle } = await mount();
    await signIn();
    const other = new BroadcastChannel(`portal-kit.session ${auth.clientId} ${auth.fhirBaseUrl}`);
    other.postMessage({ type: 'session-ended' });
    other.close();
    await waitUntil(() => auth.calls.includes('forget:logout'), 'the other tab was not heard');
    await settle();
    expect(auth.calls).to.include('forget:logout');
    expect(banner.accessState).to.equal('signed-out');
  });

  it('ignores other messages on the channel: none can sign anybody in or switch patients', async () => {
    const { auth, signIn } = await mount();
    await signIn();
    const other = new BroadcastChannel(`portal-kit.session ${auth.clientId} ${auth.fhirBaseUrl}`);
    other.postMessage({ type: 'signed-in', patientId: 'someone-else' });
    other.postMessage('session-ended');
    other.close();
    await quietPeriod(100);
    expect(auth.calls).to.deep.equal([]);
    expect(auth.patientId).to.equal(PATIENT);
  });

  it('does not come back signed in from the back/forward cache after the session ended elsewhere', async () => {
    const { auth, signIn } = await mount();
    await signIn();
    localStorage.setItem(`portal-kit.session ${auth.clientId} ${auth.fhirBaseUrl} ended`, String(Date.now() + 1));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(auth.calls).to.include('forget:logout');
    localStorage.removeItem(`portal-kit.session ${auth.clientId} ${auth.fhirBaseUrl} ended`);
  });
});

describe('<portal-provider> idle timeout', () => {
  it('warns two minutes before, a keystroke keeps the session, and quiet ends it everywhere', async () => {
    const { root, banner, auth, clock, settle, signIn } = await mount();
    const ended: string[] = [];
    root.addEventListener('portal-session-ended', (event) => ended.push(event.detail.reason));
    await signIn();

    // Input inside a portal element counts; the page's own input does not.
    clock.advance(10 * 60_000);
    banner.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    clock.advance(12 * 60_000);
    expect(warning()?.open ?? false, 'no warning 12 minutes after the last input').to.equal(false);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    clock.advance(1 * 60_000 + 1);
    expect(warning()?.open, 'warning at 13 minutes').to.equal(true);
    await warning()!.updateComplete;
    const dialog = warning()!.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);

    // One keystroke in the warning extends the session.
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, composed: true }));
    expect(warning()!.open).to.equal(false);
    clock.advance(14 * 60_000);
    expect(auth.calls).to.deep.equal([]);

    clock.advance(60_000 + 1);
    await settle();
    expect(auth.calls).to.deep.equal(['signOut:idle']);
    expect(ended).to.deep.equal(['idle']);
    expect(banner.accessState).to.equal('expired');
    expect(deepShadowText(root)).not.to.include('Mejía');
    expect(warning()?.open ?? false).to.equal(false);
  });

  it('times out at once when the page comes back after the deadline (sleep, back/forward cache)', async () => {
    const { auth, clock, signIn } = await mount();
    await signIn();
    clock.jump(20 * 60_000); // suspended: no timer ran
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(auth.calls).to.include('signOut:idle');
  });
});
