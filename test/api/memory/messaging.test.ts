// The memory adapter's messaging calls added for <portal-messages> (issue 15): topics and limits per recipient,
// attachments up and back, read marks, what changed since a poll, and a withdrawn message.
import { expect } from '@open-wc/testing';
import { isApiError, type ApiError } from '../../../src/api/errors.js';
import { MessageSchema, RecipientSchema, ThreadSchema } from '../../../src/model/index.js';
import { adapterAt, expectValid, MARCH_NOW, rejection, signal } from './support.js';

const kindOf = (error: unknown): string | undefined => (isApiError(error) ? (error as ApiError).kind : String(error));
const bytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

describe('memory adapter: messaging for portal-messages', () => {
  it('offers topics and limits per recipient', async () => {
    const { items } = await adapterAt(MARCH_NOW).messaging.listRecipients(signal());
    items.forEach((r) => expectValid(RecipientSchema, r, r.id));
    const billing = items.find((r) => r.id === 'org-billing')!;
    expect(billing.limits).to.deep.equal({ maxAttachments: 1, maxBytes: 5 * 1024 * 1024, contentTypes: ['application/pdf'], maxBodyLength: 1500 });
    expect(billing.topics!.map((t) => t.display)).to.deep.equal(['A bill or statement', 'Insurance']);
    expect(items.every((r) => r.topics!.length > 0 && r.limits!.maxAttachments > 0)).to.equal(true);
    // Limits differ between recipients: an element must read them per recipient.
    expect(new Set(items.map((r) => r.limits!.maxBodyLength)).size).to.be.greaterThan(1);
  });

  it('uploads a file, sends it with a topic, and gives the same bytes back', async () => {
    const api = adapterAt(MARCH_NOW);
    const file = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const uploaded = await api.messaging.uploadAttachment({ name: 'rash.png', contentType: 'image/png', bytes: new Blob([file]) }, signal());
    expect(uploaded).to.deep.include({ title: 'rash.png', contentType: 'image/png', size: file.length });
    const recipient = { id: 'team-downtown', kind: 'care-team' as const };
    const topic = (await api.messaging.listRecipients(signal())).items.find((r) => r.id === recipient.id)!.topics![0];
    const sent = await api.messaging.send({ subject: 'Rash', topic, recipient, body: 'See the photo', attachments: [uploaded], clientRequestId: 'att-1' }, signal());
    expectValid(MessageSchema, sent, 'sent');
    expect(sent.attachments).to.deep.equal([{ title: 'rash.png', contentType: 'image/png', size: file.length, url: uploaded.url }]);
    const { thread, messages } = await api.messaging.getThread(sent.threadId, signal());
    expectValid(ThreadSchema, thread, 'thread');
    expect(thread.topic).to.equal(topic.display);
    const back = await api.messaging.fetchAttachment(messages[0].attachments[0], signal());
    expect(back.type).to.equal('image/png');
    expect(await bytes(back)).to.deep.equal([...file]);
    // Inline bytes come back too; a URL the adapter does not hold is never followed.
    expect(await bytes(await api.messaging.fetchAttachment({ title: 'x', contentType: 'text/plain', data: 'SGk=' }, signal()))).to.deep.equal([72, 105]);
    expect(kindOf(await rejection(api.messaging.fetchAttachment({ title: 'x', url: 'https://elsewhere.example/x.png' }, signal())))).to.equal('not-found');
    // A topic the recipient does not offer, or an attachment never uploaded, is refused and writes nothing.
    const before = (await api.messaging.listThreads(signal())).items.length;
    const badTopic = api.messaging.send({ subject: 'x', topic: { code: 'nope', display: 'Nope' }, recipient, body: 'x', clientRequestId: 'att-2' }, signal());
    expect(kindOf(await rejection(badTopic))).to.equal('invalid-response');
    const badFile = api.messaging.send({ subject: 'x', recipient, body: 'x', attachments: [{ ...uploaded, url: 'memory-attachment/none' }], clientRequestId: 'att-3' }, signal());
    expect(kindOf(await rejection(badFile))).to.equal('not-found');
    expect((await api.messaging.listThreads(signal())).items.length).to.equal(before);
  });

  it('loses a send\'s answer when asked to (loseSendAnswer): the message is stored once, and the retry with its key answers it', async () => {
    const api = adapterAt(MARCH_NOW, { loseSendAnswer: true });
    const recipient = { id: 'team-downtown', kind: 'care-team' as const };
    const message = { subject: 'Refill', recipient, body: 'Please renew my inhaler', clientRequestId: 'lost-1' };
    expect(kindOf(await rejection(api.messaging.send(message, signal())))).to.equal('network');
    const retried = await api.messaging.send(message, signal());
    const { messages } = await api.messaging.getThread(retried.threadId, signal());
    expect(messages.filter((m) => m.body === 'Please renew my inhaler')).to.have.length(1);
  });

  it('serves the seeded attachment as a PDF', async () => {
    const api = adapterAt(MARCH_NOW);
    const { messages } = await api.messaging.getThread('thread-lab-results', signal());
    const attachment = messages.flatMap((m) => m.attachments)[0];
    const blob = await api.messaging.fetchAttachment(attachment, signal());
    expect(blob.size).to.equal(attachment.size);
    expect(new TextDecoder().decode(await blob.arrayBuffer()).startsWith('%PDF-')).to.equal(true);
  });

  it('marks a thread read: its unread messages get a time, its count drops, and it shows as changed', async () => {
    const api = adapterAt(MARCH_NOW);
    const start = await api.messaging.changesSince(new Date(MARCH_NOW.getTime() - 1000).toISOString(), signal());
    expect(start.threads).to.deep.equal([]);
    const before = (await api.messaging.listThreads(signal())).items.find((t) => t.id === 'thread-flu-reminder')!;
    expect(before.unreadCount).to.equal(1);
    const receipt = await api.messaging.markRead('thread-flu-reminder', signal());
    expect(receipt).to.deep.equal({ messageIds: ['msg-flu-reminder-1'], sessionOnly: false });
    const { thread, messages } = await api.messaging.getThread('thread-flu-reminder', signal());
    expect(thread.unreadCount).to.equal(0);
    expect(messages[0]).to.deep.include({ read: true });
    expect(Date.parse(messages[0].readAt!)).to.equal(MARCH_NOW.getTime());
    const changed = await api.messaging.changesSince(start.next, signal());
    expect(changed.threads.map((t) => t.id)).to.deep.equal(['thread-flu-reminder']);
    // Asked again from the instant it returned: nothing new, and marking an already read thread changes nothing.
    expect((await api.messaging.markRead('thread-flu-reminder', signal())).messageIds).to.deep.equal([]);
    expect((await api.messaging.changesSince(changed.next, signal())).threads).to.deep.equal([]);
    expect(kindOf(await rejection(api.messaging.markRead('thread-none', signal())))).to.equal('not-found');
  });

  it('reports each send once in changesSince, also when the clock stands still between polls', async () => {
    const api = adapterAt(MARCH_NOW);
    const first = await api.messaging.changesSince('2000-01-01T00:00:00Z', signal());
    expect(first.threads.length).to.equal((await api.messaging.listThreads(signal())).items.length);
    const recipient = { id: 'org-billing', kind: 'organization' as const };
    const a = await api.messaging.send({ subject: 'One', recipient, body: 'a', clientRequestId: 'poll-1' }, signal());
    const second = await api.messaging.changesSince(first.next, signal());
    expect(second.threads.map((t) => t.id)).to.deep.equal([a.threadId]);
    const b = await api.messaging.send({ threadId: 'thread-blood-pressure', recipient: { id: 'prac-okafor', kind: 'practitioner' }, body: 'b', clientRequestId: 'poll-2' }, signal());
    const third = await api.messaging.changesSince(second.next, signal());
    expect(third.threads.map((t) => t.id)).to.deep.equal([b.threadId]);
    expect(kindOf(await rejection(api.messaging.changesSince('not a time', signal())))).to.equal('invalid-response');
    expect(kindOf(await rejection(api.messaging.changesSince('2027-03-10', signal())))).to.equal('invalid-response');
  });

  it('keeps a withdrawn message in its thread without its words, and not as unread', async () => {
    const { thread, messages } = await adapterAt(MARCH_NOW).messaging.getThread('thread-blood-pressure', signal());
    const withdrawn = messages.filter((m) => m.withdrawn);
    expect(withdrawn).to.have.length(1);
    expect(withdrawn[0]).to.deep.include({ status: 'entered-in-error', body: '', attachments: [] });
    expect(messages.indexOf(withdrawn[0])).to.be.within(1, messages.length - 2);
    expect(thread.unreadCount).to.equal(0);
  });

  it('seeds delivered times on the patient\'s own messages only', async () => {
    const api = adapterAt(MARCH_NOW);
    const { items } = await api.messaging.listThreads(signal());
    const messages = (await Promise.all(items.map((t) => api.messaging.getThread(t.id, signal())))).flatMap((t) => t.messages);
    for (const m of messages) {
      expectValid(MessageSchema, m, m.id);
      if (m.fromPatient) expect(Date.parse(m.deliveredAt!) - Date.parse(m.sentAt!), m.id).to.equal(4 * 60_000);
      else expect('deliveredAt' in m, m.id).to.equal(false);
    }
    expect(messages.some((m) => m.fromPatient)).to.equal(true);
  });
});
