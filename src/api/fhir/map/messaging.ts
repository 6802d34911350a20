/**
 * Secure messages: Communication → Message, threads, and the Communication a send POSTs.
 *
 * Threading rule (FHIR R4 has no thread resource, so this is ours, and the writer below follows it):
 * 1. A Communication whose `partOf` references a Communication belongs to that one's thread.
 * 2. Otherwise, one whose `inResponseTo` references a Communication belongs to the thread of the message
 *    it answers.
 * 3. Otherwise it starts a thread; the thread id is its own id.
 * Steps 1-2 repeat up the chain (a reply to a reply lands in the root's thread), with a cycle guard. When
 * the chain leaves the fetched set (the root is on another page or not readable), the last id reached is
 * still the thread id, so every page of the same conversation agrees on it.
 * Replies sent from here carry both `partOf` and `inResponseTo` = the root, so other readers that thread by
 * either element agree with us.
 */
import { MESSAGE_STATUSES, MessageSchema, RecipientSchema, type Message, type NewMessage, type Recipient, type Thread } from '../../../model/messaging.js';
import type { Communication as FhirCommunication } from '../fhir-types.js';
import {
  isOneOf,
  identified,
  clientRequestIdentifier,
  compact,
  conceptText,
  fail,
  guarded,
  httpUrl,
  instantMillis,
  int,
  isFhirDateTime,
  isInstant,
  isRecord,
  parseReference,
  practitionerIdFromReference,
  practitionerReference,
  records,
  referenceDisplay,
  referenceIdOf,
  str,
  truncateWords,
  validated,
  type Json,
  type MapOutcome,
} from './common.js';

export interface MessageContext {
  /** The signed-in patient (from the token response). */
  patientId: string;
  /** Display names the caller resolved, keyed by reference (`Practitioner/1`). */
  names?: Readonly<Record<string, string>>;
}

const SUBJECT_MAX = 80;

/** R4 event statuses the model has no word for: on-hold is still under way, the others ended unsent. */
function messageStatus(status: unknown): Message['status'] {
  if (isOneOf(MESSAGE_STATUSES, status)) return status;
  return status === 'on-hold' ? 'in-progress' : 'unknown';
}

/** The Communication a message hangs under before chains are followed (rules 1-3 above). */
function threadParent(communication: Json): string | undefined {
  for (const ref of [...records(communication.partOf), ...records(communication.inResponseTo)]) {
    const id = referenceIdOf(ref, ['Communication']);
    if (id !== undefined) return id;
  }
  return undefined;
}

function nameFor(ref: unknown, names: Readonly<Record<string, string>> | undefined): string | undefined {
  const parsed = parseReference(ref);
  const raw = isRecord(ref) ? str(ref.reference) : undefined;
  const normal = parsed?.type ? `${parsed.type}/${parsed.id}` : undefined;
  return (raw && str(names?.[raw])) ?? (normal && str(names?.[normal])) ?? referenceDisplay(ref);
}

/** Attachment links: absolute http(s), or a relative `Binary/123`-style reference on the FHIR base. */
function attachmentUrl(value: unknown): string | undefined {
  const text = str(value);
  if (text && /^[A-Z][A-Za-z]{1,63}\/[A-Za-z0-9\-.]{1,64}$/.test(text)) return text;
  return httpUrl(text);
}

function attachments(communication: Json): Message['attachments'] {
  return records(communication.payload).flatMap((p) => {
    if (!isRecord(p.contentAttachment)) return [];
    const a = p.contentAttachment;
    const size = int(a.size);
    return [compact({ title: str(a.title) ?? '', contentType: str(a.contentType), size: size !== undefined && size >= 0 ? size : undefined, url: attachmentUrl(a.url) })];
  });
}

/**
 * Communication → Message. `threadId` is the direct parent here; `buildThreads` follows chains to the
 * root. `sentAt` needs an instant: a `sent` that is a valid but date-only dateTime is left out (the
 * message is kept), one that is not a dateTime at all rejects the message. A missing status reads as
 * `unknown` rather than dropping the message. Messages about another patient are rejected.
 */
export const mapCommunication = guarded((resource: unknown, ctx: MessageContext): MapOutcome<Message> => {
  const head = identified(resource, 'Communication');
  if (!head.ok) return head;
  const { resource: communication, id } = head;
  const subject = referenceIdOf(communication.subject, ['Patient']);
  if (subject !== undefined && subject !== ctx.patientId) return fail('other-patient');
  const sent = communication.sent;
  if (sent !== undefined && !isFhirDateTime(sent)) return fail('invalid-sent');
  const fromPatient = referenceIdOf(communication.sender, ['Patient']) === ctx.patientId;
  const body = records(communication.payload).flatMap((p) => str(p.contentString) ?? []);
  return validated(
    MessageSchema,
    compact({
      id,
      threadId: threadParent(communication) ?? id,
      sentAt: isInstant(sent) ? sent : undefined,
      fromPatient,
      senderName: nameFor(communication.sender, ctx.names) ?? '',
      body: body.join('\n\n'),
      attachments: attachments(communication),
      status: messageStatus(communication.status),
      read: fromPatient || str(communication.received) !== undefined,
    }),
  );
});

const RECIPIENT_TYPES: Readonly<Record<string, Recipient['kind']>> = {
  Practitioner: 'practitioner',
  PractitionerRole: 'practitioner',
  CareTeam: 'care-team',
  Organization: 'organization',
};

function recipientOf(ref: unknown, names: MessageContext['names']): Recipient | undefined {
  const parsed = parseReference(ref);
  const kind = parsed?.type ? RECIPIENT_TYPES[parsed.type] : undefined;
  if (!parsed || !kind || parsed.contained) return undefined;
  const id = kind === 'practitioner' ? practitionerIdFromReference(ref) : parsed.id;
  const result = RecipientSchema.safeParse({ id, kind, name: nameFor(ref, names) });
  return result.success ? result.data : undefined;
}

function bySentAt(a: Message, b: Message): number {
  // Messages without a time (drafts, date-only) sort after timed ones; ids keep the order stable.
  const ta = instantMillis(a.sentAt) ?? Infinity;
  const tb = instantMillis(b.sentAt) ?? Infinity;
  return ta !== tb ? ta - tb : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface ThreadInfo {
  subject?: string;
  participants?: Recipient[];
}

/**
 * Groups messages that already carry their root `threadId` into threads: messages oldest first, threads
 * with the newest `lastMessageAt` first (threads with no timed message last). The subject defaults to the
 * first words (≤ 80 characters) of the thread's oldest message.
 */
export function groupThreads(
  messages: readonly Message[],
  info: Readonly<Record<string, ThreadInfo>> = {},
): { threads: Thread[]; messagesByThread: Record<string, Message[]> } {
  const messagesByThread: Record<string, Message[]> = {};
  for (const message of messages) (messagesByThread[message.threadId] ??= []).push(message);
  const threads: Thread[] = Object.entries(messagesByThread).map(([id, list]) => {
    list.sort(bySentAt);
    const timed = list.filter((m) => m.sentAt !== undefined);
    const last = timed[timed.length - 1];
    return compact({
      id,
      subject: info[id]?.subject ?? truncateWords(list[0].body.split('\n')[0] ?? '', SUBJECT_MAX),
      participants: info[id]?.participants ?? [],
      lastMessageAt: last?.sentAt,
      unreadCount: list.filter((m) => !m.read).length,
      messageCount: list.length,
    });
  });
  threads.sort((a, b) => {
    const ta = instantMillis(a.lastMessageAt) ?? -Infinity;
    const tb = instantMillis(b.lastMessageAt) ?? -Infinity;
    return ta !== tb ? tb - ta : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return { threads, messagesByThread };
}

/**
 * Follows parents to the root. A cycle (a server bug, but seen in the wild) gets one deterministic root,
 * the smallest id on the cycle, so every member agrees on its thread.
 */
function rootOf(id: string, parents: ReadonlyMap<string, string>): string {
  const path = [id];
  for (let parent = parents.get(id); parent !== undefined; parent = parents.get(parent)) {
    const loop = path.indexOf(parent);
    if (loop >= 0) return path.slice(loop).sort()[0];
    path.push(parent);
  }
  return path[path.length - 1];
}

function topicText(communication: Json | undefined): string | undefined {
  return conceptText(communication?.topic);
}

/**
 * Communications (one or more pages, in any order) → threads. Entries of another resourceType (an
 * `_include`d Practitioner, an OperationOutcome) are skipped; Communications that fail to map are counted
 * in `dropped`. Thread subject: the root's `topic` (text, else coding display), else the topic of the
 * oldest message that has one, else the first words of the oldest message.
 */
export function buildThreads(
  resources: readonly unknown[],
  ctx: MessageContext,
): { threads: Thread[]; messagesByThread: Record<string, Message[]>; dropped: number } {
  let dropped = 0;
  const mapped: { message: Message; resource: Json }[] = [];
  const parents = new Map<string, string>();
  const byId = new Map<string, Json>();
  for (const resource of resources) {
    if (isRecord(resource) && typeof resource.resourceType === 'string' && resource.resourceType !== 'Communication') continue;
    const outcome = mapCommunication(resource, ctx);
    if (!outcome.ok) {
      dropped++;
      continue;
    }
    const json = resource as Json;
    mapped.push({ message: outcome.value, resource: json });
    byId.set(outcome.value.id, json);
    if (outcome.value.threadId !== outcome.value.id) parents.set(outcome.value.id, outcome.value.threadId);
  }
  const messages = mapped.map(({ message }) => ({ ...message, threadId: rootOf(message.id, parents) }));
  const info: Record<string, ThreadInfo> = {};
  const seenParticipants: Record<string, Set<string>> = {};
  for (const { message, resource } of [...mapped].sort((a, b) => bySentAt(a.message, b.message))) {
    const threadId = rootOf(message.id, parents);
    const entry = (info[threadId] ??= { participants: [] });
    entry.subject ??= topicText(byId.get(threadId)) ?? topicText(resource);
    const seen = (seenParticipants[threadId] ??= new Set());
    for (const ref of [resource.sender, ...records(resource.recipient)]) {
      const recipient = recipientOf(ref, ctx.names);
      if (recipient && !seen.has(`${recipient.kind}:${recipient.id}`)) {
        seen.add(`${recipient.kind}:${recipient.id}`);
        entry.participants!.push(recipient);
      }
    }
  }
  return { ...groupThreads(messages, info), dropped };
}

export interface CommunicationCreateInput {
  message: NewMessage;
  patientId: string;
  /** Root of the thread being answered; defaults to `message.threadId`. Absent: a new thread. */
  rootCommunicationId?: string;
  /** Instant the patient pressed send. */
  sentAt: string;
}

const RECIPIENT_REFERENCE: Record<Recipient['kind'], (id: string) => string> = {
  practitioner: practitionerReference,
  'care-team': (id) => `CareTeam/${id}`,
  organization: (id) => `Organization/${id}`,
};

/**
 * The Communication to POST for a send (with `If-None-Exist: clientRequestSearch(...)`). A new thread
 * carries its subject as `topic.text`; a reply points `partOf` and `inResponseTo` at the thread root.
 */
export function buildCommunicationCreate(input: CommunicationCreateInput): FhirCommunication {
  const { message, patientId, sentAt } = input;
  const root = input.rootCommunicationId ?? message.threadId;
  const patient = { reference: `Patient/${patientId}` };
  const communication: FhirCommunication = {
    resourceType: 'Communication',
    identifier: [clientRequestIdentifier(message.clientRequestId)],
    status: 'completed',
    subject: patient,
    sender: patient,
    recipient: [{ reference: RECIPIENT_REFERENCE[message.recipient.kind](message.recipient.id) }],
    sent: sentAt,
    payload: [{ contentString: message.body }],
  };
  if (root !== undefined) {
    communication.partOf = [{ reference: `Communication/${root}` }];
    communication.inResponseTo = [{ reference: `Communication/${root}` }];
  } else if (message.subject !== undefined && message.subject.trim() !== '') {
    communication.topic = { text: message.subject };
  }
  return communication;
}
