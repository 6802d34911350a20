// The scheduling read path maps without zod (map/common.ts `withCheckedIds`): its guards must still produce only
// what the model schemas accept. Every value the mappers return for the shared fixtures, for hostile variants of
// them and for the demo seed is parsed here with its schema; one that slips through fails the test.
import { expect } from '@open-wc/testing';
import { mapLocation, mapPractitioner, mapService, mapSlot, servicesFromSchedule, slotServices } from '../../../../src/api/fhir/map/index.js';
import { ID_MAX_LENGTH, LocationSchema, PractitionerSchema, ServiceSchema, SlotSchema } from '../../../../src/model/index.js';
import type { MapOutcome } from '../../../../src/api/fhir/map/common.js';
import { XSS, loadNdjson, loadShared, resourcesIn } from './fixtures.js';

type Json = Record<string, unknown>;

const R4 = 'fhir-r4/r4-spec-examples/scheduling/';
const SSL = 'smart-scheduling-links/';
const FILES = [
  ...['Location-1', 'Location-2', 'Location-amb', 'Location-hl7', 'Location-ph', 'Location-ukp', 'PractitionerRole-example'].map((f) => `${R4}${f}.json`),
  ...['HealthcareService-example', 'Schedule-example', 'Schedule-exampleloc1', 'Schedule-exampleloc2'].map((f) => `${R4}${f}.json`),
  ...['Slot-1', 'Slot-2', 'Slot-3', 'Slot-example'].map((f) => `${R4}${f}.json`),
  ...['healthcareservice', 'location', 'practitionerrole', 'schedule', 'schedule-has-availability', 'slot'].map((f) => `${SSL}hl7-ig-inline/${f}.json`),
  `${SSL}smart-on-fhir-examples/spec-inline-location.json`,
  'fhir-r4/synthea/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json',
];
const NDJSON = ['locations', 'schedules', 'slots-2021-W10'].map((f) => `${SSL}smart-on-fhir-examples/${f}.ndjson`);

/** Each string field replaced by hostile text, an over-long id, or a blank; each number by odd ones. */
function variants(resource: Json): Json[] {
  const out: Json[] = [resource];
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'resourceType') continue;
    const odd: unknown[] =
      typeof value === 'string'
        ? [...XSS, ' ', 'x'.repeat(ID_MAX_LENGTH + 1), '2021-03-10T15:00:00-05']
        : typeof value === 'number'
          ? [-1, 1.5, Number.MAX_SAFE_INTEGER + 2]
          : [null, 'text', 7, [], {}];
    for (const v of odd) out.push({ ...resource, [key]: v });
  }
  // Hostile codings and references, which feed service ids and actor ids.
  out.push({ ...resource, serviceType: [{ coding: [{ system: 'x'.repeat(ID_MAX_LENGTH), code: 'c' }], text: 'Long system' }] });
  out.push({ ...resource, actor: [{ reference: `Location/${'a'.repeat(65)}` }, { reference: 'javascript:alert(1)' }] });
  return out;
}

function expectAccepted<T>(what: string, outcome: MapOutcome<T>, schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }) {
  if (!outcome.ok) return 0;
  const parsed = schema.safeParse(outcome.value);
  expect(parsed.success, `${what}: ${JSON.stringify(outcome.value).slice(0, 300)} fails its schema: ${String(parsed.error)}`).to.equal(true);
  return 1;
}

describe('map/scheduling without zod still yields only schema-valid values', function () {
  this.timeout(20_000);
  let resources: Json[] = [];

  before(async () => {
    const documents = await Promise.all(FILES.map((file) => loadShared(file)));
    const lines = (await Promise.all(NDJSON.map((file) => loadNdjson(file)))).flat();
    resources = [...documents, ...lines].flatMap(resourcesIn);
  });

  it('locations, clinicians, services and slots, also from hostile variants', () => {
    const counts = { Location: 0, Practitioner: 0, PractitionerRole: 0, HealthcareService: 0, Slot: 0, Schedule: 0 };
    const schedules = resources.filter((r) => r.resourceType === 'Schedule');
    for (const base of resources) {
      const type = base.resourceType as keyof typeof counts;
      if (!(type in counts)) continue;
      for (const resource of variants(base)) {
        if (type === 'Location') counts[type] += expectAccepted(type, mapLocation(resource), LocationSchema);
        if (type === 'Practitioner' || type === 'PractitionerRole') counts[type] += expectAccepted(type, mapPractitioner(resource), PractitionerSchema);
        if (type === 'HealthcareService') counts[type] += expectAccepted(type, mapService(resource), ServiceSchema);
        if (type === 'Schedule') {
          for (const service of servicesFromSchedule(resource)) counts[type] += expectAccepted(type, { ok: true, value: service }, ServiceSchema);
        }
        if (type === 'Slot') {
          for (const schedule of [undefined, ...schedules.slice(0, 3), ...schedules.slice(0, 1).flatMap(variants)]) {
            counts[type] += expectAccepted(type, mapSlot(resource, schedule), SlotSchema);
            for (const service of slotServices(resource, schedule)) expectAccepted('slot service', { ok: true, value: service }, ServiceSchema);
          }
        }
      }
    }
    // The fixtures really exercised every mapper (a loader that found nothing would pass vacuously).
    for (const [type, n] of Object.entries(counts)) expect(n, `${type} values checked`).to.be.greaterThan(0);
  });

  it('rejects what only the schema would have caught: an id past the model limit', () => {
    const long = 'x'.repeat(ID_MAX_LENGTH + 1);
    expect(mapLocation({ resourceType: 'Location', id: long, name: 'Clinic' })).to.deep.equal({ ok: false, reason: 'schema:id' });
    expect(mapPractitioner({ resourceType: 'Practitioner', id: long, name: [{ family: 'Lee' }] })).to.deep.equal({ ok: false, reason: 'schema:id' });
    expect(mapService({ resourceType: 'HealthcareService', id: long, name: 'Flu shots' })).to.deep.equal({ ok: false, reason: 'schema:id' });
    const slot = { resourceType: 'Slot', id: 's1', start: '2026-01-05T09:00:00-05:00', end: '2026-01-05T09:15:00-05:00', status: 'free' };
    expect(mapSlot({ ...slot, id: long })).to.deep.equal({ ok: false, reason: 'schema:id' });
    // A coding-derived service id (`system|code`) past the limit: that service is left out, the slot stays.
    const longService = mapSlot({ ...slot, serviceType: [{ coding: [{ system: 'x'.repeat(ID_MAX_LENGTH), code: 'c' }], text: 'Long' }] });
    expect(longService.ok && longService.value.serviceIds).to.deep.equal([]);
    const shortService = mapSlot({ ...slot, serviceType: [{ coding: [{ system: 'urn:s', code: 'c' }], text: 'Short' }] });
    expect(shortService.ok && shortService.value.serviceIds).to.deep.equal(['urn:s|c']);
  });
});
