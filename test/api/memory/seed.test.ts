import { expect } from '@open-wc/testing';
import { LOCATION_IDS, PRACTITIONER_IDS, SERVICE_IDS, type MemoryAdapter } from '../../../src/api/memory/index.js';
import {
  AppointmentSchema,
  HoldSchema,
  ImmunizationSchema,
  LocationSchema,
  MessageSchema,
  PatientSummarySchema,
  PractitionerSchema,
  RecipientSchema,
  RecommendationSchema,
  ReportSchema,
  ResultSchema,
  ServiceSchema,
  SlotSchema,
  ThreadSchema,
} from '../../../src/model/index.js';
import { adapterAt, expectValid, MARCH_NOW, signal } from './support.js';

/** Everything the adapter can be asked for without writing, in one plain object. */
async function snapshot(api: MemoryAdapter, windowFrom = '2027-03-10T00:00:00Z', windowTo = '2027-05-10T00:00:00Z') {
  const s = signal();
  const threads = await api.messaging.listThreads(s);
  const reports = await api.results.listReports(s);
  return {
    patient: await api.patient.current(s),
    services: await api.scheduling.listServices(s),
    locations: await api.scheduling.listLocations(s),
    practitioners: await api.scheduling.listPractitioners(s),
    slots: await api.scheduling.searchSlots({ from: windowFrom, to: windowTo }, s),
    appointments: await api.scheduling.listAppointments({ upcomingOnly: false }, s),
    threads,
    threadBodies: await Promise.all(threads.items.map((t) => api.messaging.getThread(t.id, s))),
    recipients: await api.messaging.listRecipients(s),
    reports,
    ldlHistory: await api.results.resultHistory({ system: 'http://loinc.org', code: '13457-7' }, s),
    immunizations: await api.immunizations.list(s),
    recommendations: await api.immunizations.recommendations(s),
  };
}

describe('memory adapter: seed', () => {
  it('gives the same data for the same seed and day', async () => {
    const a = await snapshot(adapterAt(MARCH_NOW));
    const b = await snapshot(adapterAt(MARCH_NOW));
    expect(a).to.deep.equal(b);
    expect(a.slots.slots.length).to.be.greaterThan(1000);
  });

  it('gives the same data at another hour of the same New York day', async () => {
    // Slot search starts after both clocks so that "not yet begun" filtering cannot differ.
    const morning = await snapshot(adapterAt(new Date('2027-03-10T11:00:00Z')), '2027-03-11T05:00:00Z');
    const evening = await snapshot(adapterAt(new Date('2027-03-11T03:30:00Z')), '2027-03-11T05:00:00Z');
    expect(evening).to.deep.equal(morning);
  });

  it('varies with the seed', async () => {
    const one = await snapshot(adapterAt(MARCH_NOW, { seed: 1 }));
    const two = await snapshot(adapterAt(MARCH_NOW, { seed: 2 }));
    expect(one.slots.slots.map((slot) => slot.id)).not.to.deep.equal(two.slots.slots.map((slot) => slot.id));
    expect(one.reports).not.to.deep.equal(two.reports);
    expect(one.patient).to.deep.equal(two.patient);
  });

  it('returns only objects that match the model schemas', async () => {
    const api = adapterAt(MARCH_NOW);
    const data = await snapshot(api);
    expectValid(PatientSummarySchema, data.patient, 'patient');
    data.services.items.forEach((x) => expectValid(ServiceSchema, x, `service ${x.id}`));
    data.locations.items.forEach((x) => expectValid(LocationSchema, x, `location ${x.id}`));
    data.practitioners.items.forEach((x) => expectValid(PractitionerSchema, x, `practitioner ${x.id}`));
    data.slots.slots.forEach((x) => expectValid(SlotSchema, x, `slot ${x.id}`));
    Object.values(data.slots.services).forEach((x) => expectValid(ServiceSchema, x, `slot service ${x.id}`));
    Object.values(data.slots.locations).forEach((x) => expectValid(LocationSchema, x, `slot location ${x.id}`));
    Object.values(data.slots.practitioners).forEach((x) => expectValid(PractitionerSchema, x, `slot practitioner ${x.id}`));
    data.appointments.items.forEach((x) => expectValid(AppointmentSchema, x, `appointment ${x.id}`));
    data.threads.items.forEach((x) => expectValid(ThreadSchema, x, `thread ${x.id}`));
    data.threadBodies.flatMap((t) => t.messages).forEach((x) => expectValid(MessageSchema, x, `message ${x.id}`));
    data.recipients.items.forEach((x) => expectValid(RecipientSchema, x, `recipient ${x.id}`));
    data.reports.items.forEach((x) => expectValid(ReportSchema, x, `report ${x.id}`));
    data.ldlHistory.items.forEach((x) => expectValid(ResultSchema, x, `result ${x.id}`));
    data.immunizations.items.forEach((x) => expectValid(ImmunizationSchema, x, `immunization ${x.id}`));
    data.recommendations.items.forEach((x) => expectValid(RecommendationSchema, x, `recommendation ${x.id}`));

    // Writes answer with valid objects too.
    const slot = data.slots.slots.find((x) => x.locationId === LOCATION_IDS.downtown)!;
    expectValid(HoldSchema, await api.scheduling.holdSlot(slot.id, signal()), 'hold');
    const booked = await api.scheduling.book({ slotId: data.slots.slots[5].id, clientRequestId: 'schema-book' }, signal());
    expectValid(AppointmentSchema, booked, 'booked appointment');
    expectValid(AppointmentSchema, await api.scheduling.cancelAppointment(booked, signal()), 'cancelled appointment');
    const sent = await api.messaging.send(
      { recipient: { id: 'team-downtown', kind: 'care-team' }, subject: 'Hola', body: 'Una pregunta', clientRequestId: 'schema-send' },
      signal(),
    );
    expectValid(MessageSchema, sent, 'sent message');
    const reported = await api.immunizations.report(
      { cvx: '150', vaccineText: 'Flu shot', occurrenceDate: '2019-10', clientRequestId: 'schema-report' },
      signal(),
    );
    expectValid(ImmunizationSchema, reported, 'reported immunization');
  });

  it('seeds the patient, three clinics and a video-visit place in their zones, clinicians and services', async () => {
    const data = await snapshot(adapterAt(MARCH_NOW, { patientId: 'patient-42' }));
    expect(data.patient).to.include({ id: 'patient-42', displayName: 'Ana María Mejía', preferredLanguage: 'es', birthDate: '1968-04-12' });
    const zones = Object.fromEntries(data.locations.items.map((l) => [l.id, l.timeZone]));
    expect(zones).to.deep.equal({
      [LOCATION_IDS.downtown]: 'America/New_York',
      [LOCATION_IDS.lakeview]: 'America/Chicago',
      [LOCATION_IDS.vaccination]: 'America/New_York',
      [LOCATION_IDS.video]: 'America/New_York',
    });
    const vax = data.locations.items.find((l) => l.id === LOCATION_IDS.vaccination)!;
    expect(vax.instructions).to.match(/^Bring your vaccination card/);
    expect(data.locations.items.filter((l) => !l.virtual).every((l) => l.address && l.phone)).to.equal(true);
    expect(data.locations.items.find((l) => l.virtual)).to.include({ id: LOCATION_IDS.video, videoLink: 'https://video.riverside.example/rooms/primary-care' });
    expect(data.practitioners.items.map((p) => p.id)).to.have.members(Object.values(PRACTITIONER_IDS));
    expect(data.practitioners.items.every((p) => p.role)).to.equal(true);

    const services = Object.fromEntries(data.services.items.map((s) => [s.id, s]));
    expect(Object.keys(services)).to.have.members(Object.values(SERVICE_IDS));
    expect(services[SERVICE_IDS.flu].vaccine).to.deep.include({ cvx: '140' });
    expect(services[SERVICE_IDS.covidPfizerDose1].vaccine).to.deep.include({ cvx: '208', doseNumber: 1, nextDoseIntervalDays: 21 });
    expect(services[SERVICE_IDS.covidModernaDose1].vaccine).to.deep.include({ cvx: '207', doseNumber: 1, nextDoseIntervalDays: 28 });
    expect(services[SERVICE_IDS.covidPfizerDose2].vaccine).to.deep.include({ cvx: '208', doseNumber: 2 });
  });

  it('seeds appointments in every status a list shows, with versions', async () => {
    const { appointments } = await snapshot(adapterAt(MARCH_NOW));
    const statuses = appointments.items.map((a) => a.status);
    expect(statuses).to.include.members(['booked', 'pending', 'cancelled', 'fulfilled', 'noshow']);
    expect(appointments.items.every((a) => a.version)).to.equal(true);
    const starts = appointments.items.map((a) => Date.parse(a.start!));
    expect(starts).to.deep.equal([...starts].sort((x, y) => x - y));
    expect(appointments.items.filter((a) => Date.parse(a.start!) < MARCH_NOW.getTime()).length).to.be.at.least(3);
  });

  it('seeds messages: threads with several messages, one unread, a received image and a received PDF', async () => {
    const { threads, threadBodies, recipients } = await snapshot(adapterAt(MARCH_NOW));
    expect(threads.items.length).to.be.at.least(3);
    expect(threads.items.reduce((sum, t) => sum + t.unreadCount, 0)).to.equal(1);
    const messages = threadBodies.flatMap((t) => t.messages);
    expect(messages.flatMap((m) => m.attachments.map((a) => a.contentType)).sort()).to.deep.equal(['application/pdf', 'image/png']);
    expect(threadBodies.some((t) => t.messages.length >= 3)).to.equal(true);
    expect(recipients.items.map((r) => r.kind)).to.include.members(['practitioner', 'care-team', 'organization']);
  });

  it('seeds lab reports with lexical decimals, flags, a preliminary and an absent value', async () => {
    const { reports } = await snapshot(adapterAt(MARCH_NOW));
    const codes = reports.items.map((r) => r.code.codings[0].code);
    expect(codes).to.include.members(['58410-2', '24331-1', '51990-0']);
    const results = reports.items.flatMap((r) => r.results);
    const quantities = results.flatMap((r) => (r.value.kind === 'quantity' ? [r.value.quantity.value] : []));
    expect(quantities).to.include.members(['13.5', '4.10', '1.00']);
    const severities = results.map((r) => `${r.interpretation?.code}:${r.interpretation?.severity}`);
    expect(severities).to.include.members(['H:abnormal', 'L:abnormal', 'HH:critical', 'N:normal']);
    expect(reports.items.some((r) => r.status === 'preliminary')).to.equal(true);
    expect(results.some((r) => r.value.kind === 'absent' && r.value.reason?.codings[0].code === 'error')).to.equal(true);
    expect(results.every((r) => r.referenceRanges.length > 0)).to.equal(true);
    const effective = reports.items.map((r) => Date.parse(r.effective!));
    expect(effective).to.deep.equal([...effective].sort((x, y) => y - x));
  });

  it('seeds a vaccine record with partial dates, a patient report, a refusal and forecasts', async () => {
    const { immunizations, recommendations } = await snapshot(adapterAt(MARCH_NOW));
    const dates = immunizations.items.map((i) => i.occurrenceDate);
    expect(dates).to.include.members(['2021', '2021-05', '2021-05-03']);
    expect(immunizations.items.filter((i) => !i.primarySource)).to.have.length(1);
    const notDone = immunizations.items.find((i) => i.status === 'not-done');
    expect(notDone?.statusReason).to.be.a('string');
    expect(immunizations.items.some((i) => !i.occurrenceDate && i.occurrenceText)).to.equal(true);
    expect(recommendations.items.map((r) => r.forecast)).to.include.members(['due', 'overdue', 'complete', 'immune']);
    expect(recommendations.items.filter((r) => r.dueDate).length).to.be.at.least(3);
  });
});
