import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createFhirAdapter } from '../src/api/fhir/adapter.js';
import { createDraftStore, type DraftStore } from '../src/elements/portal-messages/drafts.js';
import { MARKUP_STORY_BASE, markupMessagesFetch } from './support/markup-messages-server.js';
import { pressPart, shadowPart, storyElement } from './support/play.js';
import { STORY_PATIENT_ID, type PortalParameters } from './support/with-portal.js';

/** Drafts of each story live in memory only, so that a draft typed in one story never appears in another. */
const storyDrafts = () => createDraftStore({ indexedDB: {} as IDBFactory });

const meta: Meta = {
  title: 'Elements/portal-messages',
  component: 'portal-messages',
  tags: ['autodocs'],
  render: () => html`<portal-messages .drafts=${storyDrafts()} reply-days="3" billing-notice></portal-messages>`,
};
export default meta;

type Story = StoryObj;
const portal = (parameters: PortalParameters) => ({ portal: parameters });

const messages = (canvas: HTMLElement) => storyElement(canvas, 'portal-messages');
const openThread = async (canvas: HTMLElement, subject: string) => {
  const element = await messages(canvas);
  await pressPart(element, '[part~="thread"]', (button) => button.textContent!.includes(subject));
  return element;
};
const pickFiles = async (element: HTMLElement, files: File[]) => {
  const input = (await shadowPart(element, '[part~="attach"]')) as HTMLInputElement;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
};
/** The drafts, handed to the element only once `saved` has been written (a property the element reads on open). */
const withSaved = (drafts: DraftStore, saved: Promise<void>): DraftStore => ({
  ...drafts,
  load: async (patientId, scope) => (await saved, drafts.load(patientId, scope)),
});
/** A small PNG (a monitor's dark screen) and a minimal well-formed PDF: bytes that pass the element's check of what a file is. */
const MONITOR_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAPklEQVR42u3XMQ0AIAwAwcphYKx/PYQBDaggJc0lL+DWj7XPVwUQUGvQmFkSEBAQEBAQEBAQUBeQ6wACetAFABmRiGSK9pEAAAAASUVORK5CYII=';
const SMALL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
const typeReply = async (element: HTMLElement, text: string) => {
  const box = (await shadowPart(element, '[part~="body-input"]')) as HTMLTextAreaElement;
  box.value = text;
  box.dispatchEvent(new Event('input'));
};

/** The inbox: conversations newest first, unread ones marked and counted. */
export const Inbox: Story = {};
/** One conversation, oldest first, with its reply box; the clinician's drawing shows once its bytes prove it a PNG. */
export const Thread: Story = { play: async ({ canvasElement }) => void (await openThread(canvasElement, 'blood pressure')) };
/** A message taken back by its sender (`entered-in-error`) reads "withdrawn"; its words are never shown. */
export const WithdrawnMessage: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    (await shadowPart(element, '[part~="message"][data-withdrawn]'))?.scrollIntoView({ block: 'center' });
  },
};
/** A conversation whose answer carries a PDF: offered as a download, never opened in the page. */
export const WithAttachment: Story = { play: async ({ canvasElement }) => void (await openThread(canvasElement, 'lab results')) };
/**
 * Bodies a server stored as markup (an XHTML attachment with a script, a tracking image and a link; HTML with line
 * breaks and entities; a narrative only), read by the real FHIR adapter: plain words, nothing run or loaded.
 */
export const HtmlBodyAsText: Story = {
  parameters: portal({
    api: () => createFhirAdapter({ baseUrl: MARKUP_STORY_BASE, fetch: markupMessagesFetch(), auth: { getAccessToken: async () => 'story', patientId: STORY_PATIENT_ID } }),
  }),
  play: async ({ canvasElement }) => void (await openThread(canvasElement, 'blood test')),
};
/** A reply being written: the live counter, the reply-by date and the notices. */
export const Reply: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    await typeReply(element, 'My readings this week: 128/82, 131/85 and 126/80. I still feel a little dizzy in the morning.');
  },
};
/** Writing to the care team: recipient, topic, subject, the live counter and the notices. */
export const NewMessage: Story = { play: async ({ canvasElement }) => void (await pressPart(await messages(canvasElement), '[part~="new"]')) };
/** "Send" pressed with nothing filled in: each problem beside its field, as an alert. */
export const NewMessageProblems: Story = {
  play: async ({ canvasElement }) => {
    const element = await messages(canvasElement);
    await pressPart(element, '[part~="new"]');
    await pressPart(element, '[part~="send"]');
  },
};
/** A reply on its way: the text stays in the box, read-only, until the server answers. */
export const Sending: Story = {
  parameters: portal({ memory: { latencyMs: 0 } }),
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    await typeReply(element, 'My readings this week: 128/82, 131/85 and 126/80.');
    (element as unknown as { api: { controls: { set(p: object): void } } }).api.controls.set({ latencyMs: 1e9 });
    await pressPart(element, '[part~="send"]');
  },
};
/** The server stored the reply: it shows in the conversation and the box is empty again. */
export const Sent: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    await typeReply(element, 'My readings this week: 128/82, 131/85 and 126/80.');
    await pressPart(element, '[part~="send"]');
  },
};
/** The send failed (the server is down): the text is kept and "Send again" offered. */
export const FailedSend: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    await typeReply(element, 'My readings this week: 128/82, 131/85 and 126/80.');
    (element as unknown as { api: { controls: { set(p: object): void } } }).api.controls.set({ fail: { kind: 'server', operations: ['messaging.send'] } });
    await pressPart(element, '[part~="send"]');
  },
};
/** The server stored the reply but its answer was lost: the person is told that sending again is safe. */
export const LostAnswer: Story = {
  parameters: portal({ memory: { loseSendAnswer: true } }),
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    await typeReply(element, 'My readings this week: 128/82, 131/85 and 126/80.');
    await pressPart(element, '[part~="send"]');
  },
};
/** Sent while offline: the reply waits in its box, and goes by itself when the connection returns. */
export const OfflineQueue: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    await typeReply(element, 'Sent from the train: 128/82 this morning.');
    // The browser reports offline for the press only; the reply then waits for an `online` event, which the
    // story never fires.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await pressPart(element, '[part~="send"]');
      await shadowPart(element, '[part~="send-state"]');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  },
};
/** Back after a reload (or a timeout and a new sign-in): what was being written is in the box, with a note saying so. */
export const RestoredDraft: Story = {
  render: () => {
    const drafts: DraftStore = storyDrafts();
    const saved = drafts.save(STORY_PATIENT_ID, 'thread-blood-pressure', { text: 'Monday 128/82, Tuesday 131/85, Wednesday' });
    return html`<portal-messages .drafts=${withSaved(drafts, saved)} reply-days="3"></portal-messages>`;
  },
  play: async ({ canvasElement }) => void (await openThread(canvasElement, 'blood pressure')),
};
export const Empty: Story = { parameters: portal({ memory: { empty: true } }) };
export const Loading: Story = { parameters: portal({ memory: { latencyMs: 1e9 } }) };
export const ServerError: Story = { parameters: portal({ memory: { fail: 'server' } }) };
export const NetworkError: Story = { parameters: portal({ memory: { fail: 'network' } }) };
export const SignedOut: Story = { parameters: portal({ session: 'signed-out' }) };
export const SessionExpired: Story = { parameters: portal({ session: 'expired' }) };
/** Signed in, but messaging was not granted: "not available", and no request. */
export const NotPermitted: Story = { parameters: portal({ grantedScopes: ['launch/patient', 'patient/Patient.r'] }) };
export const NotConfigured: Story = { parameters: portal({ noApi: true }) };
export const Spanish: Story = { globals: { locale: 'es' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const WhiteLabel: Story = { globals: { theme: 'white-label' } };
export const Compact: Story = {
  parameters: { viewport: { defaultViewport: 'mobile1' } },
  render: () => html`<div style="max-width:320px"><portal-messages .drafts=${storyDrafts()}></portal-messages></div>`,
};
/** "Sign out" pressed with a message half written: keep it for the next sign-in, discard it, or go back. */
export const SignOutWithUnsentMessage: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    await typeReply(element, 'I will send my readings tomorrow, and');
    document.dispatchEvent(new CustomEvent('portal-sign-out-requested', { detail: {}, cancelable: true }));
  },
};
/** A photo and a PDF attached to a reply (the photo leaves without its location), each removable before sending. */
export const AttachmentsPicked: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    const photo = await (await fetch(MONITOR_PNG)).blob();
    await pickFiles(element, [
      new File([photo], 'monitor.png', { type: 'image/png' }),
      new File([SMALL_PDF], 'readings.pdf', { type: 'application/pdf' }),
    ]);
  },
};
/** Files refused before upload, each with its reason: one that is not what its name says, one too large. */
export const AttachmentRefused: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    await pickFiles(element, [
      new File(['MZ not a picture'], 'readings.png', { type: 'image/png' }),
      new File([new Uint8Array(11 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' }),
    ]);
  },
};
