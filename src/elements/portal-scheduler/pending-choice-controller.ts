import type { ReactiveController, ReactiveControllerHost } from 'lit';
/** Enough to find a chosen time again after sign-in; no patient exists yet, and nothing else is kept. */
export interface PendingChoice {
  slotId: string;
  start: string;
  locationId?: string;
  serviceId?: string;
}

interface Stored {
  choice: PendingChoice;
  expiresAt: number;
}

// Checked by hand rather than with a schema: this runs on every scheduler's first render, and four fields
// are not worth loading zod before the first times show.
const filled = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const absentOrString = (value: unknown) => value === undefined || typeof value === 'string';

/** Only the four known fields survive, so nothing else read from storage reaches the element. */
function pendingChoiceOf(value: unknown): PendingChoice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { slotId, start, locationId, serviceId } = value as Record<string, unknown>;
  if (!filled(slotId) || !filled(start) || !absentOrString(locationId) || !absentOrString(serviceId)) return undefined;
  return { slotId, start, ...(locationId === undefined ? {} : { locationId }), ...(serviceId === undefined ? {} : { serviceId }) } as PendingChoice;
}

function storedOf(value: unknown): Stored | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { choice, expiresAt } = value as Record<string, unknown>;
  const parsed = pendingChoiceOf(choice);
  return parsed && typeof expiresAt === 'number' ? { choice: parsed, expiresAt } : undefined;
}

export const PENDING_CHOICE_KEY = 'portal-kit:scheduler:pending-choice';

/** A scheduler's place among the page's: its id, else its order in its document or shadow root (`''` for the first). */
export function schedulerScope(element: HTMLElement): string {
  if (element.id) return `#${element.id}`;
  const root = element.getRootNode() as Document | ShadowRoot;
  const index = [...root.querySelectorAll(element.localName)].indexOf(element);
  return index > 0 ? String(index) : '';
}
/** Long enough for a sign-in (with a forgotten password), short enough that a stale choice never surprises. */
export const PENDING_CHOICE_TTL_MS = 30 * 60_000;

export interface PendingChoiceOptions {
  /** A patient is signed in with leave to book. */
  signedIn(): boolean;
  /** The element can search again (its catalog is loaded). */
  readyToResume(): boolean;
  /** Called once per saved choice, when the element finds itself signed in with one waiting. */
  resume(choice: PendingChoice): void;
  /**
   * Which scheduler on the page this is (`''` for the first one without an id): two schedulers keep their choices
   * apart, so signing in from one never opens the other on a time chosen elsewhere.
   */
  scope?: () => string;
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

  private key(): string {
    const scope = this.options.scope?.() ?? '';
    return scope ? `${PENDING_CHOICE_KEY}:${scope}` : PENDING_CHOICE_KEY;
  }

  save(choice: PendingChoice): void {
    const checked = pendingChoiceOf(choice);
    if (!checked) throw new TypeError('A pending choice needs a slot id and a start.');
    const entry = { choice: checked, expiresAt: this.now() + PENDING_CHOICE_TTL_MS };
    this.memory = entry;
    this.guarded((storage) => storage.setItem(this.key(), JSON.stringify(entry)));
  }

  /** The saved choice if one is waiting and fresh; an expired or unreadable one is deleted. */
  peek(): PendingChoice | undefined {
    const stored = this.guarded((storage) => storage.getItem(this.key()));
    let entry = this.memory;
    if (typeof stored === 'string') {
      try {
        entry = storedOf(JSON.parse(stored)) ?? entry;
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
    this.guarded((storage) => storage.removeItem(this.key()));
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
