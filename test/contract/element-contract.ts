import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/api/memory/index.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import { ContextProvider } from '@lit/context';
import { LitElement } from 'lit';
import { PORTAL_EVENT_NAMES } from '../../src/base/events.js';
import { authContext } from '../../src/context/keys.js';
import type { PortalElement } from '../../src/base/portal-element.js';
import type { Session, SessionActions } from '../../src/model/session.js';
import '../../src/define.js';
import { shadow } from '../support/dom.js';
import { CANARY, canaryApi } from './canary.js';

export const PATIENT_ID = 'patient-ana-mejia';
export const SIGNED_IN: Session = { status: 'signed-in', patientId: PATIENT_ID };

/** Records what an element asks of the session's owner (a provider running SMART sign-in). */
export class RecordingSessionActions implements SessionActions {
  readonly calls: string[] = [];
  signIn(): void {
    this.calls.push('signIn');
  }
  signOut(): void {
    this.calls.push('signOut');
  }
  need(scopes: readonly string[]): () => void {
    this.calls.push(`need:${scopes.join(' ')}`);
    return () => this.calls.push('withdraw');
  }
}

/** Provides `authContext` to what it holds, as a provider running SMART sign-in does. */
class ContractAuth extends LitElement {
  private readonly provider = new ContextProvider(this, { context: authContext, initialValue: undefined });
  set actions(actions: SessionActions | undefined) {
    this.provider.setValue(actions);
  }
  protected override createRenderRoot() {
    return this;
  }
}
customElements.define('contract-auth', ContractAuth);

export interface ContractSubject {
  tag: string;
  /** The element as a host would write it (attributes included). */
  template: () => TemplateResult;
  /** Part (or selector) inside the shadow root that appears once data has loaded. */
  readySelector: string;
  /** Adapter operation the element loads on start, to fail on purpose. */
  loadOperation: string;
  /**
   * `public`: the element works without a session (finding times) on these operations only, and asks for
   * sign-in only when the person acts. Default `patient`: nothing loads until someone signs in.
   */
  access?: 'patient' | 'public';
  publicOperations?: readonly string[];
  /** Scopes of a feature the element offers on top (asked for beside its declared ones, each list on its own). */
  optionalScopes?: ReadonlyArray<readonly string[]>;
  /** Public elements: what shows signed out (default `readySelector`). */
  publicSelector?: string;
  /**
   * How the element shows that it is loading: a polite status found by `selector`, and a word of its Spanish text.
   * Default: the shared loading box (`[part~="loading"]`, "Cargando").
   */
  loading?: { selector: string; es: string };
  /**
   * `alert` (default): a failed load is shown as an alert in words with a retry. `reported`: the failed data is an
   * extra (a header's name), so the element keeps working and reports the failure as a `portal-error` only.
   */
  failure?: 'alert' | 'reported';
}

export interface Mounted<E extends PortalElement = PortalElement> {
  element: E;
  events: CustomEvent[];
}

/** Renders the element inside a provider and records every portal event it fires (bubbling or not). */
export async function mount<E extends PortalElement>(
  subject: ContractSubject,
  options: { api?: PortalApi; session?: Session; memory?: MemoryAdapterOptions; lang?: string; theme?: string; auth?: SessionActions } = {},
): Promise<Mounted<E>> {
  const events: CustomEvent[] = [];
  const record = (event: Event) => events.push(event as CustomEvent);
  const api = 'api' in options ? options.api : createMemoryAdapter({ patientId: PATIENT_ID, ...options.memory });
  const wrapper = document.createElement('div');
  PORTAL_EVENT_NAMES.forEach((name) => wrapper.addEventListener(name, record, { capture: true }));
  const provider = await fixture(
    html`<portal-provider .api=${api} .session=${options.session ?? SIGNED_IN} lang=${options.lang ?? 'en'} theme=${options.theme ?? 'light'}
      ><contract-auth .actions=${options.auth}>${subject.template()}</contract-auth></portal-provider
    >`,
    { parentNode: wrapper },
  );
  const element = provider.querySelector(subject.tag) as E;
  await element.updateComplete;
  return { element, events };
}

/**
 * The contract every portal element passes (DESIGN.md §7): each shared state renders and is accessible,
 * signed-out asks for sign-in, failures become typed PHI-free `portal-error`s, disconnect aborts loads,
 * and no patient data leaks into events or the console.
 */
export function elementContract(subject: ContractSubject): void {
  describe(`<${subject.tag}> contract`, () => {
    it('renders its data when signed in, and is accessible', async () => {
      const { element } = await mount(subject);
      await waitUntil(() => shadow(element, subject.readySelector), 'data never rendered');
      await expect(element).to.be.accessible();
    });

    for (const theme of ['dark', 'white-label']) {
      it(`is accessible in the ${theme} preset (data and error states)`, async () => {
        const { element } = await mount(subject, { theme });
        await waitUntil(() => shadow(element, subject.readySelector));
        await expect(element).to.be.accessible();
        const failing = await mount(subject, { theme, memory: { fail: 'server' } });
        await waitUntil(() => failing.events.some((event) => event.type === 'portal-error'));
        if (failure === 'alert') await waitUntil(() => shadow(failing.element, '[role="alert"]'));
        await expect(failing.element).to.be.accessible();
      });
    }

    const loading = subject.loading ?? { selector: '[part~="loading"]', es: 'Cargando' };
    const failure = subject.failure ?? 'alert';

    it('shows a designed loading state, accessible, with a polite status', async () => {
      const { element } = await mount(subject, { memory: { latencyMs: 60_000 } });
      const status = shadow(element, loading.selector);
      expect(status, 'loading state').to.exist;
      expect(status!.getAttribute('role')).to.equal('status');
      await expect(element).to.be.accessible();
    });

    for (const status of ['signed-out', 'expired'] as const) {
      if (subject.access === 'public') {
        it(`when ${status}: still works on public data, asks for nothing yet, is accessible`, async () => {
          const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID }));
          const { element, events } = await mount(subject, { api: recording.api, session: { status } as Session });
          await waitUntil(() => shadow(element, subject.publicSelector ?? subject.readySelector), 'public data never rendered');
          expect(events.filter((event) => event.type === 'portal-auth-required')).to.have.length(0);
          const operations = recording.signals.map((s) => s.operation);
          expect(operations.filter((op) => !subject.publicOperations?.includes(op)), 'only public reads').to.deep.equal([]);
          await expect(element).to.be.accessible();
        });
        continue;
      }
      it(`when ${status}: asks for sign-in (event + button), loads nothing, is accessible`, async () => {
        const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID }));
        const { element, events } = await mount(subject, { api: recording.api, session: { status } as Session });
        const prompt = events.find((event) => event.type === 'portal-auth-required');
        expect(prompt?.detail).to.deep.equal({ element: subject.tag, reason: status });
        expect(prompt?.bubbles && prompt.composed, 'page-level event').to.equal(true);
        expect(recording.signals, 'no patient data requested').to.have.length(0);
        const button = shadow(element, '[part~="sign-in"]') as HTMLButtonElement;
        expect(button).to.exist;
        button.click();
        expect(events.filter((event) => event.type === 'portal-auth-required')).to.have.length(2);
        await expect(element).to.be.accessible();
      });
    }

    it('without an api: a not-configured notice, no crash', async () => {
      const { element } = await mount(subject, { api: undefined });
      expect(shadow(element, '[part~="notice"]')).to.exist;
      await expect(element).to.be.accessible();
    });

    for (const kind of ['server', 'network', 'forbidden'] as const) {
      it(`on a ${kind} failure: typed portal-error, ${failure === 'alert' ? 'an alert in words' : 'still working'}, accessible`, async () => {
        const { element, events } = await mount(subject, { memory: { fail: kind } });
        await waitUntil(() => events.some((event) => event.type === 'portal-error'), 'no portal-error');
        const error = events.find((event) => event.type === 'portal-error');
        expect(error?.detail).to.include({ element: subject.tag, kind, operation: subject.loadOperation });
        expect(error?.bubbles && error.composed).to.equal(true);
        if (failure === 'alert') {
          await waitUntil(() => shadow(element, '[role="alert"]'), 'no alert shown');
          expect(shadow(element, '[role="alert"]')!.textContent!.trim()).not.to.equal('');
          expect(Boolean(shadow(element, '[part~="retry"]')), 'retry offered only when it can help').to.equal(kind !== 'forbidden');
        } else {
          await element.updateComplete;
          expect(shadow(element, '[role="alert"]'), 'a reported failure raises no alert').to.equal(null);
          expect(shadow(element, subject.readySelector), 'the failed data is not shown').to.equal(null);
        }
        await expect(element).to.be.accessible();
      });
    }

    it('tells the session owner the scopes it needs, once, and withdraws them when removed', async () => {
      const auth = new RecordingSessionActions();
      const { element } = await mount(subject, { auth, session: { status: 'signed-out' } });
      const declared = (element.constructor as typeof PortalElement).access.scopes ?? [];
      const needs = [...(declared.length ? [declared] : []), ...(subject.optionalScopes ?? [])];
      expect(auth.calls).to.deep.equal(needs.map((scopes) => `need:${scopes.join(' ')}`));
      element.remove();
      expect(auth.calls.slice(needs.length)).to.deep.equal(needs.map(() => 'withdraw'));
    });

    if (failure === 'alert') it('retries after a failure and then shows the data', async () => {
      const api = createMemoryAdapter({ patientId: PATIENT_ID, fail: 'server' });
      const { element } = await mount(subject, { api });
      await waitUntil(() => shadow(element, '[part~="retry"]'));
      api.controls.set({ fail: undefined });
      (shadow(element, '[part~="retry"]') as HTMLButtonElement).click();
      await waitUntil(() => shadow(element, subject.readySelector), 'data never rendered after retry');
    });

    it('aborts in-flight loads when removed from the page', async () => {
      const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID, latencyMs: 60_000 }));
      const { element } = await mount(subject, { api: recording.api });
      await waitUntil(() => recording.signals.length > 0, 'never started loading');
      expect(recording.signals.every(({ signal }) => !signal.aborted)).to.equal(true);
      element.remove();
      expect(recording.signals.every(({ signal }) => signal.aborted)).to.equal(true);
    });

    it('leaks no patient data into events or the console', async () => {
      const logged: string[] = [];
      const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
      const originals = methods.map((method) => console[method]);
      methods.forEach((method) => {
        console[method] = (...args: unknown[]) => void logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : JSON.stringify(arg))).join(' '));
      });
      try {
        const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID }));
        const { element, events } = await mount(subject, { api: recording.api });
        await waitUntil(() => shadow(element, subject.readySelector));
        // The canary really is on screen: the check below would catch a leak.
        expect(element.shadowRoot!.textContent).to.contain(CANARY);
        const failing = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID, fail: 'server' }));
        const second = await mount(subject, { api: failing.api });
        await waitUntil(() => second.events.some((event) => event.type === 'portal-error'));
        if (failure === 'alert') await waitUntil(() => shadow(second.element, '[role="alert"]'));
        const details = JSON.stringify([...events, ...second.events].map((event) => [event.type, event.detail]));
        expect(details).not.to.contain(CANARY);
        expect(logged.join('\n')).not.to.contain(CANARY);
      } finally {
        methods.forEach((method, i) => (console[method] = originals[i]));
      }
    });

    it('speaks Spanish when the provider says so', async () => {
      const { element } = await mount(subject, { memory: { latencyMs: 60_000 }, lang: 'es' });
      expect(shadow(element, loading.selector)!.textContent).to.contain(loading.es);
    });
  });
}
