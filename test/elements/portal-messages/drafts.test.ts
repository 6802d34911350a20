import { expect } from '@open-wc/testing';
import { createDraftStore, DRAFT_TTL_MS } from '../../../src/elements/portal-messages/drafts.js';

let counter = 0;
/** A database of its own per test, deleted after. */
function fresh(options: Parameters<typeof createDraftStore>[0] = {}) {
  const name = `portal-kit-drafts-test-${Date.now()}-${++counter}`;
  names.push(name);
  return { name, store: createDraftStore({ name, ...options }) };
}
const names: string[] = [];
afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => new Promise((resolve) => { const req = indexedDB.deleteDatabase(name); req.onsuccess = req.onerror = req.onblocked = () => resolve(undefined); })));
});

/** Every record of one object store, as IndexedDB holds it. */
async function raw(name: string, storeName: string): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

const ANA = 'patient-ana-4711';
const BEN = 'patient-ben-0815';
const TEXT = 'My knee still hurts after the injection on Monday. Should I come in?';

describe('message drafts on this device', () => {
  it('gives back what was typed, for the same patient and scope, after a new page opens the same store', async () => {
    const { name, store } = fresh();
    await store.save(ANA, 'thread-1', { text: TEXT, subject: 'Knee' });
    const reopened = createDraftStore({ name });
    expect(await reopened.load(ANA, 'thread-1')).to.deep.include({ text: TEXT, subject: 'Knee' });
    expect(await reopened.load(ANA, 'new')).to.equal(undefined);
    expect(await reopened.hasAny(ANA)).to.equal(true);
  });

  it('shows another patient on the same device nothing, and stores neither the text nor the patient id in the clear', async () => {
    const { name, store } = fresh();
    await store.save(ANA, 'new', { text: TEXT });
    expect(await store.load(BEN, 'new')).to.equal(undefined);
    expect(await store.hasAny(BEN)).to.equal(false);
    const drafts = await raw(name, 'drafts');
    const keys = await raw(name, 'keys');
    const seen = JSON.stringify(drafts, (_k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v as ArrayBuffer) : v));
    expect(seen).not.to.contain('knee');
    expect(seen).not.to.contain(ANA);
    // The key is a non-extractable CryptoKey: its bytes can never be read out.
    expect(keys).to.have.length(1);
    const key = keys[0] as CryptoKey;
    expect(key.extractable).to.equal(false);
    expect(await crypto.subtle.exportKey('raw', key).then(() => 'exported', () => 'refused')).to.equal('refused');
  });

  it('does not decrypt a draft moved under another scope, and drops it', async () => {
    const { name, store } = fresh();
    await store.save(ANA, 'thread-1', { text: TEXT });
    const [record] = (await raw(name, 'drafts')) as Array<{ id: string }>;
    // Copy the sealed record to another scope of the same patient, as a tampering script could.
    const db = await new Promise<IDBDatabase>((resolve) => { const req = indexedDB.open(name); req.onsuccess = () => resolve(req.result); });
    await new Promise((resolve) => {
      const req = db.transaction('drafts', 'readwrite').objectStore('drafts').put({ ...record, id: record.id.replace('|thread-1', '|thread-2') });
      req.onsuccess = () => resolve(undefined);
    });
    db.close();
    expect(await store.load(ANA, 'thread-2')).to.equal(undefined);
    expect(await store.load(ANA, 'thread-1')).to.deep.include({ text: TEXT });
  });

  it('expires after 72 hours from the last save, and a save starts the clock again', async () => {
    let now = Date.UTC(2026, 11, 1, 9);
    const { name, store } = fresh({ now: () => now });
    await store.save(ANA, 'new', { text: TEXT });
    now += DRAFT_TTL_MS - 1;
    await store.save(ANA, 'new', { text: `${TEXT} Also my ankle.` });
    now += DRAFT_TTL_MS - 1;
    expect((await store.load(ANA, 'new'))?.text).to.contain('ankle');
    now += 1;
    expect(await store.load(ANA, 'new')).to.equal(undefined);
    expect(await raw(name, 'drafts')).to.have.length(0);
  });

  it("discards one draft after its send, or all of a patient's with their key", async () => {
    const { name, store } = fresh();
    await store.save(ANA, 'thread-1', { text: 'one' });
    await store.save(ANA, 'new', { text: 'two' });
    await store.save(BEN, 'new', { text: 'three' });
    await store.discard(ANA, 'thread-1');
    expect(await store.load(ANA, 'thread-1')).to.equal(undefined);
    expect((await store.load(ANA, 'new'))?.text).to.equal('two');
    await store.discardAll(ANA);
    expect(await store.hasAny(ANA)).to.equal(false);
    expect((await store.load(BEN, 'new'))?.text).to.equal('three');
    expect(await raw(name, 'keys')).to.have.length(1);
  });

  it('keeps drafts for the page when IndexedDB cannot be opened', async () => {
    const broken = { open: () => { throw new DOMException('blocked', 'SecurityError'); } } as unknown as IDBFactory;
    const store = createDraftStore({ indexedDB: broken });
    await store.save(ANA, 'new', { text: TEXT });
    expect((await store.load(ANA, 'new'))?.text).to.equal(TEXT);
  });
});
