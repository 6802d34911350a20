/**
 * Helpers shared by the FHIR → model mappers. Everything here takes `unknown`: server JSON is untrusted
 * until a model schema has accepted the result, and nothing here may throw on odd input.
 *
 * Strings from the server are carried, never rewritten (no trimming, no HTML handling): rendering is
 * text-only, so `<img src=x onerror=alert(1)>` in a name is just a strange name. Whitespace-only strings
 * count as absent, because showing "" as a name helps nobody.
 */
import type { Address, Coding, Concept } from '../../../model/common.js';
import { FHIR_DATE_PATTERN, FHIR_DATE_TIME_PATTERN, ID_MAX_LENGTH, INSTANT_PATTERN } from '../../../model/values.js';
import { CLIENT_REQUEST_SYSTEM } from '../constants.js';

/** What every inbound mapper returns. `reason` is a short code (never server text: it may carry PHI). */
export type MapOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export type Json = Record<string, unknown>;

export const ok = <T>(value: T): MapOutcome<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): MapOutcome<T> => ({ ok: false, reason });

/**
 * Runs a mapper body and turns any exception into a rejection. The bodies are written not to throw; this
 * is the backstop that keeps "one bad entry never costs the list" true even for input nobody foresaw.
 */
export function guarded<A extends unknown[], T>(body: (...args: A) => MapOutcome<T>): (...args: A) => MapOutcome<T> {
  return (...args: A) => {
    try {
      return body(...args);
    } catch {
      return fail('internal-error');
    }
  };
}

/** Zod schemas of the model, reduced to what `validated` needs (any zod/mini schema fits). */
interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };
}

/** Checks a mapped value against its model schema; a failure names the field path only, never its value. */
export function validated<T>(schema: SafeParser<T>, value: unknown): MapOutcome<T> {
  const result = schema.safeParse(value);
  if (result.success) return ok(result.data);
  const path = result.error.issues[0]?.path.map(String).join('.') ?? '';
  return fail(`schema:${path}`);
}

/**
 * `validated` without zod, for values built only from the guards below, which already give every field its
 * model shape (non-blank strings, instants, codes of a value set, whole numbers); what those leave open is the
 * model's limit on id length. The scheduling read path uses it: a clinic's month is some 1,500 slots mapped
 * before the first times show, and a page that only searches slots then loads no zod at all.
 * test/api/fhir/map/scheduling-schemas.test.ts parses every such value with its model schema to keep the two
 * in step.
 */
export function withCheckedIds<T>(value: T, ids: readonly (string | undefined)[]): MapOutcome<T> {
  return ids.every((id) => id === undefined || id.length <= ID_MAX_LENGTH) ? ok(value) : fail('schema:id');
}

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The resource if it is an object of this `resourceType`. */
export function asResource(value: unknown, resourceType: string): Json | undefined {
  return isRecord(value) && value.resourceType === resourceType ? value : undefined;
}

/** The resource and its id, or why it cannot map: the check every mapper starts with. */
export function identified(value: unknown, resourceType: string): { ok: true; resource: Json; id: string } | { ok: false; reason: string } {
  const resource = asResource(value, resourceType);
  if (!resource) return { ok: false, reason: 'wrong-type' };
  const id = str(resource.id);
  return id ? { ok: true, resource, id } : { ok: false, reason: 'missing-id' };
}

/** `identified`, for a resource whose required `status` must be one of the model's `statuses`. */
export function identifiedWithStatus<S extends string>(
  value: unknown,
  resourceType: string,
  statuses: readonly S[],
): { ok: true; resource: Json; id: string; status: S } | { ok: false; reason: string } {
  const head = identified(value, resourceType);
  if (!head.ok) return head;
  const status = head.resource.status;
  return isOneOf(statuses, status) ? { ...head, status } : { ok: false, reason: 'invalid-status' };
}

/** Whether a value a server sent is one of a value set's codes (narrowing it to that set). */
export function isOneOf<T extends string>(codes: readonly T[], value: unknown): value is T {
  return (codes as readonly unknown[]).includes(value);
}

/** A non-blank string, as written. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function records(value: unknown): Json[] {
  return arr(value).filter(isRecord);
}

export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** Drops `undefined` members so optional model fields are absent rather than present-but-undefined. */
export function compact<T extends object>(value: T): T {
  // A plain loop: this runs several times per slot, and entries/filter/fromEntries build three arrays each time.
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out as T;
}

// The model schemas' own patterns, tested without zod: these run once or twice per slot.
export const isInstant = (value: unknown): value is string => typeof value === 'string' && INSTANT_PATTERN.test(value);
export const isFhirDate = (value: unknown): value is string => typeof value === 'string' && FHIR_DATE_PATTERN.test(value);
export const isFhirDateTime = (value: unknown): value is string => typeof value === 'string' && FHIR_DATE_TIME_PATTERN.test(value);

/**
 * The calendar date of a FHIR dateTime, at its own precision: `2021-05-03T23:30:00-08:00` → `2021-05-03`.
 * That is the local date where the event happened (the offset says where). Converting to UTC or to the
 * viewer's zone would move a late-evening vaccination to the next day, which is exactly the "day-shifted
 * vaccine date" a patient must never see.
 */
export function datePart(dateTime: unknown): string | undefined {
  if (!isFhirDateTime(dateTime)) return undefined;
  const date = dateTime.split('T')[0];
  return isFhirDate(date) ? date : undefined;
}

/** The moment an instant names, as epoch ms, for comparing instants written with different offsets; undefined when it cannot be read. */
export function instantMillis(instant: string | undefined): number | undefined {
  if (instant === undefined) return undefined;
  const ms = Date.parse(instant);
  return Number.isFinite(ms) ? ms : undefined;
}

// ---------------------------------------------------------------- references

export interface ParsedReference {
  /** Resource type when the reference says it (`Patient/1`, an absolute URL, or `Reference.type`). */
  type?: string;
  id: string;
  /** `#id`: a resource contained in the referring one. */
  contained?: true;
}

const FHIR_ID = '[A-Za-z0-9\\-.]{1,64}';
const WHOLE_FHIR_ID = new RegExp(`^${FHIR_ID}$`);

/** Whether `id` has FHIR's id syntax (what a reference to it may carry). */
export function isFhirId(id: string): boolean {
  return WHOLE_FHIR_ID.test(id);
}
const RELATIVE = new RegExp(`(?:^|/)([A-Z][A-Za-z]{1,63})/(${FHIR_ID})(?:/_history/${FHIR_ID})?$`);
const UUID_OR_OID = /^urn:(?:uuid|oid):([A-Za-z0-9\-.]{1,64})$/;
const CONTAINED = new RegExp(`^#(${FHIR_ID})$`);

/**
 * Reads a Reference (object) or a reference string. Understands `Type/id`, `Type/id/_history/v`, absolute
 * URLs ending in `Type/id` (searchsets from other bases), `urn:uuid:`/`urn:oid:` (transaction bundles such
 * as Synthea's, where the uuid is also the resource id) and `#id` (contained). Anything else → undefined.
 */
export function parseReference(ref: unknown): ParsedReference | undefined {
  const text = isRecord(ref) ? ref.reference : ref;
  const declaredType = isRecord(ref) ? str(ref.type) : undefined;
  if (typeof text !== 'string' || text.length > 2048) return undefined;
  if (declaredType !== undefined) return readReference(text, declaredType);
  // A month of slots names the same few schedules over and over: each text is read once (answers are frozen,
  // so no caller can change what the next one gets).
  if (readTexts.has(text)) return readTexts.get(text);
  const parsed = readReference(text, undefined);
  if (readTexts.size >= MAX_READ_TEXTS) readTexts.clear();
  readTexts.set(text, parsed);
  return parsed;
}

const readTexts = new Map<string, ParsedReference | undefined>();
const MAX_READ_TEXTS = 2_000;

function readReference(text: string, declaredType: string | undefined): ParsedReference | undefined {
  const contained = CONTAINED.exec(text);
  if (contained) return Object.freeze({ id: contained[1], contained: true as const, ...(declaredType ? { type: declaredType } : {}) });
  const urn = UUID_OR_OID.exec(text);
  if (urn) return Object.freeze(declaredType ? { type: declaredType, id: urn[1] } : { id: urn[1] });
  const relative = RELATIVE.exec(text);
  if (!relative) return undefined;
  // An absolute URL must really be a URL, not "junk/Patient/1".
  if (text.includes('://') || !text.startsWith(relative[1])) {
    if (!/^https?:\/\//.test(text)) return undefined;
  }
  return Object.freeze({ type: relative[1], id: relative[2] });
}

/**
 * The id a reference points at, if it points at one of `types`. Untyped `urn:uuid:` references are taken
 * as well when `allowUntyped` is set (a transaction bundle's internal links carry no type).
 */
export function referenceIdOf(ref: unknown, types: readonly string[], allowUntyped = false): string | undefined {
  const parsed = parseReference(ref);
  if (!parsed || parsed.contained) return undefined;
  if (parsed.type === undefined) return allowUntyped ? parsed.id : undefined;
  return types.includes(parsed.type) ? parsed.id : undefined;
}

export function referenceDisplay(ref: unknown): string | undefined {
  return isRecord(ref) ? str(ref.display) : undefined;
}

/**
 * Model ids for clinicians. A Schedule or Appointment may point at a Practitioner or at a PractitionerRole,
 * and a write must send the same kind back, so the id keeps the difference: a Practitioner's id is its
 * plain FHIR id, a role's id is `PractitionerRole/<id>`. FHIR ids cannot contain `/`, so the two never
 * collide, and either form is usable as-is in a search (`Schedule?actor=PractitionerRole/x`).
 */
export function practitionerIdFromReference(ref: unknown): string | undefined {
  const parsed = parseReference(ref);
  if (!parsed || parsed.contained) return undefined;
  if (parsed.type === 'Practitioner') return parsed.id;
  if (parsed.type === 'PractitionerRole') return `PractitionerRole/${parsed.id}`;
  return undefined;
}

/** The FHIR reference for a clinician model id (inverse of `practitionerIdFromReference`). */
export function practitionerReference(practitionerId: string): string {
  return practitionerId.startsWith('PractitionerRole/') ? practitionerId : `Practitioner/${practitionerId}`;
}

// ---------------------------------------------------------------- codes

export function toCoding(value: unknown): Coding | undefined {
  if (!isRecord(value)) return undefined;
  const code = str(value.code);
  if (!code) return undefined;
  return compact({ system: str(value.system), code, display: str(value.display) });
}

/**
 * The name a person can read for a CodeableConcept: `text`, else the first coding's display. Never the bare code:
 * a server without displays leaves a service or a clinician's role unnamed rather than "86198006".
 */
export function conceptName(concept: unknown): string | undefined {
  if (!isRecord(concept)) return undefined;
  const text = str(concept.text);
  if (text) return text;
  for (const coding of records(concept.coding)) {
    const display = str(coding.display);
    if (display) return display;
  }
  return undefined;
}

/** Text a person should read for a CodeableConcept: `text`, else the first coding's display, else its code. */
export function conceptText(concept: unknown): string | undefined {
  if (!isRecord(concept)) return undefined;
  const text = str(concept.text);
  if (text) return text;
  const codings = records(concept.coding);
  for (const coding of codings) {
    const display = str(coding.display);
    if (display) return display;
  }
  for (const coding of codings) {
    const code = str(coding.code);
    if (code) return code;
  }
  return undefined;
}

/** A model Concept, or undefined when the concept has nothing a person could read. */
export function toConcept(concept: unknown): Concept | undefined {
  const text = conceptText(concept);
  if (text === undefined || !isRecord(concept)) return undefined;
  return { text, codings: records(concept.coding).flatMap((c) => toCoding(c) ?? []) };
}

export function codingWithSystem(concept: unknown, system: string): Coding | undefined {
  if (!isRecord(concept)) return undefined;
  for (const coding of records(concept.coding)) {
    if (coding.system === system) {
      const mapped = toCoding(coding);
      if (mapped) return mapped;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- extensions

/** All extensions on `element` with this URL (FHIR allows repeats, e.g. several vaccine products). */
export function extensionsOf(element: unknown, url: string): Json[] {
  return isRecord(element) ? records(element.extension).filter((e) => e.url === url) : [];
}

export function extensionOf(element: unknown, url: string): Json | undefined {
  return extensionsOf(element, url)[0];
}

// ---------------------------------------------------------------- people and places

const NAME_PREFERENCE = ['official', 'usual', undefined, 'temp', 'nickname'] as const;

/**
 * The name to show: `official`, else `usual`, else one without a use, else a temp or nickname. Old and
 * maiden names are a last resort (better than no name for a clinician; rare for a patient).
 */
export function pickName(names: unknown): Json | undefined {
  const list = records(names);
  for (const use of NAME_PREFERENCE) {
    const found = list.find((n) => (use === undefined ? n.use === undefined : n.use === use));
    if (found) return found;
  }
  return list[0];
}

export function givenNames(name: Json | undefined): string | undefined {
  const given = arr(name?.given).flatMap((g) => str(g) ?? []);
  return given.length > 0 ? given.join(' ') : undefined;
}

/**
 * A HumanName as words: its `text` when the server wrote one, else given + family (with prefixes and
 * suffixes when `titles` is set: "Dr. Aubrey Corkery" for a clinician, never for the patient's banner).
 */
export function formatHumanName(name: Json | undefined, titles = false): string | undefined {
  if (!name) return undefined;
  const text = str(name.text);
  if (text) return text;
  const parts = [
    ...(titles ? arr(name.prefix) : []),
    givenNames(name),
    str(name.family),
    ...(titles ? arr(name.suffix) : []),
  ].flatMap((p) => str(p) ?? []);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function toAddress(address: unknown): Address | undefined {
  if (!isRecord(address)) return undefined;
  const mapped = compact({
    lines: arr(address.line).flatMap((l) => str(l) ?? []),
    city: str(address.city),
    state: str(address.state),
    postalCode: str(address.postalCode),
    country: str(address.country),
  });
  return mapped.lines.length > 0 || Object.keys(mapped).length > 1 ? mapped : undefined;
}

/** The number to call: a `work` phone first, then any phone not marked `old`. */
export function phoneOf(telecom: unknown): string | undefined {
  const phones = records(telecom).filter((t) => t.system === 'phone' && str(t.value) && t.use !== 'old');
  const work = phones.find((t) => t.use === 'work');
  return str((work ?? phones[0])?.value);
}

/**
 * Links that may become an `href`: absolute http(s) only. Elements apply their own allow-list too; this
 * keeps `javascript:`/`data:` out of the model in the first place.
 */
export function httpUrl(value: unknown): string | undefined {
  const text = str(value);
  if (!text || !/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text).protocol.startsWith('http') ? text : undefined;
  } catch {
    return undefined;
  }
}

/** A link a patient is sent to join a video visit: absolute https only, nothing sent in the clear. */
export function httpsUrl(value: unknown): string | undefined {
  const url = httpUrl(value);
  return url && new URL(url).protocol === 'https:' ? url : undefined;
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function truncateWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// ---------------------------------------------------------------- idempotent writes

/**
 * The query that finds a write by its idempotency key: `identifier=<system>|<key>`, URL-encoded. The same
 * string serves as the `If-None-Exist` header of a conditional create and as the search (`<type>?<query>`)
 * run before retrying a write whose answer was lost. `resourceType` names the write for readability at the
 * call site; the key system is the same for every type. FHIR search escapes (`\ | , $`) are applied to
 * the key so a strange key can never widen the match.
 */
export function clientRequestSearch(resourceType: 'Appointment' | 'Communication' | 'Immunization' | (string & {}), key: string): string {
  void resourceType;
  const escaped = key.replace(/[\\|,$]/g, (c) => `\\${c}`);
  return `identifier=${encodeURIComponent(`${CLIENT_REQUEST_SYSTEM}|${escaped}`)}`;
}

/** The idempotency key a resource was written with, when the server echoes it. */
export function clientRequestIdOf(resource: Json): string | undefined {
  return str(records(resource.identifier).find((i) => i.system === CLIENT_REQUEST_SYSTEM)?.value);
}

export function clientRequestIdentifier(key: string): { system: string; value: string } {
  return { system: CLIENT_REQUEST_SYSTEM, value: key };
}
