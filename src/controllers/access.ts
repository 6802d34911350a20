import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PortalApi } from '../api/portal-api.js';
import { scopesCover, type Scope } from '../auth/scopes.js';
import type { Session, SessionActions } from '../model/session.js';

/**
 * What an element needs before it may show patient data, declared once on its class (`static access`):
 * - `required`: everything it shows is the patient's; signed out, it shows the sign-in notice instead and asks
 *   the page for sign-in (`portal-auth-required`) on arrival.
 * - `optional`: it has public content (finding times, a "Sign in" button) and patient features on top of it,
 *   offered only while `allowed`; it never asks for sign-in by itself.
 * - `none`: no patient data at all.
 * `scopes` are what its patient features need; sign-in asks for the union over the page.
 */
export interface AccessDeclaration {
  readonly session: 'required' | 'optional' | 'none';
  readonly scopes?: readonly Scope[];
}

/** Where an element stands: no adapter yet, nobody signed in, a lapsed session, scopes not granted, or allowed. */
export type AccessState = 'not-configured' | 'signed-out' | 'expired' | 'not-permitted' | 'allowed';

export interface AccessOptions {
  readonly declaration: AccessDeclaration;
  api(): PortalApi | undefined;
  session(): Session | undefined;
  /** The provider's sign-in actions; absent when the host page runs the session itself. */
  actions(): SessionActions | undefined;
  /** Once each time a `required` element finds itself signed out or expired (not again until it was allowed). */
  onAuthRequired(reason: 'signed-out' | 'expired'): void;
}

/**
 * Reads an element's access declaration against the api, session and granted scopes it consumes, tells the
 * session's owner which scopes the element needs (once per owner), and says when to prompt for sign-in.
 */
export class AccessController implements ReactiveController {
  private withdrawNeeds?: () => void;
  private needsAnnouncedTo?: SessionActions;
  private prompted?: 'signed-out' | 'expired';
  private last?: { session: Session | undefined; configured: boolean; state: AccessState };

  constructor(
    host: ReactiveControllerHost,
    private readonly options: AccessOptions,
  ) {
    host.addController(this);
  }

  get declaration(): AccessDeclaration {
    return this.options.declaration;
  }

  get state(): AccessState {
    const api = this.options.api();
    const session = this.options.session();
    const configured = api !== undefined;
    // Read several times per render; sessions are replaced, never mutated, so one answer per session holds.
    const last = this.last;
    if (last && last.session === session && last.configured === configured) return last.state;
    const state = this.decide(configured, session);
    this.last = { session, configured, state };
    return state;
  }

  private decide(configured: boolean, session: Session | undefined): AccessState {
    if (!configured) return 'not-configured';
    const { session: needs, scopes = [] } = this.options.declaration;
    if (needs === 'none') return 'allowed';
    if (session?.status === 'signed-in') {
      // A host-managed session states no scopes: it vouches for its own token.
      return session.scopes === undefined || scopesCover(session.scopes, scopes) ? 'allowed' : 'not-permitted';
    }
    return session?.status === 'expired' ? 'expired' : 'signed-out';
  }

  /** Patient data may load and patient features may show. */
  get allowed(): boolean {
    return this.state === 'allowed';
  }

  hostConnected(): void {
    this.announceNeeds();
  }

  hostUpdate(): void {
    this.announceNeeds();
    if (this.options.declaration.session !== 'required') return;
    const state = this.state;
    if ((state === 'signed-out' || state === 'expired') && this.prompted !== state) {
      this.prompted = state;
      this.options.onAuthRequired(state);
    } else if (state === 'allowed') {
      this.prompted = undefined;
    }
  }

  hostDisconnected(): void {
    this.withdrawNeeds?.();
    this.withdrawNeeds = this.needsAnnouncedTo = undefined;
  }

  private announceNeeds(): void {
    const actions = this.options.actions();
    if (this.needsAnnouncedTo === actions) return;
    this.withdrawNeeds?.();
    this.needsAnnouncedTo = actions;
    const scopes = this.options.declaration.scopes ?? [];
    this.withdrawNeeds = actions && scopes.length ? actions.need(scopes) : undefined;
  }
}
