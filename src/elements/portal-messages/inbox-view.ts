import { html, nothing, type TemplateResult } from 'lit';
import type { Thread } from '../../model/messaging.js';
import { byNewest, messageTime } from './message-time.js';
import type { MessagesL10n } from './strings.js';

export interface InboxContext {
  l10n: MessagesL10n;
  threads: readonly Thread[];
  nowMs: number;
  checking: boolean;
  onOpen(threadId: string): void;
  onNew(): void;
  onRefresh(): void;
}

function unreadWords(l10n: MessagesL10n, count: number): string {
  return count === 1 ? l10n.t('messages.unreadOne') : l10n.t('messages.unread', { count });
}

/** Conversations newest first: subject, topic, care team, unread count and last activity. */
export function renderInbox(ctx: InboxContext): TemplateResult {
  const { l10n, nowMs } = ctx;
  const threads = byNewest(ctx.threads, (thread) => thread.lastMessageAt);
  return html`<section part="inbox" aria-labelledby="inbox-title">
    <h2 class="title" id="inbox-title" tabindex="-1">${l10n.t('messages.inbox')}</h2>
    <div class="toolbar">
      <button class="button" part="button new" type="button" @click=${ctx.onNew}>${l10n.t('messages.new')}</button>
      <button class="link-button" part="refresh" type="button" ?disabled=${ctx.checking} @click=${ctx.onRefresh}>
        ${ctx.checking ? l10n.t('messages.refreshing') : l10n.t('messages.refresh')}
      </button>
    </div>
    ${threads.length === 0
      ? html`<p class="notice" part="empty">${l10n.t('messages.empty')}</p>`
      : html`<ul class="threads" part="threads">
          ${threads.map((thread) => {
            const names = thread.participants.map((p) => p.name).join(', ');
            return html`<li>
              <button class="thread" part="thread" type="button" ?data-unread=${thread.unreadCount > 0} @click=${() => ctx.onOpen(thread.id)}>
                <span class="subject">${thread.subject || l10n.t('messages.noSubject')}${thread.unreadCount > 0
                  ? html`<span class="badge">${unreadWords(l10n, thread.unreadCount)}</span>`
                  : nothing}</span>
                ${thread.topic ? html`<span class="meta">${l10n.t('messages.topic', { topic: thread.topic })}</span><br />` : nothing}
                ${names ? html`<span class="meta">${l10n.t('messages.with', { names })}</span><br />` : nothing}
                ${thread.lastMessageAt
                  ? html`<span class="meta">${l10n.t('messages.lastActivity', { when: messageTime(l10n, thread.lastMessageAt, nowMs) })}</span>`
                  : nothing}
              </button>
            </li>`;
          })}
        </ul>`}
  </section>`;
}
