/**
 * Card revocation as the SMART Health Cards framework defines it. An issuer gives each card a revocation id
 * (`vc.rid`: at most 24 characters of the base64url alphabet, which the issuer derives, typically a keyed one-way
 * hash of its own patient identifier, so a verifier never learns or recomputes it: we only compare it) and
 * publishes, per key, `<iss>/.well-known/crl/<kid>.json` with `method: "rid"`, a counter `ctr` equal to the key's
 * `crlVersion`, and `rids`, each an id optionally followed by `.` and a time in epoch seconds: a card with that id
 * is revoked outright, or, with a time, when its `nbf` is before that time.
 */

/** A revocation list that cannot be read as a whole: revocation is then unknown, never assumed absent. */
export class RevocationListError extends Error {
  constructor(readonly reason: 'not-an-object' | 'kid' | 'method' | 'version' | 'rids') {
    super(`Revocation list unusable: ${reason}`);
    this.name = 'RevocationListError';
  }
}

const RID = /^[A-Za-z0-9_-]{1,24}$/;
const ENTRY = /^([A-Za-z0-9_-]{1,24})(?:\.(\d+(?:\.\d+)?))?$/;

export interface RevocationList {
  /** By rid: undefined for "every card with this id", else the time before which cards with it are revoked. */
  entries: ReadonlyMap<string, number | undefined>;
}

/**
 * The list read strictly where it decides anything (kid, method, counter), and entry by entry where it does not:
 * an entry that breaks the rid rules cannot match a card's rid, so it is dropped rather than the whole list.
 * Two entries for one rid keep the wider revocation (no time, or the later time).
 */
export function parseRevocationList(value: unknown, expected: { kid: string; crlVersion: unknown }): RevocationList {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RevocationListError('not-an-object');
  const list = value as Record<string, unknown>;
  if (list.kid !== expected.kid) throw new RevocationListError('kid');
  if (list.method !== 'rid') throw new RevocationListError('method');
  // A counter other than the key's: one of the two files is stale, and which one cannot be told from here.
  if (typeof list.ctr !== 'number' || list.ctr !== expected.crlVersion) throw new RevocationListError('version');
  if (!Array.isArray(list.rids)) throw new RevocationListError('rids');
  const entries = new Map<string, number | undefined>();
  for (const item of list.rids) {
    const match = typeof item === 'string' ? ENTRY.exec(item) : null;
    if (!match) continue;
    const [, rid, time] = match;
    const until = time === undefined ? undefined : Number(time);
    if (entries.has(rid)) {
      const before = entries.get(rid);
      entries.set(rid, before === undefined || until === undefined ? undefined : Math.max(before, until));
    } else entries.set(rid, until);
  }
  return { entries };
}

/** Whether the list revokes this card. A card without a valid rid cannot be named by a "rid" list. */
export function isRevoked(list: RevocationList, card: { rid?: string; issuedAt?: number }): boolean {
  if (card.rid === undefined || !RID.test(card.rid) || !list.entries.has(card.rid)) return false;
  const until = list.entries.get(card.rid);
  // A card without nbf cannot show it was issued after the cut-off: revoked.
  return until === undefined || card.issuedAt === undefined || card.issuedAt < until;
}
