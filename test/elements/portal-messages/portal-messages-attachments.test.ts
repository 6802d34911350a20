import { expect, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { PortalApi } from '../../../src/api/portal-api.js';
import { sizeWords } from '../../../src/elements/portal-messages/compose-view.js';
import { createDraftStore } from '../../../src/elements/portal-messages/drafts.js';
import type { PortalMessages } from '../../../src/elements/portal-messages/portal-messages.js';
import type { AttachmentMeta, Message, UploadedAttachment } from '../../../src/model/messaging.js';
import { mount } from '../../contract/element-contract.js';
import { shadow } from '../../support/dom.js';

const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];

async function photoWithLocation(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 8;
  canvas.height = 4;
  canvas.getContext('2d')!.fillRect(0, 0, 8, 4);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
  const jpeg = new Uint8Array(await blob.arrayBuffer());
  const gps = segment(0xe1, [...text('Exif\0\0'), ...text('MM'), 0, 0x2a, 0, 0, 0, 8, ...text('GPSLatitude 40.7128N')]);
  return new File([Uint8Array.from([...jpeg.subarray(0, 2), ...gps, ...jpeg.subarray(2)])], 'IMG_0042.jpg', { type: 'image/jpeg' });
}

/** A memory adapter whose uploads are kept for inspection and whose files are served from `served`. */
function recordingApi(served: Record<string, Blob> = {}) {
  const memory = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
  const uploads: Array<{ name: string; contentType: string; bytes: Uint8Array }> = [];
  const sent: Array<UploadedAttachment[] | undefined> = [];
  const api: PortalApi = {
    ...memory,
    messaging: {
      ...memory.messaging,
      uploadAttachment: async (file, signal) => {
        uploads.push({ name: file.name, contentType: file.contentType, bytes: new Uint8Array(await file.bytes.arrayBuffer()) });
        return memory.messaging.uploadAttachment(file, signal);
      },
      send: (message, signal) => {
        sent.push(message.attachments);
        return memory.messaging.send(message, signal);
      },
      fetchAttachment: async (attachment: AttachmentMeta, signal) => served[attachment.url ?? ''] ?? memory.messaging.fetchAttachment(attachment, signal),
    },
  };
  return { api, uploads, sent };
}

const subject = {
  tag: 'portal-messages',
  template: () => html`<portal-messages .drafts=${createDraftStore({ indexedDB: {} as IDBFactory })}></portal-messages>`,
  readySelector: '[part~="inbox"]',
  loadOperation: 'messaging.listThreads',
};

async function openThread(element: PortalMessages, subjectText: string) {
  await waitUntil(() => shadow(element, '[part~="thread"]'));
  [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="thread"]')].find((b) => b.textContent!.includes(subjectText))!.click();
  await waitUntil(() => shadow(element, '[part~="messages"]') && shadow(element, '[part~="attach"]'));
}

function pick(element: PortalMessages, files: File[]) {
  const input = shadow(element, '[part~="attach"]') as HTMLInputElement;
  const transfer = new DataTransfer();
  files.forEach((file) => transfer.items.add(file));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

describe('<portal-messages> attachments', () => {
  it('sends a photo without its location, and refuses a file whose bytes are not what its name says', async () => {
    const { api, uploads, sent } = recordingApi();
    const { element } = await mount<PortalMessages>(subject, { api });
    await openThread(element, 'blood pressure');
    const fake = new File([new TextEncoder().encode('MZ this is a program')], 'readings.png', { type: 'image/png' });
    pick(element, [await photoWithLocation(), fake]);
    await waitUntil(() => shadow(element, '[part~="attached"]') && shadow(element, '[part~="attach-refused"]'), 'judged');
    expect(shadow(element, '[part~="attach-refused"]')!.textContent).to.contain('“readings.png” was not attached: only photos');
    expect(shadow(element, '[part~="attached"]')!.textContent).to.contain('IMG_0042.jpg');
    expect(uploads).to.have.length(1);
    expect(uploads[0]!.contentType).to.equal('image/jpeg');
    expect(new TextDecoder('latin1').decode(uploads[0]!.bytes)).to.not.contain('GPSLatitude');
    await expect(element).to.be.accessible();

    const box = shadow(element, '[part~="body-input"]') as HTMLTextAreaElement;
    box.value = 'Photo of the rash.';
    box.dispatchEvent(new Event('input'));
    (shadow(element, '[part~="send"]') as HTMLButtonElement).click();
    await waitUntil(() => shadow(element, '[part~="send-state"][role="status"]'), 'sent');
    expect(sent.at(-1)?.map((a) => a.title)).to.deep.equal(['IMG_0042.jpg']);
    expect(shadow(element, '[part~="attached"]'), 'the box is empty again').to.equal(null);
  });

  it('takes no more files than the recipient or the host allows', async () => {
    const { api } = recordingApi();
    const { element } = await mount<PortalMessages>(
      { ...subject, template: () => html`<portal-messages .drafts=${createDraftStore({ indexedDB: {} as IDBFactory })} max-attachments="1"></portal-messages>` },
      { api },
    );
    await openThread(element, 'blood pressure');
    pick(element, [await photoWithLocation(), await photoWithLocation()]);
    await waitUntil(() => shadow(element, '[part~="attach-refused"]'), 'judged');
    expect(shadow(element, '[part~="attach-refused"]')!.textContent).to.contain('1 files at most');
    expect(element.shadowRoot!.querySelectorAll('[part~="attached"] li')).to.have.length(1);
  });

  it('draws a received image only when its bytes are that image, and offers anything else as a download', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const served: Record<string, Blob> = {
      'x/real.png': new Blob([png], { type: 'image/png' }),
      'x/page.png': new Blob([new TextEncoder().encode('<svg onload="window.__xss=1"></svg>')], { type: 'image/png' }),
    };
    const { api } = recordingApi(served);
    const thread = await api.messaging.getThread('thread-blood-pressure', new AbortController().signal);
    const withFiles: Message = {
      ...thread.messages[1]!,
      attachments: [
        { title: 'real.png', contentType: 'image/png', url: 'x/real.png' },
        { title: 'page.png', contentType: 'image/png', url: 'x/page.png' },
      ],
    };
    const patched: PortalApi = {
      ...api,
      messaging: { ...api.messaging, getThread: async () => ({ ...thread, messages: [thread.messages[0]!, withFiles] }) },
    };
    const { element } = await mount<PortalMessages>(subject, { api: patched });
    await openThread(element, 'blood pressure');
    const buttons = () => [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="open-attachment"]')];
    expect(buttons().map((b) => b.textContent!.trim())).to.deep.equal(['Open real.png', 'Open page.png']);
    buttons().forEach((b) => b.click());
    await waitUntil(() => shadow(element, '.image img') && shadow(element, '[part~="download"]'), 'opened');
    expect(element.shadowRoot!.querySelectorAll('img')).to.have.length(1);
    expect((shadow(element, '[part~="download"]') as HTMLAnchorElement).textContent).to.equal('Download page.png');
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    await expect(element).to.be.accessible();
  });
});

describe('file sizes in words', () => {
  it('never says "0 MB" for a small file, and speaks the element language', () => {
    expect(sizeWords(246, 'en')).to.equal('1 kB');
    expect(sizeWords(245_000, 'en')).to.equal('240 kB');
    expect(sizeWords(10 * 1_048_576, 'en')).to.equal('10 MB');
    expect(sizeWords(1.5 * 1_048_576, 'es')).to.equal('1.5 MB');
  });
});
