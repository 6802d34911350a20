import { IdSchema } from './common.js';
import { z } from './z.js';

export const SESSION_STATUSES = ['signed-out', 'signing-in', 'signed-in', 'expired'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SessionSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-out') }),
  z.object({ status: z.literal('signing-in') }),
  z.object({
    status: z.literal('signed-in'),
    /** From the token response only; never from an attribute. */
    patientId: IdSchema,
    scopes: z.array(z.string()),
    /** Epoch ms when the access token lapses, if known. */
    expiresAt: z.optional(z.number()),
  }),
  /** Was signed in; the session ran out (idle or token). Elements show sign-in again, keep drafts. */
  z.object({ status: z.literal('expired') }),
]);
export type Session = z.infer<typeof SessionSchema>;
export type SignedInSession = Extract<Session, { status: 'signed-in' }>;

export const SIGNED_OUT: Session = Object.freeze({ status: 'signed-out' });
