/**
 * Whose cards this page accepts, and the one verdict a person reads. The host supplies the issuers it trusts (and,
 * for offline use, their key sets); keys are fetched from `<iss>/.well-known/jwks.json` through the `fetch` the host
 * passes in, and only for an issuer on that list: a card names its issuer, so a reader that fetches whatever a card
 * names tells a stranger's server who scanned which card, when. A card from an issuer off the list can still be
 * checked when the host supplied that issuer's keys ("genuine, but not an issuer trusted here"); otherwise it is
 * "cannot check", and nothing was asked of anyone.
 */
import { cardInputToJws } from './input.js';
import { isRevoked, parseRevocationList } from './revocation.js';
import { checkHealthCardJws, HealthCardError, readHealthCardJws, windowProblem, type HealthCard, type HealthCardProblem } from './verify.js';

export interface TrustedIssuer {
  /** The issuer's `iss`, exactly as its cards carry it. */
  iss: string;
  /** A name to show ("issued by …"), from the host's directory. */
  name?: string;
  /** Its JWKS, when the host has a copy: then nothing is fetched for its keys. */
  jwks?: unknown;
  /** Its revocation lists by kid, when the host has copies: then nothing is fetched for them. */
  crls?: Readonly<Record<string, unknown>>;
}

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface CardCheckOptions {
  /** The issuers this page accepts. */
  trusted: readonly TrustedIssuer[];
  /** Key sets of issuers not on the list, by `iss`: used to tell genuine from forged, never to trust. */
  knownKeys?: Readonly<Record<string, unknown>>;
  /** Used for the keys and revocation lists of trusted issuers only; without it, only supplied copies are used. */
  fetch?: FetchLike;
  /** Now, in epoch seconds. */
  now?: () => number;
  maxPayloadBytes?: number;
  signal?: AbortSignal;
}

export type VerdictKind = 'verified' | 'untrusted-issuer' | 'revoked' | 'expired' | 'altered-or-forged' | 'unreadable';

/** Problems beyond the card's own, met while judging it. */
export type TrustProblem = 'issuer-not-trusted' | 'revoked' | 'revocation-list';
export type VerdictProblem = HealthCardProblem | TrustProblem;

export type Verdict =
  | { kind: 'verified'; issuer: string; issuerName?: string; card: HealthCard; problem?: undefined }
  /** `genuine`: the signature was checked with a key the host supplied; false when it could not be checked. */
  | { kind: 'untrusted-issuer'; issuer: string; genuine: boolean; card?: HealthCard; problem: 'issuer-not-trusted' }
  | { kind: 'revoked'; issuer: string; issuerName?: string; card: HealthCard; problem: 'revoked' }
  | { kind: 'expired'; issuer: string; issuerName?: string; card: HealthCard; problem: 'expired' }
  | { kind: 'altered-or-forged'; issuer?: string; problem: VerdictProblem }
  | { kind: 'unreadable'; issuer?: string; problem: VerdictProblem };

/** Problems that say the signature does not hold under the issuer's rules: the card was changed or made by someone else. */
const FORGED: ReadonlySet<VerdictProblem> = new Set<VerdictProblem>(['signature', 'signature-format', 'unknown-key', 'key-type', 'key-use', 'key-alg', 'key-kid', 'key-private']);

/** The verdict a problem leads to when nothing better is known: forged for signature and key failures, unreadable
 * for everything that stopped the check before a signature could speak (including keys or lists we could not get). */
export function verdictKindOf(problem: VerdictProblem): VerdictKind {
  if (problem === 'revoked') return 'revoked';
  if (problem === 'expired') return 'expired';
  if (problem === 'issuer-not-trusted') return 'untrusted-issuer';
  return FORGED.has(problem) ? 'altered-or-forged' : 'unreadable';
}

const failed = (problem: VerdictProblem, issuer?: string): Verdict => {
  const kind = verdictKindOf(problem);
  return { kind: kind === 'altered-or-forged' ? kind : 'unreadable', problem, ...(issuer ? { issuer } : {}) } as Verdict;
};

async function fetchJson(fetcher: FetchLike, url: string, signal: AbortSignal | undefined): Promise<unknown> {
  // No cookies or credentials to an issuer's public files; a redirect elsewhere is not the issuer's answer.
  const response = await fetcher(url, { credentials: 'omit', redirect: 'error', ...(signal ? { signal } : {}) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return JSON.parse(await response.text()) as unknown;
}

/** One JWS judged under the host's trust policy (see the file comment). Never rejects: every outcome is a verdict. */
export async function checkCard(jws: string, options: CardCheckOptions): Promise<Verdict> {
  let issuer: string;
  try {
    ({ issuer } = await readHealthCardJws(jws, options.maxPayloadBytes));
  } catch (error) {
    return failed(error instanceof HealthCardError ? error.problem : 'payload');
  }
  const trusted = options.trusted.find((entry) => entry.iss === issuer);
  const now = options.now?.() ?? Math.floor(Date.now() / 1000);

  if (!trusted) {
    const known = options.knownKeys?.[issuer];
    if (known === undefined) return { kind: 'untrusted-issuer', issuer, genuine: false, problem: 'issuer-not-trusted' };
    try {
      const { card } = await checkHealthCardJws(jws, { keysFor: async () => known, ...(options.maxPayloadBytes ? { maxPayloadBytes: options.maxPayloadBytes } : {}) });
      return { kind: 'untrusted-issuer', issuer, genuine: true, card, problem: 'issuer-not-trusted' };
    } catch (error) {
      return failed(error instanceof HealthCardError ? error.problem : 'signature', issuer);
    }
  }

  const fetcher = options.fetch;
  const keysFor = async (): Promise<unknown> => {
    if (trusted.jwks !== undefined) return trusted.jwks;
    if (!fetcher) throw new Error('offline');
    return fetchJson(fetcher, `${issuer}/.well-known/jwks.json`, options.signal);
  };
  let checked: Awaited<ReturnType<typeof checkHealthCardJws>>;
  try {
    checked = await checkHealthCardJws(jws, { keysFor, ...(options.maxPayloadBytes ? { maxPayloadBytes: options.maxPayloadBytes } : {}) });
  } catch (error) {
    return failed(error instanceof HealthCardError ? error.problem : 'signature', issuer);
  }
  const { card, key } = checked;
  const named = trusted.name ? { issuerName: trusted.name } : {};

  // Only keys that declare a revocation list have one; the list is the host's copy or the issuer's current file.
  if (key.crlVersion !== undefined) {
    try {
      const copy = trusted.crls?.[key.kid];
      if (copy === undefined && !fetcher) throw new Error('offline');
      const raw = copy !== undefined ? copy : await fetchJson(fetcher!, `${issuer}/.well-known/crl/${encodeURIComponent(key.kid)}.json`, options.signal);
      if (isRevoked(parseRevocationList(raw, { kid: key.kid, crlVersion: key.crlVersion }), card)) return { kind: 'revoked', issuer, ...named, card, problem: 'revoked' };
    } catch {
      // A list we could not get or could not read: revocation unknown, so the card is not called verified.
      return failed('revocation-list', issuer);
    }
  }

  const outside = windowProblem(card, now);
  if (outside === 'expired') return { kind: 'expired', issuer, ...named, card, problem: 'expired' };
  if (outside) return failed(outside, issuer);
  return { kind: 'verified', issuer, ...named, card };
}

/** Every card in what a person handed over (see input.ts), each judged on its own; unreadable input is one verdict. */
export async function checkCardInput(text: string, options: CardCheckOptions): Promise<Verdict[]> {
  let jwsList: string[];
  try {
    jwsList = cardInputToJws(text);
  } catch (error) {
    return [failed(error instanceof HealthCardError ? error.problem : 'payload')];
  }
  // A file of several cards from one issuer asks for its keys and list once, not once per card.
  const asked = new Map<string, Promise<Response>>();
  const base = options.fetch;
  const once: FetchLike | undefined = base
    ? (url, init) => {
        if (!asked.has(url)) asked.set(url, base(url, init));
        return asked.get(url)!.then((response) => response.clone());
      }
    : undefined;
  const verdicts: Verdict[] = [];
  for (const jws of jwsList) verdicts.push(await checkCard(jws, { ...options, ...(once ? { fetch: once } : {}) }));
  return verdicts;
}
