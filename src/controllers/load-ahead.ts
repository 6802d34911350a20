import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface LoadAheadOptions {
  /** Whom the load is for (the signed-in patient), or undefined when nothing should load. */
  key(): string | undefined;
  /** Whether the first content is on screen, so that loading no longer competes with it. */
  settled(): boolean;
  /** Loads; called at most once per key. */
  load(): void;
  /** How long after `settled` the load starts by itself, if the person did not reach for the element before. */
  delayMs: number;
}

/**
 * Loads what an element will need next (the messages form and the patient's unsent drafts, the results element's
 * report view) ahead of need, but after its first content: a while after it settles, or at once when the person
 * points at or tabs into the element. Once for each key (the signed-in patient); again after a sign-out and a new
 * sign-in. A page's first render never waits for a part nobody has opened yet.
 */
export class LoadAheadController implements ReactiveController {
  private scheduledFor?: string;
  private loadedFor?: string;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly now = (): void => {
    clearTimeout(this.timer);
    const key = this.options.key();
    if (key === undefined || key === this.loadedFor) return;
    this.loadedFor = key;
    this.options.load();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LoadAheadOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('pointerenter', this.now, { passive: true });
    this.host.addEventListener('focusin', this.now);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerenter', this.now);
    this.host.removeEventListener('focusin', this.now);
    clearTimeout(this.timer);
    this.scheduledFor = undefined;
  }

  hostUpdated(): void {
    const key = this.options.key();
    if (key === undefined) {
      this.scheduledFor = this.loadedFor = undefined;
      return;
    }
    if (key === this.scheduledFor || !this.options.settled()) return;
    this.scheduledFor = key;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.now, this.options.delayMs);
  }
}
