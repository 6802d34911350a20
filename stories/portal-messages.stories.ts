import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createDraftStore } from '../src/elements/portal-messages/drafts.js';
import { pressPart, shadowPart, storyElement } from './support/play.js';
import type { PortalParameters } from './support/with-portal.js';

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
const typeReply = async (element: HTMLElement, text: string) => {
  const box = (await shadowPart(element, '[part~="body-input"]')) as HTMLTextAreaElement;
  box.value = text;
  box.dispatchEvent(new Event('input'));
};

/** The inbox: conversations newest first, unread ones marked and counted. */
export const Inbox: Story = {};
/** One conversation, oldest first, with its reply box; a message taken back by its sender reads "withdrawn". */
export const Thread: Story = { play: async ({ canvasElement }) => void (await openThread(canvasElement, 'blood pressure')) };
/** A conversation whose answer carries a file. */
export const WithAttachment: Story = { play: async ({ canvasElement }) => void (await openThread(canvasElement, 'lab results')) };
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
/** Files picked for a reply: a photo attached (sent without its location), a file that is not what its name says refused. */
export const AttachmentRefused: Story = {
  play: async ({ canvasElement }) => {
    const element = await openThread(canvasElement, 'blood pressure');
    const input = (await shadowPart(element, '[part~="attach"]')) as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['MZ not a picture'], 'readings.png', { type: 'image/png' }));
    transfer.items.add(new File([new Uint8Array(11 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
  },
};
