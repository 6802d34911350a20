/**
 * Unsent message drafts, kept on this device so that what a patient types survives a reload, a browser crash, an
 * idle timeout followed by signing in again, and a failed send (DESIGN.md, Reliability).
 *
 * - Encrypted at rest: AES-GCM with a key made for the patient on this device, non-extractable (WebCrypto), kept in
 *   IndexedDB beside the drafts (a CryptoKey is stored as the object itself; its bytes can never be read out).
 * - Tied to the patient: records are filed under a digest of the patient id (the id itself is never stored), and each
 *   ciphertext is bound to that digest and to its scope (a thread, or a new message) as additional data, so a draft
 *   moved under another patient or scope does not decrypt. Another patient signing in on the same device finds none.
 * - Expiring: each draft carries its deadline (72 hours by default from its last save); an expired one is deleted
 *   when met, and on every open.
 * - Where IndexedDB is unavailable (some private modes), drafts live in memory for the page's life only.
 */

import type { UploadedAttachment } from '../../model/messaging.js';

export const DRAFT_TTL_MS = 72 * 3_600_000;
const DB_NAME = 'portal-kit-drafts';
const DB_VERSION = 1;
const KEYS = 'keys';
const DRAFTS = 'drafts';

/** What is saved of a message being written. */
export interface Draft {
  text: string;
  subject?: string;
  recipientId?: string;
  topic?: string;
  /**
   * The idempotency key of a send already tried with this text: kept with the draft so that pressing Send again
   * after a reload reuses it, and a send whose answer was lost is never stored twice.
   */
  clientRequestId?: string;
  /** Files already checked and uploaded for this message (references, or small inline bytes), in order. */
  attachments?: UploadedAttachment[];
}

export interface SavedDraft extends Draft {
  /** When it was last saved (epoch ms). */
  savedAt: number;
}

export interface DraftStore {
  /** The patient's draft for `scope` (a thread id, or `new`), if one is saved and not expired. */
  load(patientId: string, scope: string): Promise<SavedDraft | undefined>;
  /** Saves (replaces) it; the expiry starts again. */
  save(patientId: string, scope: string, draft: Draft): Promise<void>;
  /** Deletes it: after the server's answer to its send, or when the person discards it. */
  discard(patientId: string, scope: string): Promise<void>;
  /** Whether the patient has any unsent draft (asked before an explicit sign-out discards them). */
  hasAny(patientId: string): Promise<boolean>;
  /** Deletes all of the patient's drafts and their key. */
  discardAll(patientId: string): Promise<void>;
}

export interface DraftStoreOptions {
  ttlMs?: number;
  now?: () => number;
  /** IndexedDB to use; absent or failing: memory only. */
  indexedDB?: IDBFactory;
  /** Database name (tests use their own). */
  name?: string;
}

interface Sealed {
  /** `<patient digest>|<scope>` */
  id: string;
  patient: string;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  savedAt: number;
  expiresAt: number;
}

const encoder = new TextEncoder();

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`portal-kit draft|${text}`)));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const req = factory.open(name, DB_VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS);
    if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: 'id' }).createIndex('patient', 'patient');
  };
  return request(req);
}

/** Key and draft records, in IndexedDB or (without it) in memory. */
interface Records {
  getKey(patient: string): Promise<CryptoKey | undefined>;
  putKey(patient: string, key: CryptoKey): Promise<void>;
  get(id: string): Promise<Sealed | undefined>;
  put(record: Sealed): Promise<void>;
  delete(id: string): Promise<void>;
  ofPatient(patient: string): Promise<Sealed[]>;
  all(): Promise<Sealed[]>;
  deleteKey(patient: string): Promise<void>;
}

function memoryRecords(): Records {
  const keys = new Map<string, CryptoKey>();
  const drafts = new Map<string, Sealed>();
  return {
    getKey: async (patient) => keys.get(patient),
    putKey: async (patient, key) => void keys.set(patient, key),
    get: async (id) => drafts.get(id),
    put: async (record) => void drafts.set(record.id, record),
    delete: async (id) => void drafts.delete(id),
    ofPatient: async (patient) => [...drafts.values()].filter((r) => r.patient === patient),
    all: async () => [...drafts.values()],
    deleteKey: async (patient) => void keys.delete(patient),
  };
}

function databaseRecords(db: IDBDatabase): Records {
  const store = (name: string, mode: IDBTransactionMode) => db.transaction(name, mode).objectStore(name);
  return {
    getKey: (patient) => request(store(KEYS, 'readonly').get(patient)) as Promise<CryptoKey | undefined>,
    putKey: async (patient, key) => void (await request(store(KEYS, 'readwrite').put(key, patient))),
    get: (id) => request(store(DRAFTS, 'readonly').get(id)) as Promise<Sealed | undefined>,
    put: async (record) => void (await request(store(DRAFTS, 'readwrite').put(record))),
    delete: async (id) => void (await request(store(DRAFTS, 'readwrite').delete(id))),
    ofPatient: (patient) => request(store(DRAFTS, 'readonly').index('patient').getAll(patient)) as Promise<Sealed[]>,
    all: () => request(store(DRAFTS, 'readonly').getAll()) as Promise<Sealed[]>,
    deleteKey: async (patient) => void (await request(store(KEYS, 'readwrite').delete(patient))),
  };
}

export function createDraftStore(options: DraftStoreOptions = {}): DraftStore {
  const ttl = options.ttlMs ?? DRAFT_TTL_MS;
  const now = options.now ?? Date.now;
  let opened: Promise<Records> | undefined;

  function records(): Promise<Records> {
    opened ??= (async () => {
      const factory = options.indexedDB ?? globalThis.indexedDB;
      let found: Records;
      try {
        found = factory ? databaseRecords(await openDatabase(factory, options.name ?? DB_NAME)) : memoryRecords();
      } catch {
        found = memoryRecords();
      }
      // Expired drafts go at once, whoever wrote them.
      for (const record of await found.all()) if (record.expiresAt <= now()) await found.delete(record.id);
      return found;
    })();
    return opened;
  }

  async function keyFor(store: Records, patient: string, create: boolean): Promise<CryptoKey | undefined> {
    const known = await store.getKey(patient);
    if (known || !create) return known;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await store.putKey(patient, key);
    return key;
  }

  const additional = (id: string) => encoder.encode(id);

  return {
    async load(patientId, scope) {
      const store = await records();
      const patient = await digest(patientId);
      const id = `${patient}|${scope}`;
      const record = await store.get(id);
      if (!record) return undefined;
      if (record.expiresAt <= now()) {
        await store.delete(id);
        return undefined;
      }
      const key = await keyFor(store, patient, false);
      if (!key) return undefined;
      try {
        const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv, additionalData: additional(id) }, key, record.data);
        return { ...(JSON.parse(new TextDecoder().decode(plain)) as Draft), savedAt: record.savedAt };
      } catch {
        // Not this patient's or not this scope's (moved, or altered): never shown, and gone.
        await store.delete(id);
        return undefined;
      }
    },

    async save(patientId, scope, draft) {
      const store = await records();
      const patient = await digest(patientId);
      const id = `${patient}|${scope}`;
      const key = (await keyFor(store, patient, true)) as CryptoKey;
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additional(id) }, key, encoder.encode(JSON.stringify(draft)));
      const savedAt = now();
      await store.put({ id, patient, iv, data, savedAt, expiresAt: savedAt + ttl });
    },

    async discard(patientId, scope) {
      const store = await records();
      await store.delete(`${await digest(patientId)}|${scope}`);
    },

    async hasAny(patientId) {
      const store = await records();
      const t = now();
      return (await store.ofPatient(await digest(patientId))).some((record) => record.expiresAt > t);
    },

    async discardAll(patientId) {
      const store = await records();
      const patient = await digest(patientId);
      for (const record of await store.ofPatient(patient)) await store.delete(record.id);
      await store.deleteKey(patient);
    },
  };
}
