import { expect } from '@open-wc/testing';
import {
  buildAppointmentCancel,
  buildAppointmentCreate,
  clientRequestSearch,
  mapAppointment,
  mapSlot,
} from '../../../../src/api/fhir/map/index.js';
import { CLIENT_REQUEST_SYSTEM } from '../../../../src/api/fhir/constants.js';
import type { Location, Slot } from '../../../../src/model/index.js';
import { loadShared } from './fixtures.js';

const R4 = 'fhir-r4/r4-spec-examples/scheduling/';
const BEFORE = new Date('2013-12-01T00:00:00Z');
const AFTER = new Date('2013-12-10T10:00:00Z');

describe('map/appointment', () => {
  it('maps a booked appointment with location, clinician, service and cancellability relative to now', async () => {
    const resource = await loadShared(`${R4}Appointment-example.json`);
    const location: Location = { id: '1', name: 'South Wing, second floor', timeZone: 'Europe/Amsterdam', instructions: 'Use the south entrance' };
    const result = mapAppointment(resource, { patientId: 'example', locations: { '1': location } }, BEFORE);
    expect(result).to.deep.equal({
      ok: true,
      value: {
        id: 'example',
        status: 'booked',
        start: '2013-12-10T09:00:00Z',
        end: '2013-12-10T11:00:00Z',
        service: { id: '|52', name: 'General Discussion', code: { code: '52', display: 'General Discussion' } },
        location,
        practitioner: { id: 'example', name: 'Dr Adam Careful' },
        slotIds: [],
        instructions: 'Use the south entrance',
        cancellable: true,
      },
    });
    const started = mapAppointment(resource, { patientId: 'example' }, AFTER);
    expect(started.ok && started.value.cancellable).to.equal(false);
    // Without resolved objects the participant displays still name the place.
    expect(started.ok && started.value.location).to.deep.equal({ id: '1', name: 'South Wing, second floor' });
  });

  it('maps the proposed appointment that has only a requestedPeriod (no start), still cancellable', async () => {
    const result = mapAppointment(await loadShared(`${R4}Appointment-examplereq.json`), { patientId: 'example' }, AFTER);
    expect(result).to.deep.equal({
      ok: true,
      value: { id: 'examplereq', status: 'proposed', location: { id: '1', name: 'South Wing, second floor' }, slotIds: ['example'], cancellable: true },
    });
  });

  it('uses the caller\'s resolved practitioner and service when their ids match', async () => {
    const resource = await loadShared(`${R4}Appointment-2docs.json`);
    const practitioner = { id: 'example', name: 'Adam Careful', role: 'General practice' };
    const service = { id: '|52', name: 'Talk about results' };
    const result = mapAppointment(resource, { patientId: 'example', practitioners: { example: practitioner }, services: { '|52': service } }, BEFORE);
    expect(result.ok && result.value.practitioner).to.deep.equal(practitioner);
    expect(result.ok && result.value.service).to.deep.equal(service);
  });

  it('rejects an appointment of another patient, a bad status and a non-instant start', async () => {
    const resource = (await loadShared(`${R4}Appointment-example.json`)) as Record<string, unknown>;
    expect(mapAppointment(resource, { patientId: 'someone-else' })).to.deep.equal({ ok: false, reason: 'other-patient' });
    expect(mapAppointment({ ...resource, status: 'done' }, { patientId: 'example' })).to.deep.equal({ ok: false, reason: 'invalid-status' });
    expect(mapAppointment({ ...resource, start: '2013-12-10' }, { patientId: 'example' })).to.deep.equal({ ok: false, reason: 'invalid-start' });
  });

  it('reads version and client request id the server echoes', async () => {
    const resource = (await loadShared(`${R4}Appointment-example.json`)) as Record<string, unknown>;
    const echoed = { ...resource, meta: { versionId: '3' }, identifier: [{ system: 'urn:x', value: 'no' }, { system: CLIENT_REQUEST_SYSTEM, value: 'key-1' }] };
    const result = mapAppointment(echoed, { patientId: 'example' }, BEFORE);
    expect(result.ok && result.value).to.include({ version: '3', clientRequestId: 'key-1' });
  });
});

describe('appointment writes', () => {
  const slot: Slot = {
    id: 'example',
    start: '2013-12-25T09:15:00Z',
    end: '2013-12-25T09:30:00Z',
    status: 'free',
    scheduleId: 'exampleloc1',
    serviceIds: ['|75'],
    locationId: '3',
    practitionerId: 'PractitionerRole/doc-smith-role',
  };

  it('builds a booking with the client identifier, slot, times and all known actors', () => {
    const resource = buildAppointmentCreate({ slot, patientId: 'p1', serviceId: '|75', comment: 'Knee', clientRequestId: 'key-1', status: 'booked' });
    expect(resource).to.deep.equal({
      resourceType: 'Appointment',
      identifier: [{ system: CLIENT_REQUEST_SYSTEM, value: 'key-1' }],
      status: 'booked',
      start: slot.start,
      end: slot.end,
      slot: [{ reference: 'Slot/example' }],
      participant: [
        { actor: { reference: 'Patient/p1' }, required: 'required', status: 'accepted' },
        { actor: { reference: 'Location/3' }, required: 'required', status: 'accepted' },
        { actor: { reference: 'PractitionerRole/doc-smith-role' }, required: 'required', status: 'accepted' },
      ],
      serviceType: [{ coding: [{ code: '75' }] }],
      comment: 'Knee',
    });
  });

  it('sends a HealthcareService as a participant and a vaccine service not at all; requests need action', () => {
    const request = buildAppointmentCreate({ slot: { ...slot, practitionerId: undefined }, patientId: 'p1', serviceId: 'hs-1', clientRequestId: 'k', status: 'proposed' });
    expect(request.participant?.map((p) => [p.actor?.reference, p.status])).to.deep.equal([
      ['Patient/p1', 'accepted'],
      ['Location/3', 'needs-action'],
      ['HealthcareService/hs-1', 'needs-action'],
    ]);
    const vaccine = buildAppointmentCreate({ slot, patientId: 'p1', serviceId: 'vaccine:207:dose-1', clientRequestId: 'k', status: 'booked' });
    expect(vaccine).not.to.have.property('serviceType');
    expect(vaccine.participant).to.have.length(3);
  });

  it('writes the chosen service in words, whatever its kind, so any reader of the Appointment can name the visit', () => {
    const flu = { id: 'vaccine:140:dose-1', name: 'Flu vaccination', code: { system: 'http://snomed.info/sct', code: '86198006' }, vaccine: { cvx: '140', doseNumber: 1 } };
    const vaccine = buildAppointmentCreate({ slot, patientId: 'p1', serviceId: flu.id, service: flu, clientRequestId: 'k', status: 'booked' });
    expect(vaccine.serviceType).to.deep.equal([{ coding: [{ system: 'http://snomed.info/sct', code: '86198006' }], text: 'Flu vaccination' }]);
    const typed = buildAppointmentCreate({ slot, patientId: 'p1', serviceId: '|75', service: { id: '|75', name: 'Knee check' }, clientRequestId: 'k', status: 'booked' });
    expect(typed.serviceType).to.deep.equal([{ coding: [{ code: '75', display: 'Knee check' }], text: 'Knee check' }]);
    const offered = buildAppointmentCreate({ slot, patientId: 'p1', serviceId: 'hs-1', service: { id: 'hs-1', name: 'Travel clinic' }, clientRequestId: 'k', status: 'booked' });
    expect(offered.participant?.at(-1)?.actor).to.deep.equal({ reference: 'HealthcareService/hs-1', display: 'Travel clinic' });
    // A service that is not the one booked names nothing.
    const other = buildAppointmentCreate({ slot, patientId: 'p1', serviceId: '|75', service: flu, clientRequestId: 'k', status: 'booked' });
    expect(other.serviceType).to.deep.equal([{ coding: [{ code: '75' }] }]);
  });

  it('never names a visit by a bare code: the booked service, a display, a text, else no name', () => {
    // What an independent server returned after booking a flu vaccination: the service's code and nothing else.
    const returned = { ...buildAppointmentCreate({ slot, patientId: 'p1', clientRequestId: 'k', status: 'booked' }), id: 'a1', serviceType: [{ coding: [{ system: 'http://snomed.info/sct', code: '86198006' }] }] };
    const unnamed = mapAppointment(returned, { patientId: 'p1' }, BEFORE);
    expect(unnamed.ok && unnamed.value.service).to.equal(undefined);
    const flu = { id: 'vaccine:140:dose-1', name: 'Flu vaccination' };
    const booked = mapAppointment(returned, { patientId: 'p1', booked: flu }, BEFORE);
    expect(booked.ok && booked.value.service).to.deep.equal(flu);
    // A service the caller resolved by the code still comes first.
    const known = { id: 'http://snomed.info/sct|86198006', name: 'Influenza vaccination' };
    const resolved = mapAppointment(returned, { patientId: 'p1', booked: flu, services: { [known.id]: known } }, BEFORE);
    expect(resolved.ok && resolved.value.service).to.deep.equal(known);
    const displayed = mapAppointment(
      { ...returned, serviceType: undefined, participant: [...(returned.participant ?? []), { actor: { reference: 'HealthcareService/hs-1', display: 'Travel clinic' }, status: 'accepted' }] },
      { patientId: 'p1' },
      BEFORE,
    );
    expect(displayed.ok && displayed.value.service).to.deep.equal({ id: 'hs-1', name: 'Travel clinic' });
    const texted = mapAppointment({ ...returned, serviceType: [{ coding: [{ code: '86198006' }], text: 'Flu shot' }] }, { patientId: 'p1' }, BEFORE);
    expect(texted.ok && texted.value.service?.name).to.equal('Flu shot');
  });

  it('reads a video visit from R5 virtualService (https links only) or from a virtual place, and none for a visit in person', () => {
    const base = { ...buildAppointmentCreate({ slot, patientId: 'p1', clientRequestId: 'k', status: 'booked' }), id: 'v1' };
    const withService = (url: string) => ({
      ...base,
      extension: [{ url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService', extension: [{ url: 'address', valueUrl: url }] }],
    });
    const video = (resource: unknown, locations = {}) => {
      const mapped = mapAppointment(resource, { patientId: 'p1', locations }, BEFORE);
      return mapped.ok ? mapped.value.video : 'failed';
    };
    expect(video(withService('https://meet.example.org/r/42'))).to.deep.equal({ joinUrl: 'https://meet.example.org/r/42' });
    expect(video(withService('http://meet.example.org/r/42')), 'no link sent in the clear').to.deep.equal({});
    expect(video(withService('javascript:alert(1)'))).to.deep.equal({});
    const room: Location = { id: '3', name: 'Video Visits', virtual: true, videoLink: 'https://video.example.org/room' };
    expect(video(base, { '3': room })).to.deep.equal({ joinUrl: 'https://video.example.org/room' });
    expect(video(base, { '3': { id: '3', name: 'Downtown Clinic' } })).to.equal(undefined);
  });

  it('round-trips: the booked resource maps back to the same slot, patient and client request id', () => {
    const created = { ...buildAppointmentCreate({ slot, patientId: 'p1', clientRequestId: 'key-9', status: 'booked' }), id: 'a1', meta: { versionId: '1' } };
    const result = mapAppointment(created, { patientId: 'p1' }, BEFORE);
    expect(result.ok && result.value).to.deep.include({
      id: 'a1',
      status: 'booked',
      start: slot.start,
      slotIds: ['example'],
      clientRequestId: 'key-9',
      version: '1',
      cancellable: true,
    });
    expect(clientRequestSearch('Appointment', 'key-9')).to.equal(`identifier=${encodeURIComponent(`${CLIENT_REQUEST_SYSTEM}|key-9`)}`);
  });

  it('cancels by changing only status (plus a patient cancellation reason), leaving the input untouched', async () => {
    const current = (await loadShared(`${R4}Appointment-example.json`)) as Record<string, unknown>;
    const before = JSON.stringify(current);
    const cancelled = buildAppointmentCancel(current);
    expect(JSON.stringify(current)).to.equal(before);
    const { status, cancelationReason, ...rest } = cancelled;
    expect(status).to.equal('cancelled');
    expect(cancelationReason?.coding?.[0]).to.include({ code: 'pat' });
    const { status: _old, ...unchanged } = current;
    expect(rest).to.deep.equal(unchanged);
    // An existing reason is kept.
    const withReason = buildAppointmentCancel({ ...current, cancelationReason: { text: 'Moved away' } });
    expect(withReason.cancelationReason).to.deep.equal({ text: 'Moved away' });
  });

  it('uses a slot mapped from a fixture as booking input', async () => {
    const mapped = mapSlot(await loadShared(`${R4}Slot-example.json`), await loadShared(`${R4}Schedule-example.json`));
    if (!mapped.ok) throw new Error(mapped.reason);
    const resource = buildAppointmentCreate({ slot: mapped.value, patientId: 'example', clientRequestId: 'k', status: 'booked' });
    expect(resource.participant?.map((p) => p.actor?.reference)).to.deep.equal(['Patient/example', 'Location/1']);
  });
});
