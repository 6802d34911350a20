import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as z from '../../model/z.js';

/** Enough to find a chosen time again after sign-in; no patient exists yet, and nothing else is kept. */
export const PendingChoiceSchema = z.object({
  slotId: z.string().check(z.minLength(1)),
  start: z.string().check(z.minLength(1)),
  locationId: z.optional(z.string()),
  serviceId: z.optional(z.string()),
});
export type PendingChoice = z.infer<typeof PendingChoiceSchema>;

const StoredSchema = z.object({ choice: PendingChoiceSchema, expiresAt: z.number() });

export const PENDING_CHOICE_KEY = 'portal-kit:scheduler:pending-choice';
/** Long enough for a sign-in (with a forgotten password), short enough that a stale choice never surprises. */
export const PENDING_CHOICE_TTL_MS = 30 * 60_000;

export interface PendingChoiceOptions {
  /** A patient is signed in with leave to book. */
  signedIn(): boolean;
  /** The element can search again (its catalog is loaded). */
  readyToResume(): boolean;
  /** Called once per saved choice, when the element finds itself signed in with one waiting. */
  resume(choice: PendingChoice): void;
  /** Where the choice survives a page round trip; sessionStorage by default. */
  storage?: () => Storage | undefined;
  now?: () => number;
}

/**
 * Keeps the time a signed-out visitor chose across the sign-in round trip (which may leave the page):
 * saved in sessionStorage just before sign-in is requested, handed back once when the element is signed
 * in, and deleted when used, when expired, and when the session ends. Storage can be missing or throw
 * (sandboxed frames, privacy modes): a copy in memory still covers a sign-in that stays on the page.
 */
export class PendingChoiceController implements ReactiveController {
  private memory?: { choice: PendingChoice; expiresAt: number };
  private wasSignedIn = false;
  private readonly storage: () => Storage | undefined;
  private readonly now: () => number;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: PendingChoiceOptions,
  ) {
    this.storage = options.storage ?? (() => globalThis.sessionStorage);
    this.now = options.now ?? (() => Date.now());
    host.addController(this);
  }

  save(choice: PendingChoice): void {
    const entry = { choice: PendingChoiceSchema.parse(choice), expiresAt: this.now() + PENDING_CHOICE_TTL_MS };
    this.memory = entry;
    this.guarded((storage) => storage.setItem(PENDING_CHOICE_KEY, JSON.stringify(entry)));
  }

  /** The saved choice if one is waiting and fresh; an expired or unreadable one is deleted. */
  peek(): PendingChoice | undefined {
    const stored = this.guarded((storage) => storage.getItem(PENDING_CHOICE_KEY));
    let entry = this.memory;
    if (typeof stored === 'string') {
      try {
        const parsed = StoredSchema.safeParse(JSON.parse(stored));
        if (parsed.success) entry = parsed.data;
      } catch {
        // Not ours or damaged: treated as absent, and removed below.
      }
    }
    if (!entry || entry.expiresAt <= this.now()) {
      if (entry || typeof stored === 'string') this.clear();
      return undefined;
    }
    return entry.choice;
  }

  clear(): void {
    this.memory = undefined;
    this.guarded((storage) => storage.removeItem(PENDING_CHOICE_KEY));
  }

  hostUpdated(): void {
    const signedIn = this.options.signedIn();
    if (this.wasSignedIn && !signedIn) this.clear();
    this.wasSignedIn = signedIn;
    if (!signedIn || !this.options.readyToResume()) return;
    const choice = this.peek();
    if (!choice) return;
    this.clear();
    // After this update has finished: resuming changes the host's state, which would re-enter it.
    queueMicrotask(() => this.options.resume(choice));
  }

  /** Runs a storage access; any failure (no storage, SecurityError, quota) counts as "nothing stored". */
  private guarded<T>(use: (storage: Storage) => T): T | undefined {
    try {
      const storage = this.storage();
      return storage ? use(storage) : undefined;
    } catch {
      return undefined;
    }
  }
}
