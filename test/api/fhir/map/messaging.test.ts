import { expect } from '@open-wc/testing';
import { buildCommunicationCreate, buildThreads, groupThreads, mapCommunication } from '../../../../src/api/fhir/map/index.js';
import { CLIENT_REQUEST_SYSTEM } from '../../../../src/api/fhir/constants.js';
import { XSS, loadShared } from './fixtures.js';

const MSG = 'fhir-r4/r4-spec-examples/messaging/';

/** A Communication between patient `p1` and Practitioner/doc, written the way servers send them. */
function communication(id: string, sent: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Communication',
    id,
    status: 'completed',
    subject: { reference: 'Patient/p1' },
    sender: { reference: 'Patient/p1' },
    recipient: [{ reference: 'Practitioner/doc', display: 'Dr Adam Careful' }],
    ...(sent ? { sent } : {}),
    payload: [{ contentString: `message ${id}` }],
    ...extra,
  };
}
const fromDoc = { sender: { reference: 'Practitioner/doc', display: 'Dr Adam Careful' }, recipient: [{ reference: 'Patient/p1' }] };

const long = 'Hello doctor, since the new medication I have had headaches every morning and I wonder whether the dose should change';
const resources: unknown[] = [
  communication('c3', '2024-03-03T09:00:00+01:00', { partOf: [{ reference: 'Communication/c1' }], inResponseTo: [{ reference: 'Communication/c2' }] }),
  communication('c1', '2024-03-01T09:00:00Z', { topic: { text: 'Knee pain' } }),
  communication('c2', '2024-03-02T09:00:00Z', { ...fromDoc, inResponseTo: [{ reference: 'Communication/c1' }] }),
  communication('c4', '2024-03-04T09:00:00Z', { ...fromDoc, inResponseTo: [{ reference: 'Communication/c3' }], received: '2024-03-04T10:00:00Z' }),
  communication('c5', '2024-02-01T09:00:00Z', { payload: [{ contentString: long }] }),
  // The root of this thread is not in the set (another page); the chain still agrees on its id.
  communication('c6', '2024-01-10T09:00:00Z', { ...fromDoc, partOf: [{ reference: 'Communication/elsewhere' }], topic: { coding: [{ code: 'rx', display: 'Prescription renewal' }] } }),
  communication('c7', '2024-01-11T09:00:00Z', { inResponseTo: [{ reference: 'Communication/c6' }] }),
  // A cycle must end, not hang.
  communication('c8', undefined, { ...fromDoc, inResponseTo: [{ reference: 'Communication/c9' }] }),
  communication('c9', undefined, { ...fromDoc, inResponseTo: [{ reference: 'Communication/c8' }] }),
  { ...communication('other', '2024-03-05T09:00:00Z'), subject: { reference: 'Patient/p2' } },
  { resourceType: 'Communication', id: 'bad', sent: 'soon' },
  { resourceType: 'Practitioner', id: 'doc', name: [{ text: 'Dr Adam Careful' }] },
  null,
];

describe('map/messaging: one message', () => {
  it('maps the R4 example (device sender, received → read) with its text payload', async () => {
    const result = mapCommunication(await loadShared(`${MSG}Communication-example.json`), { patientId: 'example', names: { 'Device/f001': 'Monitor' } });
    expect(result).to.deep.equal({
      ok: true,
      value: {
        id: 'example',
        threadId: 'example', // partOf names an Observation by display only: not a thread parent
        sentAt: '2014-12-12T18:01:10-08:00',
        fromPatient: false,
        senderName: 'Monitor',
        body: 'Patient 1 has a very high serum potassium value (7.2 mmol/L on 2014-Dec-12 at 5:55 pm)',
        attachments: [],
        status: 'completed',
        read: true,
      },
    });
  });

  it('lists attachment metadata: inline data gets no URL, a URL and size are kept', async () => {
    const result = mapCommunication(await loadShared(`${MSG}Communication-fm-attachment.json`), { patientId: '1' });
    expect(result.ok && result.value.attachments).to.deep.equal([
      { title: 'accident notes 20100201.pdf', contentType: 'application/pdf' },
      { title: '', contentType: 'application/pdf', size: 104274, url: 'http://example.org/docs/AB12345' },
    ]);
    expect(result.ok && result.value.read).to.equal(false);
  });

  it('refuses a message about another patient and carries XSS text verbatim', async () => {
    expect(mapCommunication(await loadShared(`${MSG}Communication-fm-solicited.json`), { patientId: 'example' })).to.deep.equal({
      ok: false,
      reason: 'other-patient',
    });
    const xss = mapCommunication(communication('x', '2024-01-01T10:00:00Z', { payload: [{ contentString: XSS[1] }], ...fromDoc, sender: { reference: 'Practitioner/doc', display: XSS[0] } }), { patientId: 'p1' });
    expect(xss.ok && [xss.value.body, xss.value.senderName]).to.deep.equal([XSS[1], XSS[0]]);
  });

  it('keeps a message with a date-only `sent` (without sentAt) and drops one with a malformed `sent`', () => {
    const dateOnly = mapCommunication(communication('d', '2024-01-01'), { patientId: 'p1' });
    expect(dateOnly.ok && 'sentAt' in dateOnly.value).to.equal(false);
    expect(mapCommunication(communication('m', 'yesterday'), { patientId: 'p1' })).to.deep.equal({ ok: false, reason: 'invalid-sent' });
  });
});

describe('map/messaging: threads', () => {
  it('groups replies under their root, oldest first, newest thread first, counting what could not be read', () => {
    const { threads, messagesByThread, dropped } = buildThreads(resources, { patientId: 'p1' });
    expect(dropped).to.equal(3); // other patient, malformed sent, null — the Practitioner is an _include, not a drop
    expect(threads.map((t) => t.id)).to.deep.equal(['c1', 'c5', 'elsewhere', 'c8']);
    expect(messagesByThread.c1.map((m) => m.id)).to.deep.equal(['c1', 'c2', 'c3', 'c4']);
    expect(messagesByThread.c1.every((m) => m.threadId === 'c1')).to.equal(true);
    expect(messagesByThread.elsewhere.map((m) => m.id)).to.deep.equal(['c6', 'c7']);
    expect(messagesByThread.c8.map((m) => m.id)).to.deep.equal(['c8', 'c9']);
  });

  it('summarises each thread: subject, unread, count, last time, participants', () => {
    const { threads } = buildThreads(resources, { patientId: 'p1', names: { 'Practitioner/doc': 'Dr. Adam Careful, MD' } });
    const [knee, headache, renewal, cycle] = threads;
    expect(knee).to.deep.equal({
      id: 'c1',
      subject: 'Knee pain',
      participants: [{ id: 'doc', kind: 'practitioner', name: 'Dr. Adam Careful, MD' }],
      lastMessageAt: '2024-03-04T09:00:00Z',
      unreadCount: 1, // c2 from the doctor, not received yet; c4 has `received`
      messageCount: 4,
    });
    expect(headache.subject.length).to.be.at.most(80);
    expect(headache.subject).to.equal('Hello doctor, since the new medication I have had headaches every morning and…');
    expect(renewal.subject).to.equal('Prescription renewal');
    expect(cycle).to.include({ id: 'c8', subject: 'message c8', messageCount: 2, unreadCount: 2 });
    expect('lastMessageAt' in cycle).to.equal(false);
  });

  it('groupThreads re-threads mapped messages (e.g. after a send) with the same ordering rules', () => {
    const { messagesByThread } = buildThreads(resources, { patientId: 'p1' });
    const messages = [...messagesByThread.c1, { ...messagesByThread.c5[0], threadId: 'c1', id: 'c0', sentAt: '2024-02-28T00:00:00Z' }];
    const { threads, messagesByThread: grouped } = groupThreads(messages, { c1: { subject: 'Knee pain' } });
    expect(threads).to.have.length(1);
    expect(grouped.c1.map((m) => m.id)).to.deep.equal(['c0', 'c1', 'c2', 'c3', 'c4']);
  });
});

describe('communication writes', () => {
  const message = { recipient: { id: 'PractitionerRole/doc-role', kind: 'practitioner' as const }, body: 'Thank you', clientRequestId: 'key-1' };

  it('starts a thread with a topic and replies under the root with partOf and inResponseTo', () => {
    const start = buildCommunicationCreate({ message: { ...message, subject: 'Knee pain' }, patientId: 'p1', sentAt: '2024-03-01T09:00:00Z' });
    expect(start).to.deep.equal({
      resourceType: 'Communication',
      identifier: [{ system: CLIENT_REQUEST_SYSTEM, value: 'key-1' }],
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      sender: { reference: 'Patient/p1' },
      recipient: [{ reference: 'PractitionerRole/doc-role' }],
      sent: '2024-03-01T09:00:00Z',
      payload: [{ contentString: 'Thank you' }],
      topic: { text: 'Knee pain' },
    });
    const reply = buildCommunicationCreate({ message: { ...message, threadId: 'c1', recipient: { id: 'team', kind: 'care-team' } }, patientId: 'p1', sentAt: '2024-03-05T09:00:00Z' });
    expect(reply.partOf).to.deep.equal([{ reference: 'Communication/c1' }]);
    expect(reply.inResponseTo).to.deep.equal([{ reference: 'Communication/c1' }]);
    expect(reply.recipient).to.deep.equal([{ reference: 'CareTeam/team' }]);
    expect(reply).not.to.have.property('topic');
  });

  it('a sent reply, echoed by the server, lands in its thread as read and from the patient', () => {
    const reply = { ...buildCommunicationCreate({ message: { ...message, threadId: 'c1' }, patientId: 'p1', sentAt: '2024-03-05T09:00:00Z' }), id: 'new' };
    const { messagesByThread } = buildThreads([...resources, reply], { patientId: 'p1' });
    const last = messagesByThread.c1.at(-1);
    expect(last).to.include({ id: 'new', fromPatient: true, read: true, body: 'Thank you', sentAt: '2024-03-05T09:00:00Z' });
  });
});
