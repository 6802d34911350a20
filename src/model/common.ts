import * as z from './z.js';
import { FHIR_DATE_PATTERN, FHIR_DATE_TIME_PATTERN, ID_MAX_LENGTH, INSTANT_PATTERN, isIanaZone } from './values.js';

export { FHIR_DATE_PATTERN, FHIR_DATE_TIME_PATTERN, ID_MAX_LENGTH, INSTANT_PATTERN, isIanaZone } from './values.js';

// Schema constants carry `@__PURE__`: a `.check()` is a method call, which a bundler must otherwise keep for its
// possible side effects, and with it all of zod, also on pages whose first render never parses with zod.

/** An opaque server id. Never a name or anything a person could be recognised by. */
export const IdSchema = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(ID_MAX_LENGTH));
export type Id = z.infer<typeof IdSchema>;

/**
 * FHIR `date`: `2021`, `2021-05` or `2021-05-03`, kept exactly as the server wrote it. A partial date is a
 * fact about precision ("some time in 2021"), so it is never widened into a `Date`.
 */
export const FhirDateSchema = /* @__PURE__ */ z.string().check(z.regex(FHIR_DATE_PATTERN, 'FHIR date: YYYY, YYYY-MM or YYYY-MM-DD'));
export type FhirDate = z.infer<typeof FhirDateSchema>;

/** FHIR `dateTime` that may also be partial; time zone offset required when a time is present. */
export const FhirDateTimeSchema = /* @__PURE__ */ z.string().check(z.regex(FHIR_DATE_TIME_PATTERN, 'FHIR dateTime'));
export type FhirDateTime = z.infer<typeof FhirDateTimeSchema>;

/** FHIR `instant`: a full timestamp with seconds and an `hh:mm` offset (or `Z`). */
export const InstantSchema = /* @__PURE__ */ z.string().check(z.regex(INSTANT_PATTERN, 'instant with offset'));
export type Instant = z.infer<typeof InstantSchema>;

/**
 * A decimal as its lexical text (`2.00`, `1E-22`). JSON numbers lose trailing zeros, so the FHIR adapter
 * reads the raw text; the UI formats this string, never a float.
 */
export const DecimalTextSchema = /* @__PURE__ */ z.string().check(z.regex(/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/, 'decimal text'));
export type DecimalText = z.infer<typeof DecimalTextSchema>;

/** IANA time zone name that this browser's `Intl` can format in (`America/New_York`). */
export const TimeZoneSchema = /* @__PURE__ */ z.string().check(z.refine(isIanaZone, 'IANA time zone'));
export type TimeZone = z.infer<typeof TimeZoneSchema>;

export const CodingSchema = /* @__PURE__ */ z.object({
  system: z.optional(z.string()),
  code: /* @__PURE__ */ z.string().check(z.minLength(1)),
  display: z.optional(z.string()),
});
export type Coding = z.infer<typeof CodingSchema>;

/** A coded concept with the text a person should read. `text` is always present (falls back to a code). */
export const ConceptSchema = /* @__PURE__ */ z.object({
  text: z.string(),
  codings: z.array(CodingSchema),
});
export type Concept = z.infer<typeof ConceptSchema>;

export const AddressSchema = /* @__PURE__ */ z.object({
  lines: z.array(z.string()),
  city: z.optional(z.string()),
  state: z.optional(z.string()),
  postalCode: z.optional(z.string()),
  country: z.optional(z.string()),
});
export type Address = z.infer<typeof AddressSchema>;

/**
 * The result of any list call. `dropped` counts entries the server sent that did not validate (one bad
 * entry never costs the list); `truncated` says the page cap was reached before the server ran out.
 */
export interface ListResult<T> {
  items: T[];
  dropped: number;
  truncated: boolean;
}
