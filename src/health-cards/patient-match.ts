/**
 * Whether a verified card is about the person signed in: a parent may scan a sibling's card, a patient an old card
 * with a maiden name. The verdict stays the card's; this only says where the name or birth date differs, so the
 * element can say so. Birth dates compare as FHIR partial dates, part by part from their text (never through
 * `Date`, which would shift `2015-05-03` to the 2nd west of Greenwich); names compare without case, accents or
 * punctuation, family name and first given name, as cards often carry only ASCII.
 */
import type { PatientSummary } from '../model/patient.js';
import { parsePartialDate } from '../time/days.js';
import type { HealthCard } from './verify.js';

/** `same`: equal at the precision both have and both have a day; `compatible`: equal as far as the less precise one goes. */
export type DateMatch = 'same' | 'compatible' | 'different' | 'unknown';
export type NameMatch = 'same' | 'different' | 'unknown';

export interface PatientMatch {
  name: NameMatch;
  birthDate: DateMatch;
  /** False as soon as either differs: the element then says the card may be someone else's. */
  matches: boolean;
}

const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const firstWord = (text: string | undefined): string => (text ? fold(text).split(' ')[0] ?? '' : '');

/** Two FHIR dates (`2015`, `2015-05`, `2015-05-03`, or a dateTime by its date part), part by part. */
export function compareFhirDates(a: string | undefined, b: string | undefined): DateMatch {
  const left = a ? parsePartialDate(a) : undefined;
  const right = b ? parsePartialDate(b) : undefined;
  if (!left || !right) return 'unknown';
  if (left.year !== right.year) return 'different';
  if (left.month === undefined || right.month === undefined) return 'compatible';
  if (left.month !== right.month) return 'different';
  if (left.day === undefined || right.day === undefined) return 'compatible';
  return left.day === right.day ? 'same' : 'different';
}

interface CardPatient {
  names: Array<{ family: string; given: string }>;
  birthDate?: string;
}

/** The first Patient in the card's bundle, read defensively (real cards carry odd shapes). */
export function cardPatient(card: Pick<HealthCard, 'bundle'>): CardPatient | undefined {
  const entries = Array.isArray(card.bundle.entry) ? (card.bundle.entry as unknown[]) : [];
  for (const entry of entries) {
    const resource = typeof entry === 'object' && entry !== null ? (entry as { resource?: unknown }).resource : undefined;
    if (typeof resource !== 'object' || resource === null || (resource as { resourceType?: unknown }).resourceType !== 'Patient') continue;
    const patient = resource as { name?: unknown; birthDate?: unknown };
    const names = (Array.isArray(patient.name) ? patient.name : []).flatMap((name: unknown) => {
      if (typeof name !== 'object' || name === null) return [];
      const { family, given } = name as { family?: unknown; given?: unknown };
      const first = Array.isArray(given) ? given.find((g): g is string => typeof g === 'string') : undefined;
      return typeof family === 'string' ? [{ family: fold(family), given: firstWord(first) }] : [];
    });
    return { names, ...(typeof patient.birthDate === 'string' ? { birthDate: patient.birthDate } : {}) };
  }
  return undefined;
}

/** The card's patient against the signed-in one (see the file comment). */
export function comparePatient(card: Pick<HealthCard, 'bundle'>, signedIn: Pick<PatientSummary, 'displayName' | 'givenName' | 'familyName' | 'birthDate'>): PatientMatch {
  const onCard = cardPatient(card);
  const words = fold(signedIn.displayName).split(' ').filter(Boolean);
  const family = signedIn.familyName ? fold(signedIn.familyName) : (words.at(-1) ?? '');
  const given = signedIn.givenName ? firstWord(signedIn.givenName) : (words[0] ?? '');
  let name: NameMatch = 'unknown';
  if (onCard && onCard.names.length > 0 && family) {
    name = onCard.names.some((n) => n.family === family && (!given || !n.given || n.given === given)) ? 'same' : 'different';
  }
  const birthDate = compareFhirDates(onCard?.birthDate, signedIn.birthDate);
  return { name, birthDate, matches: name !== 'different' && birthDate !== 'different' };
}
