import { html, nothing, type TemplateResult } from 'lit';
import { numberFormat } from '../../time/intl.js';
import { renderError } from '../../ui/state-view.js';
import type { MessageLimits, Recipient } from '../../model/messaging.js';
import type { AttachmentRules, AttachmentsController } from './attachments-controller.js';
import type { ComposeController } from './compose-controller.js';
import type { MessagesL10n } from './strings.js';

export interface ComposeContext {
  l10n: MessagesL10n;
  compose: ComposeController;
  /** A new conversation picks recipient, topic and subject; a reply writes only its text. */
  mode: 'new' | 'reply';
  /** Who may be written to (new conversations). */
  recipients: readonly Recipient[];
  limits: Pick<MessageLimits, 'maxBodyLength'>;
  /** "Expect a reply by Thursday, March 5", already in words; absent when the host set no reply time. */
  replyBy?: string;
  billingNotice: boolean;
  /** The person pressed Send with something missing or too long: the problems are shown and linked. */
  showProblems: boolean;
  attachments: AttachmentsController;
  attachmentRules: AttachmentRules;
  onRemoveAttachment(index: number): void;
  onSubmit(): void;
  onCancel?: () => void;
}

/** What keeps the draft from being sent, each tied to its field. */
export function composeProblems(ctx: Pick<ComposeContext, 'compose' | 'mode' | 'limits'>): { field: 'recipient' | 'body'; key: 'compose.recipientRequired' | 'compose.required' | 'compose.tooLong'; over?: number }[] {
  const { draft } = ctx.compose;
  const problems: ReturnType<typeof composeProblems> = [];
  if (ctx.mode === 'new' && !draft.recipientId) problems.push({ field: 'recipient', key: 'compose.recipientRequired' });
  const length = [...draft.text].length;
  if (draft.text.trim() === '') problems.push({ field: 'body', key: 'compose.required' });
  else if (length > ctx.limits.maxBodyLength) problems.push({ field: 'body', key: 'compose.tooLong', over: length - ctx.limits.maxBodyLength });
  return problems;
}

const MEGABYTES: Intl.NumberFormatOptions = { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 };
const KILOBYTES: Intl.NumberFormatOptions = { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 };

/** "10 MB", "1.5 MB", and below a megabyte "245 kB" (never "0 MB"), in the element's language. */
export function sizeWords(bytes: number, locale: string): string {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  if (bytes < 1_048_576) return numberFormat(tag, KILOBYTES).format(Math.max(1, Math.ceil(bytes / 1024)));
  return numberFormat(tag, MEGABYTES).format(bytes / 1_048_576);
}

function renderAttachments(ctx: ComposeContext, busy: boolean): TemplateResult {
  const { l10n, attachments, attachmentRules: rules } = ctx;
  const attached = ctx.compose.draft.attachments ?? [];
  const size = sizeWords(rules.maxBytes, l10n.locale);
  if (rules.maxAttachments === 0) return html`<p class="muted" part="attach-hint">${l10n.t('attach.hintNone')}</p>`;
  const pick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    void attachments.add(files);
  };
  // The browser's own file button speaks the browser's language, so the input is out of sight and its label, which
  // speaks the element's, is the button.
  return html`<div part="attachments-input">
    <input id="attach" class="file-input" type="file" part="attach" multiple accept=${rules.contentTypes.join(',')}
      ?disabled=${busy || attached.length >= rules.maxAttachments} aria-describedby="attach-hint" @change=${pick} />
    <label class="file-button" part="attach-button" for="attach">${l10n.t('attach.add')}</label>
    <p class="muted" id="attach-hint" part="attach-hint">${l10n.t('attach.hint', { count: rules.maxAttachments, size })}</p>
    ${attachments.uploading > 0 ? html`<p class="muted" role="status">${l10n.t('attach.uploading')}</p>` : nothing}
    ${attachments.refusals.length > 0
      ? html`<div class="alert" part="attach-refused" role="alert">
          ${attachments.refusals.map((r) => html`<p>${l10n.t(`attach.refused.${r.reason}`, { name: r.name, size, count: rules.maxAttachments })}</p>`)}
        </div>`
      : nothing}
    ${attached.length > 0
      ? html`<ul class="attached" part="attached" aria-label=${l10n.t('attach.attached')}>
          ${attached.map(
            (file, index) => html`<li>
              <span>${file.title}</span> <span class="muted">(${sizeWords(file.size, l10n.locale)})</span>
              <button class="link-button" type="button" part="remove-attachment" ?disabled=${busy} aria-label=${l10n.t('attach.remove', { name: file.title })}
                @click=${() => ctx.onRemoveAttachment(index)}>${l10n.t('attach.removeShort')}</button>
            </li>`,
          )}
        </ul>`
      : nothing}
  </div>`;
}

function renderSendState(ctx: ComposeContext): TemplateResult | typeof nothing {
  const { l10n, compose } = ctx;
  const state = compose.state;
  switch (state.status) {
    case 'waiting-online':
      return html`<p class="notice" part="send-state" data-tone="warning" role="status">${l10n.t('send.offline')}</p>`;
    case 'sent':
      return html`<p class="sent" part="send-state" role="status">${l10n.t('send.sent')}</p>`;
    case 'failed':
      return html`<div part="send-state" role="alert">
        <p class="alert">${state.unknown ? l10n.t('send.unknown') : l10n.t('send.failed')}</p>
        ${state.unknown ? nothing : renderError(l10n, state.error)}
      </div>`;
    default:
      return nothing;
  }
}

/** The form for a new conversation or a reply, with its notices, live counter and send state. */
export function renderCompose(ctx: ComposeContext): TemplateResult {
  const { l10n, compose, mode } = ctx;
  const { draft, state } = compose;
  const busy = state.status === 'sending' || state.status === 'waiting-online';
  const problems = ctx.showProblems ? composeProblems(ctx) : [];
  const problem = (field: 'recipient' | 'body') => problems.find((p) => p.field === field);
  const recipient = ctx.recipients.find((r) => r.id === draft.recipientId);
  const topics = recipient?.topics ?? [];
  const length = [...draft.text].length;
  const max = ctx.limits.maxBodyLength;
  const bodyProblem = problem('body');
  const recipientProblem = problem('recipient');
  const submit = (event: Event) => {
    event.preventDefault();
    ctx.onSubmit();
  };
  return html`<form part="compose" aria-labelledby="compose-title" novalidate @submit=${submit}>
    <h2 class="title" id="compose-title" tabindex="-1">${mode === 'new' ? l10n.t('compose.newTitle') : l10n.t('compose.replyTitle')}</h2>
    <p class="notice" part="emergency" data-tone="warning">${l10n.t('compose.emergency')}</p>
    ${compose.restored ? html`<p class="notice" part="draft-restored" role="status">${l10n.t('compose.draftRestored')}</p>` : nothing}
    ${mode === 'new'
      ? ctx.recipients.length === 0
        ? html`<p class="notice" part="no-recipients">${l10n.t('compose.noRecipients')}</p>`
        : html`<label>
              ${l10n.t('compose.to')}
              <select id="recipient" part="recipient" ?disabled=${busy} aria-invalid=${recipientProblem ? 'true' : 'false'}
                aria-describedby=${recipientProblem ? 'recipient-problem' : nothing}
                @change=${(e: Event) => compose.edit({ recipientId: (e.target as HTMLSelectElement).value || undefined, topic: undefined })}>
                <option value="" ?selected=${!draft.recipientId}>${l10n.t('compose.chooseRecipient')}</option>
                ${ctx.recipients.map((r) => html`<option value=${r.id} ?selected=${r.id === draft.recipientId}>${r.role ? `${r.name} (${r.role})` : r.name}</option>`)}
              </select>
            </label>
            ${recipientProblem ? html`<p class="alert" id="recipient-problem" role="alert">${l10n.t(recipientProblem.key)}</p>` : nothing}
            ${topics.length > 0
              ? html`<label>
                  ${l10n.t('compose.topic')}
                  <select part="topic" ?disabled=${busy} @change=${(e: Event) => compose.edit({ topic: (e.target as HTMLSelectElement).value || undefined })}>
                    <option value="" ?selected=${!draft.topic}>${l10n.t('compose.chooseTopic')}</option>
                    ${topics.map((t) => html`<option value=${t.code} ?selected=${t.code === draft.topic}>${t.display}</option>`)}
                  </select>
                </label>`
              : nothing}
            <label>
              ${l10n.t('compose.subject')}
              <input part="subject" type="text" maxlength="200" .value=${draft.subject ?? ''} ?disabled=${busy}
                @input=${(e: Event) => compose.edit({ subject: (e.target as HTMLInputElement).value })} />
            </label>`
      : nothing}
    <label>
      ${l10n.t('compose.body')}
      <textarea id="body" part="body-input" .value=${draft.text} ?readonly=${busy} aria-invalid=${bodyProblem ? 'true' : 'false'}
        aria-describedby=${bodyProblem ? 'body-counter body-problem' : 'body-counter'}
        @input=${(e: Event) => compose.edit({ text: (e.target as HTMLTextAreaElement).value })}></textarea>
    </label>
    <p class="muted" id="body-counter" part="counter" aria-live="polite">${l10n.t('compose.counter', { count: length, max })}</p>
    ${bodyProblem ? html`<p class="alert" id="body-problem" role="alert">${l10n.t(bodyProblem.key, { over: bodyProblem.over ?? 0 })}</p>` : nothing}
    ${renderAttachments(ctx, busy)}
    ${ctx.replyBy ? html`<p class="muted" part="reply-by">${ctx.replyBy}</p>` : nothing}
    ${ctx.billingNotice ? html`<p class="muted" part="billing">${l10n.t('compose.billing')}</p>` : nothing}
    ${renderSendState(ctx)}
    <div class="actions">
      <button class="button" part="button send" type="submit" ?disabled=${busy || ctx.attachments.uploading > 0}>
        ${state.status === 'sending' ? l10n.t('compose.sending') : state.status === 'failed' ? l10n.t('send.retry') : l10n.t('compose.send')}
      </button>
      ${ctx.onCancel ? html`<button class="link-button" part="cancel" type="button" @click=${ctx.onCancel}>${l10n.t('compose.cancel')}</button>` : nothing}
    </div>
  </form>`;
}
