import { ConceptSchema, DecimalTextSchema, FhirDateTimeSchema, IdSchema, InstantSchema } from './common.js';
import * as z from './z.js';

export const QUANTITY_COMPARATORS = ['<', '<=', '>=', '>'] as const;

export const QuantitySchema = /* @__PURE__ */ z.object({
  /** Lexical decimal: `2.00` stays `2.00`. */
  value: DecimalTextSchema,
  /** The unit as the source wrote it for people ("mmol/l", "mmHg"). */
  unit: z.optional(z.string()),
  comparator: z.optional(z.enum(QUANTITY_COMPARATORS)),
  /** Coded unit (UCUM: `http://unitsofmeasure.org`), kept apart from `unit`: "mmHg" is shown, `mm[Hg]` is compared. */
  system: z.optional(z.string()),
  code: z.optional(z.string()),
});
export type Quantity = z.infer<typeof QuantitySchema>;

export const ResultValueSchema = /* @__PURE__ */ z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quantity'), quantity: QuantitySchema }),
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('concept'), concept: ConceptSchema }),
  z.object({ kind: z.literal('boolean'), value: z.boolean() }),
  z.object({ kind: z.literal('datetime'), value: FhirDateTimeSchema }),
  z.object({ kind: z.literal('range'), low: z.optional(QuantitySchema), high: z.optional(QuantitySchema) }),
  z.object({ kind: z.literal('ratio'), numerator: QuantitySchema, denominator: QuantitySchema }),
  /** No value, and why (FHIR data-absent-reason code and text). */
  z.object({ kind: z.literal('absent'), reason: z.optional(ConceptSchema) }),
]);
export type ResultValue = z.infer<typeof ResultValueSchema>;

export const ReferenceRangeSchema = /* @__PURE__ */ z.object({
  low: z.optional(QuantitySchema),
  high: z.optional(QuantitySchema),
  text: z.optional(z.string()),
  /** What kind of range (normal, recommended, therapeutic, …), as the source coded it. */
  type: z.optional(ConceptSchema),
  /** Who the range is for (a sex, a race, a condition), each a concept with its words. */
  appliesTo: z.optional(z.array(ConceptSchema)),
  /** The ages the range is for; either bound may be absent. */
  age: z.optional(z.object({ low: z.optional(QuantitySchema), high: z.optional(QuantitySchema) })),
});
export type ReferenceRange = z.infer<typeof ReferenceRangeSchema>;

/** How worried to be, in order; drives text and icon together, never colour alone. */
export const INTERPRETATION_SEVERITIES = ['normal', 'abnormal', 'critical', 'unknown'] as const;
export type InterpretationSeverity = (typeof INTERPRETATION_SEVERITIES)[number];

export const InterpretationSchema = /* @__PURE__ */ z.object({
  /** v3 ObservationInterpretation code (`H`, `LL`, `A`, `N`, …) or the server's own. */
  code: z.string(),
  system: z.optional(z.string()),
  display: z.optional(z.string()),
  severity: z.enum(INTERPRETATION_SEVERITIES),
});
export type Interpretation = z.infer<typeof InterpretationSchema>;

export const RESULT_STATUSES = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
  'unknown',
] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export const ResultComponentSchema = /* @__PURE__ */ z.object({
  code: ConceptSchema,
  value: ResultValueSchema,
  referenceRanges: z.array(ReferenceRangeSchema),
  /** The most severe of `interpretations`, the one to show first. */
  interpretation: z.optional(InterpretationSchema),
  /** Every interpretation coding, in source order (the FHIR mapper always sets it; hand-built data may not). */
  interpretations: z.optional(z.array(InterpretationSchema)),
});
export type ResultComponent = z.infer<typeof ResultComponentSchema>;

/** One Observation as a person reads it. */
export const ResultSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  code: ConceptSchema,
  status: z.enum(RESULT_STATUSES),
  value: ResultValueSchema,
  referenceRanges: z.array(ReferenceRangeSchema),
  /** The most severe of `interpretations`, the one to show first. */
  interpretation: z.optional(InterpretationSchema),
  /** Every interpretation coding, in source order (the FHIR mapper always sets it; hand-built data may not). */
  interpretations: z.optional(z.array(InterpretationSchema)),
  effective: z.optional(FhirDateTimeSchema),
  issued: z.optional(InstantSchema),
  components: z.array(ResultComponentSchema),
  /** Member results of a panel (`hasMember`), by id. */
  memberIds: z.array(IdSchema),
  note: z.optional(z.string()),
  /** The patient is its performer: a home reading, shown as "you reported". */
  patientReported: z.optional(z.boolean()),
});
export type Result = z.infer<typeof ResultSchema>;

export const REPORT_STATUSES = [
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
  'unknown',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** One DiagnosticReport with its results resolved. */
export const ReportSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  code: ConceptSchema,
  status: z.enum(REPORT_STATUSES),
  category: z.optional(z.string()),
  effective: z.optional(FhirDateTimeSchema),
  issued: z.optional(InstantSchema),
  performer: z.optional(z.string()),
  conclusion: z.optional(z.string()),
  results: z.array(ResultSchema),
  /**
   * The report as the lab formatted it (`presentedForm`): its declared type, title, and the bytes inline (base64) or a
   * link to them. The element offers inline bytes only after they prove to be of the declared type.
   */
  presentedForms: z.optional(
    z.array(z.object({ contentType: z.optional(z.string()), title: z.optional(z.string()), data: z.optional(z.string()), url: z.optional(z.string()) })),
  ),
  /** Results referenced by the report that could not be read or did not validate. */
  missingResults: /* @__PURE__ */ z.number().check(z.int(), z.nonnegative()),
});
export type Report = z.infer<typeof ReportSchema>;

// The logic on results (which range applies, trend series, unit keys) lives in a module without zod, so an element's
// first render can use it without loading the schemas; it is re-exported here for everyone else.
export { chooseReferenceRange, groupResultSeries, unitKey, type RangeChoice, type ResultSeries, type ResultTrend } from './result-logic.js';

/** A reading a patient takes at home, as the form gives it; values are decimal text as typed. */
export type HomeReading = {
  /** When it was taken: a full dateTime with the patient's offset. */
  readonly takenAt: string;
  /** One key per reading, kept across retries: a resend stores it once. */
  readonly clientRequestId: string;
} & (
  | { readonly kind: 'blood-pressure'; readonly systolic: string; readonly diastolic: string }
  | { readonly kind: 'glucose'; readonly value: string; readonly unit: 'mg/dL' | 'mmol/L' }
  | { readonly kind: 'weight'; readonly value: string; readonly unit: 'kg' | '[lb_av]' }
);
