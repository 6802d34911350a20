// The real FHIR adapter against a real FHIR R4 server (medplum's router in test/support) in a real browser:
// the official fixtures go in, validated model objects come out, and the token stays under the base URL.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import { AppointmentSchema, ImmunizationSchema, PatientSummarySchema, ReportSchema, SlotSchema } from '../../src/model/index.js';
import { clearLog, createTenant, deleteTenant, injectFaults, requestLog, type Tenant } from '../support/fhir-tenant.js';

const SYNTHEA = 'test/fixtures/shared/fhir-r4/synthea';
const FLOYD = { file: `${SYNTHEA}/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json`, id: '6f8ccac9-41a3-42a2-a97b-06bfc0a91c26' };
const ENDA = { file: `${SYNTHEA}/Enda_Schaefer_dd760206-6c4e-4e25-a799-f5c563e489a1.json`, id: 'd070e7dd-4d25-4c52-9fb2-78d232e1cf2c' };
const LINKS = 'test/fixtures/shared/smart-scheduling-links/smart-on-fhir-examples';
const TOKEN = 'integration-token-7f3a';
const signal = () => new AbortController().signal;

/** A New York clinic with its IANA zone, a clinician and tomorrow's free slots: the booking tests' world. */
function clinic(): unknown[] {
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = tomorrow.toISOString().slice(0, 10);
  const slots = [14, 15, 16].map((hour, i) => ({
    resourceType: 'Slot',
    id: `ny-slot-${i}`,
    schedule: { reference: 'Schedule/ny-primary' },
    status: 'free',
    start: `${day}T${hour}:00:00Z`,
    end: `${day}T${hour}:30:00Z`,
  }));
  return [
    {
      resourceType: 'Location',
      id: 'ny-clinic',
      name: 'Riverside Midtown Clinic',
      description: 'Bring your insurance card.',
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: 'America/New_York' }],
      telecom: [{ system: 'phone', value: '555-0100' }],
    },
    { resourceType: 'Practitioner', id: 'dr-ortiz', name: [{ given: ['Lucía'], family: 'Ortiz', prefix: ['Dr.'] }] },
    {
      resourceType: 'Schedule',
      id: 'ny-primary',
      active: true,
      serviceType: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124', display: 'General Practice' }] }],
      actor: [{ reference: 'Location/ny-clinic' }, { reference: 'Practitioner/dr-ortiz' }],
    },
    ...slots,
  ];
}

describe('FHIR adapter against a FHIR R4 server', function () {
  // The server indexes the R4 definitions on its first request: give the first tenant time.
  this.timeout(30_000);
  let tenant: Tenant;
  let api: PortalApi;
  const tenants: Tenant[] = [];

  before(async () => {
    tenant = await createTenant({ fixtures: [FLOYD.file, ENDA.file, `${LINKS}/locations.ndjson`, `${LINKS}/schedules.ndjson`, `${LINKS}/slots-2021-W09.ndjson`], resources: clinic(), options: { pageSize: 50 } });
    tenants.push(tenant);
    api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => TOKEN, patientId: FLOYD.id } });
  });

  after(async () => Promise.all(tenants.map(deleteTenant)));

  it('reads the signed-in patient, sending the token on every request and only to the base', async () => {
    await clearLog(tenant);
    const patient = await api.patient.current(signal());
    expect(PatientSummarySchema.safeParse(patient).success).to.equal(true);
    expect(patient.displayName).to.contain('Connelly');
    const log = await requestLog(tenant);
    expect(log.length).to.be.greaterThan(0);
    expect(log.every((entry) => entry.authorization === `Bearer ${TOKEN}`)).to.equal(true);
    expect(log.every((entry) => new URL(entry.url, location.origin).pathname.startsWith(new URL(tenant.baseUrl).pathname))).to.equal(true);
  });

  it("lists the patient's lab reports with their results resolved", async () => {
    const reports = await api.results.listReports(signal());
    expect(reports.items).to.have.length(9);
    expect(reports.dropped).to.equal(0);
    for (const report of reports.items) {
      expect(ReportSchema.safeParse(report).success).to.equal(true);
      expect(report.missingResults, report.code.text).to.equal(0);
    }
    expect(reports.items.some((report) => report.results.length > 5)).to.equal(true);
    // Newest first.
    const dates = reports.items.map((report) => report.effective ?? '');
    expect([...dates].sort().reverse()).to.deep.equal(dates);
  });

  it('reads the history of one test for trends, oldest first', async () => {
    const reports = await api.results.listReports(signal());
    const coded = reports.items.flatMap((report) => report.results).find((result) => result.code.codings.some((c) => c.system === 'http://loinc.org'))!;
    const loinc = coded.code.codings.find((c) => c.system === 'http://loinc.org')!;
    const history = await api.results.resultHistory({ system: loinc.system, code: loinc.code }, signal());
    expect(history.items.length).to.be.greaterThan(0);
    const dates = history.items.map((result) => result.effective ?? '');
    expect([...dates].sort()).to.deep.equal(dates);
  });

  it("reads a child's immunizations with their dates as recorded", async () => {
    const child = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => TOKEN, patientId: ENDA.id } });
    const list = await child.immunizations.list(signal());
    expect(list.items).to.have.length(17);
    for (const immunization of list.items) {
      expect(ImmunizationSchema.safeParse(immunization).success).to.equal(true);
      expect(immunization.occurrenceDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(immunization.vaccine.cvx).to.match(/^\d+$/);
    }
  });

  it('records a patient-reported vaccine once, however often it is sent', async () => {
    const report = { cvx: '140', vaccineText: 'Influenza, seasonal, injectable', occurrenceDate: '2025-10', clientRequestId: 'imm-key-1' };
    const first = await api.immunizations.report(report, signal());
    const again = await api.immunizations.report(report, signal());
    expect(again.id).to.equal(first.id);
    expect(first.primarySource).to.equal(false);
    expect(first.occurrenceDate).to.equal('2025-10');
  });

  it('finds public slots anonymously, with SMART Scheduling Links vaccine data', async () => {
    const anonymous = createFhirAdapter({ baseUrl: tenant.baseUrl });
    await clearLog(tenant);
    const found = await anonymous.scheduling.searchSlots({ from: '2021-03-01T00:00:00Z', to: '2021-03-08T00:00:00Z' }, signal());
    expect(found.slots.length).to.be.greaterThan(10);
    found.slots.forEach((slot) => expect(SlotSchema.safeParse(slot).success).to.equal(true));
    expect(Object.keys(found.locations).length).to.be.greaterThan(0);
    expect(Object.values(found.services).some((service) => service.vaccine?.cvx === '207')).to.equal(true);
    expect((await requestLog(tenant)).every((entry) => entry.authorization === null)).to.equal(true);
    // Every published schedule gives Moderna (CVX 207) dose 1.
    const week = { from: '2021-03-01T00:00:00Z', to: '2021-03-08T00:00:00Z' };
    const moderna = await anonymous.scheduling.searchSlots({ ...week, vaccine: { cvx: '207', doseNumber: 1 } }, signal());
    expect(moderna.slots.length).to.equal(found.slots.length);
    const pfizer = await anonymous.scheduling.searchSlots({ ...week, vaccine: { cvx: '208' } }, signal());
    expect(pfizer.slots).to.have.length(0);
    const secondDose = await anonymous.scheduling.searchSlots({ ...week, vaccine: { cvx: '207', doseNumber: 2 } }, signal());
    expect(secondDose.slots).to.have.length(0);
  });

  it('follows paging links to the end', async () => {
    const weeks = ['W09', 'W10', 'W11', 'W12', 'W13'].map((week) => `${LINKS}/slots-2021-${week}.ndjson`);
    // The adapter asks for 1,000 a page; this server, like many, sends at most 200.
    const paged = await createTenant({ fixtures: [`${LINKS}/locations.ndjson`, `${LINKS}/schedules.ndjson`, ...weeks], options: { maxPageSize: 200 } });
    tenants.push(paged);
    const anonymous = createFhirAdapter({ baseUrl: paged.baseUrl });
    const all = await anonymous.scheduling.searchSlots({ from: '2021-03-01T00:00:00Z', to: '2021-04-05T00:00:00Z' }, signal());
    // 300 published slots, 200 a page: two pages, nothing lost, nothing twice.
    expect(all.slots).to.have.length(300);
    expect(new Set(all.slots.map((slot) => slot.id)).size).to.equal(300);
    expect(all.truncated).to.equal(false);
    expect((await requestLog(paged)).filter((entry) => entry.url.includes('/Slot?')).length).to.equal(2);
  });

  it("after the catalog, finds a clinic's times in one round trip, still naming its place and clinician", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const from = new Date(tomorrow.toISOString().slice(0, 10) + 'T00:00:00Z').toISOString();
    const query = { from, to: new Date(Date.parse(from) + 2 * 86_400_000).toISOString(), locationId: 'ny-clinic' };
    const fresh = () => createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => TOKEN, patientId: FLOYD.id } });
    const paths = async () => (await requestLog(tenant)).map((entry) => new URL(entry.url, location.href).pathname.split('/').pop());

    // Alone, the search asks how the server offers times (beside which schedules the clinic has) and reads the
    // clinic and clinician it names.
    const alone = fresh();
    await clearLog(tenant);
    const first = await alone.scheduling.searchSlots(query, signal());
    expect(await paths()).to.have.members(['metadata', 'Schedule', 'Slot', 'Location', 'Practitioner']);

    // After the lists a scheduler reads first, it asks for the times alone.
    const afterCatalog = fresh();
    await Promise.all([afterCatalog.scheduling.listServices(signal()), afterCatalog.scheduling.listLocations(signal()), afterCatalog.scheduling.listPractitioners(signal())]);
    await clearLog(tenant);
    const second = await afterCatalog.scheduling.searchSlots(query, signal());
    expect(await paths()).to.deep.equal(['Slot']);
    expect(second.slots.map((slot) => slot.id)).to.deep.equal(first.slots.map((slot) => slot.id));
    expect(second.locations['ny-clinic'].name).to.equal('Riverside Midtown Clinic');
    expect(Object.values(second.practitioners).map((p) => p.name)).to.deep.equal(Object.values(first.practitioners).map((p) => p.name));
    expect(second.services).to.deep.equal(first.services);
  });

  it('retries a read the server refused with 503, after its Retry-After', async () => {
    await injectFaults(tenant, { status: 503, count: 1, retryAfter: 0, match: 'GET', pathIncludes: '/Patient/' });
    await clearLog(tenant);
    // A fresh adapter: the one above keeps the patient it read for a minute.
    const fresh = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => TOKEN, patientId: FLOYD.id } });
    const patient = await fresh.patient.current(signal());
    expect(patient.id).to.equal(FLOYD.id);
    expect((await requestLog(tenant)).map((entry) => entry.status)).to.deep.equal([503, 200]);
  });

  describe('booking (plain REST)', () => {
    it('books a clinic slot once per click, shows the clinic and clinician, refuses a taken time, cancels by version', async () => {
      const tomorrow = new Date(Date.now() + 86_400_000);
      const from = new Date(tomorrow.toISOString().slice(0, 10) + 'T00:00:00Z').toISOString();
      const to = new Date(Date.parse(from) + 2 * 86_400_000).toISOString();
      const found = await api.scheduling.searchSlots({ from, to, locationId: 'ny-clinic' }, signal());
      expect(found.slots).to.have.length(3);
      expect(found.locations['ny-clinic'].timeZone).to.equal('America/New_York');
      const slot = found.slots[0];

      const booked = await api.scheduling.book({ slotId: slot.id, clientRequestId: 'click-1' }, signal());
      expect(AppointmentSchema.safeParse(booked).success).to.equal(true);
      expect(booked.status).to.equal('booked');
      expect(booked.location?.name).to.equal('Riverside Midtown Clinic');
      expect(booked.practitioner?.name).to.contain('Ortiz');
      expect(booked.cancellable).to.equal(true);
      // The visit is named in words, in the answer and in what the server stored for any later reader.
      expect(booked.service?.name).to.equal('General Practice');
      const stored = await (await fetch(`${tenant.baseUrl}/Appointment/${booked.id}`)).json();
      expect(stored.serviceType).to.deep.equal([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124', display: 'General Practice' }], text: 'General Practice' }]);

      // The same click delivered twice books once.
      const replay = await api.scheduling.book({ slotId: slot.id, clientRequestId: 'click-1' }, signal());
      expect(replay.id).to.equal(booked.id);

      // Somebody else's booking of the same time is a conflict.
      const other = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => TOKEN, patientId: ENDA.id } });
      const conflict = await other.scheduling.book({ slotId: slot.id, clientRequestId: 'click-2' }, signal()).catch((e) => e);
      expect(conflict.kind).to.equal('conflict');

      const upcoming = await api.scheduling.listAppointments({ upcomingOnly: true }, signal());
      expect(upcoming.items.map((a) => a.id)).to.include(booked.id);
      expect(upcoming.items.find((a) => a.id === booked.id)?.service?.name).to.equal('General Practice');

      // A stale version cannot cancel; the current one can, and the time is free again.
      const stale = await api.scheduling.cancelAppointment({ id: booked.id, version: 'stale-version' }, signal()).catch((e) => e);
      expect(stale.kind).to.equal('conflict');
      const cancelled = await api.scheduling.cancelAppointment({ id: booked.id, version: booked.version }, signal());
      expect(cancelled.status).to.equal('cancelled');
      expect(cancelled.cancellable).to.equal(false);
      const after = await api.scheduling.listAppointments({ upcomingOnly: true }, signal());
      expect(after.items.map((a) => a.id)).not.to.include(booked.id);
      const again = await api.scheduling.searchSlots({ from, to, locationId: 'ny-clinic' }, signal());
      expect(again.slots.map((s) => s.id)).to.include(slot.id);
    });

    it('sends the idempotency key as If-None-Exist', async () => {
      await clearLog(tenant);
      await api.scheduling.book({ slotId: 'ny-slot-1', clientRequestId: 'click-3' }, signal());
      const post = (await requestLog(tenant)).find((entry) => entry.method === 'POST' && entry.url.includes('Appointment'));
      expect(post?.ifNoneExist).to.equal(`identifier=${encodeURIComponent('urn:portal-kit:client-request|click-3')}`);
    });
  });

  describe('booking with $hold / $book', () => {
    it('holds, shows until when, then books the held slot', async () => {
      const ops = await createTenant({ fixtures: [FLOYD.file], resources: clinic(), options: { bookingMode: 'operation', holdMinutes: 5 } });
      tenants.push(ops);
      const opsApi = createFhirAdapter({ baseUrl: ops.baseUrl, auth: { getAccessToken: async () => TOKEN, patientId: FLOYD.id } });
      expect(await opsApi.scheduling.bookingMode(signal())).to.equal('operation');
      const hold = await opsApi.scheduling.holdSlot('ny-slot-2', signal());
      expect(Date.parse(hold.expiresAt!) - Date.now()).to.be.within(4 * 60_000, 5 * 60_000 + 1000);
      const booked = await opsApi.scheduling.book({ slotId: 'ny-slot-2', holdId: hold.id, clientRequestId: 'hold-click' }, signal());
      expect(booked.status).to.equal('booked');
      expect(booked.id).to.equal(hold.id);
    });
  });

  describe('messaging', () => {
    it('sends a message once per key and reads it back in its thread', async () => {
      const recipients = await api.messaging.listRecipients(signal());
      expect(recipients.items.length).to.be.greaterThan(0);
      const recipient = recipients.items[0];
      const sent = await api.messaging.send({ subject: 'Question about my results', recipient, body: 'Is my glucose OK?', clientRequestId: 'msg-1' }, signal());
      const again = await api.messaging.send({ subject: 'Question about my results', recipient, body: 'Is my glucose OK?', clientRequestId: 'msg-1' }, signal());
      expect(again.id).to.equal(sent.id);
      expect(sent.fromPatient).to.equal(true);
      const threads = await api.messaging.listThreads(signal());
      const thread = threads.items.find((t) => t.id === sent.threadId);
      expect(thread?.subject).to.equal('Question about my results');
      const reply = await api.messaging.send({ threadId: sent.threadId, recipient, body: 'And my cholesterol?', clientRequestId: 'msg-2' }, signal());
      const full = await api.messaging.getThread(sent.threadId, signal());
      expect(full.messages.map((m) => m.id)).to.deep.equal([sent.id, reply.id]);
    });
  });
});
