import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { isLocaleLoaded, translate } from '../../src/i18n/index.js';
import { createMemoryAdapter } from '../../src/api/memory/index.js';
import '../../src/define.js';
import type { PortalScheduler } from '../../src/elements/portal-scheduler/portal-scheduler.js';
import { schedulerStrings } from '../../src/elements/portal-scheduler/strings.js';

// Each test file runs in a page of its own, so Spanish starts out not loaded here.
describe('languages load on first use', () => {
  it('answers in English until Spanish is asked for, then renders Spanish once settled', async () => {
    expect(isLocaleLoaded('es')).to.equal(false);
    expect(schedulerStrings.loaded('es')).to.equal(false);
    expect(translate('es', 'common.retry')).to.equal('Try again');

    const api = createMemoryAdapter();
    const wrapper = await fixture<HTMLElement>(html`<portal-provider .api=${api} lang="es"><portal-scheduler></portal-scheduler></portal-provider>`);
    const el = wrapper.querySelector<PortalScheduler>('portal-scheduler')!;
    // Before the catalogue lands the element shows nothing, never a flash of English.
    const early = el.shadowRoot!.textContent ?? '';
    expect(early).not.to.match(/Loading|Book an appointment/);
    await el.updateComplete;
    expect(isLocaleLoaded('es')).to.equal(true);
    expect(translate('es', 'common.retry')).to.equal('Intentar de nuevo');
    expect(el.shadowRoot!.textContent).to.match(/Cargando|cita/i);
    // The scheduler's own strings load beside the shared ones, before the element speaks.
    expect(schedulerStrings.loaded('es')).to.equal(true);
    await waitUntil(() => el.shadowRoot!.querySelector('#scheduler-title'));
    expect(el.shadowRoot!.querySelector('#scheduler-title')!.textContent).to.equal('Reservar una cita');
  });
});
