import { IdSchema } from './common.js';
import * as z from './z.js';
import { AUTHORIZATION_REFUSALS, SIGN_IN_PROBLEMS } from './values.js';

export {
  AUTHORIZATION_REFUSALS,
  SESSION_STATUSES,
  SIGNED_OUT,
  SIGN_IN_PROBLEMS,
  type AuthorizationRefusal,
  type SessionStatus,
  type SignInProblem,
} from './values.js';

export const SessionSchema = /* @__PURE__ */ z.discriminatedUnion('status', [
  z.object({
    status: z.literal('signed-out'),
    problem: z.optional(z.enum(SIGN_IN_PROBLEMS)),
    /** The authorization server's registered error code, when it refused the sign-in (`access_denied`: the person said no). */
    refusal: z.optional(z.enum(AUTHORIZATION_REFUSALS)),
  }),
  z.object({ status: z.literal('signing-in') }),
  z.object({
    status: z.literal('signed-in'),
    /** From the token response only; never from an attribute. */
    patientId: IdSchema,
    /**
     * The scopes the server granted (read back from the token response). Absent when the host page manages the
     * session (a token source): then the host vouches for what its token may do.
     */
    scopes: z.optional(z.array(z.string())),
    /** Epoch ms when the access token lapses, if known. */
    expiresAt: z.optional(z.number()),
  }),
  /** Was signed in; the session ran out (idle or token). Elements show sign-in again, keep drafts. */
  z.object({ status: z.literal('expired') }),
]);
export type Session = z.infer<typeof SessionSchema>;
export type SignedInSession = Extract<Session, { status: 'signed-in' }>;

/**
 * What elements may ask of the session's owner (a provider with a SMART client, or the host page's own
 * session). Shared through `authContext`; absent when the page manages sign-in itself.
 */
export interface SessionActions {
  /** Starts sign-in (for SMART: discovery, then the redirect to the authorization server). */
  signIn(): void;
  /** Ends the session for every element on the page (and in the page's other tabs). */
  signOut(): void;
  /**
   * Tells the owner which scopes an element needs (SMART v2 syntax, `patient/Appointment.rs`), so sign-in asks
   * for the union of what the page's elements need. Returns the function that withdraws them.
   */
  need(scopes: readonly string[]): () => void;
}
