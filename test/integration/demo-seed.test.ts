// The demo's seed data (demo/server/seed) through the REAL FHIR adapter, against a tenant of the demo server
// seeded as of today: every list maps without dropping an entry, and each patient has what the demo shows.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import type { ListResult } from '../../src/model/index.js';
import { createTenant, deleteTenant, type Tenant } from '../support/fhir-tenant.js';

const signal = () => new AbortController().signal;
const HOSPITAL_ZONE = 'America/New_York';
const DAY_MS = 86_400_000;

const ZONES: Record<string, string> = {
  'loc-downtown': 'America/New_York',
  'loc-eastside': 'America/New_York',
  'loc-lakeview': 'America/Chicago',
  'loc-video': 'America/New_York',
};

/** Opening hours the seed publishes, local time: [first start, last end] in minutes, and open weekdays (0 = Sunday). */
const HOURS: Record<string, { from: number; to: number; days: number[] }> = {
  'loc-downtown': { from: 9 * 60, to: 16 * 60 + 30, days: [1, 2, 3, 4, 5] },
  'loc-eastside': { from: 8 * 60, to: 18 * 60, days: [1, 2, 3, 4, 5, 6] },
  'loc-lakeview': { from: 9 * 60, to: 16 * 60 + 30, days: [1, 2, 3, 4, 5] },
  'loc-video': { from: 17 * 60, to: 19 * 60, days: [1, 2, 3, 4, 5] },
};

const PATIENTS = { daniel: 'daniel-okafor', mia: 'mia-thompson', maria: 'maria-pena' } as const;

/** The calendar day at the hospital, which is the seed's "today". */
function hospitalToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: HOSPITAL_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Local weekday and minutes after midnight of an instant, in `zone`. */
function localClock(instant: string, zone: string): { weekday: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function expectClean<T>(result: ListResult<T>, what: string): void {
  expect(result.dropped, `${what}: entries the mapper rejected`).to.equal(0);
  expect(result.truncated, `${what}: truncated`).to.equal(false);
}

describe('demo seed through the FHIR adapter', function () {
  // The first FHIR request of a run indexes the R4 definitions, and the demo store loads ~4,700 resources.
  this.timeout(60_000);
  let tenant: Tenant;
  const as = (patientId: string): PortalApi =>
    createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'tok', patientId } });

  before(async () => {
    tenant = await createTenant({ options: { demoSeed: hospitalToday() } });
  });

  after(async () => {
    if (tenant) await deleteTenant(tenant);
  });

  it('lists the three clinics with their IANA zones, addresses and instructions, and the video-visit place with its room', async () => {
    const locations = await as(PATIENTS.daniel).scheduling.listLocations(signal());
    expectClean(locations, 'locations');
    expect(Object.fromEntries(locations.items.map((l) => [l.id, l.timeZone]))).to.deep.equal(ZONES);
    const video = locations.items.find((l) => l.virtual);
    expect(video).to.include({ id: 'loc-video', videoLink: 'https://video.riverside-health.example/rooms/primary-care' });
    expect(video).not.to.have.property('address');
    for (const location of locations.items) {
      if (location.virtual) continue;
      expect(location.address?.city, location.id).to.be.a('string');
      expect(location.phone, location.id).to.match(/555-01\d\d/);
      expect(location.instructions, location.id).to.be.a('string');
    }
    expect(locations.items.find((l) => l.id === 'loc-eastside')?.instructions).to.contain('vaccination card');
  });

  it('lists the services, with flu and COVID-19 vaccines carrying their CVX product and dose', async () => {
    const services = await as(PATIENTS.daniel).scheduling.listServices(signal());
    expectClean(services, 'services');
    const ids = services.items.map((s) => s.id);
    expect(ids).to.include.members(['hs-primary-care', 'hs-well-child', 'hs-flu-vaccination', 'hs-covid-vaccination']);
    expect(new Set(ids).size, 'no service twice').to.equal(ids.length);
    const vaccines = services.items.flatMap((s) => (s.vaccine ? [`${s.vaccine.cvx}:${s.vaccine.doseNumber ?? '-'}`] : []));
    expect(vaccines).to.include.members(['140:-', '208:1', '208:2', '207:-']);
    for (const service of services.items) expect(service.name.trim(), service.id).not.to.equal('');
  });

  it('says when a Pfizer-BioNTech second dose is due: 21 days after dose 1 (portal-kit extension on the Schedule)', async () => {
    const api = as(PATIENTS.daniel);
    const services = await api.scheduling.listServices(signal());
    const vaccine = (cvx: string, dose?: number) => services.items.find((s) => s.vaccine?.cvx === cvx && s.vaccine.doseNumber === dose)?.vaccine;
    expect(vaccine('208', 1)?.nextDoseIntervalDays).to.equal(21);
    expect(vaccine('208', 2)).to.exist.and.not.to.have.property('nextDoseIntervalDays');
    // What the scheduler's confirmation reads: the service a found slot resolves to.
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 8 * DAY_MS).toISOString();
    const found = await api.scheduling.searchSlots({ from, to, vaccine: { cvx: '208', doseNumber: 1 } }, signal());
    expect(found.slots.length).to.be.greaterThan(0);
    expect(found.services['vaccine:208:dose-1']?.vaccine?.nextDoseIntervalDays).to.equal(21);
  });

  it('lists the clinicians with their roles', async () => {
    const clinicians = await as(PATIENTS.daniel).scheduling.listPractitioners(signal());
    expectClean(clinicians, 'clinicians');
    expect(clinicians.items.map((c) => c.name)).to.include.members(['Dr. Amelia Hart', 'Dr. Nina Patel', 'Dr. Lucía Herrera']);
    expect(clinicians.items.every((c) => c.role)).to.equal(true);
  });

  it('finds only free slots over the next days, inside each clinic’s hours in its own zone', async () => {
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 4 * DAY_MS).toISOString();
    const found = await as(PATIENTS.daniel).scheduling.searchSlots({ from, to }, signal());
    expect(found.dropped).to.equal(0);
    expect(found.truncated).to.equal(false);
    expect(found.slots.length).to.be.greaterThan(20);
    for (const slot of found.slots) {
      expect(slot.status, slot.id).to.equal('free');
      expect(Date.parse(slot.start) >= Date.parse(from) && Date.parse(slot.start) < Date.parse(to), slot.id).to.equal(true);
      const zone = found.locations[slot.locationId!]?.timeZone;
      expect(zone, slot.id).to.equal(ZONES[slot.locationId!]);
      const hours = HOURS[slot.locationId!];
      const start = localClock(slot.start, zone!);
      const end = localClock(slot.end, zone!);
      expect(hours.days, `${slot.id} weekday`).to.include(start.weekday);
      expect(start.minutes >= hours.from && end.minutes <= hours.to, `${slot.id} ${slot.start} within hours`).to.equal(true);
      // The id names the local start: a slot written with the wrong offset would not match it.
      expect(slot.id.slice(-4), slot.id).to.equal(`${String(Math.floor(start.minutes / 60)).padStart(2, '0')}${String(start.minutes % 60).padStart(2, '0')}`);
      for (const serviceId of slot.serviceIds) expect(found.services[serviceId], `${slot.id} service ${serviceId}`).to.exist;
    }
    // Both zones and the vaccine lanes are represented.
    expect(new Set(found.slots.map((s) => s.locationId))).to.have.property('size', 4);
    const pfizer = await as(PATIENTS.daniel).scheduling.searchSlots({ from, to, vaccine: { cvx: '208', doseNumber: 2 } }, signal());
    expect(pfizer.slots.length).to.be.greaterThan(0);
    expect(pfizer.slots.every((s) => s.locationId === 'loc-eastside')).to.equal(true);
  });

  it('shows each patient’s banner, with María José’s accents intact', async () => {
    const daniel = await as(PATIENTS.daniel).patient.current(signal());
    expect(daniel.displayName).to.equal('Daniel Okafor');
    const mia = await as(PATIENTS.mia).patient.current(signal());
    expect(mia.displayName).to.equal('Mia Thompson');
    const maria = await as(PATIENTS.maria).patient.current(signal());
    expect(maria.displayName).to.equal('María José Peña Ibáñez');
    expect(maria.familyName).to.equal('Peña Ibáñez');
    expect(maria.preferredLanguage).to.equal('es');
    // Ages stay the same whatever today is.
    const age = (birthDate: string) => Number(hospitalToday().slice(0, 4)) - Number(birthDate.slice(0, 4));
    expect(age(daniel.birthDate!)).to.be.within(54, 55);
    expect(age(mia.birthDate!)).to.be.within(7, 8);
  });

  for (const [who, patientId] of Object.entries(PATIENTS)) {
    it(`gives ${who} upcoming booked appointments that hold their slots, and message threads`, async () => {
      const api = as(patientId);
      const upcoming = await api.scheduling.listAppointments({ upcomingOnly: true }, signal());
      expectClean(upcoming, 'upcoming appointments');
      expect(upcoming.items.length).to.be.within(1, 3);
      for (const appointment of upcoming.items) {
        expect(appointment.status).to.equal('booked');
        expect(appointment.service?.name, appointment.id).to.be.a('string');
        expect(appointment.location?.timeZone, appointment.id).to.equal(ZONES[appointment.location!.id]);
        expect(appointment.slotIds, appointment.id).to.have.length(1);
        expect(appointment.cancellable, appointment.id).to.equal(true);
        // A visit at the virtual place is a video visit joined in its room; every other one is in person.
        expect(appointment.video, appointment.id).to.deep.equal(appointment.location?.virtual ? { joinUrl: appointment.location.videoLink } : undefined);
      }
      const all = await api.scheduling.listAppointments({ upcomingOnly: false }, signal());
      expectClean(all, 'appointments');
      expect(all.items.some((a) => a.status === 'fulfilled')).to.equal(true);

      const threads = await api.messaging.listThreads(signal());
      expectClean(threads, 'threads');
      expect(threads.items.length).to.be.at.least(patientId === PATIENTS.mia ? 1 : 2);
      for (const thread of threads.items) {
        expect(thread.subject.trim(), thread.id).not.to.equal('');
        expect(thread.participants.length, thread.id).to.be.greaterThan(0);
      }
      const first = await api.messaging.getThread(threads.items[threads.items.length - 1].id, signal());
      expect(first.dropped).to.equal(0);
      expect(first.messages.every((m) => m.senderName !== '')).to.equal(true);

      const recipients = await api.messaging.listRecipients(signal());
      expectClean(recipients, 'recipients');
      expect(recipients.items.some((r) => r.kind === 'care-team')).to.equal(true);
    });
  }

  it('has unread messages and Spanish text for María José', async () => {
    const threads = await as(PATIENTS.maria).messaging.listThreads(signal());
    expect(threads.items.some((t) => t.unreadCount > 0)).to.equal(true);
    expect(threads.items.map((t) => t.subject)).to.include('Resultados de laboratorio');
  });

  it('seeds the message shapes portal-messages handles: inResponseTo-only replies, a coded topic, a withdrawn message, a Binary attachment', async () => {
    const daniel = as(PATIENTS.daniel);
    const threads = (await daniel.messaging.listThreads(signal())).items;
    const refill = threads.find((t) => t.subject === 'Atorvastatin refill')!;
    // Its replies name only the message before them, yet the whole conversation is one thread.
    expect(refill).to.deep.include({ topic: 'Medication question', messageCount: 3 });
    const a1c = threads.find((t) => t.subject === 'Question about my A1c result')!;
    expect(a1c.topic).to.equal('Test results');
    const attachment = (await daniel.messaging.getThread(a1c.id, signal())).messages.flatMap((m) => m.attachments)[0];
    expect(attachment).to.deep.include({ title: 'A1c trend.pdf', contentType: 'application/pdf' });
    const pdf = await daniel.messaging.fetchAttachment(attachment, signal());
    expect(pdf.size).to.equal(attachment.size);
    expect(new TextDecoder().decode(await pdf.arrayBuffer()).startsWith('%PDF-')).to.equal(true);
    const mia = await as(PATIENTS.mia).messaging.listThreads(signal());
    const checkup = await as(PATIENTS.mia).messaging.getThread(mia.items.find((t) => t.subject === 'Mia’s check-up')!.id, signal());
    expect(checkup.messages.filter((m) => m.withdrawn).map((m) => [m.status, m.body])).to.deep.equal([['entered-in-error', '']]);
  });

  it('gives Daniel two years of lab reports with reference ranges, trends and abnormal flags', async () => {
    const api = as(PATIENTS.daniel);
    const reports = await api.results.listReports(signal());
    expectClean(reports, 'reports');
    expect(reports.items.length).to.be.at.least(10);
    const results = reports.items.flatMap((r) => {
      expect(r.missingResults, r.id).to.equal(0);
      expect(r.status).to.equal('final');
      return r.results;
    });
    expect(results.every((r) => r.referenceRanges.length > 0), 'a range on every result').to.equal(true);
    expect(results.some((r) => r.interpretation?.severity === 'abnormal' && r.interpretation.code === 'H')).to.equal(true);
    expect(results.some((r) => r.interpretation?.code === 'L')).to.equal(true);
    const a1c = await api.results.resultHistory({ system: 'http://loinc.org', code: '4548-4' }, signal());
    expectClean(a1c, 'HbA1c history');
    const values = a1c.items.map((r) => (r.value.kind === 'quantity' ? Number(r.value.quantity.value) : NaN));
    expect(values).to.have.length(5);
    const peak = values.indexOf(Math.max(...values));
    expect(peak > 0 && peak < values.length - 1, `rises then improves: ${values.join(', ')}`).to.equal(true);
  });

  it('gives María José a few labs too', async () => {
    const reports = await as(PATIENTS.maria).results.listReports(signal());
    expectClean(reports, 'reports');
    expect(reports.items.length).to.be.at.least(3);
    expect(reports.items.flatMap((r) => r.results).every((r) => r.referenceRanges.length > 0)).to.equal(true);
  });

  it('gives Mia a full childhood vaccine series and a forecast', async () => {
    const api = as(PATIENTS.mia);
    const list = await api.immunizations.list(signal());
    expectClean(list, 'immunizations');
    expect(list.items.length).to.be.at.least(20);
    const cvx = new Set(list.items.map((i) => i.vaccine.cvx));
    for (const code of ['08', '20', '48', '133', '10', '03', '21', '83']) expect(cvx.has(code), `CVX ${code}`).to.equal(true);
    expect(list.items.some((i) => ['140', '150', '161'].includes(i.vaccine.cvx ?? ''))).to.equal(true);
    expect(list.items.every((i) => i.primarySource && /^\d{4}-\d{2}-\d{2}$/.test(i.occurrenceDate ?? ''))).to.equal(true);
    const forecast = await api.immunizations.recommendations(signal());
    expectClean(forecast, 'recommendations');
    expect(forecast.items.some((r) => r.forecast === 'complete')).to.equal(true);
    expect(forecast.items.some((r) => r.forecast === 'due' && r.dueDate)).to.equal(true);
  });

  it('gives María José exactly one patient-reported vaccine, dated to the month', async () => {
    const list = await as(PATIENTS.maria).immunizations.list(signal());
    expectClean(list, 'immunizations');
    const reported = list.items.filter((i) => !i.primarySource);
    expect(reported).to.have.length(1);
    expect(reported[0].occurrenceDate).to.match(/^\d{4}-\d{2}$/);
  });

  it('books a free seeded slot through $hold/$book', async () => {
    const api = as(PATIENTS.daniel);
    const from = new Date(Date.now() + DAY_MS).toISOString();
    const to = new Date(Date.now() + 8 * DAY_MS).toISOString();
    const found = await api.scheduling.searchSlots({ from, to, locationId: 'loc-eastside', vaccine: { cvx: '208', doseNumber: 1 } }, signal());
    const slot = found.slots[0];
    expect(slot, 'a free Pfizer dose 1 slot').to.exist;
    const hold = await api.scheduling.holdSlot(slot.id, signal());
    const booked = await api.scheduling.book({ slotId: slot.id, holdId: hold.id, clientRequestId: 'demo-seed-book-1' }, signal());
    expect(booked.status).to.equal('booked');
    expect(booked.location?.name).to.equal('Riverside Eastside Vaccination Center');
    const again = await api.scheduling.searchSlots({ from, to, locationId: 'loc-eastside' }, signal());
    expect(again.slots.map((s) => s.id)).not.to.include(slot.id);
  });
});
