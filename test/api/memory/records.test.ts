import { expect } from '@open-wc/testing';
import { isApiError, type ApiError } from '../../../src/api/errors.js';
import { adapterAt, MARCH_NOW, rejection, signal } from './support.js';

const kindOf = (error: unknown): string | undefined => (isApiError(error) ? (error as ApiError).kind : String(error));

describe('memory adapter: messaging', () => {
  it('lists threads newest first with counts derived from their messages', async () => {
    const api = adapterAt(MARCH_NOW);
    const { items } = await api.messaging.listThreads(signal());
    const last = items.map((t) => Date.parse(t.lastMessageAt!));
    expect(last).to.deep.equal([...last].sort((a, b) => b - a));
    for (const thread of items) {
      const { messages } = await api.messaging.getThread(thread.id, signal());
      expect(thread.messageCount).to.equal(messages.length);
      expect(thread.lastMessageAt).to.equal(messages.at(-1)!.sentAt);
      const sent = messages.map((m) => Date.parse(m.sentAt!));
      expect(sent).to.deep.equal([...sent].sort((a, b) => a - b));
    }
    expect(kindOf(await rejection(api.messaging.getThread('thread-unknown', signal())))).to.equal('not-found');
  });

  it('replies in a thread once per clientRequestId', async () => {
    const now = new Date('2027-03-10T15:00:00Z');
    const api = adapterAt(now);
    const send = () =>
      api.messaging.send(
        { threadId: 'thread-blood-pressure', recipient: { id: 'prac-okafor', kind: 'practitioner' }, body: 'Mis lecturas: 128/82', clientRequestId: 'reply-1' },
        signal(),
      );
    const first = await send();
    const again = await send();
    expect(again).to.deep.equal(first);
    expect(first).to.deep.include({ threadId: 'thread-blood-pressure', fromPatient: true, senderName: 'Ana María Mejía', read: true, status: 'completed' });
    expect(Date.parse(first.sentAt!)).to.equal(now.getTime());
    const { thread, messages } = await api.messaging.getThread('thread-blood-pressure', signal());
    expect(messages.filter((m) => m.body === 'Mis lecturas: 128/82')).to.have.length(1);
    expect(thread.messageCount).to.equal(5); // three seeded, one withdrawn, the reply
    expect(thread.lastMessageAt).to.equal(first.sentAt);
  });

  it('starts a thread with a subject, and refuses unknown threads and recipients', async () => {
    const api = adapterAt(MARCH_NOW);
    const before = (await api.messaging.listThreads(signal())).items.length;
    const message = await api.messaging.send(
      { subject: '  Billing question ', recipient: { id: 'org-billing', kind: 'organization' }, body: 'Hello', clientRequestId: 'new-1' },
      signal(),
    );
    const { items } = await api.messaging.listThreads(signal());
    expect(items).to.have.length(before + 1);
    expect(items[0]).to.deep.include({ id: message.threadId, subject: 'Billing question', messageCount: 1, unreadCount: 0 });
    expect(items[0].participants.map((p) => p.id)).to.deep.equal(['org-billing']);

    const unknownThread = api.messaging.send(
      { threadId: 'thread-x', recipient: { id: 'org-billing', kind: 'organization' }, body: 'x', clientRequestId: 'new-2' },
      signal(),
    );
    expect(kindOf(await rejection(unknownThread))).to.equal('not-found');
    // Same id, wrong kind: a reply must go back to the same kind of actor.
    const wrongKind = api.messaging.send(
      { subject: 'x', recipient: { id: 'org-billing', kind: 'practitioner' }, body: 'x', clientRequestId: 'new-3' },
      signal(),
    );
    expect(kindOf(await rejection(wrongKind))).to.equal('not-found');
  });
});

describe('memory adapter: results', () => {
  it('returns the history of one test oldest first, keeping decimal text', async () => {
    const api = adapterAt(MARCH_NOW);
    const ldl = await api.results.resultHistory({ system: 'http://loinc.org', code: '13457-7' }, signal());
    const values = ldl.items.map((r) => (r.value.kind === 'quantity' ? r.value.quantity.value : r.value.kind));
    expect(values).to.deep.equal(['168', '162', '150', '139']);
    const effective = ldl.items.map((r) => Date.parse(r.effective!));
    expect(effective).to.deep.equal([...effective].sort((a, b) => a - b));
    const creatinine = await api.results.resultHistory({ code: '2160-0' }, signal());
    expect(creatinine.items.map((r) => (r.value.kind === 'quantity' ? r.value.quantity.value : ''))).to.deep.equal(['0.90', '0.95', '1.00']);
    expect((await api.results.resultHistory({ system: 'http://snomed.info/sct', code: '13457-7' }, signal())).items).to.deep.equal([]);
  });

  it('gets one report, and not-found for an unknown id', async () => {
    const api = adapterAt(MARCH_NOW);
    const { items } = await api.results.listReports(signal());
    const preliminary = items.find((r) => r.status === 'preliminary')!;
    expect(await api.results.getReport(preliminary.id, signal())).to.deep.equal(preliminary);
    const potassium = preliminary.results.find((r) => r.code.codings[0].code === '2823-3')!;
    expect(potassium.interpretation).to.deep.include({ code: 'HH', severity: 'critical' });
    expect(potassium.status).to.equal('preliminary');
    expect(kindOf(await rejection(api.results.getReport('rpt-none', signal())))).to.equal('not-found');
  });
});

describe('memory adapter: immunizations', () => {
  it('lists newest first with partial dates in order', async () => {
    const { items } = await adapterAt(MARCH_NOW).immunizations.list(signal());
    const dated = items.filter((i) => i.occurrenceDate).map((i) => i.occurrenceDate!);
    expect(dated).to.deep.equal([...dated].sort().reverse());
    expect(items.at(-1)!.occurrenceDate).to.equal(undefined);
  });

  it('records a patient report once per clientRequestId, as not from a primary source', async () => {
    const api = adapterAt(MARCH_NOW);
    const report = { cvx: '150', vaccineText: 'Flu shot at work', occurrenceDate: '2019-10', lotNumber: 'AB12', clientRequestId: 'rep-1' };
    const first = await api.immunizations.report(report, signal());
    expect(await api.immunizations.report(report, signal())).to.deep.equal(first);
    expect(first).to.deep.include({ status: 'completed', primarySource: false, occurrenceDate: '2019-10', lotNumber: 'AB12' });
    expect(first.vaccine).to.deep.include({ cvx: '150', text: 'Flu shot at work' });
    const { items } = await api.immunizations.list(signal());
    expect(items.filter((i) => i.id === first.id)).to.have.length(1);
    expect(items.filter((i) => !i.primarySource)).to.have.length(2);

    const badDate = api.immunizations.report({ ...report, occurrenceDate: '10/2019', clientRequestId: 'rep-2' }, signal());
    expect(kindOf(await rejection(badDate))).to.equal('invalid-response');
  });

  it('a lost answer: the dose is stored once, and the retry with the same key answers it; the source is kept as reportOrigin', async () => {
    const api = adapterAt(MARCH_NOW);
    const report = { cvx: '140', vaccineText: 'Flu', occurrenceDate: '2024', source: 'record' as const, clientRequestId: 'rep-lost' };
    api.controls.set({ loseReportAnswer: true });
    expect(kindOf(await rejection(api.immunizations.report(report, signal())))).to.equal('network');
    api.controls.set({ loseReportAnswer: false });
    const answered = await api.immunizations.report(report, signal());
    expect(answered.reportOrigin).to.equal('Written Record');
    const { items } = await api.immunizations.list(signal());
    expect(items.filter((i) => i.vaccine.text === 'Flu' && i.occurrenceDate === '2024')).to.have.length(1);
  });
});
