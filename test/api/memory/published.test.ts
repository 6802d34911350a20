// The memory adapter's SMART Scheduling Links publication: its vaccine-only lanes, as a publisher would list them.
import { expect } from '@open-wc/testing';
import { isApiError, type ApiError } from '../../../src/api/errors.js';
import { LOCATION_IDS, PRACTITIONER_IDS, SERVICE_IDS } from '../../../src/api/memory/index.js';
import { SlotSchema } from '../../../src/model/index.js';
import { adapterAt, expectValid, localTime, MARCH_NOW, rejection, signal } from './support.js';

const WEEK = { from: '2027-03-15T00:00:00Z', to: '2027-03-22T00:00:00Z' };
const SOURCE = 'https://publisher.example.org/$bulk-publish';
const VACCINES = [SERVICE_IDS.flu, SERVICE_IDS.covidPfizerDose1, SERVICE_IDS.covidPfizerDose2, SERVICE_IDS.covidModernaDose1, SERVICE_IDS.covidModernaDose2];

describe('memory adapter: published slots (SMART Scheduling Links)', () => {
  it('lists the vaccines and the clinics whose lanes give vaccines only', async () => {
    const catalog = await adapterAt(MARCH_NOW).scheduling.listPublished(SOURCE, signal());
    expect(catalog.services.items.map((s) => s.id)).to.have.members(VACCINES);
    expect(catalog.services.items.find((s) => s.id === SERVICE_IDS.covidPfizerDose1)?.vaccine).to.include({ cvx: '208', doseNumber: 1, nextDoseIntervalDays: 21 });
    expect(catalog.services.items.find((s) => s.id === SERVICE_IDS.covidModernaDose1)?.vaccine).to.include({ cvx: '207', doseNumber: 1, nextDoseIntervalDays: 28 });
    // Lakeview's only vaccine lane also books primary care: a clinician's visit, booked in the portal.
    expect(catalog.locations.items.map((l) => l.id)).to.deep.equal([LOCATION_IDS.downtown, LOCATION_IDS.vaccination]);
    expect(catalog.services).to.include({ dropped: 0, truncated: false });
  });

  it('finds published slots with a booking link and a phone, from the same inventory the portal books from', async () => {
    const api = adapterAt(MARCH_NOW);
    const published = await api.scheduling.searchPublished(SOURCE, WEEK, signal());
    expect(published.slots.length).to.be.greaterThan(100);
    const portal = new Set((await api.scheduling.searchSlots(WEEK, signal())).slots.map((slot) => slot.id));
    for (const slot of published.slots) {
      expectValid(SlotSchema, slot, slot.id);
      expect(portal.has(slot.id), slot.id).to.equal(true);
      expect(slot.bookingLink).to.equal(`https://booking.example.org/book?slot=${encodeURIComponent(slot.id)}`);
      expect(slot.bookingPhone, slot.id).to.equal(slot.locationId === LOCATION_IDS.vaccination ? '(718) 555-0123' : '(212) 555-0142');
      expect(slot.serviceIds.every((id) => VACCINES.includes(id as (typeof VACCINES)[number])), slot.id).to.equal(true);
      for (const id of slot.serviceIds) expect(published.services[id], `${slot.id} ${id}`).to.exist;
      expect(published.locations[slot.locationId!], slot.id).to.exist;
      expect(Date.parse(slot.start)).to.be.at.least(Date.parse(WEEK.from)).and.below(Date.parse(WEEK.to));
    }
    expect(new Set(published.slots.map((slot) => slot.locationId))).to.deep.equal(new Set([LOCATION_IDS.downtown, LOCATION_IDS.vaccination]));
    expect(Object.keys(published.practitioners)).to.deep.equal([PRACTITIONER_IDS.patel]);
    expect(published).to.include({ dropped: 0, truncated: false });
  });

  it('filters by vaccine product and dose, and by location', async () => {
    const api = adapterAt(MARCH_NOW);
    const pfizer = await api.scheduling.searchPublished(SOURCE, { ...WEEK, vaccine: { cvx: '208', doseNumber: 1 } }, signal());
    expect(pfizer.slots.length).to.be.greaterThan(0);
    for (const slot of pfizer.slots) {
      expect(slot.locationId).to.equal(LOCATION_IDS.vaccination);
      expect(slot.serviceIds).to.include(SERVICE_IDS.covidPfizerDose1);
      // The vaccination center gives Pfizer-BioNTech in the morning.
      expect(localTime(slot.start, 'America/New_York') < '14:00', slot.start).to.equal(true);
    }
    const flu = await api.scheduling.searchPublished(SOURCE, { ...WEEK, vaccine: { cvx: '140' }, locationId: LOCATION_IDS.downtown }, signal());
    expect(flu.slots.length).to.be.greaterThan(0);
    expect(flu.slots.every((slot) => slot.locationId === LOCATION_IDS.downtown && slot.practitionerId === PRACTITIONER_IDS.patel)).to.equal(true);
    const primaryCare = await api.scheduling.searchPublished(SOURCE, { ...WEEK, serviceId: SERVICE_IDS.primaryCare }, signal());
    expect(primaryCare.slots).to.deep.equal([]);
  });

  it('rejects a blank or unreachable source as a network error, so stories can show that state', async () => {
    const api = adapterAt(MARCH_NOW);
    for (const source of ['', '  ', 'https://unreachable.example.org/$bulk-publish']) {
      const listing = (await rejection(api.scheduling.listPublished(source, signal()))) as ApiError;
      expect(isApiError(listing) && listing.kind, source).to.equal('network');
      expect(listing.operation).to.equal('scheduling.listPublished');
      const search = (await rejection(api.scheduling.searchPublished(source, WEEK, signal()))) as ApiError;
      expect(isApiError(search) && search.kind, source).to.equal('network');
      expect(search.operation).to.equal('scheduling.searchPublished');
    }
  });

  it('answers empty while the empty switch is on, and rejects an unreadable range', async () => {
    const api = adapterAt(MARCH_NOW, { empty: true });
    const catalog = await api.scheduling.listPublished(SOURCE, signal());
    expect([catalog.services.items, catalog.locations.items]).to.deep.equal([[], []]);
    expect((await api.scheduling.searchPublished(SOURCE, WEEK, signal())).slots).to.deep.equal([]);
    const error = (await rejection(api.scheduling.searchPublished(SOURCE, { from: 'soon', to: WEEK.to }, signal()))) as ApiError;
    expect([error.kind, error.operation]).to.deep.equal(['invalid-response', 'scheduling.searchPublished']);
  });
});
