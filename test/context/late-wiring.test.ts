import { ContextConsumer, createContext } from '@lit/context';
import { expect, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { createMemoryAdapter } from '../../src/api/memory/index.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import { defineElement } from '../../src/base/define.js';
import { providePortal } from '../../src/elements/portal-provider/provide-portal.js';
import { PortalPatientBanner } from '../../src/elements/portal-patient-banner/portal-patient-banner.js';
import { PortalProvider } from '../../src/elements/portal-provider/portal-provider.js';
import { PortalScheduler } from '../../src/elements/portal-scheduler/portal-scheduler.js';

// This file defines tags itself, in the order a messy host page might: script order must not matter.
const PATIENT_ID = 'patient-ana-mejia';
const session = { status: 'signed-in' as const, patientId: PATIENT_ID };
const bannerName = (banner: Element) => banner.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '';

describe('late wiring', () => {
  afterEach(() => document.body.replaceChildren());

  it('reaches elements when <portal-provider> is defined after them', async () => {
    PortalPatientBanner.define();
    document.body.innerHTML = '<portal-provider><portal-patient-banner></portal-patient-banner></portal-provider>';
    const banner = document.querySelector('portal-patient-banner') as PortalPatientBanner;
    await banner.updateComplete;
    expect(banner.accessState).to.equal('not-configured');
    const provider = document.querySelector('portal-provider') as PortalProvider;
    Object.assign(provider, { api: createMemoryAdapter({ patientId: PATIENT_ID }), session });
    PortalProvider.define();
    await waitUntil(() => bannerName(banner).includes('Mejía'), 'late provider never reached the banner');
  });

  it('reaches elements when the provider is attached after them', async () => {
    document.body.innerHTML = '<section><portal-patient-banner></portal-patient-banner></section>';
    const banner = document.querySelector('portal-patient-banner') as PortalPatientBanner;
    await banner.updateComplete;
    const provider = document.createElement('portal-provider') as PortalProvider;
    Object.assign(provider, { api: createMemoryAdapter({ patientId: PATIENT_ID }), session });
    const section = document.querySelector('section')!;
    section.replaceWith(provider);
    provider.append(section);
    await waitUntil(() => bannerName(banner).includes('Mejía'));
  });

  it('a scheduler that rendered before its provider shows times once the provider arrives', async () => {
    // What an app gets that imports portal-kit/define/portal-scheduler before portal-kit/define/portal-provider:
    // the scheduler's loads first run with no api, and must not count as loaded when the api comes.
    PortalScheduler.define();
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => void errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      document.body.innerHTML = '<section><portal-scheduler></portal-scheduler></section>';
      const scheduler = document.querySelector('portal-scheduler') as PortalScheduler;
      await scheduler.updateComplete;
      const provider = document.createElement('portal-provider') as PortalProvider;
      provider.api = createMemoryAdapter({});
      const section = document.querySelector('section')!;
      section.replaceWith(provider);
      provider.append(section);
      await waitUntil(() => scheduler.shadowRoot?.querySelector('[part~="slot"], [part~="hour"]') || errors.length, 'no times', { timeout: 5000 });
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('providePortal serves scattered elements, even when called after they connected, and updates them', async () => {
    document.body.innerHTML = '<header><portal-patient-banner></portal-patient-banner></header><main><portal-patient-banner lang="es"></portal-patient-banner></main>';
    const banners = [...document.querySelectorAll('portal-patient-banner')] as PortalPatientBanner[];
    await Promise.all(banners.map((banner) => banner.updateComplete));
    const handle = providePortal(document.body, { api: createMemoryAdapter({ patientId: PATIENT_ID }), session, lang: 'en' });
    await waitUntil(() => banners.every((banner) => bannerName(banner).includes('Mejía')));
    handle.update({ session: { status: 'signed-out' } });
    await waitUntil(() => banners.every((banner) => banner.shadowRoot!.querySelector('[part~="sign-in"]')));
    // The element's own lang wins over the provider's.
    expect(banners[1].shadowRoot!.textContent).to.contain('Inicie sesión');
    expect(banners[0].shadowRoot!.textContent).to.contain('Sign in');
    handle.dispose();
  });

  it('a second bundled copy shares the context keys (Symbol.for)', async () => {
    const api = createMemoryAdapter({ patientId: PATIENT_ID });
    const handle = providePortal(document.body, { api, session });
    // What another copy of portal-kit would create from its own module instance.
    const foreignKey = createContext<PortalApi | undefined>(Symbol.for('portal-kit.context.api'));
    class ForeignConsumer extends LitElement {
      consumer = new ContextConsumer(this, { context: foreignKey, subscribe: true });
    }
    customElements.define('foreign-consumer', ForeignConsumer);
    const foreign = document.createElement('foreign-consumer') as ForeignConsumer;
    document.body.append(foreign);
    await foreign.updateComplete;
    expect(foreign.consumer.value).to.equal(api);
    handle.dispose();
  });

  it('a second define of a tag warns instead of throwing', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      PortalPatientBanner.define();
      defineElement('portal-patient-banner', class extends HTMLElement {});
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('already defined');
  });
});
