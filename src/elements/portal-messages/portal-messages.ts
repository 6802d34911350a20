import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SCOPES } from '../../auth/scopes.js';
import { PortalElement, type AccessDeclaration } from '../../base/portal-element.js';
import { contentStyles } from '../../styles/content.js';
import { surfaceStyles } from '../../styles/tokens.js';
import { formatFhirDate } from '../../i18n/index.js';
import type { ListResult } from '../../model/common.js';
import type { Message, Recipient, Thread, ThreadWithMessages } from '../../model/messaging.js';
import { replyByDay } from '../../time/business-days.js';
import { dateTimeFormat } from '../../time/intl.js';
import { renderError, renderLoading, stateStyles } from '../../ui/state-view.js';
import { LazyPartController } from '../../controllers/lazy-part.js';
import { LoadAheadController } from '../../controllers/load-ahead.js';
import type { AttachmentRules } from './attachments-controller.js';
import type { DraftStore } from './drafts.js';
import { renderInbox } from './inbox-view.js';
import { viewerZone } from './message-time.js';
import { PollController } from './poll-controller.js';
import { messagesStyles } from './portal-messages.styles.js';
import { messagesStrings, type MessagesL10n } from './strings.js';
import { SignOutGuard } from './sign-out-guard.js';
import { renderThread } from './thread-view.js';
import type { Writing } from './writing.js';

/** MyChart's limit, and the default when neither the host nor the recipient says otherwise. */
const DEFAULT_MAX_LENGTH = 1500;
/** Oracle Health's portal takes five files a message; 10 MB keeps a photo from a phone. */
const DEFAULT_MAX_ATTACHMENTS = 5;
const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const DEFAULT_FILE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const WEEKDAY = { weekday: 'long' } as const;
/** The form, drafts, sending and files: fetched on first use, or ahead of it once a patient is signed in. */
const loadWriting = () => import('./writing.js');
/** How long after the first conversations show the form's code loads by itself, if nobody reached for it before. */
const WRITING_AHEAD_MS = 2_000;

type View = { name: 'inbox' } | { name: 'thread'; threadId: string } | { name: 'new' };

/**
 * @tagname portal-messages
 * @summary Secure messages with the care team: conversations, replies and a message box that never loses what the
 * patient wrote (saved encrypted on the device as it is typed; sent exactly once).
 *
 * @csspart inbox - The list of conversations.
 * @csspart threads - The conversations' list element.
 * @csspart thread - One conversation in the list (a button).
 * @csspart empty - The notice when there are no conversations.
 * @csspart refresh - "Check for new messages".
 * @csspart thread-view - One open conversation.
 * @csspart back - "Back to your conversations".
 * @csspart messages - The messages of a conversation, oldest first.
 * @csspart message - One message.
 * @csspart body - A message's text.
 * @csspart attachments - A message's files.
 * @csspart open-attachment - "Open …" on a received file.
 * @csspart download - A received file offered as a download.
 * @csspart attachments-input - Picking files to send.
 * @csspart attach - The file picker (out of sight; its label is the button).
 * @csspart attach-button - The button that opens the file picker.
 * @csspart attach-hint - How many files, how large.
 * @csspart attach-refused - Files that were not attached, and why.
 * @csspart attached - Files the message will carry.
 * @csspart remove-attachment - Removes one of them.
 * @csspart compose - The form for a new message or a reply.
 * @csspart recipient - Who to write to.
 * @csspart topic - The topic picker.
 * @csspart subject - The subject field.
 * @csspart body-input - The message box.
 * @csspart counter - The live character count.
 * @csspart emergency - The "not for emergencies" notice.
 * @csspart reply-by - When to expect a reply.
 * @csspart billing - The optional billing notice.
 * @csspart draft-restored - Says a saved draft came back.
 * @csspart send-state - Sending, sent, failed or waiting for the connection.
 * @csspart sign-out-question - Asks before an explicit sign-out discards an unsent message.
 * @csspart keep-draft - "Keep it and sign out".
 * @csspart discard-draft - "Discard it and sign out".
 * @csspart cancel-sign-out - "Go back to my message".
 * @csspart button - Every button (with `new`, `send`, `retry`, `sign-in`).
 * @csspart state - Loading, error, signed-out and not-configured boxes.
 *
 * @cssproperty --portal-color-accent - Unread marker, buttons and links.
 * @cssproperty --portal-color-surface-raised - Messages from the care team.
 * @cssproperty --portal-color-warning-surface - The emergency and offline notices.
 * @cssproperty --portal-color-danger-surface - A failed send.
 * @cssproperty --portal-color-success-surface - A sent message.
 *
 * @fires portal-message-sent - The server stored a message (message and thread ids, attachment count).
 * @fires portal-message-read - A conversation's unread messages were marked read (thread id, count).
 * @fires portal-auth-required - No patient is signed in (or the session lapsed).
 * @fires portal-error - A request failed; detail carries the error kind only.
 */
export class PortalMessages extends PortalElement {
  static override tagName = 'portal-messages';
  static override styles = [...(PortalElement.styles as []), stateStyles, surfaceStyles, contentStyles, messagesStyles];
  static override access: AccessDeclaration = { session: 'required', scopes: [SCOPES.messages, SCOPES.careTeams] };
  static override strings = messagesStrings;
  declare protected readonly l10n: MessagesL10n;

  /** The longest message, in characters; a recipient's own limit applies when smaller. */
  @property({ type: Number, attribute: 'max-length' }) maxLength = DEFAULT_MAX_LENGTH;
  /** Business days within which the practice answers ("expect a reply by …"); 0 or absent: no promise is shown. */
  @property({ type: Number, attribute: 'reply-days' }) replyDays = 3;
  /** The practice's IANA zone, for counting its business days; the reader's own when absent. */
  @property({ attribute: 'practice-zone' }) practiceZone?: string;
  /** Most files one message may carry; a recipient's own smaller limit wins (0: no files). */
  @property({ type: Number, attribute: 'max-attachments' }) maxAttachments = DEFAULT_MAX_ATTACHMENTS;
  /** Largest file, in bytes; a recipient's own smaller limit wins. */
  @property({ type: Number, attribute: 'max-file-bytes' }) maxFileBytes = DEFAULT_MAX_FILE_BYTES;
  /** Show the notice that messages needing a medical evaluation may be billed. */
  @property({ type: Boolean, attribute: 'billing-notice' }) billingNotice = false;
  /** Seconds between checks for new messages while the tab is visible. */
  @property({ type: Number, attribute: 'poll-seconds' }) pollSeconds = 60;
  /** @internal Where drafts are kept (tests and stories pass their own). */
  @property({ attribute: false }) drafts?: DraftStore;

  @state() private view: View = { name: 'inbox' };
  @state() private showProblems = false;
  @state() private announcement = '';
  private since: string | undefined;
  private focusAfterRender: string | undefined;

  private readonly threads = this.loader<ListResult<Thread>>((api, signal) => api.messaging.listThreads(signal));
  private readonly recipients = this.loader<ListResult<Recipient>>((api, signal) => api.messaging.listRecipients(signal));
  private readonly thread = this.loader<ThreadWithMessages | undefined>(
    async (api, signal) => {
      if (this.view.name !== 'thread') return undefined;
      const data = await api.messaging.getThread(this.view.threadId, signal);
      const unread = data.messages.filter((m) => !m.fromPatient && !m.read).length;
      if (unread > 0) void this.markRead(data.thread.id, unread);
      return data;
    },
    { inputs: () => (this.view.name === 'thread' ? this.view.threadId : undefined) },
  );

  private readonly writing = new LazyPartController<Writing>(this, {
    operation: 'messaging.send',
    onError: (error) => this.reportError(error),
    load: async () =>
      (await loadWriting()).createWriting(this, {
        compose: {
          api: () => this.api,
          patientId: () => this.patientId(),
          drafts: () => this.drafts,
          onSent: (message) => this.sent(message),
          onError: (error) => this.reportError(error),
          onStored: () => void this.refreshUnsent(),
        },
        attachments: { api: () => this.api, rules: () => this.attachmentRules(), onError: (error) => this.reportError(error) },
      }),
  });

  /** Whether the patient has a saved draft anywhere on this device (another conversation's included). */
  private unsentSaved = false;
  // Signed in, a while after the conversations are on screen (or as soon as the person reaches for the element):
  // the form's code comes ahead of need, and with it what the patient left unsent on this device.
  private readonly ahead = new LoadAheadController(this, {
    key: () => (this.access.allowed ? this.patientId() : undefined),
    settled: () => this.threads.state.status === 'ready' || this.threads.state.status === 'error',
    load: () => void this.writing.ready(() => this.requestUpdate(), { quiet: true }).then(() => this.refreshUnsent()),
    delayMs: WRITING_AHEAD_MS,
  });
  private readonly signOutGuard = new SignOutGuard(this, {
    document: this.ownerDocument,
    hasUnsent: () => Boolean(this.writing.value?.compose.hasContent()) || this.unsentSaved,
    discard: async () => {
      await this.writing.value?.compose.discardAll();
      this.unsentSaved = false;
    },
    signOut: () => this.sessionActions?.signOut(),
    dialog: () => this.renderRoot.querySelector('dialog'),
  });

  private readonly poll = new PollController(this, {
    intervalSeconds: () => Math.max(15, this.pollSeconds),
    enabled: () => Boolean(this.api) && this.access.allowed,
    check: async (signal) => {
      const api = this.api!;
      const changes = await api.messaging.changesSince(this.since ?? new Date().toISOString(), signal);
      const first = this.since === undefined;
      this.since = changes.next;
      return first ? 0 : changes.threads.length;
    },
    onChanges: (count) => {
      void this.threads.reload();
      if (this.view.name === 'thread') void this.thread.reload();
      // Once per batch, never once per poll that found nothing.
      this.announce(count === 1 ? this.l10n.t('messages.arrivedOne') : this.l10n.t('messages.arrived'));
    },
  });

  private patientId(): string | undefined {
    return this.session?.status === 'signed-in' ? this.session.patientId : undefined;
  }

  private async refreshUnsent(): Promise<void> {
    const patient = this.patientId();
    const writing = this.writing.value;
    this.unsentSaved = Boolean(patient && writing && (await writing.hasSaved(patient)));
  }

  protected override willUpdate(): void {
    const signedIn = this.patientId() !== undefined && this.access.allowed;
    const scope = this.view.name === 'thread' ? this.view.threadId : this.view.name === 'new' ? 'new' : undefined;
    if (scope && signedIn) void this.writing.ready(() => this.requestUpdate()).then((writing) => writing?.compose.open(scope));
  }

  protected override updated(): void {
    if (!this.focusAfterRender) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }

  private go(view: View, focus: string): void {
    this.view = view;
    this.showProblems = false;
    this.focusAfterRender = focus;
  }

  private async markRead(threadId: string, count: number): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      await api.messaging.markRead(threadId, new AbortController().signal);
      this.emit('portal-message-read', { threadId, count });
      void this.threads.reload();
    } catch (error) {
      this.reportError(error);
    }
  }

  private announce(text: string): void {
    // The same words twice in a row are announced again only if the region changes in between.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private sent(message: Message): void {
    this.emit('portal-message-sent', { messageId: message.id, threadId: message.threadId, attachmentCount: message.attachments.length });
    void this.threads.reload();
    if (this.view.name === 'new') {
      this.go({ name: 'thread', threadId: message.threadId }, `#message-${CSS.escape(message.id)}`);
    } else {
      this.focusAfterRender = `#message-${CSS.escape(message.id)}`;
      void this.thread.reload();
    }
  }

  private recipientList(): readonly Recipient[] {
    const state = this.recipients.state;
    return state.status === 'ready' ? state.value.items : [];
  }

  /** Who the message being written goes to: the picked recipient, or a reply's first care-team participant. */
  private currentRecipientId(): string | undefined {
    if (this.view.name === 'thread' && this.thread.state.status === 'ready') return this.thread.state.value?.thread.participants[0]?.id;
    return this.writing.value?.compose.draft.recipientId;
  }

  private currentLimits() {
    const id = this.currentRecipientId();
    return this.recipientList().find((r) => r.id === id)?.limits;
  }

  private maxBodyLength(): number {
    return Math.min(this.maxLength, this.currentLimits()?.maxBodyLength ?? Infinity);
  }

  /** The recipient's file limits with the host's settings as a ceiling (the smaller number, the shared types). */
  private attachmentRules(): AttachmentRules {
    const limits = this.currentLimits();
    const types = limits ? limits.contentTypes.filter((type) => DEFAULT_FILE_TYPES.includes(type)) : DEFAULT_FILE_TYPES;
    return {
      maxAttachments: Math.max(0, Math.min(this.maxAttachments, limits?.maxAttachments ?? Infinity)),
      maxBytes: Math.min(this.maxFileBytes, limits?.maxBytes ?? Infinity),
      contentTypes: types,
    };
  }

  private replyByWords(): string | undefined {
    if (!this.replyDays || this.replyDays < 0) return undefined;
    const day = replyByDay(Date.now(), this.replyDays, this.practiceZone ?? viewerZone());
    const date = formatFhirDate(day, this.l10n.locale, 'long');
    // The day's own weekday: noon UTC of that date, read in UTC, is that date wherever the reader is.
    const weekday = dateTimeFormat(this.l10n.locale === 'es' ? 'es-US' : 'en-US', 'UTC', WEEKDAY).format(new Date(`${day}T12:00:00Z`));
    const when = `${weekday}, ${date}`;
    return this.replyDays === 1 ? this.l10n.t('compose.replyByOne', { date: when }) : this.l10n.t('compose.replyBy', { days: this.replyDays, date: when });
  }

  private submit(writing: Writing, mode: 'new' | 'reply'): void {
    const { compose } = writing;
    const limits = { maxBodyLength: this.maxBodyLength() };
    const problems = writing.problems({ compose, mode, limits });
    if (problems.length > 0) {
      this.showProblems = true;
      this.focusAfterRender = problems[0]!.field === 'recipient' ? '#recipient' : '#body';
      return;
    }
    this.showProblems = false;
    const { draft } = compose;
    if (mode === 'reply' && this.view.name === 'thread') {
      const data = this.thread.state.status === 'ready' ? this.thread.state.value : undefined;
      const to = data?.thread.participants[0];
      if (!to) return;
      void compose.send({ threadId: this.view.threadId, recipient: { id: to.id, kind: to.kind }, body: draft.text, attachments: draft.attachments });
      return;
    }
    const recipient = this.recipientList().find((r) => r.id === draft.recipientId);
    if (!recipient) return;
    const topic = recipient.topics?.find((t) => t.code === draft.topic);
    void compose.send({
      recipient: { id: recipient.id, kind: recipient.kind },
      subject: draft.subject?.trim() || undefined,
      topic,
      body: draft.text,
      attachments: draft.attachments,
    });
  }

  private renderComposer(mode: 'new' | 'reply') {
    const writing = this.writing.value;
    if (!writing) return this.writing.failure ? renderError(this.l10n, this.writing.failure.error, () => this.writing.retry()) : renderLoading(this.l10n);
    const { compose } = writing;
    return writing.render({
      l10n: this.l10n,
      compose,
      mode,
      recipients: this.recipientList(),
      limits: { maxBodyLength: this.maxBodyLength() },
      replyBy: this.replyByWords(),
      billingNotice: this.billingNotice,
      showProblems: this.showProblems,
      attachments: writing.attachments,
      attachmentRules: this.attachmentRules(),
      onRemoveAttachment: (index) => compose.edit({ attachments: (compose.draft.attachments ?? []).filter((_, i) => i !== index) }),
      onSubmit: () => this.submit(writing, mode),
      onCancel: mode === 'new' ? () => this.go({ name: 'inbox' }, '#inbox-title') : undefined,
    });
  }

  protected override render() {
    const access = this.renderAccessState();
    if (access) return access;
    return html`<div part="messages-root">
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderView()} ${this.signOutGuard.render(this.l10n)}
    </div>`;
  }

  private renderView() {
    const view = this.view;
    if (view.name === 'new') return this.renderComposer('new');
    if (view.name === 'thread') {
      const state = this.thread.state;
      const back = () => this.go({ name: 'inbox' }, '#inbox-title');
      if (state.status === 'error') return html`${renderError(this.l10n, state.error, () => void this.thread.reload())}
        <button class="link-button" part="back" type="button" @click=${back}>${this.l10n.t('messages.backToInbox')}</button>`;
      const data = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
      if (!data) return renderLoading(this.l10n);
      return renderThread({ l10n: this.l10n, data, nowMs: Date.now(), onBack: back, attachments: this.writing.value?.attachments, reply: this.renderComposer('reply') });
    }
    const state = this.threads.state;
    if (state.status === 'error') return renderError(this.l10n, state.error, () => void this.threads.reload());
    const list = state.status === 'ready' ? state.value : state.status === 'loading' ? state.stale : undefined;
    if (!list) return renderLoading(this.l10n);
    return renderInbox({
      l10n: this.l10n,
      threads: list.items,
      nowMs: Date.now(),
      checking: this.poll.checking,
      onOpen: (threadId) => this.go({ name: 'thread', threadId }, '#thread-title'),
      onNew: () => this.go({ name: 'new' }, '#compose-title'),
      onRefresh: () => void this.poll.refresh().then(() => this.threads.reload()),
    });
  }
}
