import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import '../../src/define.js';
import type { PortalScheduler } from '../../src/elements/portal-scheduler/portal-scheduler.js';
import { createTenant, deleteTenant, type Tenant } from '../support/fhir-tenant.js';
import { freezeClock } from '../support/frozen-clock.js';

// Runs once per browser zone (UTC−11, UTC+5:30, UTC+14): <portal-scheduler> on the real FHIR adapter and a
// FHIR server, for a New York clinic whose slots straddle the start of daylight saving time (Sunday
// 14 March 2027, 02:00 EST -> 03:00 EDT). Every label must be the clinic's wall clock, every slot on the
// clinic's own day, wherever the viewer sits.

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
// The element's "now": Friday 12 March 2027, noon in New York.
const NOW = Date.parse('2027-03-12T12:00:00-05:00');

const SLOTS: Array<[string, string]> = [
  // Late on Friday at the clinic: already Saturday for a viewer in Kolkata or Kiritimati.
  ['fri-2345', '2027-03-12T23:45:00-05:00'],
  ['sat-0900', '2027-03-13T09:00:00-05:00'],
  // 04:30 UTC on the 14th: still Saturday evening at the clinic.
  ['sat-2330', '2027-03-13T23:30:00-05:00'],
  ['sun-0130', '2027-03-14T01:30:00-05:00'],
  // 02:00-03:00 does not exist that night; the next hour on the wall is 03:xx EDT.
  ['sun-0330', '2027-03-14T03:30:00-04:00'],
  ['sun-0900', '2027-03-14T09:00:00-04:00'],
  ['mon-0900', '2027-03-15T09:00:00-04:00'],
];
const EXPECTED: Record<string, string[]> = {
  '2027-03-12': ['11:45 PM EST'],
  '2027-03-13': ['9:00 AM EST', '11:30 PM EST'],
  '2027-03-14': ['1:30 AM EST', '3:30 AM EDT', '9:00 AM EDT'],
  '2027-03-15': ['9:00 AM EDT'],
};

function clinic(): unknown[] {
  return [
    {
      resourceType: 'Location',
      id: 'ny-clinic',
      name: 'Riverside Night Clinic',
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: 'America/New_York' }],
    },
    {
      resourceType: 'Schedule',
      id: 'ny-urgent',
      active: true,
      serviceType: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124', display: 'General Practice' }] }],
      actor: [{ reference: 'Location/ny-clinic' }],
    },
    ...SLOTS.map(([id, start]) => ({
      resourceType: 'Slot',
      id,
      schedule: { reference: 'Schedule/ny-urgent' },
      status: 'free',
      start,
      end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
    })),
  ];
}

const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ').trim();

describe(`portal-scheduler across a clock change, viewed from ${viewerZone}`, function () {
  this.timeout(30_000);
  let tenant: Tenant;
  let thaw: () => void = () => undefined;

  before(async () => {
    tenant = await createTenant({ resources: clinic(), options: { bookingMode: 'rest' } });
  });
  after(async () => {
    thaw();
    if (tenant) await deleteTenant(tenant);
  });

  it('lists each day’s times on the clinic’s wall clock with the right zone label', async () => {
    thaw = freezeClock(NOW);
    const api = createFhirAdapter({ baseUrl: tenant.baseUrl });
    const wrapper = await fixture<HTMLElement>(html`<portal-provider .api=${api}><portal-scheduler location="ny-clinic"></portal-scheduler></portal-provider>`);
    const el = wrapper.querySelector<PortalScheduler>('portal-scheduler')!;
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~="slot"]'), 'no times shown', { timeout: 20_000 });

    // Exactly the clinic's three days carry times.
    const marked = [...root.querySelectorAll<HTMLElement>('[part~="day-available"]')].map((d) => d.dataset.day);
    expect(marked).to.deep.equal(Object.keys(EXPECTED));

    for (const [day, times] of Object.entries(EXPECTED)) {
      root.querySelector<HTMLElement>(`[data-day="${day}"]`)!.click();
      await waitUntil(() => root.querySelector('[aria-selected="true"]')?.getAttribute('data-day') === day, `day ${day} not selected`);
      await el.updateComplete;
      const shown = [...root.querySelectorAll('[part~="slot"] .time')].map((t) => plain(t.textContent ?? ''));
      expect(shown, day).to.deep.equal(times);
    }
  });

  it("marks the clinic's today and offers its last times of the day, wherever the viewer's date already is", async () => {
    thaw();
    // 23:30 on Friday in New York: Friday evening in Pago Pago, Saturday in Kolkata and Kiritimati.
    thaw = freezeClock(Date.parse('2027-03-12T23:30:00-05:00'));
    const api = createFhirAdapter({ baseUrl: tenant.baseUrl });
    const wrapper = await fixture<HTMLElement>(html`<portal-provider .api=${api}><portal-scheduler location="ny-clinic"></portal-scheduler></portal-provider>`);
    const el = wrapper.querySelector<PortalScheduler>('portal-scheduler')!;
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~="slot"]'), 'no times shown', { timeout: 20_000 });
    expect(root.querySelector<HTMLElement>('[part~="day-today"]')?.dataset.day).to.equal('2027-03-12');
    expect(root.querySelector('[aria-selected="true"]')?.getAttribute('data-day')).to.equal('2027-03-12');
    expect([...root.querySelectorAll('[part~="slot"] .time')].map((t) => plain(t.textContent ?? ''))).to.deep.equal(['11:45 PM EST']);
  });
});
