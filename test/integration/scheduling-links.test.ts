// SMART Scheduling Links end to end: the REAL FHIR adapter reads the demo server's own `$bulk-publish` (demo/server/fhir/
// bulk-publish.mjs) over HTTP, on a tenant seeded with the demo data as of today.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import { bookingDeepLink, SlotSchema } from '../../src/model/index.js';
import { clearLog, createTenant, deleteTenant, requestLog, type Tenant } from '../support/fhir-tenant.js';

const signal = () => new AbortController().signal;
const DAY_MS = 86_400_000;
const TOKEN = 'scheduling-links-token-5d1e';

/** The calendar day at the hospital, which is the seed's "today". */
function hospitalToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

describe("Scheduling Links: the demo server's $bulk-publish through the FHIR adapter", function () {
  // The first FHIR request of a run indexes the R4 definitions, and the demo store loads ~4,700 resources.
  this.timeout(60_000);
  let tenant: Tenant;
  let source: string;
  // Signed in on purpose: the token must still stay off the publication's requests.
  const api = () => createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => TOKEN, patientId: 'daniel-okafor' } });

  before(async () => {
    tenant = await createTenant({ options: { demoSeed: hospitalToday() } });
    source = `${tenant.baseUrl}/$bulk-publish`;
  });

  after(async () => {
    if (tenant) await deleteTenant(tenant);
  });

  it('finds published Pfizer-BioNTech dose 1 times with a booking link into the demo site and the clinic’s phone, anonymously', async () => {
    const adapter = api();
    await clearLog(tenant);
    const from = new Date(Date.now() + DAY_MS).toISOString();
    const to = new Date(Date.now() + 15 * DAY_MS).toISOString();
    const found = await adapter.scheduling.searchPublished(source, { from, to, vaccine: { cvx: '208', doseNumber: 1 } }, signal());
    expect(found.slots.length).to.be.greaterThan(10);
    expect(found).to.include({ dropped: 0, truncated: false });
    for (const slot of found.slots) {
      expect(SlotSchema.safeParse(slot).success, slot.id).to.equal(true);
      expect(slot).to.include({ status: 'free', locationId: 'loc-eastside', bookingPhone: '(212) 555-0157' });
      expect(slot.serviceIds, slot.id).to.deep.equal(['vaccine:208:dose-1']);
      expect(Date.parse(slot.start) >= Date.parse(from) && Date.parse(slot.start) < Date.parse(to), slot.id).to.equal(true);
      const link = new URL(slot.bookingLink!);
      expect([link.origin, link.pathname, link.searchParams.get('slot'), link.hash]).to.deep.equal([location.origin, '/demo/', slot.id, '#vaccines']);
    }
    expect(found.locations['loc-eastside']).to.include({ name: 'Riverside Eastside Vaccination Center', timeZone: 'America/New_York' });
    expect(found.services['vaccine:208:dose-1']?.vaccine).to.include({ cvx: '208', doseNumber: 1, nextDoseIntervalDays: 21 });

    const log = await requestLog(tenant);
    expect(log.filter((entry) => entry.url.includes('/$bulk-publish')).map((entry) => entry.url.split('/$bulk-publish')[1])).to.have.members([
      '',
      '/Location.ndjson',
      '/Schedule.ndjson',
      '/Slot.ndjson',
    ]);
    expect(log.every((entry) => entry.authorization === null), 'no request carried the token').to.equal(true);

    // The publication and the portal's own search agree on which times are free.
    const portal = await adapter.scheduling.searchSlots({ from, to, vaccine: { cvx: '208', doseNumber: 1 } }, signal());
    expect(found.slots.map((slot) => slot.id)).to.deep.equal(portal.slots.map((slot) => slot.id));

    const link = bookingDeepLink(found.slots[0].bookingLink!, { source: 'riverside-home', bookingReferral: 'r-1' })!;
    expect(new URL(link).searchParams.get('slot')).to.equal(found.slots[0].id);
    expect(link).to.match(/&source=riverside-home&booking-referral=r-1#vaccines$/);
  });

  it('filters the publication by vaccine: Moderna only at Lakeview, any dose', async () => {
    const from = new Date(Date.now() + DAY_MS).toISOString();
    const to = new Date(Date.now() + 15 * DAY_MS).toISOString();
    const moderna = await api().scheduling.searchPublished(source, { from, to, vaccine: { cvx: '207', doseNumber: 2 } }, signal());
    expect(moderna.slots.length).to.be.greaterThan(0);
    expect(moderna.slots.every((slot) => slot.locationId === 'loc-lakeview' && slot.serviceIds.includes('vaccine:207'))).to.equal(true);
    expect(moderna.locations['loc-lakeview']?.timeZone).to.equal('America/Chicago');
    const none = await api().scheduling.searchPublished(source, { from, to, vaccine: { cvx: '210' } }, signal());
    expect(none.slots).to.deep.equal([]);
  });

  it('lists the published clinics and the vaccines their schedules offer', async () => {
    const catalog = await api().scheduling.listPublished(source, signal());
    expect(catalog.locations.items.map((l) => l.id)).to.have.members(['loc-eastside', 'loc-lakeview']);
    const vaccines = catalog.services.items.map((s) => `${s.vaccine?.cvx}:${s.vaccine?.doseNumber ?? '-'}`);
    expect(vaccines).to.have.members(['140:-', '208:1', '208:2', '207:-']);
    expect(catalog.services.dropped + catalog.locations.dropped).to.equal(0);
  });
});
