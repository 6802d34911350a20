/**
 * What a provider knows of the idle timeout before any session exists: its clock, its bounds and how an attribute
 * reads. Apart from the timer itself (idle-timer.ts), which only the page's SMART session loads: a page that signs
 * nobody in never downloads it.
 */

/** Time as the timer sees it. Tests pass a fake; pages use `systemClock`. */
export interface IdleClock {
  /** Epoch ms. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Wall-clock time on purpose: `Date.now()` moves on while the machine sleeps (a monotonic clock may not),
 * and a laptop that slept past the deadline must come back signed out.
 */
export const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export const IDLE_DEFAULT_MINUTES = 15;
export const IDLE_MIN_MINUTES = 2;
export const IDLE_MAX_MINUTES = 30;
/** How long before the deadline the warning shows: long enough to notice it and act (WCAG 2.2.1 asks for 20 s). */
export const IDLE_WARNING_MS = 120_000;

/**
 * Attribute value (minutes, string or number) -> minutes clamped to 2..30; unparsable -> 15. The bounds keep a
 * page from configuring a timeout too short to use or too long to protect a shared computer.
 */
export function idleMinutes(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  // Number('') is 0, which would clamp to the minimum: an empty attribute means "not set", not "as short as possible".
  const minutes = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(minutes)) return IDLE_DEFAULT_MINUTES;
  return Math.min(IDLE_MAX_MINUTES, Math.max(IDLE_MIN_MINUTES, minutes));
}
