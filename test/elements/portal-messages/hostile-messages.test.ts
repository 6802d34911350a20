// Every string a server puts in a conversation, filled with hostile markup, drawn by the real element: nothing
// runs, nothing loads from another origin, and no element appears but the element's own.
import { expect, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { PortalApi } from '../../../src/api/portal-api.js';
import { createDraftStore } from '../../../src/elements/portal-messages/drafts.js';
import type { Message, Thread } from '../../../src/model/messaging.js';
import { mount } from '../../contract/element-contract.js';
import { shadow } from '../../support/dom.js';
import { XSS_CORPUS, watchForXss } from '../../support/xss-corpus.js';

const at = (i: number) => XSS_CORPUS[i % XSS_CORPUS.length]!;

function hostileApi(): PortalApi {
  const api = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
  // One thread per payload: its subject, topic and a participant's name and role each carry one.
  const threads: Thread[] = XSS_CORPUS.map((payload, i) => ({
    id: `t${i}`,
    subject: payload,
    topic: at(i + 1),
    participants: [{ id: `p${i}`, kind: 'practitioner', name: at(i + 2), role: at(i + 3) }],
    lastMessageAt: '2026-11-30T10:00:00Z',
    unreadCount: i % 3,
    messageCount: 1,
  }));
  // Every payload as a body, a sender's name and an attachment's title, in one conversation.
  const messages: Message[] = XSS_CORPUS.map((payload, i) => ({
    id: `m${i}`,
    threadId: 't0',
    sentAt: '2026-11-30T10:00:00Z',
    fromPatient: false,
    senderName: at(i + 1),
    body: payload,
    attachments: [{ title: at(i + 2), contentType: 'text/html', url: at(i + 3) }],
    status: 'completed',
    withdrawn: false,
    read: true,
  }));
  return {
    ...api,
    messaging: {
      ...api.messaging,
      listThreads: async () => ({ items: threads, dropped: 0, truncated: false }),
      getThread: async () => ({ thread: threads[0]!, messages, dropped: 0 }),
      listRecipients: async () => ({ items: threads.map((t) => ({ ...t.participants[0]!, topics: [{ code: 'x', display: t.topic! }] })), dropped: 0, truncated: false }),
    },
  } as PortalApi;
}

const ALLOWED_TAGS = new Set(['div', 'section', 'h2', 'h3', 'p', 'ul', 'ol', 'li', 'button', 'span', 'br', 'article', 'a', 'form', 'label', 'select', 'option', 'input', 'textarea']);

describe('<portal-messages> with hostile server strings', () => {
  it(`draws ${XSS_CORPUS.length} payloads in every field of the inbox and a conversation as text`, async () => {
    expect(XSS_CORPUS.length).to.be.greaterThan(200);
    const watch = watchForXss();
    try {
      const { element } = await mount(
        { tag: 'portal-messages', template: () => html`<portal-messages .drafts=${createDraftStore({ indexedDB: {} as IDBFactory })}></portal-messages>`, readySelector: '[part~="inbox"]', loadOperation: 'messaging.listThreads' },
        { api: hostileApi() },
      );
      await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="thread"]').length === XSS_CORPUS.length, 'every thread drawn');
      const tagsIn = () => new Set([...element.shadowRoot!.querySelectorAll('*')].map((el) => el.localName));
      for (const tag of tagsIn()) expect(ALLOWED_TAGS.has(tag), `<${tag}> in the inbox`).to.equal(true);

      (shadow(element, '[part~="thread"]') as HTMLButtonElement).click();
      await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="message"]').length === XSS_CORPUS.length, 'every message drawn');
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const tag of tagsIn()) expect(ALLOWED_TAGS.has(tag), `<${tag}> in the conversation`).to.equal(true);
      for (const a of element.shadowRoot!.querySelectorAll('a')) expect(new URL(a.href).protocol).to.equal('https:');

      (shadow(element, '[part~="back"]') as HTMLButtonElement).click();
      await waitUntil(() => shadow(element, '[part~="new"]'));
      (shadow(element, '[part~="new"]') as HTMLButtonElement).click();
      await waitUntil(() => shadow(element, '[part~="recipient"]'));
      for (const tag of tagsIn()) expect(ALLOWED_TAGS.has(tag), `<${tag}> in the form`).to.equal(true);

      expect(watch.canary(), 'the canary').to.equal(undefined);
      expect(watch.dialogs).to.deep.equal([]);
      expect(watch.remoteRequests()).to.deep.equal([]);
    } finally {
      watch.stop();
    }
  });
});
