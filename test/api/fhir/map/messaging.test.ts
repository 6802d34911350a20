import { expect } from '@open-wc/testing';
import {
  READ_BY_PATIENT_EXTENSION,
  buildCommunicationCreate,
  buildReadMark,
  buildThreads,
  communicationIdFor,
  groupThreads,
  mapCommunication,
} from '../../../../src/api/fhir/map/index.js';
import { MESSAGE_STATUSES } from '../../../../src/model/messaging.js';
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
        withdrawn: false,
        read: true,
      },
    });
  });

  it('lists attachment metadata: inline data is kept for fetchAttachment (no URL), a URL and size are kept', async () => {
    const result = mapCommunication(await loadShared(`${MSG}Communication-fm-attachment.json`), { patientId: '1' });
    expect(result.ok && result.value.attachments).to.deep.equal([
      { title: 'accident notes 20100201.pdf', contentType: 'application/pdf', data: 'SGVsbG8=' },
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

  it('reads a body stored as inline HTML or as the narrative as plain text, never as markup, and does not also offer it as a file', () => {
    const html = '<p>Your results are <b>normal</b>.<br>See you in May.</p><img src=x onerror=alert(1)><script>alert(2)</script>';
    const inline = communication('h1', '2024-03-01T09:00:00Z', {
      ...fromDoc,
      payload: [
        { contentAttachment: { contentType: 'text/html; charset=utf-8', data: btoa(html) } },
        { contentAttachment: { contentType: 'application/pdf', url: 'Binary/report', title: 'report.pdf' } },
      ],
    });
    const fromInline = mapCommunication(inline, { patientId: 'p1' });
    expect(fromInline.ok && fromInline.value.body).to.equal('Your results are normal.\nSee you in May.');
    expect(fromInline.ok && fromInline.value.attachments.map((a) => a.title)).to.deep.equal(['report.pdf']);
    const narrative = communication('h2', '2024-03-01T09:00:00Z', { ...fromDoc, payload: [], text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>` } });
    const fromNarrative = mapCommunication(narrative, { patientId: 'p1' });
    expect(fromNarrative.ok && fromNarrative.value.body).to.equal('Your results are normal.\nSee you in May.');
    // Text payloads win over the narrative (which a server may generate from them).
    const both = mapCommunication({ ...narrative, payload: [{ contentString: 'Plain words' }] }, { patientId: 'p1' });
    expect(both.ok && both.value.body).to.equal('Plain words');
  });

  it('keeps a message with a date-only `sent` (without sentAt) and drops one with a malformed `sent`', () => {
    const dateOnly = mapCommunication(communication('d', '2024-01-01'), { patientId: 'p1' });
    expect(dateOnly.ok && 'sentAt' in dateOnly.value).to.equal(false);
    expect(mapCommunication(communication('m', 'yesterday'), { patientId: 'p1' })).to.deep.equal({ ok: false, reason: 'invalid-sent' });
  });

  it('keeps every R4 EventStatus as it is, and reads a missing or foreign status as unknown', () => {
    for (const status of MESSAGE_STATUSES) {
      const mapped = mapCommunication(communication(`s-${status}`, '2024-01-01T10:00:00Z', { status }), { patientId: 'p1' });
      expect(mapped.ok && mapped.value.status, status).to.equal(status);
    }
    expect(MESSAGE_STATUSES).to.have.members(['preparation', 'in-progress', 'not-done', 'on-hold', 'stopped', 'completed', 'entered-in-error', 'unknown']);
    const none = mapCommunication({ ...communication('n', '2024-01-01T10:00:00Z'), status: undefined }, { patientId: 'p1' });
    expect(none.ok && none.value.status).to.equal('unknown');
    const foreign = mapCommunication(communication('f', '2024-01-01T10:00:00Z', { status: 'archived' }), { patientId: 'p1' });
    expect(foreign.ok && foreign.value.status).to.equal('unknown');
  });

  it('marks an entered-in-error message withdrawn and exposes neither its words nor its files', () => {
    const withdrawn = mapCommunication(
      communication('w', '2024-01-01T10:00:00Z', {
        ...fromDoc,
        status: 'entered-in-error',
        payload: [{ contentString: 'meant for another patient' }, { contentAttachment: { title: 'scan.pdf', url: 'Binary/9' } }],
      }),
      { patientId: 'p1' },
    );
    expect(withdrawn.ok && withdrawn.value).to.deep.include({ status: 'entered-in-error', withdrawn: true, body: '', attachments: [], senderName: 'Dr Adam Careful' });
    const normal = mapCommunication(communication('n', '2024-01-01T10:00:00Z'), { patientId: 'p1' });
    expect(normal.ok && normal.value.withdrawn).to.equal(false);
  });

  it('reads delivery for the patient\'s own message and read state for one to the patient', () => {
    const mine = mapCommunication(communication('mine', '2024-01-01T10:00:00Z', { received: '2024-01-01T10:04:00Z' }), { patientId: 'p1' });
    expect(mine.ok && mine.value).to.deep.include({ fromPatient: true, read: true, deliveredAt: '2024-01-01T10:04:00Z' });
    expect(mine.ok && 'readAt' in mine.value).to.equal(false);
    const marked = mapCommunication(
      communication('to-me', '2024-01-01T10:00:00Z', { ...fromDoc, extension: [{ url: READ_BY_PATIENT_EXTENSION, valueDateTime: '2024-01-02T08:00:00Z' }] }),
      { patientId: 'p1' },
    );
    expect(marked.ok && marked.value).to.deep.include({ read: true, readAt: '2024-01-02T08:00:00Z' });
    expect(marked.ok && 'deliveredAt' in marked.value).to.equal(false);
    const unread = mapCommunication(communication('new', '2024-01-01T10:00:00Z', fromDoc), { patientId: 'p1' });
    expect(unread.ok && unread.value.read).to.equal(false);
    // Read on this device only (the server refused the mark): the caller's record makes it read.
    const local = mapCommunication(communication('new', '2024-01-01T10:00:00Z', fromDoc), { patientId: 'p1', readAt: { new: '2024-01-03T09:00:00Z' } });
    expect(local.ok && local.value).to.deep.include({ read: true, readAt: '2024-01-03T09:00:00Z' });
  });

  it('lists attachment metadata of a Binary link: type, size, title, the relative URL', () => {
    const mapped = mapCommunication(
      communication('a', '2024-01-01T10:00:00Z', { payload: [{ contentAttachment: { contentType: 'image/png', size: 68, title: 'rash.png', url: 'Binary/b-1' } }] }),
      { patientId: 'p1' },
    );
    expect(mapped.ok && mapped.value.attachments).to.deep.equal([{ title: 'rash.png', contentType: 'image/png', size: 68, url: 'Binary/b-1' }]);
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

  it('threads a reply linked only by inResponseTo (as Oracle Health links them) under the message it answers', () => {
    const { threads, messagesByThread } = buildThreads(
      [
        communication('root', '2024-05-01T09:00:00Z', { topic: { text: 'Rash' } }),
        communication('answer', '2024-05-01T12:00:00Z', { ...fromDoc, inResponseTo: [{ reference: 'Communication/root' }] }),
        communication('answer-2', '2024-05-02T12:00:00Z', { inResponseTo: [{ reference: 'Communication/answer' }] }),
      ],
      { patientId: 'p1' },
    );
    expect(threads.map((t) => t.id)).to.deep.equal(['root']);
    expect(messagesByThread.root.map((m) => [m.id, m.threadId])).to.deep.equal([
      ['root', 'root'],
      ['answer', 'root'],
      ['answer-2', 'root'],
    ]);
  });

  it('names the coded topic in words, never by its bare code, apart from the subject', () => {
    const { threads } = buildThreads(
      [
        communication('t1', '2024-05-01T09:00:00Z', { topic: { text: 'My knee', coding: [{ system: 'urn:x', code: 'symptoms', display: 'New or changed symptoms' }] } }),
        communication('t2', '2024-05-02T09:00:00Z', { topic: { coding: [{ system: 'urn:x', code: 'rx-42' }] } }),
      ],
      { patientId: 'p1' },
    );
    const byId = Object.fromEntries(threads.map((t) => [t.id, t]));
    expect(byId.t1).to.include({ subject: 'My knee', topic: 'New or changed symptoms' });
    // A code without words is neither the topic nor the subject: the subject falls back to the message's words.
    expect('topic' in byId.t2).to.equal(false);
    expect(byId.t2.subject).to.equal('message t2');
  });

  it('keeps a withdrawn message in its thread without counting it unread', () => {
    const { threads, messagesByThread } = buildThreads(
      [
        communication('r', '2024-05-01T09:00:00Z'),
        communication('oops', '2024-05-01T10:00:00Z', { ...fromDoc, status: 'entered-in-error', partOf: [{ reference: 'Communication/r' }] }),
      ],
      { patientId: 'p1' },
    );
    expect(messagesByThread.r.map((m) => [m.id, m.withdrawn])).to.deep.equal([
      ['r', false],
      ['oops', true],
    ]);
    expect(threads[0]).to.include({ messageCount: 2, unreadCount: 0 });
  });

  it('shows copies of one send (same client key, a server that stored a resend) as one message', () => {
    const copy = (id: string) => communication(id, '2024-05-01T09:00:00Z', { identifier: [{ system: CLIENT_REQUEST_SYSTEM, value: 'k-1' }] });
    const { messagesByThread } = buildThreads([copy('12'), copy('9'), communication('other', '2024-05-01T09:00:00Z', { partOf: [{ reference: 'Communication/9' }] })], {
      patientId: 'p1',
    });
    expect(messagesByThread['9'].map((m) => m.id)).to.deep.equal(['9', 'other']);
    expect(messagesByThread['12']).to.equal(undefined);
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

  it('writes the chosen topic as coding beside the subject, and attachments as Binary links or inline bytes', () => {
    const start = buildCommunicationCreate({
      message: {
        ...message,
        subject: 'Rash',
        topic: { system: 'urn:x', code: 'symptoms', display: 'New or changed symptoms' },
        attachments: [
          { title: 'rash.png', contentType: 'image/png', size: 68, url: 'Binary/b-1' },
          { title: 'note.pdf', contentType: 'application/pdf', size: 5, data: 'SGVsbG8=' },
        ],
      },
      patientId: 'p1',
      sentAt: '2024-03-01T09:00:00Z',
    });
    expect(start.topic).to.deep.equal({ coding: [{ system: 'urn:x', code: 'symptoms', display: 'New or changed symptoms' }], text: 'Rash' });
    expect(start.payload).to.deep.equal([
      { contentString: 'Thank you' },
      { contentAttachment: { contentType: 'image/png', url: 'Binary/b-1', size: 68, title: 'rash.png' } },
      { contentAttachment: { contentType: 'application/pdf', data: 'SGVsbG8=', size: 5, title: 'note.pdf' } },
    ]);
    // Read back, the same metadata comes out.
    const echoed = mapCommunication({ ...start, id: 'e' }, { patientId: 'p1' });
    expect(echoed.ok && echoed.value.attachments).to.deep.equal([
      { title: 'rash.png', contentType: 'image/png', size: 68, url: 'Binary/b-1' },
      { title: 'note.pdf', contentType: 'application/pdf', size: 5, data: 'SGVsbG8=' },
    ]);
    const onlyFiles = buildCommunicationCreate({ message: { ...message, body: '', attachments: [{ title: 'a.png', contentType: 'image/png', size: 1, url: 'Binary/a' }] }, patientId: 'p1', sentAt: '2024-03-01T09:00:00Z' });
    expect(onlyFiles.payload).to.have.length(1);
  });

  it('adds only the read mark to the current Communication, keeping a mark already there', () => {
    const current = { ...communication('c', '2024-01-01T10:00:00Z', fromDoc), meta: { versionId: '3' }, extension: [{ url: 'urn:other', valueString: 'x' }] };
    const marked = buildReadMark(current, '2024-01-02T08:00:00Z');
    expect(marked).to.deep.equal({ ...current, extension: [{ url: 'urn:other', valueString: 'x' }, { url: READ_BY_PATIENT_EXTENSION, valueDateTime: '2024-01-02T08:00:00Z' }] });
    expect(current.extension).to.have.length(1);
    expect(buildReadMark(marked, '2024-01-05T08:00:00Z')).to.deep.equal(marked);
  });

  it('derives a FHIR id from the send key only when the key can make one', () => {
    expect(communicationIdFor('3b1f6a9e-0c2d-4e5f-8a7b-9c0d1e2f3a4b')).to.equal('pk-3b1f6a9e-0c2d-4e5f-8a7b-9c0d1e2f3a4b');
    expect(communicationIdFor('has space')).to.equal(undefined);
    expect(communicationIdFor('x'.repeat(70))).to.equal(undefined);
  });

  it('a sent reply, echoed by the server, lands in its thread as read and from the patient', () => {
    const reply = { ...buildCommunicationCreate({ message: { ...message, threadId: 'c1' }, patientId: 'p1', sentAt: '2024-03-05T09:00:00Z' }), id: 'new' };
    const { messagesByThread } = buildThreads([...resources, reply], { patientId: 'p1' });
    const last = messagesByThread.c1.at(-1);
    expect(last).to.include({ id: 'new', fromPatient: true, read: true, body: 'Thank you', sentAt: '2024-03-05T09:00:00Z' });
  });
});
