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
 *
 * Read state: R4 has no element for "the patient has read this" (`received` is when a message arrived, which for
 * a message to the patient some servers set when it was read). The adapter writes the instant the patient read
 * it as the {@link READ_BY_PATIENT_EXTENSION} extension; a message to the patient reads as read with that
 * extension or with `received`. For a message the patient wrote, `received` is when it reached the care team.
 */
import { MESSAGE_STATUSES, MessageSchema, RecipientSchema, type Message, type NewMessage, type Recipient, type Thread } from '../../../model/messaging.js';
import type { Communication as FhirCommunication } from '../fhir-types.js';
import {
  isOneOf,
  identified,
  clientRequestIdentifier,
  clientRequestIdOf,
  compact,
  conceptName,
  extensionOf,
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
import { markupToText } from './markup-text.js';

export interface MessageContext {
  /** The signed-in patient (from the token response). */
  patientId: string;
  /** Display names the caller resolved, keyed by reference (`Practitioner/1`). */
  names?: Readonly<Record<string, string>>;
  /** Read state kept on this device (message id → instant) where the server refused to store it. */
  readAt?: Readonly<Record<string, string>>;
}

const SUBJECT_MAX = 80;

/**
 * Extension (valueDateTime, an instant) on a Communication to the patient: when the patient read it. portal-kit's
 * own, because R4 has no read-state element; written by `markRead` with If-Match, changing nothing else.
 */
export const READ_BY_PATIENT_EXTENSION = 'urn:portal-kit:read-by-patient';

/** The model has R4's whole EventStatus set; a missing or unknown status reads as `unknown` rather than dropping the message. */
function messageStatus(status: unknown): Message['status'] {
  return isOneOf(MESSAGE_STATUSES, status) ? status : 'unknown';
}

/** When the patient read this message, from our extension (only a full instant counts). */
export function readByPatientAt(communication: unknown): string | undefined {
  const value = extensionOf(communication, READ_BY_PATIENT_EXTENSION)?.valueDateTime;
  return isInstant(value) ? value : undefined;
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

/** Attachment types that hold the message's text as markup (how some servers store what a clinician wrote). */
const MARKUP = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;

/** An inline markup attachment's text: its base64 bytes read as UTF-8. */
function inlineMarkup(attachment: Json): string | undefined {
  const data = base64(attachment.data);
  if (!data || !MARKUP.test(str(attachment.contentType) ?? '')) return undefined;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * The words of a message: its `contentString` payloads; else a markup attachment sent inline (XHTML or HTML, as some
 * servers store bodies); else the narrative. Markup becomes plain text without being parsed as HTML (`markupToText`).
 */
function bodyOf(communication: Json): string {
  const strings = records(communication.payload).flatMap((p) => str(p.contentString) ?? []);
  if (strings.length > 0) return strings.join('\n\n');
  for (const p of records(communication.payload)) {
    const markup = isRecord(p.contentAttachment) ? inlineMarkup(p.contentAttachment) : undefined;
    if (markup !== undefined) return markupToText(markup);
  }
  const narrative = isRecord(communication.text) ? str(communication.text.div) : undefined;
  return narrative ? markupToText(narrative) : '';
}

function attachments(communication: Json): Message['attachments'] {
  // The markup attachment that is the message's own text (see bodyOf) is shown as text, not offered as a file.
  const hasText = records(communication.payload).some((p) => str(p.contentString) !== undefined);
  let bodyTaken = hasText;
  return records(communication.payload).flatMap((p) => {
    if (!isRecord(p.contentAttachment)) return [];
    if (!bodyTaken && inlineMarkup(p.contentAttachment) !== undefined) {
      bodyTaken = true;
      return [];
    }
    const a = p.contentAttachment;
    const size = int(a.size);
    const url = attachmentUrl(a.url);
    // Inline bytes only when there is no link: fetchAttachment then decodes them instead of asking the server.
    const data = url === undefined ? base64(a.data) : undefined;
    return [compact({ title: str(a.title) ?? '', contentType: str(a.contentType), size: size !== undefined && size >= 0 ? size : undefined, url, data })];
  });
}

function base64(value: unknown): string | undefined {
  const text = str(value);
  return text !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? text : undefined;
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
  const status = messageStatus(communication.status);
  // A withdrawn message keeps its place and sender, never its words: what was taken back is not shown.
  const withdrawn = status === 'entered-in-error';
  const body = withdrawn ? '' : bodyOf(communication);
  const received = isInstant(communication.received) ? communication.received : undefined;
  const readAt = fromPatient ? undefined : (ctx.readAt?.[id] ?? readByPatientAt(communication));
  return validated(
    MessageSchema,
    compact({
      id,
      threadId: threadParent(communication) ?? id,
      sentAt: isInstant(sent) ? sent : undefined,
      fromPatient,
      senderName: nameFor(communication.sender, ctx.names) ?? '',
      body,
      attachments: withdrawn ? [] : attachments(communication),
      status,
      withdrawn,
      read: fromPatient || readAt !== undefined || str(communication.received) !== undefined,
      readAt,
      deliveredAt: fromPatient ? received : undefined,
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

/** Oldest copy first when copies of one send collide: ids are compared as numbers where both are. */
function byResourceId(a: unknown, b: unknown): number {
  const ia = isRecord(a) ? String(a.id ?? '') : '';
  const ib = isRecord(b) ? String(b.id ?? '') : '';
  return ia.length !== ib.length && /^\d+$/.test(ia) && /^\d+$/.test(ib) ? ia.length - ib.length : ia < ib ? -1 : ia > ib ? 1 : 0;
}

export interface ThreadInfo {
  subject?: string;
  topic?: string;
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
      subject: info[id]?.subject ?? truncateWords(list.find((m) => !m.withdrawn)?.body.split('\n')[0] ?? '', SUBJECT_MAX),
      topic: info[id]?.topic,
      participants: info[id]?.participants ?? [],
      lastMessageAt: last?.sentAt,
      // A withdrawn message is nothing new to read, whatever its read state.
      unreadCount: list.filter((m) => !m.read && !m.withdrawn).length,
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

/** The subject line: the topic's text, else a coding's display; a bare code is no subject. */
function topicText(communication: Json | undefined): string | undefined {
  return conceptName(communication?.topic);
}

/** The coded topic in words (a coding's display, never its code), apart from the free-text subject. */
function topicWords(communication: Json | undefined): string | undefined {
  const topic = communication?.topic;
  return isRecord(topic) ? conceptName({ coding: topic.coding }) : undefined;
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
  const keys = new Set<string>();
  for (const resource of [...resources].sort(byResourceId)) {
    if (isRecord(resource) && typeof resource.resourceType === 'string' && resource.resourceType !== 'Communication') continue;
    const outcome = mapCommunication(resource, ctx);
    if (!outcome.ok) {
      dropped++;
      continue;
    }
    const json = resource as Json;
    // Copies of one send (a server with neither conditional create nor client ids stored a browser's resend
    // too) are one message: the patient sees what they sent once.
    const key = clientRequestIdOf(json);
    if (key !== undefined) {
      if (keys.has(key)) continue;
      keys.add(key);
    }
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
    entry.topic ??= topicWords(byId.get(threadId)) ?? topicWords(resource);
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
 * The Communication a send writes (POST with `If-None-Exist: clientRequestSearch(...)`, or PUT under
 * {@link communicationIdFor}). A new thread carries its subject as `topic.text` and the chosen topic as
 * `topic.coding`; a reply points `partOf` and `inResponseTo` at the thread root and carries no topic (the root's
 * is the thread's). Attachments are `contentAttachment`s with their type, size and title, and either the
 * `Binary/<id>` they were uploaded to or, for a server without Binary, their bytes inline.
 */
export function buildCommunicationCreate(input: CommunicationCreateInput): FhirCommunication {
  const { message, patientId, sentAt } = input;
  const root = input.rootCommunicationId ?? message.threadId;
  const patient = { reference: `Patient/${patientId}` };
  const files = (message.attachments ?? []).map((a) => ({
    contentAttachment: compact({ contentType: a.contentType, url: a.url, data: a.url === undefined ? a.data : undefined, size: a.size, title: a.title }),
  }));
  // An attachment-only message is valid: a text payload is written only when there is text, or nothing else.
  const text = message.body !== '' || files.length === 0 ? [{ contentString: message.body }] : [];
  const communication: FhirCommunication = {
    resourceType: 'Communication',
    identifier: [clientRequestIdentifier(message.clientRequestId)],
    status: 'completed',
    subject: patient,
    sender: patient,
    recipient: [{ reference: RECIPIENT_REFERENCE[message.recipient.kind](message.recipient.id) }],
    sent: sentAt,
    payload: [...text, ...files],
  };
  if (root !== undefined) {
    communication.partOf = [{ reference: `Communication/${root}` }];
    communication.inResponseTo = [{ reference: `Communication/${root}` }];
  } else {
    const subject = message.subject?.trim() ? message.subject : undefined;
    const coding = message.topic ? [compact({ system: message.topic.system, code: message.topic.code, display: message.topic.display })] : undefined;
    if (subject !== undefined || coding !== undefined) communication.topic = compact({ coding, text: subject });
  }
  return communication;
}

/**
 * The id a send's Communication gets where the server lets the client choose it (update as create): derived from
 * the idempotency key alone, so every copy of the PUT (a browser resends a request whose connection dropped)
 * writes the same resource instead of a second message. Undefined when the key cannot make a FHIR id.
 */
export function communicationIdFor(clientRequestId: string): string | undefined {
  const id = `pk-${clientRequestId}`;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : undefined;
}

/**
 * The Communication as it is on the server with only the patient's read mark added (an instant), for a PUT with
 * If-Match: nothing else is touched, and a mark already there is kept. The input is not modified.
 */
export function buildReadMark(current: Readonly<Record<string, unknown>>, readAt: string): Record<string, unknown> {
  const copy = structuredClone(current) as Record<string, unknown>;
  if (readByPatientAt(copy) !== undefined) return copy;
  const extensions = Array.isArray(copy.extension) ? copy.extension : [];
  copy.extension = [...extensions, { url: READ_BY_PATIENT_EXTENSION, valueDateTime: readAt }];
  return copy;
}
