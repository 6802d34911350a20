/**
 * The slice of FHIR R4 (4.0.1) JSON this adapter reads and writes, hand-written so `src/` carries no
 * dependency on a FHIR type package. Every field is optional even where FHIR says 1..1: servers send what
 * they send, so mappers receive `unknown` and check each field before trusting it. These types describe
 * what a field means when it IS present and well-formed, and they type the resources the builders emit.
 *
 * Decimals (`Quantity.value`, `valueDecimal`) are `string | number`: `parseFhirJson` turns them into their
 * source text so `2.00` survives, while hand-built JSON may still carry numbers.
 */

export type FhirDecimal = string | number;

export interface Element {
  id?: string;
  extension?: Extension[];
}

export interface Extension extends Element {
  url?: string;
  valueCode?: string;
  valueString?: string;
  valueUri?: string;
  valueUrl?: string;
  valueInteger?: number;
  valueBoolean?: boolean;
  valueDateTime?: string;
  valueInstant?: string;
  valueDecimal?: FhirDecimal;
  valueCoding?: Coding;
  valueCodeableConcept?: CodeableConcept;
  valueReference?: Reference;
}

export interface Meta {
  versionId?: string;
  lastUpdated?: string;
  profile?: string[];
  tag?: Coding[];
}

/**
 * Any resource. The index signature is honest about FHIR JSON (extensions, fields of later versions) and
 * lets a typed resource go wherever plain JSON records are expected (the HTTP client's bodies).
 */
export interface Resource {
  [field: string]: unknown;
  resourceType?: string;
  id?: string;
  meta?: Meta;
  extension?: Extension[];
  contained?: Resource[];
}

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  use?: string;
  system?: string;
  value?: string;
  type?: CodeableConcept;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Quantity {
  value?: FhirDecimal;
  comparator?: '<' | '<=' | '>=' | '>';
  unit?: string;
  system?: string;
  code?: string;
}

export interface Range {
  low?: Quantity;
  high?: Quantity;
}

export interface Ratio {
  numerator?: Quantity;
  denominator?: Quantity;
}

export interface HumanName {
  use?: 'usual' | 'official' | 'temp' | 'nickname' | 'anonymous' | 'old' | 'maiden';
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
  period?: Period;
}

export interface ContactPoint {
  system?: 'phone' | 'fax' | 'email' | 'pager' | 'url' | 'sms' | 'other';
  value?: string;
  use?: 'home' | 'work' | 'temp' | 'old' | 'mobile';
  rank?: number;
  period?: Period;
}

export interface Address {
  use?: string;
  text?: string;
  line?: string[];
  city?: string;
  district?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export interface Annotation {
  text?: string;
  time?: string;
  authorString?: string;
  authorReference?: Reference;
}

export interface Attachment {
  contentType?: string;
  language?: string;
  data?: string;
  url?: string;
  size?: number;
  hash?: string;
  title?: string;
  creation?: string;
}

export interface BundleLink {
  relation?: string;
  url?: string;
}

export interface BundleEntry<R extends Resource = Resource> {
  fullUrl?: string;
  resource?: R;
  search?: { mode?: 'match' | 'include' | 'outcome'; score?: FhirDecimal };
  request?: { method?: string; url?: string; ifNoneExist?: string; ifMatch?: string };
  response?: { status?: string; location?: string; etag?: string; lastModified?: string; outcome?: Resource };
}

export interface Bundle<R extends Resource = Resource> extends Resource {
  resourceType?: 'Bundle';
  type?: string;
  total?: number;
  link?: BundleLink[];
  entry?: BundleEntry<R>[];
}

export interface OperationOutcomeIssue {
  severity?: 'fatal' | 'error' | 'warning' | 'information';
  code?: string;
  details?: CodeableConcept;
  diagnostics?: string;
  expression?: string[];
}

export interface OperationOutcome extends Resource {
  resourceType?: 'OperationOutcome';
  issue?: OperationOutcomeIssue[];
}

export interface Patient extends Resource {
  resourceType?: 'Patient';
  name?: HumanName[];
  gender?: string;
  birthDate?: string;
  telecom?: ContactPoint[];
  communication?: { language?: CodeableConcept; preferred?: boolean }[];
}

export interface Location extends Resource {
  resourceType?: 'Location';
  status?: string;
  name?: string;
  alias?: string[];
  description?: string;
  telecom?: ContactPoint[];
  address?: Address;
}

export interface Practitioner extends Resource {
  resourceType?: 'Practitioner';
  name?: HumanName[];
  telecom?: ContactPoint[];
}

export interface PractitionerRole extends Resource {
  resourceType?: 'PractitionerRole';
  active?: boolean;
  practitioner?: Reference;
  organization?: Reference;
  code?: CodeableConcept[];
  specialty?: CodeableConcept[];
  location?: Reference[];
  healthcareService?: Reference[];
  telecom?: ContactPoint[];
}

export interface HealthcareService extends Resource {
  resourceType?: 'HealthcareService';
  active?: boolean;
  name?: string;
  comment?: string;
  extraDetails?: string;
  category?: CodeableConcept[];
  type?: CodeableConcept[];
  specialty?: CodeableConcept[];
  location?: Reference[];
  telecom?: ContactPoint[];
}

export interface Schedule extends Resource {
  resourceType?: 'Schedule';
  active?: boolean;
  serviceCategory?: CodeableConcept[];
  serviceType?: CodeableConcept[];
  specialty?: CodeableConcept[];
  actor?: Reference[];
  planningHorizon?: Period;
  comment?: string;
}

export interface Slot extends Resource {
  resourceType?: 'Slot';
  serviceCategory?: CodeableConcept[];
  serviceType?: CodeableConcept[];
  specialty?: CodeableConcept[];
  appointmentType?: CodeableConcept;
  schedule?: Reference;
  status?: string;
  start?: string;
  end?: string;
  overbooked?: boolean;
  comment?: string;
}

export interface AppointmentParticipant {
  type?: CodeableConcept[];
  actor?: Reference;
  required?: 'required' | 'optional' | 'information-only';
  status?: 'accepted' | 'declined' | 'tentative' | 'needs-action';
  period?: Period;
}

export interface Appointment extends Resource {
  resourceType?: 'Appointment';
  identifier?: Identifier[];
  status?: string;
  cancelationReason?: CodeableConcept;
  serviceCategory?: CodeableConcept[];
  serviceType?: CodeableConcept[];
  specialty?: CodeableConcept[];
  appointmentType?: CodeableConcept;
  reasonCode?: CodeableConcept[];
  description?: string;
  start?: string;
  end?: string;
  minutesDuration?: number;
  slot?: Reference[];
  created?: string;
  comment?: string;
  patientInstruction?: string;
  participant?: AppointmentParticipant[];
  requestedPeriod?: Period[];
}

export interface CommunicationPayload {
  contentString?: string;
  contentAttachment?: Attachment;
  contentReference?: Reference;
}

export interface Communication extends Resource {
  resourceType?: 'Communication';
  identifier?: Identifier[];
  partOf?: Reference[];
  inResponseTo?: Reference[];
  status?: string;
  category?: CodeableConcept[];
  subject?: Reference;
  topic?: CodeableConcept;
  about?: Reference[];
  sent?: string;
  received?: string;
  recipient?: Reference[];
  sender?: Reference;
  payload?: CommunicationPayload[];
  note?: Annotation[];
}

export interface ObservationReferenceRange {
  low?: Quantity;
  high?: Quantity;
  type?: CodeableConcept;
  appliesTo?: CodeableConcept[];
  age?: Range;
  text?: string;
}

/** The `value[x]` choice shared by Observation and Observation.component. */
export interface ObservationValue {
  valueQuantity?: Quantity;
  valueCodeableConcept?: CodeableConcept;
  valueString?: string;
  valueBoolean?: boolean;
  valueInteger?: number;
  valueRange?: Range;
  valueRatio?: Ratio;
  valueTime?: string;
  valueDateTime?: string;
  valuePeriod?: Period;
  dataAbsentReason?: CodeableConcept;
  interpretation?: CodeableConcept[];
  referenceRange?: ObservationReferenceRange[];
}

export interface ObservationComponent extends ObservationValue {
  code?: CodeableConcept;
}

export interface Observation extends Resource, ObservationValue {
  resourceType?: 'Observation';
  status?: string;
  category?: CodeableConcept[];
  code?: CodeableConcept;
  subject?: Reference;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  effectiveInstant?: string;
  issued?: string;
  performer?: Reference[];
  note?: Annotation[];
  hasMember?: Reference[];
  component?: ObservationComponent[];
}

export interface DiagnosticReport extends Resource {
  resourceType?: 'DiagnosticReport';
  status?: string;
  category?: CodeableConcept[];
  code?: CodeableConcept;
  subject?: Reference;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  issued?: string;
  performer?: Reference[];
  resultsInterpreter?: Reference[];
  result?: Reference[];
  conclusion?: string;
  presentedForm?: Attachment[];
}

export interface ImmunizationPerformer {
  function?: CodeableConcept;
  actor?: Reference;
}

export interface Immunization extends Resource {
  resourceType?: 'Immunization';
  identifier?: Identifier[];
  status?: string;
  statusReason?: CodeableConcept;
  vaccineCode?: CodeableConcept;
  patient?: Reference;
  occurrenceDateTime?: string;
  occurrenceString?: string;
  recorded?: string;
  primarySource?: boolean;
  reportOrigin?: CodeableConcept;
  location?: Reference;
  lotNumber?: string;
  site?: CodeableConcept;
  route?: CodeableConcept;
  performer?: ImmunizationPerformer[];
  note?: Annotation[];
  protocolApplied?: {
    series?: string;
    doseNumberPositiveInt?: number;
    doseNumberString?: string;
    seriesDosesPositiveInt?: number;
    seriesDosesString?: string;
  }[];
}

export interface ImmunizationRecommendationEntry {
  vaccineCode?: CodeableConcept[];
  targetDisease?: CodeableConcept;
  forecastStatus?: CodeableConcept;
  dateCriterion?: { code?: CodeableConcept; value?: string }[];
  description?: string;
  series?: string;
  doseNumberPositiveInt?: number;
  doseNumberString?: string;
  seriesDosesPositiveInt?: number;
  seriesDosesString?: string;
}

export interface ImmunizationRecommendation extends Resource {
  resourceType?: 'ImmunizationRecommendation';
  patient?: Reference;
  date?: string;
  recommendation?: ImmunizationRecommendationEntry[];
}

export interface CapabilityStatementOperation {
  name?: string;
  definition?: string;
}

export interface CapabilityStatement extends Resource {
  resourceType?: 'CapabilityStatement';
  fhirVersion?: string;
  rest?: {
    mode?: 'client' | 'server';
    resource?: {
      type?: string;
      interaction?: { code?: string }[];
      conditionalCreate?: boolean;
      conditionalUpdate?: boolean;
      versioning?: 'no-version' | 'versioned' | 'versioned-update';
      searchParam?: { name?: string; type?: string }[];
      operation?: CapabilityStatementOperation[];
    }[];
    operation?: CapabilityStatementOperation[];
  }[];
}
