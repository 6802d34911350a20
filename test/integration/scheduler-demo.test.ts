import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import '../../src/define.js';
import type { PortalScheduler } from '../../src/elements/portal-scheduler/portal-scheduler.js';
import { shadow } from '../support/dom.js';
import { createTenant, deleteTenant, requestLog, type Tenant } from '../support/fhir-tenant.js';

// <portal-scheduler> on the real FHIR adapter against the demo server's own store and seed: the races and the
// keyboard path the issue names, with the server's request log as the witness of what was written.

const HOSPITAL_ZONE = 'America/New_York';
const FILTERS = { location: 'loc-downtown' };
const hospitalToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: HOSPITAL_ZONE }).format(new Date());

const outcome = (el: Element) =>
  shadow(el, '[part~="confirmation"]') ? 'booked' : shadow(el, '[role="alert"]') ? 'conflict' : undefined;

async function mountScheduler(tenant: Tenant, patientId: string): Promise<PortalScheduler> {
  const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { patientId, getAccessToken: async () => `test-token-${patientId}` } });
  const session = { status: 'signed-in' as const, patientId };
  const wrapper = await fixture<HTMLElement>(
    html`<portal-provider .api=${api} .session=${session}><portal-scheduler location=${FILTERS.location}></portal-scheduler></portal-provider>`,
  );
  const el = wrapper.querySelector<PortalScheduler>('portal-scheduler')!;
  await waitUntil(() => shadow(el, '[part~="slot"]'), 'no times from the demo server', { timeout: 20_000 });
  return el;
}

interface Second {
  id: string;
}
const second = {
  async open(tenant: Tenant, patientId: string): Promise<Second> {
    const query = new URLSearchParams({ base: tenant.baseUrl, patient: patientId, ...FILTERS });
    return (await executeServerCommand('second-browser', { action: 'open', url: `/test/support/scheduler-harness.html?${query}` })) as Second;
  },
  click: (who: Second, selector: string) => executeServerCommand('second-browser', { action: 'click', id: who.id, selector: `portal-scheduler ${selector}`, timeout: 20_000 }),
  waitFor: (who: Second, selector: string) => executeServerCommand('second-browser', { action: 'waitFor', id: who.id, selector: `portal-scheduler ${selector}`, timeout: 20_000 }),
  close: (who: Second) => executeServerCommand('second-browser', { action: 'close', id: who.id }),
};

async function secondOutcome(who: Second): Promise<'booked' | 'conflict'> {
  await second.waitFor(who, '[part~="confirmation"], [role="alert"]');
  const { count } = (await executeServerCommand('second-browser', { action: 'count', id: who.id, selector: 'portal-scheduler [part~="confirmation"]' })) as { count: number };
  return count > 0 ? 'booked' : 'conflict';
}

const pathOf = (url: string) => new URL(url, location.href).pathname;
/** Appointment writes the server saw: creates and `$book` calls. */
const writes = async (tenant: Tenant) =>
  (await requestLog(tenant)).filter((r) => r.method === 'POST' && /\/Appointment(\/\$book)?$/.test(pathOf(r.url)));

describe('portal-scheduler against the demo FHIR server', function () {
  // The first FHIR request of a run indexes the R4 definitions, and each demo store seeds ~4,700 resources.
  this.timeout(90_000);
  const tenants: Tenant[] = [];
  const demo = async (bookingMode: 'rest' | 'operation') => {
    const tenant = await createTenant({ options: { demoSeed: hospitalToday(), bookingMode } });
    tenants.push(tenant);
    return tenant;
  };
  after(async () => {
    await Promise.all(tenants.map(deleteTenant));
  });

  it('two people confirm the same time at once on a conditional-create server: one books, the other sees the conflict', async () => {
    const tenant = await demo('rest');
    const el = await mountScheduler(tenant, 'daniel-okafor');
    const other = await second.open(tenant, 'mia-thompson');
    try {
      shadow(el, '[part~="slot"]')!.click();
      // The booking code loads on the first press; in a test server that has not compiled it yet that takes over a second.
      await waitUntil(() => shadow(el, '[part~="confirm"]'), 'no review', { timeout: 15_000 });
      await second.click(other, '[part~="slot"]');
      await second.waitFor(other, '[part~="confirm"]');

      await Promise.all([second.click(other, '[part~="confirm"]'), Promise.resolve().then(() => shadow(el, '[part~="confirm"]')!.click())]);
      await waitUntil(() => outcome(el), 'this page never settled', { timeout: 20_000 });
      const results = [outcome(el), await secondOutcome(other)].sort();
      expect(results).to.deep.equal(['booked', 'conflict']);

      // The loser's adapter may see the slot busy before it writes (no request) or get a 409: either way,
      // exactly one Appointment write succeeded.
      const made = (await writes(tenant)).filter((r) => r.status < 300);
      expect(made, JSON.stringify(await requestLog(tenant))).to.have.length(1);
    } finally {
      await second.close(other);
    }
  });

  it('two people pick the same time at once on a $hold server: one holds and books, the other is offered other times', async () => {
    const tenant = await demo('operation');
    const el = await mountScheduler(tenant, 'daniel-okafor');
    const other = await second.open(tenant, 'mia-thompson');
    try {
      // Both pages show the same first free time before either picks it.
      await second.waitFor(other, '[part~="slot"]');
      await Promise.all([second.click(other, '[part~="slot"]'), Promise.resolve().then(() => shadow(el, '[part~="slot"]')!.click())]);
      await second.waitFor(other, '[part~="confirm"], [role="alert"]');
      await waitUntil(() => shadow(el, '[part~="confirm"]') || outcome(el), 'this page never settled', { timeout: 20_000 });
      const log = await requestLog(tenant);
      const holds = log.filter((r) => pathOf(r.url).endsWith('/Appointment/$hold'));
      expect(holds.filter((r) => r.status < 300), JSON.stringify(holds)).to.have.length(1);
      // Whoever holds it can book it; whoever lost sees the alert with alternatives and their choices kept.
      if (shadow(el, '[part~="confirm"]')) {
        shadow(el, '[part~="confirm"]')!.click();
        await waitUntil(() => outcome(el) === 'booked', 'the holder could not book', { timeout: 20_000 });
      } else {
        expect(outcome(el)).to.equal('conflict');
        await second.click(other, '[part~="confirm"]');
        await second.waitFor(other, '[part~="confirmation"]');
      }
    } finally {
      await second.close(other);
    }
  });

  for (const mode of ['rest', 'operation'] as const) {
    it(`a double click on confirm books once (${mode === 'rest' ? 'conditional create' : '$book'})`, async () => {
      const tenant = await demo(mode);
      const el = await mountScheduler(tenant, 'daniel-okafor');
      shadow(el, '[part~="slot"]')!.click();
      await waitUntil(() => shadow(el, '[part~="confirm"]'), 'no review', { timeout: 20_000 });
      const confirm = shadow(el, '[part~="confirm"]')!;
      confirm.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
      confirm.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 2 }));
      await waitUntil(() => outcome(el) === 'booked', 'never booked', { timeout: 20_000 });
      expect(await writes(tenant)).to.have.length(1);
    });
  }

  it('books with the keyboard alone, from the first focus to the confirmation', async () => {
    const tenant = await demo('operation');
    const el = await mountScheduler(tenant, 'daniel-okafor');
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    const tabTo = async (selector: string, most = 40) => {
      for (let i = 0; i < most && !focused()?.matches(selector); i++) await sendKeys({ press: 'Tab' });
      expect(focused()?.matches(selector), `Tab never reached ${selector}`).to.equal(true);
    };
    // First focus: the page's first tab stop is inside the element.
    document.body.focus();
    await sendKeys({ press: 'Tab' });
    await tabTo('[part~="day"]');
    await sendKeys({ press: 'Enter' });
    await tabTo('[part~="slot"]');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el, '[part~="confirm"]'), 'no review after choosing with Enter', { timeout: 20_000 });
    await tabTo('[part~="confirm"]');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => outcome(el) === 'booked', 'keyboard booking never confirmed', { timeout: 20_000 });
    expect(await writes(tenant)).to.have.length(1);
  });
});
