import { ConceptSchema, FhirDateSchema, IdSchema } from './common.js';
import * as z from './z.js';

export const IMMUNIZATION_STATUSES = ['completed', 'entered-in-error', 'not-done'] as const;
export type ImmunizationStatus = (typeof IMMUNIZATION_STATUSES)[number];

export const VaccineSchema = /* @__PURE__ */ z.object({
  text: z.string(),
  /** CDC CVX code when the record carries one (some systems use SNOMED, ATC or national codes only). */
  cvx: z.optional(z.string()),
  concept: ConceptSchema,
});
export type Vaccine = z.infer<typeof VaccineSchema>;

export const ImmunizationSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  vaccine: VaccineSchema,
  status: z.enum(IMMUNIZATION_STATUSES),
  /** Why it was not given (for `not-done`). */
  statusReason: z.optional(z.string()),
  /**
   * When: a FHIR partial date (`2021`, `2021-05`, `2021-05-03`) kept at the precision recorded, or only
   * words ("January 2012") when the source had no date.
   */
  occurrenceDate: z.optional(FhirDateSchema),
  occurrenceText: z.optional(z.string()),
  lotNumber: z.optional(z.string()),
  site: z.optional(z.string()),
  route: z.optional(z.string()),
  performer: z.optional(z.string()),
  location: z.optional(z.string()),
  /** False when the patient or another non-clinical source reported it. */
  primarySource: z.boolean(),
  doseNumber: z.optional(z.string()),
  seriesDoses: z.optional(z.string()),
});
export type Immunization = z.infer<typeof ImmunizationSchema>;

export const FORECAST_STATUSES = ['due', 'overdue', 'immune', 'contraindicated', 'complete', 'unknown'] as const;

export const RecommendationSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  vaccine: VaccineSchema,
  forecast: z.enum(FORECAST_STATUSES),
  /** Earliest date the next dose is due. */
  dueDate: z.optional(FhirDateSchema),
  doseNumber: z.optional(z.string()),
  series: z.optional(z.string()),
  description: z.optional(z.string()),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** A vaccine the patient tells us about; stored with `primarySource: false`. */
export interface NewImmunizationReport {
  cvx: string;
  vaccineText: string;
  occurrenceDate: string;
  lotNumber?: string;
  location?: string;
  clientRequestId: string;
}
