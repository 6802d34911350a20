import { untilItSucceeds } from '../api/lazy.js';
import type { TokenSource } from '../api/portal-api.js';
import type { Session } from '../model/session.js';
import { AUTHORIZATION_REFUSALS, SIGNED_OUT, type AuthorizationRefusal, type SignInProblem } from '../model/values.js';
import type { PendingSignIn, ProtocolContext, TokenSet } from './protocol.js';
import { scopeList, SESSION_SCOPES, unionScopes } from './scopes.js';
import { readSmartConfiguration, SmartConfigurationError, type SmartConfiguration } from './smart-configuration.js';

/** Why a session ended: the person signed out (here or in another tab), walked away, or the token ran out. */
export type SessionEndReason = 'logout' | 'idle' | 'expired';

/** The few storage calls needed (sessionStorage in a page; a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SmartAuthOptions {
  /** The FHIR base the token is for (and the only place it is sent). Its `.well-known/smart-configuration` is read. */
  fhirBaseUrl: string;
  /** The client id the hospital registered for this site. */
  clientId: string;
  /** Where the authorization server sends the person back: a page of this site that holds a provider. */
  redirectUri: string;
  /** Scopes asked for on top of what the page's elements need (`openid fhirUser`, say). */
  scopes?: string | readonly string[];
  fetch?: typeof fetch;
  /** Holds the PKCE verifier and state across the redirect; sessionStorage in a page. */
  storage?: KeyValueStorage;
  /** Leaves for the authorization server; `location.assign` in a page. */
  navigate?: (url: string) => void;
  now?: () => number;
}

export type SessionListener = (session: Session, ended?: SessionEndReason) => void;

/** A SMART App Launch 2 client for a public browser app: standalone patient launch, PKCE S256, tokens in memory. */
export interface SmartAuth extends TokenSource {
  readonly fhirBaseUrl: string;
  readonly clientId: string;
  readonly session: Session;
  subscribe(listener: SessionListener): () => void;
  /**
   * Discovery, then the redirect to the authorization server asking for these scopes (plus the session's own);
   * `uiLocales` asks its pages to speak the page's language (`ui_locales`).
   */
  signIn(scopes?: readonly string[], options?: { uiLocales?: string }): Promise<void>;
  /** Whether `url` is a return from the authorization server to this client's redirect URI. */
  isCallback(url: string): boolean;
  /** Finishes sign-in from the callback URL; resolves `true` when signed in. Never forwards anything from it. */
  completeSignIn(url: string): Promise<boolean>;
  /** Drops the tokens at once, then revokes them when the server offers revocation. */
  signOut(reason?: SessionEndReason): Promise<void>;
  /** Forgets the session without telling the server (another tab already did). */
  forget(reason: SessionEndReason): void;
}

/** Parameters an authorization response may add to the redirect URI; all are removed from the address bar. */
export const CALLBACK_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'] as const;

/** A callback older than this is refused: a sign-in takes minutes, not hours. */
const PENDING_MAX_AGE_MS = 30 * 60_000;
/** A token this close to its end is refreshed first, so no request leaves with one that lapses in flight. */
const EXPIRY_MARGIN_MS = 30_000;
/** FHIR id syntax: the token response's `patient` must be one before it names anybody. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The address without the authorization response's parameters. */
export function withoutCallbackParams(url: string): string {
  const clean = new URL(url);
  for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
  return clean.href;
}

class SmartAuthClient implements SmartAuth {
  readonly fhirBaseUrl: string;
  readonly clientId: string;
  session: Session = SIGNED_OUT;
  // The token lives in this closure's fields only: never in storage, cookies or the session object.
  #accessToken?: string;
  #refreshToken?: string;
  #expiresAt?: number;
  #refreshing?: Promise<string | undefined>;
  /** Loaded on the first sign-in, callback, refresh or sign-out; a failed load is tried again next time. */
  readonly #loadProtocol = untilItSucceeds(() => import('./protocol.js'));
  /** Read once per client; a failed read (offline, a bad document) is tried again next time. */
  readonly #discover = untilItSucceeds(async (): Promise<SmartConfiguration> => {
    const where = `${this.fhirBaseUrl}/.well-known/smart-configuration`;
    const response = await this.#options.fetch(where, { headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-store' });
    if (!response.ok) throw new Error(`portal-kit: ${where} answered ${response.status}.`);
    return readSmartConfiguration(await response.json(), where);
  });
  readonly #listeners = new Set<SessionListener>();
  readonly #options: Required<Pick<SmartAuthOptions, 'fetch' | 'now'>> & SmartAuthOptions;
  readonly #pendingKey: string;

  constructor(options: SmartAuthOptions) {
    this.fhirBaseUrl = options.fhirBaseUrl.replace(/\/$/, '');
    this.clientId = options.clientId;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    this.#options = { ...options, fetch: fetchImpl.bind(globalThis), now: options.now ?? Date.now };
    this.#pendingKey = `portal-kit.smart-pending ${this.clientId} ${this.fhirBaseUrl}`;
  }

  get patientId(): string | undefined {
    return this.session.status === 'signed-in' ? this.session.patientId : undefined;
  }

  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async signIn(scopes: readonly string[] = [], { uiLocales }: { uiLocales?: string } = {}): Promise<void> {
    this.#set({ status: 'signing-in' });
    try {
      const context = await this.#context();
      const scope = unionScopes(SESSION_SCOPES, this.#options.scopes, scopes).join(' ');
      const { url, pending } = await (await this.#loadProtocol()).startAuthorization(context, {
        redirectUri: this.#options.redirectUri,
        scope,
        audience: this.fhirBaseUrl,
        uiLocales,
        now: this.#options.now(),
      });
      this.#storage().setItem(this.#pendingKey, JSON.stringify(pending));
      this.#navigate(url);
    } catch (error) {
      this.#fail(error);
    }
  }

  isCallback(url: string): boolean {
    let here: URL;
    let redirect: URL;
    try {
      here = new URL(url);
      redirect = new URL(this.#options.redirectUri);
    } catch {
      return false;
    }
    const samePage = here.origin === redirect.origin && here.pathname === redirect.pathname;
    return samePage && ['code', 'state', 'error'].some((name) => here.searchParams.has(name));
  }

  async completeSignIn(url: string): Promise<boolean> {
    if (!this.isCallback(url)) return false;
    const params = new URL(url).searchParams;
    // Taken (and so removed) before anything else: a state is good for one callback only.
    const pending = this.#takePending();
    const state = params.get('state');
    const fresh = pending !== undefined && this.#options.now() - pending.createdAt < PENDING_MAX_AGE_MS;
    if (!pending || !fresh || !state || state !== pending.state || pending.redirectUri !== this.#options.redirectUri) {
      this.#set({ status: 'signed-out', problem: 'sign-in-failed' });
      return false;
    }
    const refused = params.get('error');
    if (refused !== null) {
      // The server said no. For the site's developers: which server and its registered code, never its free text.
      const refusal = (AUTHORIZATION_REFUSALS as readonly string[]).includes(refused) ? (refused as AuthorizationRefusal) : undefined;
      console.error(`portal-kit: the authorization server for ${this.fhirBaseUrl} refused sign-in (${refusal ?? 'an unregistered error code'}).`);
      this.#set({ status: 'signed-out', problem: 'sign-in-failed', ...(refusal ? { refusal } : {}) });
      return false;
    }
    this.#set({ status: 'signing-in' });
    try {
      const context = await this.#context();
      const tokens = await (await this.#loadProtocol()).exchangeCode(context, params, pending);
      this.#accept(tokens, { scope: pending.scope });
      return true;
    } catch (error) {
      this.#fail(error);
      return false;
    }
  }

  async getAccessToken(): Promise<string | undefined> {
    if (!this.#accessToken) return undefined;
    if (this.#expiresAt === undefined || this.#options.now() < this.#expiresAt - EXPIRY_MARGIN_MS) return this.#accessToken;
    if (!this.#refreshToken) {
      this.#end('expired');
      return undefined;
    }
    // Single flight: every request waiting on the lapsed token shares one refresh (a rotated refresh token is good once).
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async signOut(reason: SessionEndReason = 'logout'): Promise<void> {
    const tokens: Array<[string, 'access_token' | 'refresh_token']> = [];
    if (this.#refreshToken) tokens.push([this.#refreshToken, 'refresh_token']);
    if (this.#accessToken) tokens.push([this.#accessToken, 'access_token']);
    this.#end(reason);
    if (tokens.length === 0) return;
    try {
      const context = await this.#context();
      if (!context.config.revocationEndpoint) return;
      const protocol = await this.#loadProtocol();
      await Promise.all(tokens.map(([token, hint]) => protocol.revoke(context, token, hint).catch(() => undefined)));
    } catch {
      // Revocation is a courtesy to the server: the tokens are already gone from this page.
    }
  }

  forget(reason: SessionEndReason): void {
    this.#end(reason);
  }

  async #refresh(): Promise<string | undefined> {
    const refreshToken = this.#refreshToken;
    if (!refreshToken) return undefined;
    const protocol = await this.#loadProtocol();
    try {
      const tokens = await protocol.refresh(await this.#context(), refreshToken);
      if (this.#refreshToken !== refreshToken) return this.#accessToken; // signed out meanwhile
      const scope = this.session.status === 'signed-in' ? this.session.scopes?.join(' ') : undefined;
      // A server that does not rotate sends no new refresh token: the one in hand stays good (RFC 6749 §6).
      this.#accept({ ...tokens, refreshToken: tokens.refreshToken ?? refreshToken }, { scope, refresh: true });
      return this.#accessToken;
    } catch (error) {
      if (protocol.isGrantRefused(error)) {
        this.#end('expired');
        return undefined;
      }
      throw error; // offline for a moment: the request fails as a network error and may be retried
    }
  }

  #accept(tokens: TokenSet, asked: { scope?: string; refresh?: boolean }): void {
    const named = typeof tokens.patient === 'string' && FHIR_ID.test(tokens.patient) ? tokens.patient : undefined;
    const current = this.patientId;
    // The patient comes from the token response alone (a refresh may repeat it), and a refresh may not switch it.
    const patient = named ?? (asked.refresh ? current : undefined);
    if (!patient || (current !== undefined && patient !== current)) {
      this.#end('expired');
      throw new Error('portal-kit: the token response named no usable patient, so the sign-in is refused.');
    }
    this.#accessToken = tokens.accessToken;
    this.#refreshToken = tokens.refreshToken;
    this.#expiresAt = tokens.expiresIn === undefined ? undefined : this.#options.now() + tokens.expiresIn * 1000;
    const scopes = scopeList(tokens.scope ?? asked.scope);
    this.#set({ status: 'signed-in', patientId: patient, scopes, expiresAt: this.#expiresAt });
  }

  #dropTokens(): void {
    this.#accessToken = undefined;
    this.#refreshToken = undefined;
    this.#expiresAt = undefined;
  }

  #end(reason: SessionEndReason): void {
    const was = this.session.status;
    this.#dropTokens();
    if (was === 'signed-in') this.#set(reason === 'logout' ? SIGNED_OUT : { status: 'expired' }, reason);
    else if (was === 'signing-in') this.#set(SIGNED_OUT);
  }

  #fail(error: unknown): void {
    this.#dropTokens();
    const problem: SignInProblem = error instanceof SmartConfigurationError ? 'server-not-supported' : 'sign-in-failed';
    // For the site's developers: which server and what is missing. Nothing from the callback is in it.
    if (error instanceof SmartConfigurationError) console.error(error.message);
    this.#set({ status: 'signed-out', problem });
  }

  #set(session: Session, ended?: SessionEndReason): void {
    this.session = session;
    for (const listener of [...this.#listeners]) listener(session, ended);
  }

  #takePending(): PendingSignIn | undefined {
    try {
      const raw = this.#storage().getItem(this.#pendingKey);
      this.#storage().removeItem(this.#pendingKey);
      const pending = raw ? (JSON.parse(raw) as Partial<PendingSignIn>) : undefined;
      const valid = pending && [pending.state, pending.verifier, pending.redirectUri, pending.scope].every((value) => typeof value === 'string');
      return valid && typeof pending.createdAt === 'number' ? (pending as PendingSignIn) : undefined;
    } catch {
      return undefined;
    }
  }

  #storage(): KeyValueStorage {
    const storage = this.#options.storage ?? (globalThis as { sessionStorage?: KeyValueStorage }).sessionStorage;
    if (!storage) throw new Error('portal-kit: sign-in needs sessionStorage for the PKCE verifier.');
    return storage;
  }

  #navigate(url: string): void {
    if (this.#options.navigate) this.#options.navigate(url);
    else (globalThis as unknown as { location: { assign(url: string): void } }).location.assign(url);
  }

  async #context(): Promise<ProtocolContext> {
    return { config: await this.#discover(), clientId: this.clientId, fetch: this.#options.fetch };
  }
}

/**
 * A SMART client for a public browser app. Sign-in asks for `launch/patient online_access`, the given
 * scopes and whatever the page's elements need; the patient is the token response's `patient`.
 */
export function createSmartAuth(options: SmartAuthOptions): SmartAuth {
  return new SmartAuthClient(options);
}
