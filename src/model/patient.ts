import { FhirDateSchema, IdSchema } from './common.js';
import * as z from './z.js';

export const GENDERS = ['male', 'female', 'other', 'unknown'] as const;

export const PatientSummarySchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  /** Name as the person would read it on a banner ("Ana María Mejía"). */
  displayName: z.string(),
  givenName: z.optional(z.string()),
  familyName: z.optional(z.string()),
  birthDate: z.optional(FhirDateSchema),
  gender: z.optional(z.enum(GENDERS)),
  /** BCP 47 tag from `Patient.communication` marked preferred, if any. */
  preferredLanguage: z.optional(z.string()),
});
export type PatientSummary = z.infer<typeof PatientSummarySchema>;
