import type { AttachmentMeta, Message, MessageChanges, NewMessage, ReadReceipt, Thread, ThreadWithMessages, UploadedAttachment } from '../../model/index.js';
import type { MessagingApi } from '../portal-api.js';
import { apiError, type Runtime } from './runtime.js';
import { HOME_ZONE } from './seed/context.js';
import { SEED_ATTACHMENTS } from './seed/messages.js';
import type { MemoryStore, ThreadRecord } from './store.js';
import { toInstant } from '../../time/zones.js';
import { INSTANT_PATTERN } from '../../model/values.js';

const sentMs = (message: Message): number => (message.sentAt ? Date.parse(message.sentAt) : 0);
const oldestFirst = (messages: Message[]): Message[] =>
  [...messages].sort((a, b) => sentMs(a) - sentMs(b) || (a.id < b.id ? -1 : 1));

/** Prefix of the URLs this adapter hands out for uploaded files: never a web address, so nothing is fetched. */
const UPLOAD_URL_PREFIX = 'memory-attachment/';

function toThread(record: ThreadRecord): Thread {
  const messages = oldestFirst(record.messages);
  const thread: Thread = {
    id: record.id,
    subject: record.subject,
    participants: record.participants,
    // As the FHIR adapter counts: a withdrawn message is nothing new to read.
    unreadCount: messages.filter((message) => !message.read && !message.fromPatient && !message.withdrawn).length,
    messageCount: messages.length,
  };
  if (record.topic) thread.topic = record.topic;
  const lastSent = messages.at(-1)?.sentAt;
  if (lastSent) thread.lastMessageAt = lastSent;
  return thread;
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function createMessagingApi(store: MemoryStore, runtime: Runtime): MessagingApi {
  // The adapter's "server side" for files: uploaded bytes by URL, the seeded ones included.
  const files = new Map<string, { contentType: string; bytes: Uint8Array<ArrayBuffer> }>(
    Object.entries(SEED_ATTACHMENTS).map(([url, file]) => [url, { contentType: file.contentType, bytes: file.base64 ? bytesOf(file.base64) : new TextEncoder().encode(file.text ?? '') }]),
  );
  // When each thread last changed (ms), for changesSince. Stamps only grow, also under a frozen test clock, so a
  // change is never hidden behind the instant an earlier poll returned.
  const changedAt = new Map<string, number>();
  let lastStamp = 0;
  for (const record of store.threads.values()) {
    const stamp = Math.max(0, ...record.messages.map(sentMs));
    changedAt.set(record.id, stamp);
    lastStamp = Math.max(lastStamp, stamp);
  }
  const touch = (threadId: string) => {
    lastStamp = Math.max(runtime.nowMs(), lastStamp + 1);
    changedAt.set(threadId, lastStamp);
  };

  function listThreads() {
    const threads = [...store.threads.values()].map(toThread);
    // Most recent conversation first, as every inbox does.
    threads.sort((a, b) => Date.parse(b.lastMessageAt ?? '0') - Date.parse(a.lastMessageAt ?? '0') || (a.id < b.id ? -1 : 1));
    return runtime.list(threads);
  }

  // Reading does not mark messages read: a FHIR server changes no Communication on a GET, so only `markRead` does.
  function getThread(threadId: string): ThreadWithMessages {
    const record = store.threads.get(threadId);
    if (!record) throw apiError('not-found', 'messaging.getThread');
    return { thread: toThread(record), messages: oldestFirst(record.messages), dropped: 0 };
  }

  function send(input: NewMessage): Message {
    const op = 'messaging.send';
    if (!input.clientRequestId) throw apiError('invalid-response', op);
    // A retried send (lost answer, double click) returns the message it already posted.
    const earlier = store.messageKeys.get(input.clientRequestId);
    if (earlier) {
      const message = store.threads.get(earlier.threadId)?.messages.find((m) => m.id === earlier.messageId);
      if (message) return message;
    }
    const recipient = store.recipients.find((r) => r.id === input.recipient.id && r.kind === input.recipient.kind);
    if (!recipient) throw apiError('not-found', op);
    // A topic the recipient does not offer is refused, as a server would refuse a code outside its value set.
    if (input.topic && !recipient.topics?.some((t) => t.code === input.topic!.code && t.system === input.topic!.system)) throw apiError('invalid-response', op);
    const attachments: AttachmentMeta[] = (input.attachments ?? []).map((a: UploadedAttachment) => {
      if (a.url !== undefined && !files.has(a.url)) throw apiError('not-found', op);
      return a.url !== undefined ? { title: a.title, contentType: a.contentType, size: a.size, url: a.url } : { title: a.title, contentType: a.contentType, size: a.size, data: a.data };
    });

    let thread: ThreadRecord | undefined;
    if (input.threadId !== undefined) {
      thread = store.threads.get(input.threadId);
      if (!thread) throw apiError('not-found', op);
      if (!thread.participants.some((p) => p.id === recipient.id && p.kind === recipient.kind)) {
        thread.participants = [...thread.participants, { id: recipient.id, kind: recipient.kind, name: recipient.name, ...(recipient.role ? { role: recipient.role } : {}) }];
      }
    } else {
      // FHIR `Communication.topic` is optional, so a new conversation may have no subject; the element
      // shows its own "No subject" text for that.
      thread = {
        id: store.nextId('thread'),
        subject: input.subject?.trim() ?? '',
        ...(input.topic ? { topic: input.topic.display } : {}),
        participants: [{ id: recipient.id, kind: recipient.kind, name: recipient.name, ...(recipient.role ? { role: recipient.role } : {}) }],
        messages: [],
      };
      store.threads.set(thread.id, thread);
    }
    const message: Message = {
      id: store.nextId('msg'),
      threadId: thread.id,
      sentAt: toInstant(runtime.nowMs(), HOME_ZONE),
      fromPatient: true,
      senderName: store.patient.displayName,
      body: input.body,
      attachments,
      status: 'completed',
      withdrawn: false,
      read: true,
    };
    thread.messages = [...thread.messages, message];
    store.messageKeys.set(input.clientRequestId, { threadId: thread.id, messageId: message.id });
    touch(thread.id);
    if (runtime.switches().loseSendAnswer) throw apiError('network', op);
    return message;
  }

  async function readBytes(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await blob.arrayBuffer());
  }

  function upload(file: { name: string; contentType: string; bytes: Uint8Array<ArrayBuffer> }): UploadedAttachment {
    const url = `${UPLOAD_URL_PREFIX}${store.nextId('file')}`;
    files.set(url, { contentType: file.contentType, bytes: file.bytes });
    return { title: file.name, contentType: file.contentType, size: file.bytes.length, url };
  }

  function fetchAttachment(attachment: AttachmentMeta): Blob {
    const op = 'messaging.fetchAttachment';
    const type = attachment.contentType ?? 'application/octet-stream';
    if (attachment.url === undefined) {
      if (attachment.data === undefined) throw apiError('not-found', op);
      return new Blob([bytesOf(attachment.data)], { type });
    }
    // Only files this adapter holds: any other URL (a web address included) is not followed.
    const file = files.get(attachment.url);
    if (!file) throw apiError('not-found', op);
    return new Blob([file.bytes], { type });
  }

  function markRead(threadId: string): ReadReceipt {
    const record = store.threads.get(threadId);
    if (!record) throw apiError('not-found', 'messaging.markRead');
    const readAt = toInstant(runtime.nowMs(), HOME_ZONE);
    const unread = record.messages.filter((m) => !m.read && !m.fromPatient);
    if (unread.length === 0) return { messageIds: [], sessionOnly: false };
    record.messages = record.messages.map((m) => (unread.includes(m) ? { ...m, read: true, readAt } : m));
    touch(threadId);
    return { messageIds: unread.map((m) => m.id), sessionOnly: false };
  }

  function changesSince(since: string): MessageChanges {
    // As strict as the FHIR adapter: only a full instant, so a caller's bug shows here too.
    if (!INSTANT_PATTERN.test(since)) throw apiError('invalid-response', 'messaging.changesSince');
    const sinceMs = Date.parse(since);
    const ids = new Set([...changedAt].flatMap(([id, stamp]) => (stamp > sinceMs ? [id] : [])));
    const { items } = listThreads();
    const next = Math.max(sinceMs, lastStamp);
    return { threads: items.filter((t) => ids.has(t.id)), next: new Date(next).toISOString(), dropped: 0, truncated: false };
  }

  return {
    listThreads: (signal) => runtime.call('messaging.listThreads', signal, undefined, listThreads),
    getThread: (threadId, signal) => runtime.call('messaging.getThread', signal, threadId, getThread),
    listRecipients: (signal) => runtime.call('messaging.listRecipients', signal, undefined, () => runtime.list(store.recipients)),
    send: (message, signal) => runtime.call('messaging.send', signal, message, send),
    // The bytes are read before the call "goes out", as a request body is serialised when it is sent.
    uploadAttachment: async (file, signal) => {
      const bytes = await readBytes(file.bytes);
      return runtime.call('messaging.uploadAttachment', signal, { name: file.name, contentType: file.contentType, bytes }, upload);
    },
    fetchAttachment: (attachment, signal) => runtime.call('messaging.fetchAttachment', signal, attachment, fetchAttachment),
    markRead: (threadId, signal) => runtime.call('messaging.markRead', signal, threadId, markRead),
    changesSince: (since, signal) => runtime.call('messaging.changesSince', signal, since, changesSince),
  };
}
