/**
 * SMART Health Cards read and verified in the browser, with no verification service in between: a `shc:/` numeric
 * QR text to its JWS, the JWS header checked (ES256, raw DEFLATE, a key id), the payload inflated and parsed
 * strictly (no byte-order mark, nothing after the JSON), the issuer checked (https, no trailing slash), the
 * signature verified with WebCrypto against the issuer's published keys (raw 64-byte R||S; a DER signature is
 * refused, as the specification requires), and the card's validity window respected. Stricter than a reader that
 * repairs what it is given: each refusal names its reason, so the element can say it in words.
 */

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
  | 'issuer-url'
  | 'issuer-keys'
  | 'unknown-key'
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

async function inflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return refuse('inflate');
  }
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

export interface HealthCard {
  issuer: string;
  /** The credential's types (`https://smarthealth.cards#health-card`, `#immunization`, …). */
  types: string[];
  /** The FHIR Bundle the card carries. */
  bundle: Record<string, unknown>;
  /** When it was issued (epoch seconds). */
  issuedAt?: number;
}

export interface VerifyOptions {
  /** The issuer's JSON Web Key Set (from `<iss>/.well-known/jwks.json`, or a trusted directory's copy). */
  keysFor(issuer: string): Promise<unknown>;
  /** Now, in epoch seconds. */
  now?: () => number;
}

/** Reads and verifies one JWS (see the file comment); resolves to the card, or rejects with a HealthCardError. */
export async function verifyHealthCardJws(jws: string, options: VerifyOptions): Promise<HealthCard> {
  const parts = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(jws);
  if (!parts) return refuse('not-a-jws');
  const [, headerPart, payloadPart, signaturePart] = parts;
  const header = strictJson(new TextDecoder().decode(base64urlBytes(headerPart)), 'header') as Partial<JwsHeader>;
  if (header.alg !== 'ES256' || header.zip !== 'DEF' || typeof header.kid !== 'string' || header.kid === '') refuse('header');
  const payload = strictJson(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await inflateRaw(base64urlBytes(payloadPart))), 'payload');

  const issuer = typeof payload.iss === 'string' ? payload.iss : '';
  if (!/^https:\/\/[^/?#\s]+(\/[^?#\s]*[^/?#\s])?$/.test(issuer)) refuse('issuer-url');

  const signature = base64urlBytes(signaturePart);
  if (signature.length !== 64) refuse('signature-format');
  let keys: unknown;
  try {
    keys = await options.keysFor(issuer);
  } catch {
    return refuse('issuer-keys');
  }
  const list = typeof keys === 'object' && keys !== null && Array.isArray((keys as { keys?: unknown }).keys) ? (keys as { keys: unknown[] }).keys : refuse('issuer-keys');
  const jwk = list.find((k): k is JsonWebKey & { kid: string } => typeof k === 'object' && k !== null && (k as { kid?: unknown }).kid === header.kid);
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || (jwk.alg !== undefined && jwk.alg !== 'ES256') || (jwk.use !== undefined && jwk.use !== 'sig')) {
    return refuse('unknown-key');
  }
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    return refuse('unknown-key');
  }
  const signed = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
  if (!(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signed))) refuse('signature');

  const now = options.now?.() ?? Math.floor(Date.now() / 1000);
  // A minute's grace for clocks a little apart.
  if (typeof payload.nbf === 'number' && payload.nbf > now + 60) refuse('not-yet-valid');
  if (typeof payload.exp === 'number' && payload.exp < now) refuse('expired');
  const vc = (payload.vc ?? {}) as { type?: unknown; credentialSubject?: { fhirBundle?: unknown } };
  const bundle = vc.credentialSubject?.fhirBundle;
  if (typeof bundle !== 'object' || bundle === null) refuse('payload');
  return {
    issuer,
    types: Array.isArray(vc.type) ? vc.type.filter((t): t is string => typeof t === 'string') : [],
    bundle: bundle as Record<string, unknown>,
    ...(typeof payload.nbf === 'number' ? { issuedAt: payload.nbf } : {}),
  };
}
