import { expect } from '@open-wc/testing';
import {
  mapLocation,
  mapPractitioner,
  mapService,
  mapSlot,
  parseServiceId,
  serviceFromSchedule,
  servicesFromSchedule,
  slotServices,
} from '../../../../src/api/fhir/map/index.js';
import { createFhirAdapter } from '../../../../src/api/fhir/adapter.js';
import { NEXT_DOSE_INTERVAL_EXTENSION, SCHEDULING_LINKS } from '../../../../src/api/fhir/constants.js';
import { fakeFetch, fhirJson, searchset } from '../../../support/fake-fetch.js';
import { XSS, find, loadDerived, loadNdjson, loadShared, resourcesIn } from './fixtures.js';

const R4 = 'fhir-r4/r4-spec-examples/scheduling/';
const SSL = 'smart-scheduling-links/';

describe('map/scheduling: locations', () => {
  it('maps a Scheduling Links location with address, phone and its directions as instructions', async () => {
    const result = mapLocation(await loadShared(`${SSL}smart-on-fhir-examples/spec-inline-location.json`));
    expect(result).to.deep.equal({
      ok: true,
      value: {
        id: '123',
        name: "Flynn's Pharmacy in Pittsfield, MA",
        address: { lines: ['173 Elm St'], city: 'Pittsfield', state: 'MA', postalCode: '01201-7223' },
        phone: '413-000-0000',
        instructions: 'Located behind old Berkshire Bank building',
      },
    });
  });

  it('keeps a location whose time zone Intl cannot use, without the zone (derived "Mars/Olympus")', async () => {
    const mars = mapLocation(await loadDerived('location-timezone-mars.json'));
    expect(mars.ok).to.equal(true);
    expect(mars.ok && mars.value.name).to.equal("Flynn's Pharmacy in Pittsfield, MA");
    expect(mars.ok && 'timeZone' in mars.value).to.equal(false);
    // Control: the same location with a real zone keeps it, so the check above is about the zone itself.
    const newYork = mapLocation(await loadDerived('location-timezone-new-york.json'));
    expect(newYork.ok && newYork.value.timeZone).to.equal('America/New_York');
  });

  it('prefers a work phone, and does not repeat the name as instructions (Location-ph "Patient\'s Home")', async () => {
    const southWing = mapLocation(await loadShared(`${R4}Location-1.json`));
    expect(southWing.ok && southWing.value).to.include({ phone: '2328', instructions: 'Second floor of the Old South Wing, formerly in use by Psychiatry' });
    const home = mapLocation(await loadShared(`${R4}Location-ph.json`));
    expect(home.ok && home.value).to.deep.equal({ id: 'ph', name: "Patient's Home" });
  });

  it('maps all 10 Scheduling Links NDJSON locations', async () => {
    const lines = await loadNdjson(`${SSL}smart-on-fhir-examples/locations.ndjson`);
    const mapped = lines.map((line) => mapLocation(line));
    expect(mapped.filter((m) => m.ok)).to.have.length(10);
    expect(mapped.map((m) => m.ok && m.value.address?.city)).to.include.members(['Boston', 'Worcester', 'Springfield', 'Cambridge']);
  });

  it('reads a virtual place (physicalType "vi") and its https room; a building keeps no room', () => {
    const physicalType = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'vi', display: 'Virtual' }] };
    const telecom = [{ system: 'phone', value: '555-0100' }, { system: 'url', value: 'http://insecure.example.org/room' }, { system: 'url', value: 'https://video.example.org/room' }];
    const virtual = mapLocation({ resourceType: 'Location', id: 'video', name: 'Video Visits', physicalType, telecom });
    expect(virtual.ok && virtual.value).to.deep.include({ virtual: true, videoLink: 'https://video.example.org/room', phone: '555-0100' });
    const building = mapLocation({ resourceType: 'Location', id: 'main', name: 'Main Clinic', telecom, physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'bu' }] } });
    expect(building.ok && [building.value.virtual, building.value.videoLink]).to.deep.equal([undefined, undefined]);
  });

  it('carries an XSS name as text and rejects a nameless location', () => {
    expect(mapLocation({ resourceType: 'Location', id: 'x', name: XSS[0] })).to.deep.equal({ ok: true, value: { id: 'x', name: XSS[0] } });
    expect(mapLocation({ resourceType: 'Location', id: 'x', description: 'Area' })).to.deep.equal({ ok: false, reason: 'missing-name' });
  });
});

describe('map/scheduling: clinicians and services', () => {
  it('maps a Practitioner with titles (Synthea "Dr. Aubrey Corkery")', async () => {
    const bundle = resourcesIn(await loadShared('fhir-r4/synthea/Gustavo_Mejia_59a8543c-e24f-4a01-b28b-47ccde6bc11d.json'));
    const practitioner = bundle.find((r) => r.resourceType === 'Practitioner');
    expect(mapPractitioner(practitioner)).to.deep.equal({ ok: true, value: { id: 'ec06fc71-7541-44d0-80cf-6b0eec00ab3b', name: 'Dr. Aubrey Corkery' } });
  });

  it('maps a PractitionerRole with the _included Practitioner name and its specialty (US Core searchset)', async () => {
    const bundle = resourcesIn(await loadShared('fhir-r4/us-core/searchset-bundles/PractitionerRole_Practitioner_Endpoint_Bundle_Example.json'));
    const role = find(bundle, 'PractitionerRole', 'PractitionerRole-1');
    const practitioner = find(bundle, 'Practitioner', 'Practitioner-1011');
    const expected = { id: 'PractitionerRole/PractitionerRole-1', name: 'Brenda Jennings Richard MD', role: 'General Practice Physician' };
    expect(mapPractitioner(role, new Map([['Practitioner-1011', practitioner]]))).to.deep.equal({ ok: true, value: expected });
    // The adapter indexes by `Type/id`; both keys work.
    expect(mapPractitioner(role, new Map([['Practitioner/Practitioner-1011', { ...practitioner, name: [{ text: 'From map' }] }]]))).to.deep.equal({
      ok: true,
      value: { ...expected, name: 'From map' },
    });
  });

  it('falls back to the role\'s practitioner display, and rejects a role with no name anywhere', async () => {
    const role = await loadShared(`${SSL}hl7-ig-inline/practitionerrole.json`);
    expect(mapPractitioner(role)).to.deep.equal({
      ok: true,
      value: { id: 'PractitionerRole/doc-smith-role', name: 'Dr. John Robert Smith', role: 'General medicine' },
    });
    expect(mapPractitioner({ resourceType: 'PractitionerRole', id: 'r', practitioner: { reference: 'Practitioner/1' } })).to.deep.equal({
      ok: false,
      reason: 'missing-name',
    });
  });

  it('maps HealthcareService name, first type and comment', async () => {
    const result = mapService(await loadShared(`${SSL}hl7-ig-inline/healthcareservice.json`));
    expect(result.ok && result.value).to.deep.include({
      id: 'online-primary-care',
      name: 'Primary Care Appointments - Online Booking',
      code: { system: 'http://snomed.info/sct', code: '308335008', display: 'Patient encounter procedure' },
    });
    expect(result.ok && result.value.description?.startsWith('Book your primary care appointment online.')).to.equal(true);
  });

  it('builds a vaccine service from a Scheduling Links schedule (CVX product + dose extensions)', async () => {
    const [schedule] = await loadNdjson(`${SSL}smart-on-fhir-examples/schedules.ndjson`);
    expect(serviceFromSchedule(schedule)).to.deep.equal({
      id: 'vaccine:207:dose-1',
      name: 'Moderna COVID-19 Vaccine',
      code: { system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '57', display: 'Immunization' },
      vaccine: { cvx: '207', display: 'Moderna COVID-19 Vaccine', doseNumber: 1 },
    });
    expect(parseServiceId('vaccine:207:dose-1')).to.deep.equal({ kind: 'vaccine', cvx: '207', doseNumber: 1 });
  });

  it('offers one service per vaccine product, and one per serviceType without products', async () => {
    const [schedule] = (await loadNdjson(`${SSL}smart-on-fhir-examples/schedules.ndjson`)) as Record<string, unknown>[];
    const twoProducts = {
      ...schedule,
      extension: [
        ...(schedule.extension as unknown[]),
        { url: SCHEDULING_LINKS.vaccineProduct, valueCoding: { system: 'http://hl7.org/fhir/sid/cvx', code: '208', display: 'Pfizer' } },
        { url: SCHEDULING_LINKS.vaccineProduct, valueCoding: { system: 'http://snomed.info/sct', code: '1119349007' } },
      ],
    };
    expect(servicesFromSchedule(twoProducts).map((s) => s.id)).to.deep.equal(['vaccine:207:dose-1', 'vaccine:208:dose-1']);
    const plain = await loadShared(`${SSL}hl7-ig-inline/schedule.json`);
    expect(servicesFromSchedule(plain)).to.deep.equal([
      {
        id: 'http://terminology.hl7.org/CodeSystem/service-type|124',
        name: 'General Practice',
        code: { system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124', display: 'General Practice' },
      },
    ]);
    expect(serviceFromSchedule({ resourceType: 'Schedule', id: 'x' })).to.equal(undefined);
  });
});

describe('map/scheduling: slots', () => {
  it('maps a Scheduling Links slot with capacity, booking link and phone, and its schedule\'s location/service', async () => {
    const [schedule] = await loadNdjson(`${SSL}smart-on-fhir-examples/schedules.ndjson`);
    const [slot] = await loadNdjson(`${SSL}smart-on-fhir-examples/slots-2021-W09.ndjson`);
    expect(mapSlot(slot, schedule)).to.deep.equal({
      ok: true,
      value: {
        id: '20',
        start: '2021-03-01T14:00:00.000Z',
        end: '2021-03-01T23:00:00.000Z',
        status: 'free',
        scheduleId: '10',
        serviceIds: ['vaccine:207:dose-1'],
        locationId: '0',
        capacity: 100,
        bookingLink: 'https://ehr-portal.example.org/bookings?slot=1000000',
        bookingPhone: '000-000-0000',
      },
    });
    expect(slotServices(slot, schedule).map((s) => s.id)).to.deep.equal(['vaccine:207:dose-1']);
  });

  it('rejects the spec example with the invalid "-05" offset instead of repairing it (both copies)', async () => {
    for (const path of [`${SSL}hl7-ig-inline/slot.json`, `${SSL}smart-on-fhir-examples/spec-inline-slot.json`]) {
      const slot = (await loadShared(path)) as Record<string, unknown>;
      expect(slot.start).to.equal('2021-03-10T15:00:00-05');
      expect(mapSlot(slot), path).to.deep.equal({ ok: false, reason: 'invalid-start' });
      // With the offset written correctly the same slot maps: the rejection is about the offset alone.
      const fixed = mapSlot({ ...slot, start: '2021-03-10T15:00:00-05:00', end: '2021-03-10T15:20:00-05:00' });
      expect(fixed.ok && fixed.value.start).to.equal('2021-03-10T15:00:00-05:00');
    }
  });

  it('takes a PractitionerRole actor and a Location actor from the IG schedule', async () => {
    const schedule = await loadShared(`${SSL}hl7-ig-inline/schedule.json`);
    const slot = { resourceType: 'Slot', id: 's', schedule: { reference: 'Schedule/456' }, status: 'free', start: '2021-03-10T15:00:00-05:00', end: '2021-03-10T15:20:00-05:00' };
    const result = mapSlot(slot, schedule);
    expect(result.ok && result.value).to.deep.include({
      locationId: '123',
      practitionerId: 'PractitionerRole/doc-smith-role',
      serviceIds: ['http://terminology.hl7.org/CodeSystem/service-type|124'],
    });
  });

  it('maps the R4 slot statuses and ignores a schedule the slot does not belong to', async () => {
    const schedule = await loadShared(`${R4}Schedule-example.json`);
    const statuses = [];
    for (const name of ['Slot-1', 'Slot-2', 'Slot-3', 'Slot-example']) {
      const result = mapSlot(await loadShared(`${R4}${name}.json`), schedule);
      statuses.push(result.ok && result.value.status);
      expect(result.ok && result.value.locationId, name).to.equal('1');
    }
    expect(statuses).to.deep.equal(['busy', 'busy-tentative', 'busy-unavailable', 'free']);
    const other = await loadShared(`${R4}Schedule-exampleloc1.json`);
    const result = mapSlot(await loadShared(`${R4}Slot-example.json`), other);
    expect(result.ok && result.value).to.deep.equal({
      id: 'example',
      start: '2013-12-25T09:15:00Z',
      end: '2013-12-25T09:30:00Z',
      status: 'free',
      scheduleId: 'example',
      serviceIds: ['|57'], // the slot's own serviceType (no system)
    });
  });

  it('rejects missing/invalid times, reversed times and unknown statuses with distinct reasons', () => {
    const base = { resourceType: 'Slot', id: 's', status: 'free', start: '2021-03-10T15:00:00Z', end: '2021-03-10T15:20:00Z' };
    expect(mapSlot({ ...base, start: undefined })).to.deep.equal({ ok: false, reason: 'missing-start' });
    expect(mapSlot({ ...base, start: '2021-03-10' })).to.deep.equal({ ok: false, reason: 'invalid-start' });
    expect(mapSlot({ ...base, end: '2021-03-10T15:20:00' })).to.deep.equal({ ok: false, reason: 'invalid-end' });
    expect(mapSlot({ ...base, end: '2021-03-10T14:00:00Z' })).to.deep.equal({ ok: false, reason: 'end-before-start' });
    expect(mapSlot({ ...base, status: 'open' })).to.deep.equal({ ok: false, reason: 'invalid-status' });
    expect(mapSlot(base).ok).to.equal(true);
  });

  it('ignores invalid extension values but keeps the slot (negative capacity, javascript: link)', () => {
    const slot = {
      resourceType: 'Slot',
      id: 's',
      status: 'free',
      start: '2021-03-10T15:00:00Z',
      end: '2021-03-10T15:20:00Z',
      extension: [
        { url: SCHEDULING_LINKS.slotCapacity, valueInteger: -1 },
        { url: SCHEDULING_LINKS.bookingDeepLink, valueUrl: 'javascript:alert(1)' },
      ],
    };
    expect(mapSlot(slot)).to.deep.equal({ ok: true, value: { id: 's', start: slot.start, end: slot.end, status: 'free', serviceIds: [] } });
  });
});

describe('map/scheduling: next-dose interval (portal-kit extension)', () => {
  const interval = (value: unknown) => ({ url: NEXT_DOSE_INTERVAL_EXTENSION, valueInteger: value });
  /** The first example schedule (Moderna 207, dose 1), with extensions added and its actors replaced when given. */
  async function schedule(extra: unknown[], actor?: unknown[]): Promise<Record<string, unknown>> {
    const [first] = (await loadNdjson(`${SSL}smart-on-fhir-examples/schedules.ndjson`)) as Record<string, unknown>[];
    return { ...first, extension: [...(first.extension as unknown[]), ...extra], ...(actor ? { actor } : {}) };
  }
  const covidService = (extra: unknown[] = []) => ({ resourceType: 'HealthcareService', id: 'hs-covid', name: 'COVID-19 vaccination', extension: extra });

  it("puts the schedule's interval on each vaccine product it offers", async () => {
    const withInterval = await schedule([interval(28)]);
    expect(servicesFromSchedule(withInterval).map((s) => s.vaccine)).to.deep.equal([
      { cvx: '207', display: 'Moderna COVID-19 Vaccine', doseNumber: 1, nextDoseIntervalDays: 28 },
    ]);
    // The slot's own service resolves to the same product with the interval.
    const [slot] = await loadNdjson(`${SSL}smart-on-fhir-examples/slots-2021-W09.ndjson`);
    expect(slotServices(slot, withInterval)[0].vaccine?.nextDoseIntervalDays).to.equal(28);
    // Control: the fixture itself carries none.
    expect(servicesFromSchedule(await schedule([]))[0].vaccine).not.to.have.property('nextDoseIntervalDays');
  });

  it('ignores a value that is not a positive whole number, and keeps the service', async () => {
    for (const value of [0, -21, 2.5, '21', null]) {
      const services = servicesFromSchedule(await schedule([interval(value)]));
      expect(services.map((s) => s.id), String(value)).to.deep.equal(['vaccine:207:dose-1']);
      expect(services[0].vaccine, String(value)).not.to.have.property('nextDoseIntervalDays');
    }
  });

  it('takes it from a HealthcareService the schedule names when the schedule has none; the schedule\'s own wins', async () => {
    const actors = [{ reference: 'Location/0' }, { reference: 'HealthcareService/hs-covid' }];
    const services = new Map([['HealthcareService/hs-covid', covidService([interval(21)])]]);
    expect(servicesFromSchedule(await schedule([], actors), services)[0].vaccine?.nextDoseIntervalDays).to.equal(21);
    expect(servicesFromSchedule(await schedule([interval(28)], actors), services)[0].vaccine?.nextDoseIntervalDays).to.equal(28);
    // Keyed by plain id works too; a service the schedule does not name lends it nothing.
    expect(servicesFromSchedule(await schedule([], actors), new Map([['hs-covid', covidService([interval(21)])]]))[0].vaccine?.nextDoseIntervalDays).to.equal(21);
    expect(servicesFromSchedule(await schedule([]), services)[0].vaccine).not.to.have.property('nextDoseIntervalDays');
    // A schedule without vaccine products has no series to space.
    const plain = await loadShared(`${SSL}hl7-ig-inline/schedule.json`);
    expect(servicesFromSchedule({ ...(plain as object), extension: [interval(21)] }).every((s) => !s.vaccine)).to.equal(true);
  });

  it('reaches listServices and searchSlots through the adapter, from the schedule or from its HealthcareService', async () => {
    const actors = [{ reference: 'Location/0' }, { reference: 'HealthcareService/hs-covid' }];
    const viaService = { ...(await schedule([], actors)), id: 'via-service' };
    const slot = { resourceType: 'Slot', id: 's1', schedule: { reference: 'Schedule/via-service' }, status: 'free', start: '2030-03-01T14:00:00Z', end: '2030-03-01T14:20:00Z' };
    const fetch = fakeFetch((call) => {
      const path = new URL(call.url).pathname.split('/').pop();
      if (path === 'HealthcareService') return fhirJson(searchset([covidService([interval(21)])]));
      if (path === 'Schedule') return fhirJson(searchset([viaService]));
      if (path === 'Slot') {
        return fhirJson({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: slot, search: { mode: 'match' } }, { resource: viaService, search: { mode: 'include' } }] });
      }
      return fhirJson(searchset([]));
    });
    const api = createFhirAdapter({ baseUrl: 'https://fhir.example.org/r4', fetch });
    const listed = await api.scheduling.listServices(new AbortController().signal);
    expect(listed.items.find((s) => s.id === 'vaccine:207:dose-1')?.vaccine?.nextDoseIntervalDays).to.equal(21);
    const found = await api.scheduling.searchSlots({ from: '2030-03-01T00:00:00Z', to: '2030-03-02T00:00:00Z' }, new AbortController().signal);
    expect(found.slots.map((s) => s.id)).to.deep.equal(['s1']);
    expect(found.services['vaccine:207:dose-1']?.vaccine?.nextDoseIntervalDays).to.equal(21);
  });
});
