import type { IdleClock } from '../../src/elements/portal-provider/idle-settings.js';

/**
 * A clock that moves only when told, for the idle timeout. `advance` runs the timers that fall due on the way,
 * in order, each at its own due time, like a foreground tab (timers armed by a firing timer count too); `jump`
 * moves time without running anything, like a suspended tab or a sleeping laptop.
 */
export class FakeClock implements IdleClock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; fn: () => void }>();

  constructor(start = Date.UTC(2026, 10, 5, 9)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { due: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.due <= until).sort(([a, x], [b, y]) => x.due - y.due || a - b)[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = Math.max(this.time, next[1].due);
      next[1].fn();
    }
    this.time = until;
  }

  jump(ms: number): void {
    this.time += ms;
  }
}
