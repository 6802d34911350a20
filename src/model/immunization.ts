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

/** One `protocolApplied` entry: which dose of which series this was, and against what. */
export const ProtocolAppliedSchema = /* @__PURE__ */ z.object({
  /** The series' name as recorded ("3-dose"). */
  series: z.optional(z.string()),
  /** The diseases this dose counts against, in words ("Type B viral hepatitis"). */
  targetDiseases: z.optional(z.array(z.string())),
  doseNumber: z.optional(z.string()),
  seriesDoses: z.optional(z.string()),
});
export type ProtocolApplied = z.infer<typeof ProtocolAppliedSchema>;

export const ImmunizationSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  vaccine: VaccineSchema,
  status: z.enum(IMMUNIZATION_STATUSES),
  /** Why it was not given (for `not-done`). */
  statusReason: z.optional(z.string()),
  /** The reason's v3-ActReason code (`IMMUNE`, `MEDPREC`, `OSTOCK`, `PATOBJ`) when the server sent one. */
  statusReasonCode: z.optional(z.string()),
  /**
   * When: a FHIR partial date (`2021`, `2021-05`, `2021-05-03`) kept at the precision recorded, or only
   * words ("January 2012") when the source had no date.
   */
  occurrenceDate: z.optional(FhirDateSchema),
  occurrenceText: z.optional(z.string()),
  lotNumber: z.optional(z.string()),
  site: z.optional(z.string()),
  /** The site's v3-ActSite code (`LA`, `RA`…) when the server sent one: the element words it in the reader's language. */
  siteCode: z.optional(z.string()),
  route: z.optional(z.string()),
  performer: z.optional(z.string()),
  location: z.optional(z.string()),
  /** False when the patient or another non-clinical source reported it. */
  primarySource: z.boolean(),
  /** Who reported it when not the giver (`reportOrigin`), in words ("Parent/Guardian/Patient Recall"). */
  reportOrigin: z.optional(z.string()),
  /** The immunization-origin code (`provider`, `record`, `recall`, `school`) when the server sent one. */
  reportOriginCode: z.optional(z.string()),
  /** The first protocol's dose and series, for lists that show one. */
  doseNumber: z.optional(z.string()),
  seriesDoses: z.optional(z.string()),
  /** Every `protocolApplied` entry (a combination vaccine counts in several series). */
  protocolApplied: z.optional(z.array(ProtocolAppliedSchema)),
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
  /** `record`: from a written record (a card, a pharmacy receipt); `recall`: from memory. Default `recall`. */
  source?: 'record' | 'recall';
  lotNumber?: string;
  location?: string;
  clientRequestId: string;
}
