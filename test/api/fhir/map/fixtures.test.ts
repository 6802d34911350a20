/**
 * Every fixture resource of a type the adapter reads goes through its mapper: it maps, or it is rejected
 * with a reason code. Nothing throws. The counts are exact, so a mapper that starts rejecting (or
 * accepting) something it did not before fails here and has to explain itself.
 */
import { expect } from '@open-wc/testing';
import {
  mapAppointment,
  mapCommunication,
  mapDiagnosticReport,
  mapImmunization,
  mapLocation,
  mapObservation,
  mapPatient,
  mapPractitioner,
  mapRecommendations,
  mapService,
  mapSlot,
  parseReference,
  serviceFromSchedule,
  type MapOutcome,
} from '../../../../src/api/fhir/map/index.js';
import {
  FHIR_R4_FILES,
  SCHEDULING_LINKS_JSON,
  SCHEDULING_LINKS_NDJSON,
  loadNdjson,
  loadShared,
  loadSharedText,
  resourcesIn,
} from './fixtures.js';

type Json = Record<string, unknown>;
interface Found {
  file: string;
  resource: Json;
}

/** Each corpus (R4 spec, US Core, one Synthea record, a Scheduling Links folder) resolves references inside itself. */
const corpusOf = (file: string) => (file.includes('/synthea/') ? file : file.split('/').slice(0, 2).join('/'));

function subjectPatient(resource: Json): string {
  return parseReference(resource.subject)?.id ?? 'example';
}

describe('fixture sweep: every resource maps or is rejected with a reason', () => {
  const found: Found[] = [];
  const tally: Record<string, Record<string, number>> = {};
  const reports: { file: string; id: unknown; results: number; missing: number }[] = [];
  let recommendations = { items: 0, dropped: 0 };

  before(async function () {
    this.timeout(60_000); // ~200 fetches and ~900 mappings on a shared 2-core machine
    const files = [...FHIR_R4_FILES, ...SCHEDULING_LINKS_JSON];
    const documents = await Promise.all(files.map((file) => loadShared(file)));
    files.forEach((file, i) => resourcesIn(documents[i]).forEach((resource) => found.push({ file, resource })));
    const ndjson = [SCHEDULING_LINKS_NDJSON.locations, SCHEDULING_LINKS_NDJSON.schedules, ...SCHEDULING_LINKS_NDJSON.slots];
    const lines = await Promise.all(ndjson.map((file) => loadNdjson(file)));
    ndjson.forEach((file, i) => lines[i].forEach((line) => found.push({ file, resource: line as Json })));

    const index = (type: string) => {
      const map = new Map<string, Map<string, unknown>>();
      for (const { file, resource } of found) {
        if (resource.resourceType !== type || typeof resource.id !== 'string') continue;
        const corpus = corpusOf(file);
        if (!map.has(corpus)) map.set(corpus, new Map());
        map.get(corpus)!.set(resource.id, resource);
      }
      return (file: string) => map.get(corpusOf(file)) ?? new Map<string, unknown>();
    };
    const schedules = index('Schedule');
    const observations = index('Observation');
    const practitioners = index('Practitioner');

    const count = (type: string, outcome: MapOutcome<unknown> | 'threw') => {
      const key = outcome === 'threw' ? 'THREW' : outcome.ok ? 'ok' : outcome.reason;
      tally[type] ??= {};
      tally[type][key] = (tally[type][key] ?? 0) + 1;
    };

    for (const { file, resource } of found) {
      const type = resource.resourceType as string;
      let outcome: MapOutcome<unknown> | 'threw';
      try {
        switch (type) {
          case 'Patient':
            outcome = mapPatient(resource);
            break;
          case 'Location':
            outcome = mapLocation(resource);
            break;
          case 'Practitioner':
          case 'PractitionerRole':
            outcome = mapPractitioner(resource, practitioners(file));
            break;
          case 'HealthcareService':
            outcome = mapService(resource);
            break;
          case 'Schedule': {
            const service = serviceFromSchedule(resource);
            outcome = service ? { ok: true, value: service } : { ok: false, reason: 'no-service' };
            break;
          }
          case 'Slot': {
            const scheduleId = parseReference(resource.schedule)?.id ?? '';
            outcome = mapSlot(resource, schedules(file).get(scheduleId));
            break;
          }
          case 'Appointment':
            outcome = mapAppointment(resource, { patientId: 'example' });
            break;
          case 'Communication':
            outcome = mapCommunication(resource, { patientId: subjectPatient(resource) });
            break;
          case 'Observation':
            outcome = mapObservation(resource);
            break;
          case 'DiagnosticReport': {
            const result = mapDiagnosticReport(resource, observations(file));
            if (result.ok) reports.push({ file, id: resource.id, results: result.value.results.length, missing: result.value.missingResults });
            outcome = result;
            break;
          }
          case 'Immunization':
            outcome = mapImmunization(resource);
            break;
          case 'ImmunizationRecommendation': {
            const { items, dropped } = mapRecommendations(resource);
            recommendations = { items: recommendations.items + items.length, dropped: recommendations.dropped + dropped };
            outcome = { ok: true, value: items };
            break;
          }
          default:
            continue;
        }
      } catch {
        outcome = 'threw';
      }
      count(type, outcome);
    }
  });

  it('covers every JSON file PROVENANCE.md lists under fhir-r4/', async () => {
    const provenance = await loadSharedText('fhir-r4/PROVENANCE.md');
    const listed = [...provenance.matchAll(/^\| `([^`]+\.json)` \|/gm)].map((m) => `fhir-r4/${m[1]}`).sort();
    expect(listed).to.have.length(182);
    expect([...FHIR_R4_FILES].sort()).to.deep.equal(listed);
  });

  it('reads the expected number of resources', () => {
    // 582 resources in the R4/US Core/Synthea JSON (Bundles included), 10 in the Scheduling Links JSON
    // examples, 10 + 10 + 300 NDJSON lines.
    expect(found).to.have.length(582 + 10 + 320);
  });

  it('maps or rejects each resource exactly as expected (nothing throws)', () => {
    expect(tally).to.deep.equal({
      // Transaction/"references" bundle entries without an id (urn:uuid fullUrl, no resource.id).
      Patient: { ok: 25, 'missing-id': 4 },
      Practitioner: { ok: 13 },
      PractitionerRole: { ok: 3 },
      Location: { ok: 20 },
      HealthcareService: { ok: 2 },
      Schedule: { ok: 17 },
      // The two Scheduling Links spec examples with the "-05" offset.
      Slot: { ok: 304, 'invalid-start': 2 },
      Appointment: { ok: 3 },
      Communication: { ok: 3 },
      Observation: { ok: 299 },
      DiagnosticReport: { ok: 25 },
      Immunization: { ok: 34 },
      ImmunizationRecommendation: { ok: 1 },
    });
  });

  it('maps all 300 Scheduling Links slots with their schedule (capacity, link, phone, vaccine service)', () => {
    const slots = found.filter(({ file }) => file.includes('/slots-2021-W'));
    expect(slots).to.have.length(300);
    const schedules = new Map(
      found.filter(({ file }) => file.endsWith('schedules.ndjson')).map(({ resource }) => [resource.id as string, resource]),
    );
    const mapped = slots.map(({ resource }) => mapSlot(resource, schedules.get(parseReference(resource.schedule)!.id)));
    const values = mapped.flatMap((m) => (m.ok ? [m.value] : []));
    expect(values).to.have.length(300);
    expect(values.every((s) => s.capacity === 100 && s.bookingPhone === '000-000-0000' && s.bookingLink?.startsWith('https://'))).to.equal(true);
    expect(values.every((s) => s.serviceIds.length === 1 && s.serviceIds[0] === 'vaccine:207:dose-1')).to.equal(true);
    expect(new Set(values.map((s) => s.locationId))).to.have.property('size', 10);
  });

  it('resolves report results inside each corpus', () => {
    const total = reports.reduce((sum, r) => ({ results: sum.results + r.results, missing: sum.missing + r.missing }), { results: 0, missing: 0 });
    // R4: 17 (Bundle-101) + 4 (lipids) + 5 (f001, from observations/) + 1 (f202 → f206) + 1 (micro) +
    // 1 (102 → bmd) + 1 (pgx → example-phenotype); US Core: 8 + 8; Synthea: 66 (Connelly) + 11 (Schaefer) + 19 (Mejía).
    expect(total).to.deep.equal({ results: 142, missing: 0 });
    expect(reports).to.have.length(25);
    expect(recommendations).to.deep.equal({ items: 1, dropped: 0 });
  });
});
