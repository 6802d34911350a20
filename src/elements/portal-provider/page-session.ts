import { createSmartAuth, withoutCallbackParams, type SessionEndReason, type SmartAuth, type SmartAuthOptions } from '../../auth/smart-auth.js';
import { unionScopes } from '../../auth/scopes.js';
import { portalEvent } from '../../base/events.js';
import { PORTAL_ELEMENT } from '../../base/portal-element.js';
import { idleMinutes, systemClock, type IdleClock } from './idle-settings.js';
import { IdleTimer } from './idle-timer.js';
import type { AuthorizationRefusal, Session, SessionActions } from '../../model/session.js';
import { PortalIdleWarning } from './idle-warning.js';

/** Input that counts as the person being there. Background polling and timers never reach these listeners. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;
/** The longest sign-in waits for the page's elements to say what they need (a slow network, a tag never defined). */
const SETTLE_MS = 3_000;

interface EndedMessage {
  type: 'session-ended';
}

const sessions = new WeakMap<SmartAuth, PageSession>();
const clients = new Map<string, SmartAuth>();

/**
 * One SMART client per FHIR base, client and redirect URI on a page: every provider configured alike shares
 * it, so the page signs in once and every element knows.
 */
export function sharedSmartAuth(options: SmartAuthOptions): SmartAuth {
  const key = JSON.stringify([options.fhirBaseUrl, options.clientId, options.redirectUri, options.scopes ?? null]);
  let auth = clients.get(key);
  if (!auth) {
    auth = createSmartAuth(options);
    clients.set(key, auth);
  }
  return auth;
}

/**
 * The page's side of a SMART session: finishes the sign-in callback, counts the person's input for the idle
 * timeout and shows its warning, ends the session in every tab of the site, and refuses to come back to life
 * from the back/forward cache after it ended elsewhere. Providers attach to it; the first one connected
 * announces `portal-session-ended`.
 */
export class PageSession {
  /** What elements may ask for; shared through `authContext`. */
  readonly actions: SessionActions;
  private readonly hosts = new Set<HTMLElement>();
  private readonly needs = new Map<symbol, readonly string[]>();
  private readonly channel?: BroadcastChannel;
  private readonly endedKey: string;
  private idle?: IdleTimer;
  private warning?: PortalIdleWarning;
  private signedInAt = 0;
  private callback?: Promise<void>;
  /** Minutes of quiet before the session ends; the providers' `idle-timeout`. */
  idleMinutes = idleMinutes(undefined);
  clock: IdleClock = systemClock;

  static for(auth: SmartAuth, document: Document): PageSession {
    let session = sessions.get(auth);
    if (!session) {
      session = new PageSession(auth, document);
      sessions.set(auth, session);
    }
    return session;
  }

  private constructor(
    readonly auth: SmartAuth,
    private readonly document: Document,
  ) {
    const name = `portal-kit.session ${auth.clientId} ${auth.fhirBaseUrl}`;
    this.endedKey = `${name} ended`;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
    this.channel?.addEventListener('message', (event: MessageEvent<EndedMessage>) => {
      // Another tab ended the session (and revoked the tokens): forget ours. A message can only end a session here, never start or switch one.
      if (event.data?.type === 'session-ended') auth.forget('logout');
    });
    const follow = (session: Session, ended?: SessionEndReason) => {
      if (session.status === 'signed-in' && !this.idle) this.startIdle();
      if (session.status !== 'signed-in') this.stopIdle();
      if (ended) this.announceEnd(ended);
    };
    auth.subscribe(follow);
    const view = document.defaultView;
    view?.addEventListener('pageshow', (event) => {
      if (event.persisted) this.restored();
    });
    for (const type of ACTIVITY_EVENTS) {
      document.addEventListener(type, (event) => this.activity(event), { capture: true, passive: true });
    }
    this.actions = {
      // The scopes asked for are the union of what the page's elements need, so it waits (a moment at most) for
      // elements still loading their code: signing in before they said what they need would leave them "not
      // available" until the next sign-in.
      signIn: () =>
        void this.elementsSettled().then(() => auth.signIn(unionScopes(...this.needs.values()), { uiLocales: document.documentElement.lang || undefined })),
      // Asked first: an element with an unsent message (or the page) may cancel, ask the person, and call again.
      signOut: () => {
        if (this.document.dispatchEvent(portalEvent('portal-sign-out-requested', {}))) this.end('logout');
      },
      need: (scopes) => {
        const token = Symbol('need');
        this.needs.set(token, scopes);
        return () => this.needs.delete(token);
      },
    };
  }

  /**
   * Resolves once every custom element inside the providers has been defined and has rendered once (its access
   * controller has then told this session what it needs), or after SETTLE_MS.
   */
  private async elementsSettled(): Promise<void> {
    const unsettled = (element: Element) => !element.matches(':defined') || (PORTAL_ELEMENT in element && !(element as Element & { hasUpdated?: boolean }).hasUpdated);
    const pending = [...this.hosts].flatMap((host) => [...host.querySelectorAll('*')].filter(unsettled));
    if (pending.length === 0) return;
    const registry = this.document.defaultView?.customElements;
    const settled = Promise.all(
      pending.map(async (element) => {
        await registry?.whenDefined(element.localName);
        await (element as Element & { updateComplete?: Promise<unknown> }).updateComplete;
      }),
    );
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
  }

  /** A provider joins; returns its leave. */
  attach(host: HTMLElement): () => void {
    this.hosts.add(host);
    // A client handed over already signed in starts counting now, with the idle settings the provider just gave.
    if (this.auth.session.status === 'signed-in' && !this.idle) this.startIdle();
    return () => this.hosts.delete(host);
  }

  /** Finishes a return from the authorization server, once per page. Code and state leave the address bar first. */
  completeCallback(): Promise<void> {
    const view = this.document.defaultView;
    const href = view?.location.href;
    if (!view || !href || !this.auth.isCallback(href)) return Promise.resolve();
    this.callback ??= (async () => {
      view.history.replaceState(view.history.state, '', withoutCallbackParams(href));
      await this.auth.completeSignIn(href);
      const session = this.auth.session;
      if (session.status === 'signed-out' && session.refusal) this.reportRefusal(session.refusal);
    })();
    return this.callback;
  }

  /** Tells the page, once, that the authorization server refused the sign-in and with which registered code. */
  private reportRefusal(refusal: AuthorizationRefusal): void {
    const host = [...this.hosts].find((h) => h.isConnected);
    const retryable = refusal === 'server_error' || refusal === 'temporarily_unavailable';
    host?.dispatchEvent(portalEvent('portal-error', { element: host.localName, kind: retryable ? 'server' : 'forbidden', operation: 'auth.signIn', retryable, refusal }));
  }

  /** Ends the session here and in the site's other tabs (sign-out or idle). */
  end(reason: SessionEndReason): void {
    this.channel?.postMessage({ type: 'session-ended' } satisfies EndedMessage);
    try {
      // Read by pages of this site restored from the back/forward cache later; a time, nothing about the patient.
      this.document.defaultView?.localStorage.setItem(this.endedKey, String(Date.now()));
    } catch {
      // Storage may be off; the channel still reaches open tabs.
    }
    void this.auth.signOut(reason);
  }

  private startIdle(): void {
    this.signedInAt = Date.now();
    this.idle = new IdleTimer({
      timeoutMs: this.idleMinutes * 60_000,
      clock: this.clock,
      onWarn: (deadline) => this.showWarning(deadline),
      onResume: () => this.hideWarning(),
      onTimeout: () => this.end('idle'),
    });
    this.idle.start();
  }

  private stopIdle(): void {
    this.idle?.stop();
    this.idle = undefined;
    this.hideWarning();
  }

  private activity(event: Event): void {
    if (!this.idle) return;
    const inside = event.composedPath().some((node) => (node as { [PORTAL_ELEMENT]?: boolean })[PORTAL_ELEMENT] === true);
    if (inside) this.idle.activity();
  }

  private restored(): void {
    let endedAt = 0;
    try {
      endedAt = Number(this.document.defaultView?.localStorage.getItem(this.endedKey) ?? 0);
    } catch {
      endedAt = 0;
    }
    if (this.auth.session.status === 'signed-in' && endedAt > 0 && endedAt >= this.signedInAt) this.auth.forget('logout');
    this.idle?.check();
  }

  private showWarning(deadline: number): void {
    if (!this.warning) {
      PortalIdleWarning.define();
      // By tag, not constructor: with two copies of portal-kit on a page, the first registered class answers.
      const warning = this.document.createElement(PortalIdleWarning.tagName) as PortalIdleWarning;
      warning.clock = this.clock;
      warning.addEventListener('portal-idle-stay', () => this.idle?.activity());
      warning.addEventListener('portal-idle-sign-out', () => this.end('logout'));
      this.warning = warning;
    }
    this.warning.deadline = deadline;
    this.warning.open = true;
    if (!this.warning.isConnected) this.document.body.append(this.warning);
  }

  private hideWarning(): void {
    if (this.warning) this.warning.open = false;
  }

  private announceEnd(reason: SessionEndReason): void {
    const target = [...this.hosts].find((host) => host.isConnected) ?? this.document;
    target.dispatchEvent(portalEvent('portal-session-ended', { reason }));
  }
}
