import * as z from './z.js';
import { API_ERROR_KINDS } from './values.js';

export { API_ERROR_KINDS, RETRYABLE_KINDS, type ApiErrorKind } from './values.js';

/** What travels in `portal-error` events: codes only, never text a server wrote. */
export const ErrorInfoSchema = /* @__PURE__ */ z.object({
  kind: z.enum(API_ERROR_KINDS),
  /** Adapter operation that failed, e.g. `scheduling.book`. */
  operation: z.string(),
  status: z.optional(z.number()),
  retryable: z.boolean(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;
