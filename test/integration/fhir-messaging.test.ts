// The FHIR adapter's messaging for <portal-messages> (issue 15) against the demo FHIR server in a real browser:
// attachments through Binary (uploaded, sent, fetched back byte for byte), read marks written with If-Match,
// changesSince by _lastUpdated, and a send whose answer is lost ending with exactly one Communication, on servers
// with and without conditional create.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import { READ_BY_PATIENT_EXTENSION } from '../../src/api/fhir/map/messaging.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import { MessageSchema, ThreadSchema } from '../../src/model/index.js';
import { clearLog, createTenant, deleteTenant, injectFaults, mintToken, requestLog, type Tenant, type TenantSeed } from '../support/fhir-tenant.js';

const signal = () => new AbortController().signal;
/** As in fhir-booking-modes.test.ts: Chromium resends a dropped request on each idle connection, so lose every copy. */
const LOST = 10;
const PATIENT = 'pat-ana';
const TOPIC = { system: 'urn:portal-kit:demo-message-topic', code: 'symptoms', display: 'New or changed symptoms' };

/** A patient, her care team and a clinician, a thread the clinician started (unread) with a reply by inResponseTo only, and an older read thread. */
function world(): unknown[] {
  return [
    { resourceType: 'Patient', id: PATIENT, name: [{ family: 'Mejía', given: ['Ana'] }] },
    { resourceType: 'Practitioner', id: 'dr-ortiz', name: [{ given: ['Lucía'], family: 'Ortiz', prefix: ['Dr.'] }] },
    { resourceType: 'CareTeam', id: 'team-ana', status: 'active', name: 'Ana’s care team', subject: { reference: `Patient/${PATIENT}` } },
    {
      resourceType: 'Communication',
      id: 'staff-1',
      status: 'completed',
      subject: { reference: `Patient/${PATIENT}` },
      sender: { reference: 'Practitioner/dr-ortiz' },
      recipient: [{ reference: `Patient/${PATIENT}` }],
      sent: '2026-01-05T15:00:00Z',
      topic: { text: 'Your results', coding: [{ system: TOPIC.system, code: 'results', display: 'Test results' }] },
      payload: [{ contentString: 'Your results are in.' }],
    },
    {
      resourceType: 'Communication',
      id: 'staff-2',
      status: 'completed',
      subject: { reference: `Patient/${PATIENT}` },
      sender: { reference: 'Practitioner/dr-ortiz' },
      recipient: [{ reference: `Patient/${PATIENT}` }],
      sent: '2026-01-05T16:00:00Z',
      inResponseTo: [{ reference: 'Communication/staff-1' }],
      payload: [{ contentString: 'All normal.' }],
    },
    // Another conversation, so "what changed" has one to leave out.
    {
      resourceType: 'Communication',
      id: 'staff-other',
      status: 'completed',
      subject: { reference: `Patient/${PATIENT}` },
      sender: { reference: 'Practitioner/dr-ortiz' },
      recipient: [{ reference: `Patient/${PATIENT}` }],
      sent: '2025-12-01T15:00:00Z',
      received: '2025-12-01T18:00:00Z',
      topic: { text: 'Flu season' },
      payload: [{ contentString: 'Flu shots are here.' }],
    },
  ];
}

/** The Communications the server holds that carry this send key (read without the adapter). */
async function storedWithKey(tenant: Tenant, key: string): Promise<unknown[]> {
  const bundle = await (await fetch(`${tenant.baseUrl}/Communication?subject=Patient/${PATIENT}&_count=200`)).json();
  return (bundle.entry ?? [])
    .map((e: { resource: { identifier?: Array<{ value?: string }> } }) => e.resource)
    .filter((c: { identifier?: Array<{ value?: string }> }) => c.identifier?.some((i) => i.value === key));
}

const MODES: Array<{ name: string; options: NonNullable<TenantSeed['options']> }> = [
  { name: 'conditional create', options: {} },
  { name: 'no conditional create', options: { conditionalCreate: false } },
];

for (const mode of MODES) {
  describe(`FHIR messaging: ${mode.name}`, function () {
    this.timeout(30_000);
    let tenant: Tenant;
    let api: PortalApi;

    beforeEach(async () => {
      tenant = await createTenant({ resources: world(), options: mode.options });
      api = createFhirAdapter({
        baseUrl: tenant.baseUrl,
        auth: { getAccessToken: async () => 'messaging-token', patientId: PATIENT },
        messaging: { topics: [TOPIC], limits: { maxAttachments: 3 } },
      });
    });
    afterEach(async () => deleteTenant(tenant));

    it('offers the configured topics and limits on every recipient', async () => {
      const { items } = await api.messaging.listRecipients(signal());
      expect(items.map((r) => r.id)).to.have.members(['dr-ortiz', 'team-ana']);
      for (const recipient of items) {
        expect(recipient.topics).to.deep.equal([TOPIC]);
        expect(recipient.limits).to.deep.include({ maxAttachments: 3, maxBodyLength: 1500 });
      }
    });

    it('still offers the clinicians when the server refuses CareTeam', async () => {
      await injectFaults(tenant, { status: 403, count: 5, pathIncludes: '/CareTeam' });
      const { items } = await api.messaging.listRecipients(signal());
      expect(items.map((r) => r.id)).to.deep.equal(['dr-ortiz']);
    });

    it('uploads a file as Binary, sends it with a topic, and fetches back the same bytes', async () => {
      const bytes = new Uint8Array(300).map((_, i) => (i * 37) % 256);
      bytes.set([0x89, 0x50, 0x4e, 0x47], 0);
      const uploaded = await api.messaging.uploadAttachment({ name: 'rash.png', contentType: 'image/png', bytes: new Blob([bytes]) }, signal());
      expect(uploaded.url).to.match(/^Binary\/[A-Za-z0-9\-.]+$/);
      expect(uploaded).to.deep.include({ title: 'rash.png', contentType: 'image/png', size: 300 });
      const recipient = { id: 'team-ana', kind: 'care-team' as const };
      const sent = await api.messaging.send({ subject: 'A rash', topic: TOPIC, recipient, body: 'Photo attached', attachments: [uploaded], clientRequestId: 'with-file' }, signal());
      expect(MessageSchema.safeParse(sent).success).to.equal(true);
      const { thread, messages } = await api.messaging.getThread(sent.threadId, signal());
      expect(ThreadSchema.safeParse(thread).success).to.equal(true);
      expect(thread).to.deep.include({ subject: 'A rash', topic: TOPIC.display });
      expect(messages[0].attachments).to.deep.equal([{ title: 'rash.png', contentType: 'image/png', size: 300, url: uploaded.url }]);
      const back = await api.messaging.fetchAttachment(messages[0].attachments[0], signal());
      expect(back.type).to.equal('image/png');
      expect([...new Uint8Array(await back.arrayBuffer())]).to.deep.equal([...bytes]);
    });

    it('never fetches an attachment from another origin', async () => {
      await clearLog(tenant);
      const calls: string[] = [];
      const spy = createFhirAdapter({
        baseUrl: tenant.baseUrl,
        auth: { getAccessToken: async () => 'messaging-token', patientId: PATIENT },
        fetch: (input, init) => {
          calls.push(String(input));
          return fetch(input, init);
        },
      });
      for (const url of ['https://attacker.example/Binary/1', `${new URL(tenant.baseUrl).origin}/elsewhere/Binary/1`, '//attacker.example/x']) {
        const failure = await spy.messaging.fetchAttachment({ title: 'x', url }, signal()).catch((error: unknown) => error);
        expect((failure as { kind?: string }).kind, url).to.equal('not-found');
      }
      expect(calls).to.deep.equal([]);
    });

    it('marks a thread read on the server with If-Match, changing only the read mark', async () => {
      const before = (await api.messaging.listThreads(signal())).items.find((t) => t.id === 'staff-1')!;
      expect(before.unreadCount).to.equal(2);
      expect(before.messageCount).to.equal(2); // the inResponseTo-only reply is in the thread
      await clearLog(tenant);
      const receipt = await api.messaging.markRead('staff-1', signal());
      expect(receipt).to.deep.equal({ messageIds: ['staff-1', 'staff-2'], sessionOnly: false });
      const puts = (await requestLog(tenant)).filter((entry) => entry.method === 'PUT');
      expect(puts).to.have.length(2);
      expect(puts.every((entry) => entry.ifMatch !== null)).to.equal(true);
      const stored = await (await fetch(`${tenant.baseUrl}/Communication/staff-2`)).json();
      expect(stored.extension?.[0]?.url).to.equal(READ_BY_PATIENT_EXTENSION);
      expect(stored.payload).to.deep.equal([{ contentString: 'All normal.' }]);
      expect(stored.inResponseTo).to.deep.equal([{ reference: 'Communication/staff-1' }]);
      // Another adapter (another device) sees it read.
      const fresh = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 't', patientId: PATIENT } });
      const { thread, messages } = await fresh.messaging.getThread('staff-1', signal());
      expect(thread.unreadCount).to.equal(0);
      expect(messages.every((m) => m.read && m.readAt !== undefined)).to.equal(true);
    });

    it('keeps the read state for the session when the server refuses the update', async () => {
      // A SMART server whose grant lets the patient read and send messages but not change them: the PUT is a 403.
      const smart = await createTenant({ resources: world(), options: { ...mode.options, smart: true } });
      try {
        const { access_token } = await mintToken(smart, PATIENT, 'patient/Communication.crs patient/CareTeam.rs');
        const as = () => createFhirAdapter({ baseUrl: smart.baseUrl, auth: { getAccessToken: async () => access_token, patientId: PATIENT } });
        const here = as();
        const receipt = await here.messaging.markRead('staff-1', signal());
        expect(receipt).to.deep.equal({ messageIds: ['staff-1', 'staff-2'], sessionOnly: true });
        expect((await requestLog(smart)).filter((entry) => entry.method === 'PUT').map((entry) => entry.status)).to.deep.equal([403]);
        expect((await here.messaging.getThread('staff-1', signal())).thread.unreadCount).to.equal(0);
        expect((await here.messaging.listThreads(signal())).items[0].unreadCount).to.equal(0);
        // A new session (or another device) does not know it.
        expect((await as().messaging.getThread('staff-1', signal())).thread.unreadCount).to.equal(2);
      } finally {
        await deleteTenant(smart);
      }
    });

    it('tells what changed since an instant, and then nothing until something changes again', async () => {
      const first = await api.messaging.changesSince('2000-01-01T00:00:00Z', signal());
      expect(first.threads.map((t) => t.id)).to.deep.equal(['staff-1', 'staff-other']);
      const quiet = await api.messaging.changesSince(first.next, signal());
      expect(quiet.threads).to.deep.equal([]);
      expect(quiet.next).to.equal(first.next);
      const recipient = { id: 'dr-ortiz', kind: 'practitioner' as const };
      const reply = await api.messaging.send({ threadId: 'staff-1', recipient, body: 'Thank you', clientRequestId: 'poll-reply' }, signal());
      const changed = await api.messaging.changesSince(quiet.next, signal());
      expect(changed.threads.map((t) => t.id)).to.deep.equal(['staff-1']);
      expect(changed.threads[0].messageCount).to.equal(3);
      expect(Date.parse(changed.next)).to.be.greaterThan(Date.parse(first.next));
      expect(reply.threadId).to.equal('staff-1');
      expect((await api.messaging.changesSince(changed.next, signal())).threads).to.deep.equal([]);
    });

    it('ends with exactly one Communication when the answer to the send is lost after the server stored it', async () => {
      const recipient = { id: 'team-ana', kind: 'care-team' as const };
      await clearLog(tenant);
      await injectFaults(tenant, { answerLost: true, count: LOST, pathIncludes: '/Communication', match: mode.options.conditionalCreate === false ? 'PUT' : 'POST' });
      const sent = await api.messaging.send({ subject: 'Lost answer', recipient, body: 'Did this arrive?', clientRequestId: 'lost-send' }, signal());
      const log = await requestLog(tenant);
      expect(log.some((entry) => entry.answerLost), 'the fault was hit').to.equal(true);
      expect(sent.body).to.equal('Did this arrive?');
      const stored = await storedWithKey(tenant, 'lost-send');
      expect(stored.map((c) => (c as { id: string }).id)).to.deep.equal([sent.id]);
      // Sent again with the same key (the element's retry): still one.
      const again = await api.messaging.send({ subject: 'Lost answer', recipient, body: 'Did this arrive?', clientRequestId: 'lost-send' }, signal());
      expect(again.id).to.equal(sent.id);
      expect(await storedWithKey(tenant, 'lost-send')).to.have.length(1);
    });
  });
}

describe('FHIR messaging: a grant without update on a server without conditional create', function () {
  this.timeout(30_000);
  it('sends by a plain create when the update-as-create is refused, once', async () => {
    const tenant = await createTenant({ resources: world(), options: { smart: true, conditionalCreate: false } });
    try {
      const { access_token } = await mintToken(tenant, PATIENT, 'patient/Communication.crs patient/CareTeam.rs');
      const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => access_token, patientId: PATIENT } });
      const sent = await api.messaging.send({ subject: 'Hi', recipient: { id: 'team-ana', kind: 'care-team' }, body: 'Hello', clientRequestId: 'no-update' }, signal());
      const log = await requestLog(tenant);
      expect(log.filter((e) => e.method === 'PUT').map((e) => e.status)).to.deep.equal([403]);
      expect(log.filter((e) => e.method === 'POST').map((e) => e.status)).to.deep.equal([201]);
      expect((await api.messaging.getThread(sent.threadId, signal())).messages.map((m) => m.body)).to.deep.equal(['Hello']);
    } finally {
      await deleteTenant(tenant);
    }
  });
});

describe('FHIR messaging: attachments behind the SMART check', function () {
  this.timeout(30_000);
  it('lets the patient store and read their own Binary under their Communication scope, and no other patient read it', async () => {
    const other = { resourceType: 'Patient', id: 'pat-ben', name: [{ family: 'Other' }] };
    const tenant = await createTenant({ resources: [...world(), other], options: { smart: true } });
    try {
      const as = async (patient: string) => {
        const { access_token } = await mintToken(tenant, patient, 'patient/Communication.crus patient/CareTeam.rs');
        return createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => access_token, patientId: patient } });
      };
      const ana = await as(PATIENT);
      const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 3]);
      const uploaded = await ana.messaging.uploadAttachment({ name: 'letter.pdf', contentType: 'application/pdf', bytes: new Blob([bytes]) }, signal());
      // Stored as a Binary, not inline: the guard took it.
      expect(uploaded.url ?? 'inline').to.match(/^Binary\//);
      expect(uploaded.data).to.equal(undefined);
      const back = await ana.messaging.fetchAttachment({ title: 'letter.pdf', contentType: 'application/pdf', url: uploaded.url }, signal());
      expect([...new Uint8Array(await back.arrayBuffer())]).to.deep.equal([...bytes]);
      const ben = await as('pat-ben');
      const refused = await ben.messaging.fetchAttachment({ title: 'x', url: uploaded.url }, signal()).catch((error: unknown) => error);
      expect((refused as { status?: number }).status).to.equal(404);
    } finally {
      await deleteTenant(tenant);
    }
  });
});
