import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { scopesCover, type Scope } from '../auth/scopes.js';
import type { Session, SessionActions } from '../model/session.js';

export interface OptionalScopeOptions {
  /** What the feature needs beyond the element's own access (saving a home reading, reporting a vaccine). */
  scopes: readonly Scope[];
  /** Whether the host offers the feature at all (an attribute); absent: always. */
  wanted?: () => boolean;
  session: () => Session | undefined;
  actions: () => SessionActions | undefined;
}

/**
 * A patient feature an element offers on top of what it shows, with scopes of its own: asked for at sign-in while
 * the feature is wanted (so the page's sign-in asks for the union), and offered only where the grant covers them,
 * so a read-only grant still shows the element with the feature left out rather than "not available".
 */
export class OptionalScopeController implements ReactiveController {
  private withdraw?: () => void;
  private askedOf?: SessionActions;
  private askedFor = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: OptionalScopeOptions,
  ) {
    host.addController(this);
  }

  /** Signed in, wanted, and granted (a host-managed session that states no scopes counts as granted). */
  get allowed(): boolean {
    const session = this.options.session();
    if (!this.wanted() || session?.status !== 'signed-in') return false;
    return session.scopes === undefined || scopesCover(session.scopes, this.options.scopes);
  }

  hostUpdate(): void {
    const actions = this.options.actions();
    const wanted = this.wanted();
    if (actions === this.askedOf && wanted === this.askedFor) return;
    this.withdraw?.();
    this.askedOf = actions;
    this.askedFor = wanted;
    this.withdraw = wanted ? actions?.need(this.options.scopes) : undefined;
  }

  hostDisconnected(): void {
    this.withdraw?.();
    this.withdraw = this.askedOf = undefined;
    this.askedFor = false;
  }

  private wanted(): boolean {
    return this.options.wanted?.() ?? true;
  }
}
