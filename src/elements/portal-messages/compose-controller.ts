import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, isApiError, outcomeUnknown } from '../../api/errors.js';
import type { PortalApi } from '../../api/portal-api.js';
import type { Message, NewMessage } from '../../model/messaging.js';
import type { Draft, DraftStore } from './drafts.js';

/**
 * Where one message being written stands. The text stays in the box in every state but `sent`: it is cleared only
 * once the server has answered with the stored message's id.
 */
export type SendState =
  | { status: 'draft' }
  | { status: 'sending' }
  /** Sent while the browser was offline: it goes by itself when the connection returns. */
  | { status: 'waiting-online' }
  | { status: 'sent'; message: Message }
  /** `unknown`: no answer came, so it may have been stored; sending again with the same key is safe. */
  | { status: 'failed'; error: unknown; unknown: boolean };

export interface ComposeOptions {
  api(): PortalApi | undefined;
  /** Whose draft this is (the signed-in patient); no patient: nothing is saved. */
  patientId(): string | undefined;
  /** Where drafts are kept (read on each use, so a host may swap it). */
  drafts(): DraftStore;
  /** How long to wait after the last keystroke before saving (ms). */
  saveDelayMs?: number;
  onSent(message: Message): void;
  onError(error: unknown): void;
  /** A draft was saved or discarded on the device. */
  onStored?: () => void;
  /** The browser's connectivity, for tests. */
  online?: () => boolean;
  /** Where `online` events come from, for tests. */
  connectivity?: EventTarget;
}

const EMPTY: Draft = { text: '' };

/**
 * One message being written, in one scope (a thread's id, or `new`): its draft, saved encrypted on this device as
 * it is typed and restored on the next open, and its send, exactly once per idempotency key.
 */
export class ComposeController implements ReactiveController {
  draft: Draft = EMPTY;
  state: SendState = { status: 'draft' };
  /** A saved draft came back when this scope opened (the element says so once). */
  restored = false;
  private scope: string | undefined;
  private patient: string | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private pending: NewMessage | undefined;
  private abort: AbortController | undefined;
  private readonly onOnline = () => {
    if (this.state.status === 'waiting-online' && this.pending) void this.run(this.pending);
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ComposeOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    (this.options.connectivity ?? globalThis).addEventListener('online', this.onOnline);
  }

  hostDisconnected(): void {
    (this.options.connectivity ?? globalThis).removeEventListener('online', this.onOnline);
    // What was typed last is saved now rather than lost with the timer.
    if (this.saveTimer !== undefined) void this.saveNow();
    this.abort?.abort();
  }

  /** Opens a scope: the patient's saved draft for it, if any, comes back into the box. */
  async open(scope: string): Promise<void> {
    const patient = this.options.patientId();
    // Another patient on this device opens the same scope afresh: their drafts are not this one's.
    if (this.scope === scope && this.patient === patient) return;
    if (this.saveTimer !== undefined && this.patient === patient) await this.saveNow();
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.scope = scope;
    this.patient = patient;
    this.draft = EMPTY;
    this.state = { status: 'draft' };
    this.restored = false;
    this.host.requestUpdate();
    if (!patient) return;
    const saved = await this.options.drafts().load(patient, scope).catch(() => undefined);
    // The person may have started typing (or moved on) while the draft was being read: what they typed wins.
    if (this.scope !== scope || this.draft !== EMPTY || !saved) return;
    const { savedAt: _savedAt, ...draft } = saved;
    this.draft = draft;
    this.restored = draft.text.length > 0;
    this.host.requestUpdate();
  }

  /** Whether the box holds anything the person would lose: text, a subject or a file. */
  hasContent(): boolean {
    return Boolean(this.draft.text || this.draft.subject || this.draft.attachments?.length);
  }

  /** Forgets every draft of the patient on this device (the person chose to discard on sign-out). */
  async discardAll(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.draft = EMPTY;
    this.restored = false;
    if (this.patient) await this.options.drafts().discardAll(this.patient).catch(() => undefined);
    this.host.requestUpdate();
  }

  /** The person typed or picked something: kept at once in memory, saved on the device shortly after. */
  edit(change: Partial<Draft>): void {
    this.draft = { ...this.draft, ...change };
    if (this.state.status === 'sent') this.state = { status: 'draft' };
    this.host.requestUpdate();
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(), this.options.saveDelayMs ?? 400);
  }

  private async saveNow(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const { patient, scope } = this;
    if (!patient || !scope) return;
    const drafts = this.options.drafts();
    await (this.hasContent() ? drafts.save(patient, scope, this.draft) : drafts.discard(patient, scope)).catch(() => undefined);
    this.options.onStored?.();
  }

  /**
   * Sends the draft as `message` (built by the element from it). The key is made once per draft and saved with it
   * before anything leaves the device, so a retry, a reload or a lost answer reuses it.
   */
  async send(message: Omit<NewMessage, 'clientRequestId'>): Promise<void> {
    if (this.state.status === 'sending' || this.state.status === 'waiting-online') return;
    // Busy at once, before the draft is saved: a second press in between must not start a second send.
    this.state = { status: 'sending' };
    this.host.requestUpdate();
    const clientRequestId = this.draft.clientRequestId ?? crypto.randomUUID();
    if (!this.draft.clientRequestId) {
      this.draft = { ...this.draft, clientRequestId };
    }
    await this.saveNow();
    await this.run({ ...message, clientRequestId });
  }

  private isOnline(): boolean {
    return this.options.online?.() ?? navigator.onLine;
  }

  private async run(message: NewMessage): Promise<void> {
    const api = this.options.api();
    if (!api) return;
    this.pending = message;
    if (!this.isOnline()) {
      this.state = { status: 'waiting-online' };
      this.host.requestUpdate();
      return;
    }
    this.state = { status: 'sending' };
    this.host.requestUpdate();
    this.abort = new AbortController();
    const scope = this.scope;
    try {
      const stored = await api.messaging.send(message, this.abort.signal);
      this.pending = undefined;
      const { patient } = this;
      // Only now, with the server's answer carrying the message's id, does the text leave the box.
      if (patient && scope) await this.options.drafts().discard(patient, scope).catch(() => undefined);
      this.options.onStored?.();
      if (this.scope === scope) {
        this.draft = EMPTY;
        this.restored = false;
        this.state = { status: 'sent', message: stored };
      }
      this.options.onSent(stored);
    } catch (error) {
      if (isAbortError(error)) return;
      // The connection dropped during the send: wait for it like a send made offline. The retry reuses the
      // same key, so the adapter finds the message if the server stored it before the line went.
      if (isApiError(error) && error.kind === 'network' && !this.isOnline()) {
        this.state = { status: 'waiting-online' };
        return;
      }
      this.state = { status: 'failed', error, unknown: outcomeUnknown(error) };
      this.options.onError(error);
    } finally {
      this.host.requestUpdate();
    }
  }
}
