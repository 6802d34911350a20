import { IdSchema, InstantSchema } from './common.js';
import * as z from './z.js';

export const RECIPIENT_KINDS = ['practitioner', 'care-team', 'organization'] as const;

/**
 * A topic a patient may pick when writing to a recipient ("Medication question"). `display` is what the person
 * reads: a topic is never shown as a bare code. It travels as `Communication.topic.coding`.
 */
export const MessageTopicSchema = /* @__PURE__ */ z.object({
  code: /* @__PURE__ */ z.string().check(z.minLength(1)),
  system: z.optional(z.string()),
  display: /* @__PURE__ */ z.string().check(z.minLength(1)),
});
export type MessageTopic = z.infer<typeof MessageTopicSchema>;

/**
 * What a recipient accepts in one message. Every field is a number or a list, so a host's own settings can be
 * laid over it as a ceiling (the smaller number, the intersection of the types) by the element that writes.
 */
export const MessageLimitsSchema = /* @__PURE__ */ z.object({
  /** Attachments one message may carry (0: none). */
  maxAttachments: /* @__PURE__ */ z.number().check(z.int(), z.nonnegative()),
  /** Largest attachment, in bytes. */
  maxBytes: /* @__PURE__ */ z.number().check(z.int(), z.nonnegative()),
  /** MIME types accepted (`image/jpeg`, `application/pdf`); the element checks the bytes, not the name. */
  contentTypes: z.array(z.string()),
  /** Longest body, in characters (MyChart's is 1,500). */
  maxBodyLength: /* @__PURE__ */ z.number().check(z.int(), z.positive()),
});
export type MessageLimits = z.infer<typeof MessageLimitsSchema>;

export const RecipientSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  /** FHIR reference type the id belongs to, so a reply goes back to the same kind of actor. */
  kind: z.enum(RECIPIENT_KINDS),
  name: /* @__PURE__ */ z.string().check(z.minLength(1)),
  role: z.optional(z.string()),
  /**
   * Topics offered when writing to this recipient, in the order to show them. Present on `listRecipients`
   * answers (possibly empty); absent on a thread's participants, which are only named.
   */
  topics: z.optional(z.array(MessageTopicSchema)),
  /** What a message to this recipient may hold; present on `listRecipients` answers, absent on participants. */
  limits: z.optional(MessageLimitsSchema),
});
export type Recipient = z.infer<typeof RecipientSchema>;

/**
 * Metadata only; the bytes are fetched on demand with `MessagingApi.fetchAttachment`, which reads only URLs under
 * the FHIR base (relative `Binary/12`) or the inline `data`, never another origin.
 */
export const AttachmentMetaSchema = /* @__PURE__ */ z.object({
  title: z.string(),
  contentType: z.optional(z.string()),
  size: z.optional(/* @__PURE__ */ z.number().check(z.int(), z.nonnegative())),
  url: z.optional(z.string()),
  /**
   * Base64 bytes a server sent inline (`Attachment.data`) instead of a URL. Opaque to elements: pass the whole
   * attachment to `fetchAttachment`, never decode or render this.
   */
  data: z.optional(z.string()),
});
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;

/**
 * An attachment `uploadAttachment` stored, for the next `send` to carry in `NewMessage.attachments`. Its size
 * and type are what was uploaded, so the message says them without reading the bytes again.
 */
export interface UploadedAttachment {
  title: string;
  contentType: string;
  size: number;
  /** Where the bytes now are (`Binary/123` on the FHIR base). */
  url?: string;
  /** Base64 bytes, when the server keeps no Binary and the bytes travel inside the message (small files only). */
  data?: string;
}

/**
 * R4's whole EventStatus value set, so that no valid Communication is dropped or renamed: `not-done`, `on-hold`
 * and `stopped` are as real as `completed`. `entered-in-error` is kept too, and its message is `withdrawn`.
 */
export const MESSAGE_STATUSES = [
  'preparation',
  'in-progress',
  'not-done',
  'on-hold',
  'stopped',
  'completed',
  'entered-in-error',
  'unknown',
] as const;

export const MessageSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  threadId: IdSchema,
  sentAt: z.optional(InstantSchema),
  /** True when the signed-in patient wrote it. */
  fromPatient: z.boolean(),
  senderName: z.string(),
  /** Plain text. Empty when `withdrawn`. */
  body: z.string(),
  /** Empty when `withdrawn`. */
  attachments: z.array(AttachmentMetaSchema),
  status: z.enum(MESSAGE_STATUSES),
  /**
   * `status: entered-in-error`: sent by mistake and taken back. It keeps its place in the thread (sender, time)
   * so the conversation still reads in order, but its body and attachments are not exposed: the element shows
   * "withdrawn", never the text that was withdrawn.
   */
  withdrawn: z.boolean(),
  /**
   * For a message to the patient: whether the patient has read it. A message the patient wrote is always read
   * (the patient's own words are never "new").
   */
  read: z.boolean(),
  /** When the patient read a message to them, where the server records it. */
  readAt: z.optional(InstantSchema),
  /** For a message the patient wrote: when it reached the care team (`Communication.received`), where recorded. */
  deliveredAt: z.optional(InstantSchema),
});
export type Message = z.infer<typeof MessageSchema>;

export const ThreadSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  subject: z.string(),
  /** The conversation's topic in words ("Prescription renewal"), from the coded topic; absent when none. */
  topic: z.optional(z.string()),
  /** The care team members and teams in the conversation (never the patient). */
  participants: z.array(RecipientSchema),
  lastMessageAt: z.optional(InstantSchema),
  unreadCount: /* @__PURE__ */ z.number().check(z.int(), z.nonnegative()),
  messageCount: /* @__PURE__ */ z.number().check(z.int(), z.nonnegative()),
});
export type Thread = z.infer<typeof ThreadSchema>;

export interface ThreadWithMessages {
  thread: Thread;
  messages: Message[];
  dropped: number;
}

export interface NewMessage {
  /** Reply in an existing thread, or start one with `subject`. */
  threadId?: string;
  subject?: string;
  /** One of the recipient's `topics`, for a new thread (ignored on a reply: the thread keeps its topic). */
  topic?: MessageTopic;
  recipient: Pick<Recipient, 'id' | 'kind'>;
  body: string;
  /** What `uploadAttachment` returned, in the order to show them. */
  attachments?: UploadedAttachment[];
  /** Idempotency key: a retried send never posts twice. */
  clientRequestId: string;
}

/** What `markRead` changed. */
export interface ReadReceipt {
  /** Messages that were unread and are read now. */
  messageIds: string[];
  /**
   * True when the server refused to store the read state: it is kept on this device for this session only, and
   * the messages read as unread again in a new session or on another device.
   */
  sessionOnly: boolean;
}

/** What `changesSince` found. */
export interface MessageChanges {
  /** Threads with a message added or changed after the instant asked about, newest first. */
  threads: Thread[];
  /** The instant to pass next time (the server's clock, not this device's). */
  next: string;
  dropped: number;
  truncated: boolean;
}
