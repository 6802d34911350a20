import { IdSchema, InstantSchema } from './common.js';
import * as z from './z.js';

export const RECIPIENT_KINDS = ['practitioner', 'care-team', 'organization'] as const;

export const RecipientSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  /** FHIR reference type the id belongs to, so a reply goes back to the same kind of actor. */
  kind: z.enum(RECIPIENT_KINDS),
  name: /* @__PURE__ */ z.string().check(z.minLength(1)),
  role: z.optional(z.string()),
});
export type Recipient = z.infer<typeof RecipientSchema>;

/** Metadata only; the bytes are fetched on demand through an allow-listed URL. */
export const AttachmentMetaSchema = /* @__PURE__ */ z.object({
  title: z.string(),
  contentType: z.optional(z.string()),
  size: z.optional(/* @__PURE__ */ z.number().check(z.int(), z.nonnegative())),
  url: z.optional(z.string()),
});
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;

export const MESSAGE_STATUSES = ['preparation', 'in-progress', 'completed', 'entered-in-error', 'unknown'] as const;

export const MessageSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  threadId: IdSchema,
  sentAt: z.optional(InstantSchema),
  /** True when the signed-in patient wrote it. */
  fromPatient: z.boolean(),
  senderName: z.string(),
  body: z.string(),
  attachments: z.array(AttachmentMetaSchema),
  status: z.enum(MESSAGE_STATUSES),
  read: z.boolean(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ThreadSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  subject: z.string(),
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
  recipient: Pick<Recipient, 'id' | 'kind'>;
  body: string;
  /** Idempotency key: a retried send never posts twice. */
  clientRequestId: string;
}
