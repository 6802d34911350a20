/**
 * The slice of FHIR R4 (4.0.1) JSON the adapter writes (Appointment, Communication, Immunization), typed
 * by hand so `src/` carries no dependency on a FHIR type package. Reads need no types: mappers receive
 * `unknown` and check each field before trusting it.
 *
 * Decimals (`Quantity.value`, `valueDecimal`) are `string | number`: `parseFhirJson` turns them into their
 * source text so `2.00` survives, while hand-built JSON may still carry numbers.
 */

type FhirDecimal = string | number;

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

interface Period {
  start?: string;
  end?: string;
}

interface Annotation {
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

interface CommunicationPayload {
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

interface ImmunizationPerformer {
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
