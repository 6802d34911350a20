import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import '../../src/define.js';
import type { PortalScheduler } from '../../src/elements/portal-scheduler/portal-scheduler.js';
import { shadow } from '../support/dom.js';
import { createTenant, deleteTenant, injectFaults, requestLog, type Tenant, type TenantSeed } from '../support/fhir-tenant.js';

// <portal-scheduler> on the real FHIR adapter against the demo's own world on the servers the demo does not run
// itself: the IHE ITI Scheduling operations, and plain create without conditional create. Two browser contexts
// racing for one time, a double click, and an answer lost after the server booked; the request log and the
// server's appointments are the witnesses.

const FILTERS = { location: 'loc-downtown' };
const hospitalToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
const outcome = (el: Element) => (shadow(el, '[part~="confirmation"]') ? 'booked' : shadow(el, '[role="alert"]') ? 'conflict' : undefined);
const pathOf = (url: string) => new URL(url, location.href).pathname;

interface Mode {
  name: string;
  options: NonNullable<TenantSeed['options']>;
  /** The request that books: its path, and what of it to lose the answer to. */
  booking: RegExp;
  lost: string;
  /** Where the times come from. */
  finds: string;
}
const MODES: Mode[] = [
  { name: 'IHE $find/$hold/$book', options: { bookingMode: 'ihe' }, booking: /\/Appointment\/\$book$/, lost: '/Appointment/$book', finds: '/Appointment/$find' },
  { name: 'plain create without conditional create', options: { bookingMode: 'rest', conditionalCreate: false }, booking: /\/Appointment$/, lost: '/Appointment', finds: '/Slot?' },
];

async function mount(tenant: Tenant, patientId: string): Promise<PortalScheduler> {
  const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { patientId, getAccessToken: async () => `token-${patientId}` } });
  const wrapper = await fixture<HTMLElement>(
    html`<portal-provider .api=${api} .session=${{ status: 'signed-in', patientId }}><portal-scheduler location=${FILTERS.location}></portal-scheduler></portal-provider>`,
  );
  const el = wrapper.querySelector<PortalScheduler>('portal-scheduler')!;
  await waitUntil(() => shadow(el, '[part~="slot"]'), 'no times from the demo server', { timeout: 20_000 });
  return el;
}

/** The review after picking the first time (on a hold server, once the hold is in). */
async function review(el: PortalScheduler): Promise<void> {
  shadow(el, '[part~="slot"]')!.click();
  await waitUntil(() => shadow(el, '[part~="confirm"]') || outcome(el), 'no review', { timeout: 20_000 });
}

/** The patient's appointments the server holds that are not cancelled. */
async function appointments(tenant: Tenant, patientId: string): Promise<Array<{ id: string; status: string }>> {
  const bundle = await (await fetch(`${tenant.baseUrl}/Appointment?patient=Patient/${patientId}&_count=200`)).json();
  return (bundle.entry ?? []).map((e: { resource: { id: string; status: string } }) => e.resource).filter((a: { status: string }) => a.status !== 'cancelled');
}

const second = {
  async open(tenant: Tenant, patientId: string): Promise<{ id: string }> {
    const query = new URLSearchParams({ base: tenant.baseUrl, patient: patientId, ...FILTERS });
    return (await executeServerCommand('second-browser', { action: 'open', url: `/test/support/scheduler-harness.html?${query}` })) as { id: string };
  },
  click: (who: { id: string }, selector: string) => executeServerCommand('second-browser', { action: 'click', id: who.id, selector: `portal-scheduler ${selector}`, timeout: 20_000 }),
  waitFor: (who: { id: string }, selector: string) => executeServerCommand('second-browser', { action: 'waitFor', id: who.id, selector: `portal-scheduler ${selector}`, timeout: 20_000 }),
  async outcome(who: { id: string }): Promise<'booked' | 'conflict'> {
    await this.waitFor(who, '[part~="confirmation"], [role="alert"]');
    const { count } = (await executeServerCommand('second-browser', { action: 'count', id: who.id, selector: 'portal-scheduler [part~="confirmation"]' })) as { count: number };
    return count > 0 ? 'booked' : 'conflict';
  },
  close: (who: { id: string }) => executeServerCommand('second-browser', { action: 'close', id: who.id }),
};

for (const mode of MODES) {
  describe(`portal-scheduler on the demo world: ${mode.name}`, function () {
    // Each demo store seeds ~4,700 resources; the booking code compiles on its first use in the test server.
    this.timeout(90_000);
    let tenant: Tenant;
    beforeEach(async () => {
      tenant = await createTenant({ options: { demoSeed: hospitalToday(), ...mode.options } });
    });
    afterEach(async () => deleteTenant(tenant));

    it('two people in two browsers confirm the same time: one booking, one conflict', async () => {
      const el = await mount(tenant, 'daniel-okafor');
      const other = await second.open(tenant, 'mia-thompson');
      try {
        await second.waitFor(other, '[part~="slot"]');
        // On a hold server the race is already decided by the picks; otherwise by the confirms.
        await Promise.all([second.click(other, '[part~="slot"]'), review(el)]);
        await second.waitFor(other, '[part~="confirm"], [role="alert"]');
        const { count } = (await executeServerCommand('second-browser', { action: 'count', id: other.id, selector: 'portal-scheduler [part~="confirm"]' })) as { count: number };
        await Promise.all([count > 0 ? second.click(other, '[part~="confirm"]') : undefined, Promise.resolve().then(() => shadow(el, '[part~="confirm"]')?.click())]);
        await waitUntil(() => outcome(el), 'this page never settled', { timeout: 20_000 });
        expect([outcome(el), await second.outcome(other)].sort()).to.deep.equal(['booked', 'conflict']);
        const made = (await requestLog(tenant)).filter((r) => r.method === 'POST' && mode.booking.test(pathOf(r.url)) && r.status < 300);
        expect(made, JSON.stringify(made)).to.have.length(1);
      } finally {
        await second.close(other);
      }
    });

    it('a double click on confirm books once', async () => {
      const before = (await appointments(tenant, 'daniel-okafor')).length;
      const el = await mount(tenant, 'daniel-okafor');
      await review(el);
      const confirm = shadow(el, '[part~="confirm"]')!;
      confirm.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
      confirm.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 2 }));
      await waitUntil(() => outcome(el) === 'booked', 'never booked', { timeout: 20_000 });
      expect((await appointments(tenant, 'daniel-okafor')).length).to.equal(before + 1);
      expect((await requestLog(tenant)).some((r) => r.url.includes(mode.finds)), 'times from the mode’s search').to.equal(true);
    });

    it('an answer lost after the server booked ends with the confirmation and one appointment', async () => {
      const before = (await appointments(tenant, 'daniel-okafor')).length;
      const el = await mount(tenant, 'daniel-okafor');
      await review(el);
      // As many as a browser sends again by itself on its idle connections, and one more (fhir-booking-modes.test.ts).
      await injectFaults(tenant, { answerLost: true, count: 10, match: 'POST', pathIncludes: mode.lost });
      shadow(el, '[part~="confirm"]')!.click();
      await waitUntil(() => outcome(el), 'this page never settled', { timeout: 20_000 });
      expect(outcome(el)).to.equal('booked');
      expect((await requestLog(tenant)).some((r) => r.answerLost), 'the fault was hit').to.equal(true);
      expect((await appointments(tenant, 'daniel-okafor')).length).to.equal(before + 1);
    });
  });
}
