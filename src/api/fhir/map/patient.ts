import { GENDERS, PatientSummarySchema, type PatientSummary } from '../../../model/patient.js';
import {
  isOneOf,
  identified,
  compact,
  formatHumanName,
  givenNames,
  guarded,
  isFhirDate,
  isRecord,
  pickName,
  records,
  str,
  validated,
  type Json,
  type MapOutcome,
} from './common.js';

const BCP47_SYSTEM = 'urn:ietf:bcp:47';
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

function languageTag(communication: Json | undefined): string | undefined {
  const language = communication?.language;
  if (!isRecord(language)) return undefined;
  const codings = records(language.coding);
  const coding = codings.find((c) => c.system === BCP47_SYSTEM) ?? codings[0];
  const code = str(coding?.code);
  return code && LANGUAGE_TAG.test(code) ? code : undefined;
}

/**
 * The language marked `preferred`; when the record lists exactly one language and marks none, that one
 * (Synthea and many EHR exports never set the flag, and a Spanish-only record should still get Spanish).
 */
function preferredLanguage(patient: Json): string | undefined {
  const entries = records(patient.communication);
  const preferred = entries.find((c) => c.preferred === true);
  if (preferred) return languageTag(preferred);
  return entries.length === 1 ? languageTag(entries[0]) : undefined;
}

/**
 * Patient → PatientSummary. The whole portal hangs on this one resource, so a malformed optional field
 * (a `gender` outside the value set, a birthDate that is not a FHIR date) is left out instead of failing
 * the sign-in. A patient without any usable name maps with an empty displayName (newborns often have
 * none yet); the banner shows its own placeholder.
 */
export const mapPatient = guarded((resource: unknown): MapOutcome<PatientSummary> => {
  const head = identified(resource, 'Patient');
  if (!head.ok) return head;
  const { resource: patient, id } = head;
  const name = pickName(patient.name);
  const gender = isOneOf(GENDERS, patient.gender) ? patient.gender : undefined;
  return validated(
    PatientSummarySchema,
    compact({
      id,
      displayName: formatHumanName(name) ?? '',
      givenName: givenNames(name),
      familyName: str(name?.family),
      birthDate: isFhirDate(patient.birthDate) ? patient.birthDate : undefined,
      gender,
      preferredLanguage: preferredLanguage(patient),
    }),
  );
});
