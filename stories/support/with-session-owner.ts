import { ContextProvider } from '@lit/context';
import type { Decorator } from '@storybook/web-components-vite';
import { html, LitElement, type PropertyValues } from 'lit';
import { action } from 'storybook/actions';
import { authContext, sessionContext } from '../../src/context/keys.js';
import type { Session, SessionActions } from '../../src/model/session.js';

/**
 * Per-story settings: `parameters: { sessionOwner: { session: { status: 'signed-out', problem: 'sign-in-failed' } } }`.
 * `withPortal` sets the session by status only; a story that needs more of it (a sign-in problem) sets it here.
 */
export interface SessionOwnerParameters {
  /** No session owner in context: the host page runs its own sign-in (a token source). */
  none?: boolean;
  /** Overrides the session `withPortal` provides, for the story's subtree. */
  session?: Session;
}

/** A session owner that only reports what was asked of it, in the Actions panel. */
export function loggingSessionActions(): SessionActions {
  return {
    signIn: () => action('signIn')(),
    signOut: () => action('signOut')(),
    need: (scopes) => {
      action('need')(scopes);
      return () => action('withdraw')(scopes);
    },
  };
}

/**
 * Provides `authContext` (and optionally a session) to its children, as `<portal-provider>` does when it runs
 * SMART sign-in. Nested inside the story's `<portal-provider>`, it answers first.
 */
class StorySessionOwner extends LitElement {
  static override properties = { actions: { attribute: false }, session: { attribute: false } };

  declare actions?: SessionActions;
  declare session?: Session;

  private readonly authProvider = new ContextProvider(this, { context: authContext, initialValue: undefined });
  private sessionProvider?: ContextProvider<typeof sessionContext>;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('actions')) this.authProvider.setValue(this.actions);
    // Only when asked: otherwise the story keeps the session from the toolbar.
    if (changed.has('session') && this.session) {
      this.sessionProvider ??= new ContextProvider(this, { context: sessionContext, initialValue: this.session });
      this.sessionProvider.setValue(this.session);
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('story-session-owner')) customElements.define('story-session-owner', StorySessionOwner);

/** Wraps the story in a session owner that logs sign-in and sign-out (put it on a story or on `meta`). */
export const withSessionOwner: Decorator = (story, context) => {
  const owner = (context.parameters.sessionOwner ?? {}) as SessionOwnerParameters;
  return html`<story-session-owner .actions=${owner.none ? undefined : loggingSessionActions()} .session=${owner.session}>${story()}</story-session-owner>`;
};
