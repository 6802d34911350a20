import { html, nothing, type TemplateResult } from 'lit';
import type { AttachmentMeta, Message, ThreadWithMessages } from '../../model/messaging.js';
import type { AttachmentsController } from './attachments-controller.js';
import { messageTime } from './message-time.js';
import type { MessagesL10n } from './strings.js';
import { textParts } from './text-parts.js';

export interface ThreadContext {
  l10n: MessagesL10n;
  data: ThreadWithMessages;
  nowMs: number;
  onBack(): void;
  /** Opens received files; absent while the writing part loads (the files are then named, not yet offered). */
  attachments: AttachmentsController | undefined;
  /** The reply form, below the messages. */
  reply: TemplateResult | typeof nothing;
}

/** Plain text with line breaks kept (CSS) and https links only, each through bindings: nothing is interpreted. */
function renderBody(body: string): TemplateResult {
  return html`${textParts(body).map((part) =>
    part.href ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text,
  )}`;
}

/**
 * A file in a message: a button that fetches it, then an image drawn only when its bytes are the image type it
 * claims, and otherwise (PDF, HTML, SVG, anything) a download of opaque bytes.
 */
function renderReceived(ctx: ThreadContext, key: string, attachment: AttachmentMeta): TemplateResult {
  const { l10n, attachments } = ctx;
  const name = attachment.title || attachment.contentType || '';
  if (!attachments) return html`<span class="muted">${name}</span>`;
  const opened = attachments.state(key);
  switch (opened?.status) {
    case 'loading':
      return html`<span class="muted" role="status">${l10n.t('attach.opening')}</span>`;
    case 'image':
      return html`<figure class="image"><img src=${opened.url} alt="" /><figcaption class="muted">${name}</figcaption></figure>`;
    case 'download':
      return html`<a href=${opened.url} download=${name} part="download">${l10n.t('attach.download', { name })}</a>`;
    case 'error':
      return html`<span role="alert">${l10n.t('attach.failed', { name })}</span>`;
    default:
      return html`<button class="link-button" type="button" part="open-attachment" @click=${() => void attachments.open(key, attachment)}>
        ${l10n.t('attach.open', { name })}
      </button>`;
  }
}

function renderMessage(ctx: ThreadContext, message: Message): TemplateResult {
  const { l10n, nowMs } = ctx;
  const sender = message.fromPatient ? l10n.t('messages.you') : message.senderName;
  const state = message.fromPatient
    ? message.deliveredAt
      ? l10n.t('messages.delivered')
      : undefined
    : message.read
      ? undefined
      : l10n.t('messages.unreadMarker');
  return html`<li>
    <article class="message" part="message" id=${`message-${message.id}`} tabindex="-1" ?data-mine=${message.fromPatient} ?data-withdrawn=${message.withdrawn}>
      <h3 class="meta">
        <span>${sender}</span>${message.sentAt ? html` · <span>${messageTime(l10n, message.sentAt, nowMs)}</span>` : nothing}${state
          ? html` · <span>${state}</span>`
          : nothing}
      </h3>
      <p class="body" part="body">${message.withdrawn ? l10n.t('messages.withdrawn') : renderBody(message.body)}</p>
      ${!message.withdrawn && message.attachments.length > 0
        ? html`<ul class="files" part="attachments">
            ${message.attachments.map((attachment, index) => html`<li>${renderReceived(ctx, `${message.id}/${index}`, attachment)}</li>`)}
          </ul>`
        : nothing}
    </article>
  </li>`;
}

/** One conversation, oldest to newest, with its reply form. */
export function renderThread(ctx: ThreadContext): TemplateResult {
  const { l10n, data } = ctx;
  const { thread, messages } = data;
  const names = thread.participants.map((p) => p.name).join(', ');
  return html`<section part="thread-view" aria-labelledby="thread-title">
    <div class="toolbar">
      <button class="link-button" part="back" type="button" @click=${ctx.onBack}>${l10n.t('messages.backToInbox')}</button>
    </div>
    <h2 class="title" id="thread-title" tabindex="-1">${thread.subject || l10n.t('messages.noSubject')}</h2>
    ${thread.topic ? html`<p class="meta">${l10n.t('messages.topic', { topic: thread.topic })}</p>` : nothing}
    ${names ? html`<p class="meta">${l10n.t('messages.with', { names })}</p>` : nothing}
    <ol class="messages" part="messages">
      ${messages.map((message) => renderMessage(ctx, message))}
    </ol>
    ${ctx.reply}
  </section>`;
}
