// @ts-check
/**
 * One FHIR data store: medplum's MemoryRepository for reads and searches, a write queue, the hold table, and
 * (for the demo) a journal on disk that makes every write survive a restart.
 *
 * Writes run one at a time through `exclusive()`. The repository's own writes are collected while a task
 * runs and committed to the journal as one batch before the task's promise settles, i.e. before the HTTP
 * reply is sent: a reply a client saw is on disk, and a crash loses at most requests nobody got an answer to.
 */
import { MemoryRepository } from '@medplum/fhir-router';
import { JournalWriter, readJournal } from './journal.mjs';
import { HOLD_EXTENSION } from './fhir/booking.mjs';

/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {import('./journal.mjs').JournalOp} JournalOp */
/**
 * @typedef {{ bookingMode: 'rest' | 'operation' | 'ihe', pageSize: number, holdMinutes: number, maxPageSize?: number,
 *   conditionalCreate?: boolean, iheDefinitions?: 'profile' | 'own', keepsIdentifiers?: boolean, healthCards?: boolean }} StoreOptions
 * `maxPageSize`: the most one page holds whatever `_count` asks, as many servers cap it (tests use it to make a
 * client page); 1000 when absent.
 * `bookingMode`: `rest` books by create, `operation` adds portal-kit's `$hold`/`$book`, `ihe` offers the IHE ITI
 * Scheduling operations (`$find`, `$hold`, `$book`; see fhir/ihe.mjs) instead.
 * `iheDefinitions: 'own'` (IHE mode): the CapabilityStatement names OperationDefinitions of this server that
 * declare the IHE ones as their base, as a server does that profiles them, instead of the IHE canonicals.
 * `keepsIdentifiers: false` stores Appointments without the identifiers a client sent (as some scheduling systems
 * do), so a client cannot find its booking by its own key.
 * `healthCards`: whether `Patient/<id>/$health-cards-issue` is offered (fhir/health-cards.mjs); absent: in every
 * mode but `rest`, which stands for a plain server with no operations.
 * `conditionalCreate: false` acts like a server without conditional create: its CapabilityStatement says so and
 * an `If-None-Exist` header is ignored (a replayed create creates again).
 */

/** A MemoryRepository that remembers what was written since the last `takeWrites()`. */
class JournaledRepository extends MemoryRepository {
  constructor() {
    super();
    /** @type {JournalOp[]} */
    this.writes = [];
  }

  /**
   * @override
   * Every create, update and patch ends here (updateResource calls createResource with the new version).
   * @template {Resource} T
   * @param {T} resource
   */
  async createResource(resource) {
    const stored = await super.createResource(resource);
    this.writes.push({ put: stored });
    return stored;
  }

  /**
   * @override
   * @param {string} resourceType
   * @param {string} id
   */
  async deleteResource(resourceType, id) {
    await super.deleteResource(resourceType, id);
    this.writes.push({ del: [resourceType, id] });
  }

  takeWrites() {
    return this.writes.splice(0);
  }

  /**
   * Applies journaled operations as they were: ids, versions and lastUpdated are kept, so ETags and
   * If-Match keep working across a restart.
   * @param {JournalOp[]} ops
   */
  async replay(ops) {
    /** @type {Set<string>} */
    const types = new Set();
    for (const op of ops) {
      if ('put' in op) {
        await super.createResource(op.put);
        types.add(op.put.resourceType);
      } else {
        await super.deleteResource(op.del[0], op.del[1]).catch(() => undefined);
      }
    }
    return types;
  }
}

export class FhirStore {
  /**
   * @param {StoreOptions} options
   * @param {{ label?: string, journal?: JournalWriter }} [parts]
   */
  constructor(options, { label = 'portal-kit demo store', journal } = {}) {
    this.options = options;
    /** Says in the CapabilityStatement which store answered. */
    this.label = label;
    this.journal = journal;
    this.repo = new JournaledRepository();
    /** Resource types present, advertised in the CapabilityStatement. */
    this.types = new Set(/** @type {string[]} */ ([]));
    /** Held (pending) Appointment id -> epoch ms when the hold lapses. */
    this.holds = new Map(/** @type {[string, number][]} */ ([]));
    /** Last local day the seeded slots reach (demo store; see slot top-up in index.mjs). */
    this.slotsThrough = /** @type {string | undefined} */ (undefined);
    /** Bytes of a torn last write dropped when the journal was loaded (0 after a clean shutdown). */
    this.tornBytes = 0;
    /** @type {Promise<unknown>} */
    this.queue = Promise.resolve();
  }

  /**
   * A store whose writes are journaled at `path`. Loads what is there; `seed()` fills a new one.
   * @param {string} path
   * @param {StoreOptions} options
   * @param {() => { resources: Resource[], slotsThrough?: string }} seed
   * @param {string} [label]
   */
  static async open(path, options, seed, label) {
    const existing = await readJournal(path);
    const store = new FhirStore(options, { label, journal: await JournalWriter.open(path) });
    store.tornBytes = existing?.tornBytes ?? 0;
    if (existing) {
      for (const batch of existing.batches) {
        for (const type of await store.repo.replay(batch.ops)) store.types.add(type);
        store.slotsThrough = batch.slotsThrough ?? store.slotsThrough;
      }
      await store.restoreHolds();
    } else {
      const { resources, slotsThrough } = seed();
      await store.load(resources, slotsThrough);
    }
    return store;
  }

  /**
   * Adds resources with their given ids (seed data, fixtures), as one journaled batch.
   * @param {Resource[]} resources
   * @param {string} [slotsThrough]
   */
  load(resources, slotsThrough) {
    return this.exclusive(async () => {
      for (const resource of resources) {
        await this.repo.createResource(resource);
        this.types.add(resource.resourceType);
      }
      this.slotsThrough = slotsThrough ?? this.slotsThrough;
    });
  }

  /**
   * Runs `task` after every earlier exclusive task has finished, then commits what it wrote. All writes go
   * through here: MemoryRepository has no transactions, and conditional create (search, then create) and slot
   * booking (read slot, then mark it) must not interleave with another write.
   * @template T
   * @param {() => Promise<T>} task
   * @returns {Promise<T>}
   */
  exclusive(task) {
    const run = this.queue.then(async () => {
      try {
        return await task();
      } finally {
        await this.commit();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async commit() {
    const ops = this.repo.takeWrites();
    if (ops.length > 0 && this.journal) {
      const batch = { at: new Date().toISOString(), ops, ...(this.slotsThrough ? { slotsThrough: this.slotsThrough } : {}) };
      await this.journal.append(batch);
    }
  }

  /** Whether a hold has lapsed and its slot must be released before a request is answered. */
  holdsDue(now = Date.now()) {
    for (const expiresAt of this.holds.values()) {
      if (expiresAt <= now) return true;
    }
    return false;
  }

  /** After a replay: pending Appointments that are holds get their deadline back. */
  async restoreHolds() {
    const pending = /** @type {import('@medplum/fhirtypes').Appointment[]} */ (await this.repo.searchResources({
      resourceType: 'Appointment',
      filters: [{ code: 'status', operator: 'eq', value: 'pending' }],
    }));
    for (const appointment of pending) {
      const until = appointment.extension?.find((e) => e.url === HOLD_EXTENSION)?.valueInstant;
      if (until && appointment.id) this.holds.set(appointment.id, Date.parse(until));
    }
  }

  async close() {
    await this.queue;
    await this.journal?.close();
  }
}
