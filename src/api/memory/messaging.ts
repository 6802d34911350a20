import type { Message, NewMessage, Thread, ThreadWithMessages } from '../../model/index.js';
import type { MessagingApi } from '../portal-api.js';
import { apiError, type Runtime } from './runtime.js';
import { HOME_ZONE } from './seed/context.js';
import type { MemoryStore, ThreadRecord } from './store.js';
import { toInstant } from '../../time/zones.js';

const sentMs = (message: Message): number => (message.sentAt ? Date.parse(message.sentAt) : 0);
const oldestFirst = (messages: Message[]): Message[] =>
  [...messages].sort((a, b) => sentMs(a) - sentMs(b) || (a.id < b.id ? -1 : 1));

function toThread(record: ThreadRecord): Thread {
  const messages = oldestFirst(record.messages);
  const thread: Thread = {
    id: record.id,
    subject: record.subject,
    participants: record.participants,
    unreadCount: messages.filter((message) => !message.read && !message.fromPatient).length,
    messageCount: messages.length,
  };
  const lastSent = messages.at(-1)?.sentAt;
  if (lastSent) thread.lastMessageAt = lastSent;
  return thread;
}

export function createMessagingApi(store: MemoryStore, runtime: Runtime): MessagingApi {
  function listThreads() {
    const threads = [...store.threads.values()].map(toThread);
    // Most recent conversation first, as every inbox does.
    threads.sort((a, b) => Date.parse(b.lastMessageAt ?? '0') - Date.parse(a.lastMessageAt ?? '0') || (a.id < b.id ? -1 : 1));
    return runtime.list(threads);
  }

  // Reading does not mark messages read: a FHIR server changes no Communication on a GET, and the
  // PortalApi has no "mark read" write yet, so the unread state stays for every story that shows it.
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

    let thread: ThreadRecord | undefined;
    if (input.threadId !== undefined) {
      thread = store.threads.get(input.threadId);
      if (!thread) throw apiError('not-found', op);
      if (!thread.participants.some((p) => p.id === recipient.id && p.kind === recipient.kind)) {
        thread.participants = [...thread.participants, { ...recipient }];
      }
    } else {
      // FHIR `Communication.topic` is optional, so a new conversation may have no subject; the element
      // shows its own "No subject" text for that.
      thread = { id: store.nextId('thread'), subject: input.subject?.trim() ?? '', participants: [{ ...recipient }], messages: [] };
      store.threads.set(thread.id, thread);
    }
    const message: Message = {
      id: store.nextId('msg'),
      threadId: thread.id,
      sentAt: toInstant(runtime.nowMs(), HOME_ZONE),
      fromPatient: true,
      senderName: store.patient.displayName,
      body: input.body,
      attachments: [],
      status: 'completed',
      read: true,
    };
    thread.messages = [...thread.messages, message];
    store.messageKeys.set(input.clientRequestId, { threadId: thread.id, messageId: message.id });
    return message;
  }

  return {
    listThreads: (signal) => runtime.call('messaging.listThreads', signal, undefined, listThreads),
    getThread: (threadId, signal) => runtime.call('messaging.getThread', signal, threadId, getThread),
    listRecipients: (signal) => runtime.call('messaging.listRecipients', signal, undefined, () => runtime.list(store.recipients)),
    send: (message, signal) => runtime.call('messaging.send', signal, message, send),
  };
}
