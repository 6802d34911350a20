/**
 * SMART Health Links: a `shlink:/` text (alone or after a viewer's `#`) is base64url JSON naming a manifest `url`, a
 * 32-byte `key`, optional `exp` (epoch seconds), `flag` letters (`L` long-term, `P` passcode, `U` the url is the one
 * file) and a `label`. The manifest is asked for with a POST naming the `recipient` (and the passcode when `P` asks
 * for one); a wrong passcode answers 401 with `remainingAttempts`, which we surface. Files arrive embedded or at a
 * `location`, each a compact JWE (`alg: dir`, `enc: A256GCM`, optionally `zip: DEF`) decrypted with WebCrypto; the
 * SMART Health Cards inside are judged by `checkCardInput` under the same trust policy as any other card (the
 * link's own server is contacted because the person handed us its link; card issuers only if trusted).
 */
import { checkCardInput, type CardCheckOptions, type FetchLike, type Verdict } from './trust.js';
import { DEFAULT_MAX_PAYLOAD_BYTES, inflateRawCapped } from './verify.js';

export type HealthLinkProblem = 'link-format' | 'link-url' | 'link-key' | 'link-expired' | 'passcode-required' | 'passcode-wrong' | 'manifest' | 'decrypt' | 'file';

export class HealthLinkError extends Error {
  constructor(
    readonly problem: HealthLinkProblem,
    /** After a wrong passcode: how many tries the server says are left, when it says. */
    readonly remainingAttempts?: number,
  ) {
    super(`SMART Health Link refused: ${problem}`);
    this.name = 'HealthLinkError';
  }
}

export interface HealthLink {
  url: string;
  key: Uint8Array<ArrayBuffer>;
  flags: string;
  exp?: number;
  label?: string;
}

const fail = (problem: HealthLinkProblem, remaining?: number): never => {
  throw new HealthLinkError(problem, remaining);
};

function fromBase64url(part: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error('not base64url');
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const HTTPS = /^https:\/\/[^/?#\s]+/;

/** The link's payload, checked: https url, a 43-character key of 32 bytes, flags from L, P, U (and not L with U). */
export function parseHealthLink(text: string): HealthLink {
  const match = /^(?:https:\/\/[^#\s]*#)?shlink:\/([A-Za-z0-9_-]+)$/.exec(text);
  if (!match) return fail('link-format');
  let payload: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(fromBase64url(match[1])));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    payload = value as Record<string, unknown>;
  } catch {
    return fail('link-format');
  }
  if (typeof payload.url !== 'string' || !HTTPS.test(payload.url)) fail('link-url');
  let key: Uint8Array<ArrayBuffer> | undefined;
  try {
    key = typeof payload.key === 'string' && payload.key.length === 43 ? fromBase64url(payload.key) : undefined;
  } catch {
    key = undefined;
  }
  if (!key || key.length !== 32) return fail('link-key');
  const flags = typeof payload.flag === 'string' ? payload.flag : '';
  if (!/^[LPU]*$/.test(flags) || (flags.includes('U') && flags.includes('P'))) fail('link-format');
  return {
    url: payload.url as string,
    key,
    flags,
    ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
    // A label is the sharer's words, at most 80 characters: shown as text, cut rather than refused.
    ...(typeof payload.label === 'string' ? { label: payload.label.slice(0, 80) } : {}),
  };
}

/** A compact JWE with direct AES-256-GCM, decrypted: its plaintext as text and its declared content type. */
export async function decryptHealthLinkFile(jwe: string, key: Uint8Array<ArrayBuffer>, maxBytes = 4 * DEFAULT_MAX_PAYLOAD_BYTES): Promise<{ text: string; cty?: string }> {
  try {
    const parts = jwe.split('.');
    if (parts.length !== 5 || parts[1] !== '') throw new Error('not dir JWE');
    const [headerPart, , ivPart, cipherPart, tagPart] = parts;
    const header = JSON.parse(new TextDecoder().decode(fromBase64url(headerPart))) as { alg?: unknown; enc?: unknown; zip?: unknown; cty?: unknown };
    if (header.alg !== 'dir' || header.enc !== 'A256GCM' || (header.zip !== undefined && header.zip !== 'DEF')) throw new Error('header');
    const iv = fromBase64url(ivPart);
    const tag = fromBase64url(tagPart);
    if (iv.length !== 12 || tag.length !== 16) throw new Error('sizes');
    const cipher = fromBase64url(cipherPart);
    const sealed = new Uint8Array(cipher.length + 16);
    sealed.set(cipher);
    sealed.set(tag, cipher.length);
    const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['decrypt']);
    // The protected header is the additional data: a changed header fails like changed content.
    let plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(headerPart), tagLength: 128 }, cryptoKey, sealed));
    if (header.zip === 'DEF') {
      const inflated = await inflateRawCapped(plain, maxBytes);
      if (!inflated) throw new Error('too large');
      plain = inflated;
    } else if (plain.length > maxBytes) throw new Error('too large');
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(plain), ...(typeof header.cty === 'string' ? { cty: header.cty } : {}) };
  } catch {
    return fail('decrypt');
  }
}

export interface OpenLinkOptions {
  /** For the link's server (its manifest and files). */
  fetch: FetchLike;
  /** Who is asking, as the link's server records it (an organisation's or app's name: never the patient's). */
  recipient: string;
  passcode?: string;
  /** How the cards inside are judged (trust list, known keys, the fetch for issuers). */
  cards: CardCheckOptions;
  now?: () => number;
}

export interface LinkFile {
  contentType: string;
  /** For `application/smart-health-card`: one verdict per card. */
  verdicts?: Verdict[];
  /** For `application/fhir+json`: the resource, unverified (nothing signs it but the link). */
  resource?: unknown;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text()) as unknown;
  } catch {
    return undefined;
  }
}

/** The link opened: manifest, files decrypted, cards judged. Rejects with a HealthLinkError naming its problem. */
export async function openHealthLink(link: HealthLink, options: OpenLinkOptions): Promise<LinkFile[]> {
  const now = options.now?.() ?? Math.floor(Date.now() / 1000);
  if (link.exp !== undefined && link.exp < now) fail('link-expired');
  // Asked before any request: a link that needs a passcode is not tried without one.
  if (link.flags.includes('P') && !options.passcode) fail('passcode-required');
  const request = { credentials: 'omit', redirect: 'error' } as const;

  let encrypted: Array<{ contentType: string; jwe: string }> = [];
  if (link.flags.includes('U')) {
    const response = await options.fetch(`${link.url}${link.url.includes('?') ? '&' : '?'}recipient=${encodeURIComponent(options.recipient)}`, { ...request, method: 'GET' }).catch(() => fail('manifest'));
    if (!response.ok) fail('manifest');
    encrypted = [{ contentType: 'application/smart-health-card', jwe: (await response.text()).trim() }];
  } else {
    const body = { recipient: options.recipient, ...(options.passcode ? { passcode: options.passcode } : {}) };
    const response = await options.fetch(link.url, { ...request, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => fail('manifest'));
    if (response.status === 401 && link.flags.includes('P')) {
      const answer = (await readJson(response)) as { remainingAttempts?: unknown } | undefined;
      fail('passcode-wrong', typeof answer?.remainingAttempts === 'number' ? answer.remainingAttempts : undefined);
    }
    if (!response.ok) fail('manifest');
    const manifest = (await readJson(response)) as { files?: unknown } | undefined;
    if (!manifest || !Array.isArray(manifest.files)) return fail('manifest');
    for (const file of manifest.files as unknown[]) {
      if (typeof file !== 'object' || file === null) continue;
      const { contentType, embedded, location } = file as { contentType?: unknown; embedded?: unknown; location?: unknown };
      if (typeof contentType !== 'string') continue;
      if (typeof embedded === 'string') encrypted.push({ contentType, jwe: embedded });
      else if (typeof location === 'string' && HTTPS.test(location)) {
        const got = await options.fetch(location, { ...request, method: 'GET' }).catch(() => fail('file'));
        if (!got.ok) fail('file');
        encrypted.push({ contentType, jwe: (await got.text()).trim() });
      }
    }
  }

  const files: LinkFile[] = [];
  for (const { contentType, jwe } of encrypted) {
    const { text, cty } = await decryptHealthLinkFile(jwe, link.key);
    const type = cty ?? contentType;
    if (type === 'application/smart-health-card') files.push({ contentType: type, verdicts: await checkCardInput(text, { ...options.cards, now: options.cards.now ?? (() => now) }) });
    else if (type === 'application/fhir+json') {
      try {
        files.push({ contentType: type, resource: JSON.parse(text) as unknown });
      } catch {
        fail('file');
      }
    }
    // Other types (a SMART Health Links Viewer may add more) are left out, not refused.
  }
  return files;
}
