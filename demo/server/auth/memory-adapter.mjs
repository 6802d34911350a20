// @ts-check
/**
 * Storage for one authorization server's codes, tokens, grants, sessions and interactions: an in-memory
 * adapter of oidc-provider's adapter contract, one per server, so test tenants never see each other's tokens
 * and a dropped tenant takes its tokens with it. Nothing survives a restart: after `npm start` again, people
 * sign in again (the FHIR data itself is journaled).
 */

/** @typedef {Record<string, any>} Payload */

/**
 * @returns {new (model: string) => import('oidc-provider').Adapter}
 */
export function memoryAdapter() {
  /** @type {Map<string, { payload: Payload, expiresAt: number }>} */
  const entries = new Map();
  /** @type {Map<string, Set<string>>} grantId -> keys of its codes and tokens */
  const byGrant = new Map();
  /** @type {Map<string, string>} session uid -> session id */
  const sessionIds = new Map();
  let writes = 0;

  /** @param {string} key */
  const read = (key) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry?.payload;
  };

  /** Drops what has expired, now and then, so a long-running demo does not grow. */
  const sweep = () => {
    if (++writes % 200 !== 0) return;
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [grantId, keys] of byGrant) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) byGrant.delete(grantId);
    }
    for (const [uid, id] of sessionIds) if (!entries.has(`Session:${id}`)) sessionIds.delete(uid);
  };

  return class MemoryAdapter {
    /** @param {string} model */
    constructor(model) {
      this.model = model;
    }

    /** @param {string} id */
    key(id) {
      return `${this.model}:${id}`;
    }

    /**
     * @param {string} id
     * @param {Payload} payload
     * @param {number} [expiresIn] seconds
     */
    async upsert(id, payload, expiresIn) {
      sweep();
      const key = this.key(id);
      entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
      if (typeof payload.grantId === 'string' && this.model !== 'Grant') {
        byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key));
      }
      if (this.model === 'Session' && typeof payload.uid === 'string') sessionIds.set(payload.uid, id);
    }

    /** @param {string} id */
    async find(id) {
      return read(this.key(id));
    }

    /** @param {string} uid */
    async findByUid(uid) {
      const id = sessionIds.get(uid);
      return id === undefined ? undefined : read(this.key(id));
    }

    /** The device flow is off: no user codes. */
    async findByUserCode() {
      return undefined;
    }

    /** @param {string} id */
    async consume(id) {
      const payload = read(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    /** @param {string} id */
    async destroy(id) {
      entries.delete(this.key(id));
    }

    /** @param {string} grantId */
    async revokeByGrantId(grantId) {
      for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
      byGrant.delete(grantId);
    }
  };
}
