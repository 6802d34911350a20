import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../../api/errors.js';
import type { PortalApi } from '../../api/portal-api.js';
import type { AttachmentMeta, MessageLimits, UploadedAttachment } from '../../model/messaging.js';
import { checkAttachment, sniffType, stripJpegMetadata } from './attachment-bytes.js';

/** Why a picked file was not attached, each said in words by the element. */
export type RefusalReason = 'empty' | 'too-large' | 'unknown-type' | 'type-not-allowed' | 'too-many' | 'upload-failed' | 'unreadable';

export interface Refusal {
  name: string;
  reason: RefusalReason;
}

/** A received attachment once opened: an image shown inline, or bytes offered as a download. */
export type OpenedAttachment =
  | { status: 'loading' }
  | { status: 'image'; url: string }
  | { status: 'download'; url: string }
  | { status: 'error'; error: unknown };

export type AttachmentRules = Pick<MessageLimits, 'maxAttachments' | 'maxBytes' | 'contentTypes'>;

export interface AttachmentsOptions {
  api(): PortalApi | undefined;
  /** The limits that apply now: the recipient's, under the host's ceiling. */
  rules(): AttachmentRules;
  /** What the draft already carries. */
  attached(): readonly UploadedAttachment[];
  /** A file passed every check and is stored on the server: the draft now carries it. */
  onAttached(attachment: UploadedAttachment): void;
  onError(error: unknown): void;
}

/** Images the element may draw itself; anything else (PDF, HTML, SVG) is only ever a download. */
const INLINE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Files on both sides of a conversation. Picked files are judged by their bytes (never their name), photos leave
 * without their metadata (a JPEG's EXIF, GPS included), and each is uploaded before the send that carries it.
 * Received files are fetched only through the adapter, and an image is drawn only when its bytes are the image
 * type it claims.
 */
export class AttachmentsController implements ReactiveController {
  refusals: Refusal[] = [];
  uploading = 0;
  private readonly opened = new Map<string, OpenedAttachment>();
  private readonly urls: string[] = [];
  private abort = new AbortController();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AttachmentsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.abort = new AbortController();
  }

  hostDisconnected(): void {
    this.abort.abort();
    // Bytes of another person's message never outlive the element that showed them.
    this.urls.forEach((url) => URL.revokeObjectURL(url));
    this.urls.length = 0;
    this.opened.clear();
  }

  /** Checks, cleans and uploads the picked files, one by one; the refused ones are listed with their reason. */
  async add(files: readonly File[]): Promise<void> {
    this.refusals = [];
    const rules = this.options.rules();
    let room = rules.maxAttachments - this.options.attached().length - this.uploading;
    for (const file of files) {
      if (room <= 0) {
        this.refusals.push({ name: file.name, reason: 'too-many' });
        continue;
      }
      room--;
      this.uploading++;
      this.host.requestUpdate();
      try {
        const attachment = await this.prepareAndUpload(file, rules);
        if ('reason' in attachment) this.refusals.push(attachment);
        else this.options.onAttached(attachment);
      } finally {
        this.uploading--;
        this.host.requestUpdate();
      }
    }
  }

  private async prepareAndUpload(file: File, rules: AttachmentRules): Promise<UploadedAttachment | Refusal> {
    const name = file.name;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return { name, reason: 'unreadable' };
    }
    const check = checkAttachment(bytes, rules);
    if (!check.ok) return { name, reason: check.reason };
    if (check.contentType === 'image/jpeg') {
      const stripped = stripJpegMetadata(bytes);
      // A JPEG whose structure cannot be followed might keep its location: refused rather than sent.
      if (!stripped) return { name, reason: 'unreadable' };
      bytes = stripped;
    }
    const api = this.options.api();
    if (!api) return { name, reason: 'upload-failed' };
    try {
      return await api.messaging.uploadAttachment({ name, contentType: check.contentType, bytes: new Blob([bytes], { type: check.contentType }) }, this.abort.signal);
    } catch (error) {
      if (!isAbortError(error)) this.options.onError(error);
      return { name, reason: 'upload-failed' };
    }
  }

  /** Where a received attachment stands, by its key in the conversation. */
  state(key: string): OpenedAttachment | undefined {
    return this.opened.get(key);
  }

  /** Fetches a received attachment through the adapter and decides how it may be shown. */
  async open(key: string, attachment: AttachmentMeta): Promise<void> {
    const api = this.options.api();
    if (!api || this.opened.get(key)?.status === 'loading') return;
    this.opened.set(key, { status: 'loading' });
    this.host.requestUpdate();
    try {
      const blob = await api.messaging.fetchAttachment(attachment, this.abort.signal);
      const head = new Uint8Array(await blob.slice(0, 16).arrayBuffer());
      const declared = (attachment.contentType ?? blob.type).split(';')[0]!.trim().toLowerCase();
      const sniffed = sniffType(head);
      const inline = sniffed !== undefined && sniffed === declared && INLINE_IMAGES.has(sniffed);
      // A download is typed as opaque bytes, so that the browser never renders HTML or SVG from it in this origin.
      const url = URL.createObjectURL(inline ? blob : new Blob([blob], { type: 'application/octet-stream' }));
      this.urls.push(url);
      this.opened.set(key, { status: inline ? 'image' : 'download', url });
    } catch (error) {
      if (isAbortError(error)) return;
      this.opened.set(key, { status: 'error', error });
      this.options.onError(error);
    } finally {
      this.host.requestUpdate();
    }
  }
}
