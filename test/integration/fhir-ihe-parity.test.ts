// The demo's own world served two ways, Slot search and the IHE `$find`: a scheduler must show the same times at
// the same places with the same clinicians and services whichever the server offers, so the element needs no
// IHE knowledge at all.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import type { SlotQuery, SlotSearchResult } from '../../src/model/index.js';
import { createTenant, deleteTenant, requestLog, type Tenant } from '../support/fhir-tenant.js';

const signal = () => new AbortController().signal;

function hospitalToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** What a person sees of a search: each time with its place, clinician and services in words, and each place's zone. */
function seen(result: SlotSearchResult) {
  return {
    times: result.slots
      .map((slot) => ({
        start: slot.start,
        end: slot.end,
        place: slot.locationId && result.locations[slot.locationId]?.name,
        zone: slot.locationId && result.locations[slot.locationId]?.timeZone,
        clinician: slot.practitionerId && result.practitioners[slot.practitionerId]?.name,
        services: slot.serviceIds.map((id) => result.services[id]?.name).sort(),
      }))
      .sort((a, b) => `${a.start}${a.place}${a.clinician}`.localeCompare(`${b.start}${b.place}${b.clinician}`)),
    dropped: result.dropped,
  };
}

describe('the same demo world through Slot search and through IHE $find', function () {
  this.timeout(60_000);
  let rest: Tenant;
  let ihe: Tenant;
  const api = (tenant: Tenant): PortalApi => createFhirAdapter({ baseUrl: tenant.baseUrl });

  before(async () => {
    [rest, ihe] = await Promise.all([
      createTenant({ options: { demoSeed: hospitalToday(), bookingMode: 'rest' } }),
      createTenant({ options: { demoSeed: hospitalToday(), bookingMode: 'ihe' } }),
    ]);
  });
  after(async () => Promise.all([rest, ihe].map(deleteTenant)));

  const week = (): Pick<SlotQuery, 'from' | 'to'> => {
    const from = new Date(Date.now() + 86_400_000);
    from.setUTCHours(0, 0, 0, 0);
    return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
  };

  it('shows the same times, places, zones, clinicians and services for every place', async () => {
    const locations = (await api(rest).scheduling.listLocations(signal())).items;
    expect(locations.length).to.be.greaterThan(1);
    for (const location of locations) {
      const query = { ...week(), locationId: location.id };
      const bySlots = seen(await api(rest).scheduling.searchSlots(query, signal()));
      const byFind = seen(await api(ihe).scheduling.searchSlots(query, signal()));
      expect(bySlots.times.length, location.id).to.be.greaterThan(0);
      expect(byFind, location.id).to.deep.equal(bySlots);
    }
    expect((await requestLog(ihe)).some((entry) => entry.url.includes('/Appointment/$find'))).to.equal(true);
    expect((await requestLog(ihe)).some((entry) => entry.url.includes('/Slot?'))).to.equal(false);
  });

  it('filters by clinician, by service and by vaccine dose as Slot search does', async () => {
    const catalog = await api(rest).scheduling.listServices(signal());
    const clinicians = (await api(rest).scheduling.listPractitioners(signal())).items;
    for (const query of [
      ...clinicians.slice(0, 2).map((p) => ({ ...week(), practitionerId: p.id })),
      ...catalog.items.slice(0, 4).map((s) => ({ ...week(), serviceId: s.id })),
      // A vaccine's product and dose: a second dose is not offered where only first doses are given.
      { ...week(), vaccine: { cvx: '208', doseNumber: 1 } },
      { ...week(), vaccine: { cvx: '208', doseNumber: 2 } },
    ]) {
      const bySlots = seen(await api(rest).scheduling.searchSlots(query, signal()));
      const byFind = seen(await api(ihe).scheduling.searchSlots(query, signal()));
      expect(byFind, JSON.stringify(query)).to.deep.equal(bySlots);
      if ('vaccine' in query && query.vaccine.doseNumber === 1) expect(byFind.times.length, 'first doses are offered').to.be.greaterThan(0);
    }
  });
});
