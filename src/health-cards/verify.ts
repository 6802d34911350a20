/**
 * SMART Health Cards read and verified in the browser, with no verification service in between: `shc:/` numeric QR
 * text (one code, or every chunk of a chunked one in any order) to its JWS, the JWS header checked (ES256, raw
 * DEFLATE, a key id), the payload inflated under a size ceiling and parsed strictly (no byte-order mark, nothing
 * after the JSON), the issuer checked (https, no trailing slash), the signing key held to the specification's rules
 * (keys.ts), the signature verified with WebCrypto (raw 64-byte R||S; a DER signature is refused, as the
 * specification requires), the health-card type required, and the card's validity window respected. Stricter than a
 * reader that repairs what it is given: each refusal names its reason, so the element can say it in words. Whose
 * keys are asked for, and revocation, are trust.ts's and revocation.ts's.
 */

import { keyProblem, type KeyProblem } from './keys.js';

export type HealthCardProblem =
  | 'not-numeric-qr'
  | 'chunked-qr'
  | 'qr-chunk-index'
  | 'qr-chunk-duplicate'
  | 'qr-chunk-missing'
  | 'qr-chunk-total-mismatch'
  | 'qr-chunk-size'
  | 'not-a-jws'
  | 'header'
  | 'inflate'
  | 'payload'
  | 'payload-too-large'
  | 'vc-type'
  | 'time-claims'
  | 'issuer-url'
  | 'issuer-keys'
  | 'unknown-key'
  | KeyProblem
  | 'signature-format'
  | 'signature'
  | 'not-yet-valid'
  | 'expired';

export class HealthCardError extends Error {
  constructor(readonly problem: HealthCardProblem) {
    super(`SMART Health Card refused: ${problem}`);
    this.name = 'HealthCardError';
  }
}

const refuse = (problem: HealthCardProblem): never => {
  throw new HealthCardError(problem);
};

/** Pairs of digits, each pair a character code minus 45, back to the JWS characters they stand for. */
function digitsToJws(digits: string): string {
  if (digits.length === 0 || digits.length % 2 !== 0) refuse('not-numeric-qr');
  let out = '';
  for (let i = 0; i < digits.length; i += 2) {
    const value = Number(digits.slice(i, i + 2));
    // 'z' (122) is the highest character a JWS uses: 122 − 45 = 77.
    if (value > 77) refuse('not-numeric-qr');
    out += String.fromCharCode(value + 45);
  }
  return out;
}

/** `shc:/` followed by pairs of digits, each pair a character code minus 45; one QR code (chunks are refused). */
export function numericToJws(text: string): string {
  if (/^shc:\/\d+\/\d+\//.test(text)) refuse('chunked-qr');
  const match = /^shc:\/(\d+)$/.exec(text);
  if (!match) return refuse('not-numeric-qr');
  return digitsToJws(match[1]);
}

/** A JWS as one `shc:/` numeric QR text (each character its code minus 45, two digits), the inverse of numericToJws. */
export function jwsToNumeric(jws: string): string {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws)) refuse('not-a-jws');
  let digits = '';
  for (let i = 0; i < jws.length; i++) digits += String(jws.charCodeAt(i) - 45).padStart(2, '0');
  return `shc:/${digits}`;
}

/** The specification splits a JWS longer than 1195 characters into chunks of at most 1191. */
const MAX_CHUNK_JWS = 1191;

/**
 * One JWS from the `shc:/` texts of one card, whether a single code or every chunk of a chunked one
 * (`shc:/C/N/…`), scanned in any order. Refused, each for its own reason: a chunk index outside 1…N or a lone
 * `shc:/1/1/` (the specification numbers chunks only when there are several), two chunks with one index,
 * chunks that disagree on N, a chunk missing, a chunk holding more than the specification allows. Chunks that
 * are merely smaller than they needed to be are accepted: the signature still covers the whole JWS.
 * Each text must be exact; see `splitScannedText` for what a scanner adds around it.
 */
export function assembleNumericQr(texts: readonly string[]): string {
  if (texts.length === 0) return refuse('not-numeric-qr');
  if (texts.length === 1 && !/^shc:\/\d+\/\d+\//.test(texts[0])) return numericToJws(texts[0]);
  let total: number | undefined;
  const parts = new Map<number, string>();
  for (const text of texts) {
    const match = /^shc:\/(\d+)\/(\d+)\/([^]*)$/.exec(text);
    if (!match) return refuse('not-numeric-qr');
    const [index, count] = [Number(match[1]), Number(match[2])];
    if (!/^[1-9]\d{0,3}$/.test(match[1]) || !/^[1-9]\d{0,3}$/.test(match[2]) || count < 2 || index > count) refuse('qr-chunk-index');
    if (!/^\d+$/.test(match[3])) refuse('not-numeric-qr');
    if (total !== undefined && total !== count) refuse('qr-chunk-total-mismatch');
    total = count;
    if (parts.has(index)) refuse('qr-chunk-duplicate');
    const jws = digitsToJws(match[3]);
    if (jws.length > MAX_CHUNK_JWS) refuse('qr-chunk-size');
    parts.set(index, jws);
  }
  let out = '';
  for (let index = 1; index <= (total ?? 0); index++) {
    const part = parts.get(index);
    if (part === undefined) return refuse('qr-chunk-missing');
    out += part;
  }
  return out;
}

/**
 * What a hardware scanner (a keyboard) or a paste delivers, cut into the codes it holds. Deliberately narrow:
 * each code ends at a line break (CR, LF or CRLF, which scanners send as their Enter suffix) and blank lines
 * between codes are skipped. Nothing else is trimmed: a space or a tab before or after a code, or inside it, stays
 * part of it and makes it unreadable, as a byte-order mark does — a reader that repairs text is one that
 * accepts a card someone tampered with.
 */
export function splitScannedText(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line !== '');
}

function base64urlBytes(part: string): Uint8Array<ArrayBuffer> {
  const padded = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface JwsHeader {
  alg: string;
  zip: string;
  kid: string;
}

/** The inflated payload's ceiling unless the host sets another: example-02, a 55-entry lab report, is 30 KB. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 512 * 1024;

/**
 * Raw DEFLATE, read chunk by chunk and abandoned as soon as it passes `limit`: a few hundred bytes of a
 * compression bomb never become gigabytes in memory, and nothing is parsed until the whole payload is in.
 * Undefined when it passes the limit; rejects when the bytes are no DEFLATE stream. Cards and Health Link files
 * share it.
 */
export async function inflateRawCapped(bytes: Uint8Array<ArrayBuffer>, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

async function inflateRaw(bytes: Uint8Array<ArrayBuffer>, limit: number): Promise<Uint8Array> {
  let inflated: Uint8Array | undefined;
  try {
    inflated = await inflateRawCapped(bytes, limit);
  } catch {
    return refuse('inflate');
  }
  return inflated ?? refuse('payload-too-large');
}

/** A JSON object, parsed strictly: a byte-order mark or anything after the JSON is refused, not trimmed. */
function strictJson(text: string, problem: HealthCardProblem): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  return refuse(problem);
}

/** 9999-12-31T23:59:59Z. */
const MAX_EPOCH_SECONDS = 253_402_300_799;

export const HEALTH_CARD_TYPE = 'https://smarthealth.cards#health-card';

export interface HealthCard {
  issuer: string;
  /** The credential's types (`https://smarthealth.cards#health-card`, `#immunization`, …). */
  types: string[];
  /** The FHIR Bundle the card carries. */
  bundle: Record<string, unknown>;
  /** When it was issued (epoch seconds). */
  issuedAt?: number;
  /** When it stops being valid (epoch seconds), if the issuer set that. */
  expiresAt?: number;
  /** The key that signed it. */
  kid: string;
  /** The card's revocation identifier (`vc.rid`), if it has one. */
  rid?: string;
}

export interface VerifyOptions {
  /** The issuer's JSON Web Key Set (from `<iss>/.well-known/jwks.json`, or a trusted directory's copy). */
  keysFor(issuer: string): Promise<unknown>;
  /** Now, in epoch seconds. */
  now?: () => number;
  /** The most bytes the payload may inflate to (DEFAULT_MAX_PAYLOAD_BYTES unless set). */
  maxPayloadBytes?: number;
}

interface ReadJws {
  header: JwsHeader;
  payload: Record<string, unknown>;
  issuer: string;
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

/** The JWS taken apart and its payload read, without any key: enough to know who claims to have issued it. */
export async function readHealthCardJws(jws: string, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES): Promise<{ issuer: string; kid: string }> {
  const read = await readJws(jws, maxPayloadBytes);
  return { issuer: read.issuer, kid: read.header.kid };
}

/**
 * The card's payload, inflated (capped) and parsed, with no key and no check of who issued it: for showing what a
 * card the patient's own server issued holds, never for deciding whether a card is genuine.
 */
export async function readHealthCardPayload(jws: string, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES): Promise<Record<string, unknown>> {
  return (await unpackJws(jws, maxPayloadBytes)).payload;
}

async function unpackJws(jws: string, maxPayloadBytes: number) {
  const parts = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(jws);
  if (!parts) return refuse('not-a-jws');
  const [, headerPart, payloadPart, signaturePart] = parts;
  const header = strictJson(new TextDecoder().decode(base64urlBytes(headerPart)), 'header') as Partial<JwsHeader>;
  if (header.alg !== 'ES256' || header.zip !== 'DEF' || typeof header.kid !== 'string' || header.kid === '') refuse('header');
  const payload = strictJson(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await inflateRaw(base64urlBytes(payloadPart), maxPayloadBytes)), 'payload');
  return { header, payload, headerPart, payloadPart, signaturePart };
}

async function readJws(jws: string, maxPayloadBytes: number): Promise<ReadJws> {
  const { header, payload, headerPart, payloadPart, signaturePart } = await unpackJws(jws, maxPayloadBytes);
  const issuer = typeof payload.iss === 'string' ? payload.iss : '';
  if (!/^https:\/\/[^/?#\s]+(\/[^?#\s]*[^/?#\s])?$/.test(issuer)) refuse('issuer-url');
  return {
    header: header as JwsHeader,
    payload,
    issuer,
    signingInput: new TextEncoder().encode(`${headerPart}.${payloadPart}`),
    signature: base64urlBytes(signaturePart),
  };
}

/** The signature checked against the issuer's key, and the key returned with the card; the validity period is
 * left to the caller, so that a card both revoked and expired can be called revoked. */
export async function checkHealthCardJws(jws: string, options: Omit<VerifyOptions, 'now'>): Promise<{ card: HealthCard; key: JsonWebKey & { kid: string; crlVersion?: unknown } }> {
  const { header, payload, issuer, signingInput, signature } = await readJws(jws, options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES);
  if (signature.length !== 64) refuse('signature-format');
  let keys: unknown;
  try {
    keys = await options.keysFor(issuer);
  } catch {
    return refuse('issuer-keys');
  }
  const list = typeof keys === 'object' && keys !== null && Array.isArray((keys as { keys?: unknown }).keys) ? (keys as { keys: unknown[] }).keys : refuse('issuer-keys');
  const jwk = list.find((k): k is JsonWebKey & { kid: string } => typeof k === 'object' && k !== null && (k as { kid?: unknown }).kid === header.kid);
  if (!jwk) return refuse('unknown-key');
  const broken = await keyProblem(jwk);
  if (broken) refuse(broken);
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    return refuse('key-type');
  }
  if (!(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signingInput))) refuse('signature');

  const vc = (typeof payload.vc === 'object' && payload.vc !== null ? payload.vc : {}) as { type?: unknown; rid?: unknown; credentialSubject?: { fhirBundle?: unknown } };
  const types = Array.isArray(vc.type) ? vc.type.filter((t): t is string => typeof t === 'string') : [];
  // Other types are the issuer's to add and ours to ignore; this one says the credential is a health card at all.
  if (!types.includes(HEALTH_CARD_TYPE)) refuse('vc-type');
  const bundle = vc.credentialSubject?.fhirBundle;
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) refuse('payload');
  // Seconds, as JWT says: a time past the year 9999 is milliseconds, and an exp in milliseconds never expires.
  for (const claim of [payload.nbf, payload.exp]) if (claim !== undefined && (typeof claim !== 'number' || !Number.isFinite(claim) || claim > MAX_EPOCH_SECONDS)) refuse('time-claims');
  const card: HealthCard = {
    issuer,
    types,
    bundle: bundle as Record<string, unknown>,
    kid: header.kid,
    ...(typeof payload.nbf === 'number' ? { issuedAt: payload.nbf } : {}),
    ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp } : {}),
    ...(typeof vc.rid === 'string' ? { rid: vc.rid } : {}),
  };
  return { card, key: jwk };
}

/** `nbf` not in the future (a minute's grace for clocks a little apart) and `exp`, if any, not passed. */
export function windowProblem(card: Pick<HealthCard, 'issuedAt' | 'expiresAt'>, now: number): 'not-yet-valid' | 'expired' | undefined {
  if (card.issuedAt !== undefined && card.issuedAt > now + 60) return 'not-yet-valid';
  if (card.expiresAt !== undefined && card.expiresAt < now) return 'expired';
  return undefined;
}

/** Reads and verifies one JWS (see the file comment); resolves to the card, or rejects with a HealthCardError. */
export async function verifyHealthCardJws(jws: string, options: VerifyOptions): Promise<HealthCard> {
  const { card } = await checkHealthCardJws(jws, options);
  const problem = windowProblem(card, options.now?.() ?? Math.floor(Date.now() / 1000));
  if (problem) refuse(problem);
  return card;
}
