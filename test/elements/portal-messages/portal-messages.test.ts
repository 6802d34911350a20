import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { PortalApi } from '../../../src/api/portal-api.js';
import { createDraftStore } from '../../../src/elements/portal-messages/drafts.js';
import type { PortalMessages } from '../../../src/elements/portal-messages/portal-messages.js';
import type { Session } from '../../../src/model/session.js';
import { elementContract, mount } from '../../contract/element-contract.js';
import { shadow } from '../../support/dom.js';

let storeCount = 0;
/** Each test its own draft database, so that one test's draft never shows up in another. */
const freshDrafts = () => createDraftStore({ name: `portal-messages-test-${storeCount++}-${crypto.randomUUID()}` });

const subject = {
  tag: 'portal-messages',
  template: () => html`<portal-messages .drafts=${freshDrafts()}></portal-messages>`,
  readySelector: '[part~="inbox"]',
  loadOperation: 'messaging.listThreads',
};

elementContract(subject);

const type = (field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) => {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
};

async function openThread(element: PortalMessages, subjectText: string) {
  await waitUntil(() => shadow(element, '[part~="thread"]'));
  const button = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="thread"]')].find((b) => b.textContent!.includes(subjectText))!;
  button.click();
  await waitUntil(() => shadow(element, '[part~="messages"]') && shadow(element, '[part~="body-input"]'));
}

describe('<portal-messages>', () => {
  it('lists conversations newest first with topic, care team and unread count', async () => {
    const { element } = await mount<PortalMessages>(subject);
    await waitUntil(() => shadow(element, '[part~="thread"]'));
    const threads = [...element.shadowRoot!.querySelectorAll('[part~="thread"]')].map((b) => b.textContent!.replace(/\s+/g, ' '));
    expect(threads.length).to.be.greaterThan(1);
    expect(threads.join('|')).to.contain('Topic: Medication question');
    expect(threads.join('|')).to.contain('With Dr. Grace Okafor');
    await expect(element).to.be.accessible();
  });

  it('opens a conversation oldest first, moves focus to its heading, and shows a withdrawn message as withdrawn', async () => {
    const { element } = await mount<PortalMessages>(subject);
    await openThread(element, 'blood pressure');
    const bodies = [...element.shadowRoot!.querySelectorAll('[part~="message"] [part~="body"]')].map((p) => p.textContent!);
    expect(bodies[0]).to.contain('dizzy');
    expect(bodies.join('|')).to.contain('This message was withdrawn by its sender.');
    expect(bodies.join('|')).to.not.contain('meant for another patient');
    expect(element.shadowRoot!.activeElement?.id).to.equal('thread-title');
    await expect(element).to.be.accessible();
  });

  it('marks an opened conversation read and tells the page with the thread id and count only', async () => {
    const { element, events } = await mount<PortalMessages>(subject);
    await waitUntil(() => shadow(element, '[part~="thread"][data-unread]'));
    await openThread(element, 'Recordatorio');
    // The seed has one unread message in this conversation.
    await waitUntil(() => events.some((e) => e.type === 'portal-message-read'), 'marked read');
    const read = events.find((e) => e.type === 'portal-message-read')!;
    expect(Object.keys(read.detail).sort()).to.deep.equal(['count', 'threadId']);
  });

  it('keeps the reply in the box until the server answers, then shows it and focuses it', async () => {
    const api = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
        const { element, events } = await mount<PortalMessages>(subject, { api });
    await openThread(element, 'blood pressure');
    const before = element.shadowRoot!.querySelectorAll('[part~="message"]').length;
    type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'Readings this morning: 128/82.');
    api.controls.set({ latencyMs: 200 });
    (shadow(element, '[part~="send"]') as HTMLButtonElement).click();
    await waitUntil(() => (shadow(element, '[part~="send"]') as HTMLButtonElement).disabled, 'sending');
    // While sending, the text is still there.
    expect((shadow(element, '[part~="body-input"]') as HTMLTextAreaElement).value).to.equal('Readings this morning: 128/82.');
    await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="message"]').length === before + 1, 'the reply is shown');
    expect((shadow(element, '[part~="body-input"]') as HTMLTextAreaElement).value).to.equal('');
    await waitUntil(() => element.shadowRoot!.activeElement?.id?.startsWith('message-'), 'focus on the new message');
    const sent = events.filter((e) => e.type === 'portal-message-sent');
    expect(sent).to.have.length(1);
    expect(Object.keys(sent[0]!.detail).sort()).to.deep.equal(['attachmentCount', 'messageId', 'threadId']);
  });

  it('a failed send keeps the text; sending again stores the message once', async () => {
    const api = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
    const { element } = await mount<PortalMessages>(subject, { api });
    await openThread(element, 'blood pressure');
    type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'Is 128/82 fine?');
    api.controls.set({ loseSendAnswer: true });
    (shadow(element, '[part~="send"]') as HTMLButtonElement).click();
    await waitUntil(() => shadow(element, '[part~="send-state"][role="alert"]'), 'failed');
    expect(shadow(element, '[part~="send-state"]')!.textContent).to.contain('will not be sent twice');
    expect((shadow(element, '[part~="body-input"]') as HTMLTextAreaElement).value).to.equal('Is 128/82 fine?');
    await expect(element).to.be.accessible();
    api.controls.set({ loseSendAnswer: false });
    (shadow(element, '[part~="send"]') as HTMLButtonElement).click();
    await waitUntil(() => shadow(element, '[part~="send-state"][role="status"]'), 'sent');
    const thread = await api.messaging.getThread('thread-blood-pressure', new AbortController().signal);
    expect(thread.messages.filter((m) => m.body === 'Is 128/82 fine?')).to.have.length(1);
  });

  it('two quick presses of Send make one request', async () => {
    const memory = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
    let sends = 0;
    const api: PortalApi = {
      ...memory,
      messaging: {
        ...memory.messaging,
        send: (message, signal) => {
          sends++;
          return memory.messaging.send(message, signal);
        },
      },
    };
    const { element } = await mount<PortalMessages>(subject, { api });
    await openThread(element, 'blood pressure');
    type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'Twice?');
    const form = shadow(element, '[part~="compose"]') as HTMLFormElement;
    form.requestSubmit();
    form.requestSubmit();
    await waitUntil(() => shadow(element, '[part~="send-state"][role="status"]'), 'sent');
    expect(sends).to.equal(1);
  });

  it('brings back what was being written after the element is rebuilt (a reload), for the same patient only', async () => {
    const drafts = freshDrafts();
    const api = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
    const first = await mount<PortalMessages>({ ...subject, template: () => html`<portal-messages .drafts=${drafts}></portal-messages>` }, { api });
    await openThread(first.element, 'blood pressure');
    type(shadow(first.element, '[part~="body-input"]') as HTMLTextAreaElement, 'Half-written question');
    await new Promise((resolve) => setTimeout(resolve, 600));
    first.element.remove();

    const again = await mount<PortalMessages>({ ...subject, template: () => html`<portal-messages .drafts=${drafts}></portal-messages>` }, { api });
    await openThread(again.element, 'blood pressure');
    await waitUntil(() => (shadow(again.element, '[part~="body-input"]') as HTMLTextAreaElement).value === 'Half-written question', 'restored');
    expect(shadow(again.element, '[part~="draft-restored"]')).to.not.equal(null);

    const other: Session = { status: 'signed-in', patientId: 'patient-someone-else' };
    const stranger = await mount<PortalMessages>(
      { ...subject, template: () => html`<portal-messages .drafts=${drafts}></portal-messages>` },
      { api: createMemoryAdapter({ patientId: 'patient-someone-else' }), session: other },
    );
    await waitUntil(() => shadow(stranger.element, '[part~="inbox"]') || shadow(stranger.element, '[part~="empty"]'));
    const draft = await drafts.load('patient-someone-else', 'thread-blood-pressure');
    expect(draft).to.equal(undefined);
  });

  it('asks before an explicit sign-out discards an unsent message, and signs out after the answer', async () => {
    const drafts = freshDrafts();
    let signOuts = 0;
    // As the page's session does: the sign-out asks the page first, a moment later (its code may still be loading).
    const auth = {
      signIn: () => undefined,
      signOut: () =>
        void Promise.resolve().then(() => {
          if (document.dispatchEvent(new CustomEvent('portal-sign-out-requested', { detail: {}, cancelable: true }))) signOuts++;
        }),
      need: () => () => undefined,
    };
    const { element } = await mount<PortalMessages>({ ...subject, template: () => html`<portal-messages .drafts=${drafts}></portal-messages>` }, { auth });
    await openThread(element, 'blood pressure');
    const ask = () => document.dispatchEvent(new CustomEvent('portal-sign-out-requested', { detail: {}, cancelable: true, bubbles: true, composed: true }));
    // Nothing written: the sign-out goes ahead.
    expect(ask()).to.equal(true);
    type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'Unsent words');
    expect(ask(), 'held back to ask').to.equal(false);
    await waitUntil(() => (shadow(element, 'dialog') as HTMLDialogElement | null)?.open, 'the question');
    await expect(element).to.be.accessible();
    (shadow(element, '[part~="cancel-sign-out"]') as HTMLButtonElement).click();
    await waitUntil(() => !shadow(element, 'dialog'));
    expect(signOuts).to.equal(0);
    expect((shadow(element, '[part~="body-input"]') as HTMLTextAreaElement).value).to.equal('Unsent words');

    expect(ask()).to.equal(false);
    await waitUntil(() => shadow(element, '[part~="discard-draft"]'));
    (shadow(element, '[part~="discard-draft"]') as HTMLButtonElement).click();
    await waitUntil(() => signOuts === 1, 'signed out');
    expect(await drafts.hasAny('patient-ana-mejia')).to.equal(false);
  });

  it('keeps the message for the next sign-in when the person chooses to', async () => {
    const drafts = freshDrafts();
    let signOuts = 0;
    // As the page's session does: the sign-out asks the page first, a moment later (its code may still be loading).
    const auth = {
      signIn: () => undefined,
      signOut: () =>
        void Promise.resolve().then(() => {
          if (document.dispatchEvent(new CustomEvent('portal-sign-out-requested', { detail: {}, cancelable: true }))) signOuts++;
        }),
      need: () => () => undefined,
    };
    const { element } = await mount<PortalMessages>({ ...subject, template: () => html`<portal-messages .drafts=${drafts}></portal-messages>` }, { auth });
    await openThread(element, 'blood pressure');
    type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'Keep me');
    document.dispatchEvent(new CustomEvent('portal-sign-out-requested', { detail: {}, cancelable: true }));
    await waitUntil(() => shadow(element, '[part~="keep-draft"]'));
    (shadow(element, '[part~="keep-draft"]') as HTMLButtonElement).click();
    await waitUntil(() => signOuts === 1, 'signed out');
    await waitUntil(() => drafts.hasAny('patient-ana-mejia'), 'kept');
  });

  it('a new message needs a recipient and text, says so beside each field, and counts characters', async () => {
    const { element } = await mount<PortalMessages>({ ...subject, template: () => html`<portal-messages .drafts=${freshDrafts()} max-length="20"></portal-messages>` });
    await waitUntil(() => shadow(element, '[part~="new"]'));
    (shadow(element, '[part~="new"]') as HTMLButtonElement).click();
    await waitUntil(() => shadow(element, '[part~="compose"]'));
    expect(element.shadowRoot!.activeElement?.id).to.equal('compose-title');
    expect(shadow(element, '[part~="emergency"]')!.textContent).to.contain('911');
    expect(shadow(element, '[part~="reply-by"]')!.textContent).to.match(/expect a reply by \w+day, \w+ \d{1,2}, \d{4}/);
    (shadow(element, '[part~="send"]') as HTMLButtonElement).click();
    await waitUntil(() => shadow(element, '#recipient-problem'));
    expect(shadow(element, '#body-problem')!.textContent).to.contain('Write your message');
    expect(shadow(element, '#recipient')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(element).to.be.accessible();
    type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'This is far too long for twenty');
    await element.updateComplete;
    expect(shadow(element, '[part~="counter"]')!.textContent).to.contain('31 of 20');
    expect(shadow(element, '#body-problem')!.textContent).to.contain('11 characters too long');
  });

  it('renders a hostile body as text', async () => {
    const { element } = await mount<PortalMessages>(subject);
    await openThread(element, 'blood pressure');
    expect(element.shadowRoot!.querySelector('[part~="message"] script, [part~="message"] img')).to.equal(null);
  });

  it('speaks Spanish', async () => {
    const { element } = await mount<PortalMessages>(subject, { lang: 'es' });
    await waitUntil(() => shadow(element, '[part~="inbox"]'));
    expect(shadow(element, '#inbox-title')!.textContent).to.equal('Sus conversaciones');
    expect(shadow(element, '[part~="new"]')!.textContent).to.equal('Mensaje nuevo');
  });

  it('waits while offline and sends when the connection returns', async () => {
    const api = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
    const { element } = await mount<PortalMessages>(subject, { api });
    await openThread(element, 'blood pressure');
    type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'Sent from the train');
    const online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      (shadow(element, '[part~="send"]') as HTMLButtonElement).click();
      await waitUntil(() => shadow(element, '[part~="send-state"]')?.textContent?.includes('offline'), 'waiting');
      expect((shadow(element, '[part~="body-input"]') as HTMLTextAreaElement).value).to.equal('Sent from the train');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      Object.defineProperty(Navigator.prototype, 'onLine', online);
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => shadow(element, '[part~="send-state"][role="status"]')?.textContent?.includes('sent'), 'sent');
    const thread = await api.messaging.getThread('thread-blood-pressure', new AbortController().signal);
    expect(thread.messages.filter((m) => m.body === 'Sent from the train')).to.have.length(1);
  });
});

describe('<portal-messages> at 320 px', () => {
  const fits = (element: PortalMessages, where: string) => {
    expect(element.scrollWidth, `${where}: no sideways scroll`).to.be.at.most(element.clientWidth);
    for (const target of element.shadowRoot!.querySelectorAll<HTMLElement>('button, a, select, label.file-button')) {
      const { width, height } = target.getBoundingClientRect();
      if (width === 0 && height === 0) continue;
      expect(Math.min(width, height), `${where}: ${target.textContent!.trim() || target.localName}`).to.be.at.least(24);
    }
  };

  it('fits the inbox, a conversation with its reply box and files, and a new message, with targets of at least 24 px', async () => {
    const { element } = await mount<PortalMessages>(subject);
    element.style.display = 'block';
    element.style.width = '320px';
    await waitUntil(() => shadow(element, '[part~="thread"]'));
    fits(element, 'inbox');
    await openThread(element, 'lab results');
    type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'A long word: https://example.org/a/very/long/address/that/must/wrap/somewhere/in/the/box');
    await element.updateComplete;
    fits(element, 'conversation');
    (shadow(element, '[part~="back"]') as HTMLButtonElement | null)?.click();
    await waitUntil(() => shadow(element, '[part~="new"]'));
    (shadow(element, '[part~="new"]') as HTMLButtonElement).click();
    await waitUntil(() => shadow(element, '[part~="compose"] [part~="recipient"]'));
    fits(element, 'new message');
  });
});

describe('<portal-messages> loading the form ahead of need', () => {
  /** A draft store that counts how often the element asked whether anything is unsent (the form part asks on load). */
  const countingDrafts = () => {
    const drafts = freshDrafts();
    const asked = { count: 0 };
    return { asked, drafts: { ...drafts, hasAny: (patient: string) => (asked.count++, drafts.hasAny(patient)) } };
  };

  it('waits until the conversations show, then loads as soon as the person points at the element', async () => {
    const { asked, drafts } = countingDrafts();
    const { element } = await mount<PortalMessages>({ ...subject, template: () => html`<portal-messages .drafts=${drafts}></portal-messages>` });
    await waitUntil(() => shadow(element, '[part~="thread"]'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(asked.count, 'nothing loaded with the first render').to.equal(0);
    element.dispatchEvent(new PointerEvent('pointerenter'));
    await waitUntil(() => asked.count === 1, 'loaded when reached for');
    element.dispatchEvent(new PointerEvent('pointerenter'));
    element.dispatchEvent(new FocusEvent('focusin'));
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    expect(asked.count, 'once per patient').to.equal(1);
  });

  it('loads by itself a little after the conversations show', async () => {
    const { asked, drafts } = countingDrafts();
    const { element } = await mount<PortalMessages>({ ...subject, template: () => html`<portal-messages .drafts=${drafts}></portal-messages>` });
    await waitUntil(() => shadow(element, '[part~="thread"]'));
    expect(asked.count).to.equal(0);
    await waitUntil(() => asked.count === 1, 'loaded ahead', { timeout: 4_000 });
  });
});

describe('<portal-messages> when the connection drops during a send', () => {
  it('waits for the connection instead of failing, then sends the message once', async () => {
    const memory = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
    const online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    let offline = false;
    // The line goes while the send is on its way: the request fails as a network error and the browser is offline.
    const api: PortalApi = {
      ...memory,
      messaging: {
        ...memory.messaging,
        send: async (message, signal) => {
          if (!offline) {
            offline = true;
            Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
            memory.controls.set({ fail: { kind: 'network', operations: ['messaging.send'] } });
          }
          return memory.messaging.send(message, signal);
        },
      },
    };
    const { element, events } = await mount<PortalMessages>(subject, { api });
    try {
      await openThread(element, 'blood pressure');
      type(shadow(element, '[part~="body-input"]') as HTMLTextAreaElement, 'Sent as the train left the station');
      (shadow(element, '[part~="send"]') as HTMLButtonElement).click();
      await waitUntil(() => shadow(element, '[part~="send-state"]')?.textContent?.includes('offline'), 'waiting for the connection');
      expect(shadow(element, '[part~="send-state"][role="alert"]'), 'no failure shown').to.equal(null);
      expect(events.filter((e) => e.type === 'portal-error')).to.have.length(0);
      expect((shadow(element, '[part~="body-input"]') as HTMLTextAreaElement).value).to.equal('Sent as the train left the station');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      Object.defineProperty(Navigator.prototype, 'onLine', online);
    }
    memory.controls.set({ fail: undefined });
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => shadow(element, '[part~="send-state"][role="status"]')?.textContent?.includes('sent'), 'sent');
    const thread = await memory.messaging.getThread('thread-blood-pressure', new AbortController().signal);
    expect(thread.messages.filter((m) => m.body === 'Sent as the train left the station')).to.have.length(1);
  });
});

describe('<portal-messages> without a provider value yet', () => {
  it('renders nothing broken before its provider arrives', async () => {
    const element = await fixture<PortalMessages>(html`<portal-messages></portal-messages>`);
    expect(element.shadowRoot).to.not.equal(null);
  });
});
