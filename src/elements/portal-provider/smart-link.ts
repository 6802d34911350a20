import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TokenSource } from '../../api/portal-api.js';
import type { SmartAuth, SmartAuthOptions } from '../../auth/smart-auth.js';
import type { IdleClock } from './idle-settings.js';
import type { Session, SessionActions } from '../../model/session.js';
import { SIGNED_OUT } from '../../model/values.js';
import type { PageSession } from './page-session.js';

/** Every provider's link to the page session that is still loading, on this page. */
const linking = new Set<Promise<unknown>>();

/** A SMART client given by the page, or the settings to build the page's shared one from. */
export type SmartSettings = { auth: SmartAuth } | { options: SmartAuthOptions };

interface Link {
  auth: SmartAuth;
  page: PageSession;
  leave?: () => void;
  unsubscribe?: () => void;
}

/** Whether the address is a return from an authorization server (it will sign in as soon as the client loads). */
function looksLikeCallback(href: string | undefined): boolean {
  if (!href) return false;
  const params = new URL(href).searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * Connects a provider to the page's SMART session. The session machinery (client, idle timeout and its
 * dialog, other tabs) loads only when a provider asks for SMART, so pages that never sign anyone in (or whose
 * host owns the session) do not download it.
 */
export class SmartLinkController implements ReactiveController {
  /**
   * What the adapter gets as its token source: it forwards to the SMART client once loaded, so the adapter (and
   * every element's data) need not be rebuilt when it arrives.
   */
  readonly tokens: TokenSource;
  private key?: unknown;
  private link?: Link;
  private waiting: Session = SIGNED_OUT;
  private idle: { minutes: number; clock?: IdleClock } = { minutes: 15 };
  private loaded?: Promise<Link | undefined>;
  /** Scope needs elements announced, each with its withdrawal from the loaded session (once there is one). */
  private readonly needs = new Map<symbol, { scopes: readonly string[]; withdraw?: () => void }>();
  private readonly relay: SessionActions = {
    // After every provider on the page has its session code: a provider still loading it has not passed on
    // its elements' needs, and sign-in asks for the union of them all.
    signIn: () => void Promise.all([...linking]).then(() => this.loaded?.then((link) => link?.page.actions.signIn())),
    signOut: () => void this.loaded?.then((link) => link?.page.actions.signOut()),
    need: (scopes) => {
      const token = Symbol('need');
      this.needs.set(token, { scopes, withdraw: this.link?.page.actions.need(scopes) });
      return () => {
        this.needs.get(token)?.withdraw?.();
        this.needs.delete(token);
      };
    },
  };

  private readonly element: HTMLElement;
  /** Called whenever the session or the actions change. */
  private readonly changed: () => void;

  /** `element`: where the page session's end is announced from (the provider, or `providePortal`'s root). */
  constructor(host: ReactiveControllerHost, options: { element: HTMLElement; changed: () => void }) {
    this.element = options.element;
    this.changed = options.changed;
    host.addController(this);
    const link = () => this.link;
    this.tokens = {
      getAccessToken: async () => link()?.auth.getAccessToken(),
      get patientId() {
        return link()?.auth.patientId;
      },
    };
  }

  /** Whether a SMART session is asked for (loaded or loading). */
  get active(): boolean {
    return this.key !== undefined;
  }

  get session(): Session | undefined {
    return this.link?.auth.session ?? (this.active ? this.waiting : undefined);
  }

  /** Present as soon as SMART is asked for: a press made while the session code loads is carried out when it arrives. */
  get actions(): SessionActions | undefined {
    return this.active ? this.relay : undefined;
  }

  configure(settings: SmartSettings | undefined): void {
    const key = settings && ('auth' in settings ? settings.auth : JSON.stringify({ ...settings.options, storage: 0, navigate: 0 }));
    if (key === this.key) return;
    this.key = key;
    this.unlink();
    if (!settings) return;
    this.waiting = looksLikeCallback(this.element.ownerDocument.defaultView?.location.href) ? { status: 'signing-in' } : SIGNED_OUT;
    const loaded = import('./page-session.js').then(
      ({ PageSession, sharedSmartAuth }) => {
        if (this.key !== key) return undefined; // the settings changed while it loaded
        const auth = 'auth' in settings ? settings.auth : sharedSmartAuth(settings.options);
        const link: Link = { auth, page: PageSession.for(auth, this.element.ownerDocument) };
        this.link = link;
        for (const need of this.needs.values()) need.withdraw = link.page.actions.need(need.scopes);
        this.applyIdle();
        if (this.element.isConnected) this.join(link);
        this.changed();
        return link;
      },
      () => {
        // Offline, or a deploy removed the chunk: nobody can sign in now; say so rather than offer a dead button.
        if (this.key === key) {
          this.waiting = { status: 'signed-out', problem: 'sign-in-failed' };
          this.changed();
        }
        return undefined;
      },
    );
    this.loaded = loaded;
    linking.add(loaded);
    void loaded.finally(() => linking.delete(loaded));
    this.changed();
  }

  /** The idle timeout's length (minutes) and clock, for the page's session. */
  configureIdle(minutes: number, clock: IdleClock | undefined): void {
    this.idle = { minutes, clock };
    this.applyIdle();
  }

  hostConnected(): void {
    if (this.link && !this.link.leave) this.join(this.link);
  }

  hostDisconnected(): void {
    if (this.link) this.part(this.link);
  }

  private applyIdle(): void {
    if (!this.link) return;
    this.link.page.idleMinutes = this.idle.minutes;
    if (this.idle.clock) this.link.page.clock = this.idle.clock;
  }

  private join(link: Link): void {
    link.leave = link.page.attach(this.element);
    link.unsubscribe = link.auth.subscribe(() => this.changed());
    void link.page.completeCallback();
  }

  private part(link: Link): void {
    link.leave?.();
    link.unsubscribe?.();
    link.leave = link.unsubscribe = undefined;
  }

  private unlink(): void {
    if (this.link) this.part(this.link);
    for (const need of this.needs.values()) {
      need.withdraw?.();
      need.withdraw = undefined;
    }
    this.link = undefined;
  }
}
