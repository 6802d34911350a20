/**
 * The OAuth 2 protocol steps of a SMART standalone launch, done by oauth4webapi (PKCE, state, the
 * authorization response's checks, token and revocation requests and their validation). Loaded only when
 * someone signs in, returns from signing in, refreshes or signs out: public pages never download it.
 */
import * as oauth from 'oauth4webapi';
import { isLoopback, type SmartConfiguration } from './smart-configuration.js';

export interface ProtocolContext {
  config: SmartConfiguration;
  clientId: string;
  fetch: typeof fetch;
}

/** What survives the redirect, in sessionStorage only, until the callback takes it. */
export interface PendingSignIn {
  state: string;
  verifier: string;
  redirectUri: string;
  scope: string;
  /** Epoch ms; a callback arriving much later is refused. */
  createdAt: number;
}

export interface TokenSet {
  accessToken: string;
  /** Seconds, as the server said. */
  expiresIn?: number;
  refreshToken?: string;
  /** The granted scopes, space separated (absent: as asked, RFC 6749 §5.1). */
  scope?: string;
  /** SMART launch context: the patient the token is for. */
  patient?: unknown;
}

function server({ config }: ProtocolContext): oauth.AuthorizationServer {
  return {
    // A server whose discovery names no issuer gets one no `iss` parameter can match: see exchangeCode.
    issuer: config.issuer ?? new URL(config.authorizationEndpoint).origin,
    authorization_endpoint: config.authorizationEndpoint,
    token_endpoint: config.tokenEndpoint,
    revocation_endpoint: config.revocationEndpoint,
    code_challenge_methods_supported: ['S256'],
  };
}

function requestOptions({ config, fetch }: ProtocolContext) {
  return {
    [oauth.customFetch]: fetch,
    // oauth4webapi insists on https; plain http only ever reaches a server on this machine (see isLoopback).
    [oauth.allowInsecureRequests]: isLoopback(new URL(config.tokenEndpoint)),
  };
}

const client = (context: ProtocolContext): oauth.Client => ({ client_id: context.clientId, token_endpoint_auth_method: 'none' });

/** RFC 7636 S256 challenge of a verifier. */
export const codeChallengeFor = (verifier: string): Promise<string> => oauth.calculatePKCECodeChallenge(verifier);

/** The authorization URL to send the person to, and what the callback will need to finish. */
export async function startAuthorization(
  context: ProtocolContext,
  request: { redirectUri: string; scope: string; audience: string; uiLocales?: string; now: number },
): Promise<{ url: string; pending: PendingSignIn }> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState(); // 32 random bytes from crypto: 256 bits
  const url = new URL(context.config.authorizationEndpoint);
  const params = {
    response_type: 'code',
    client_id: context.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope,
    state,
    aud: request.audience,
    code_challenge: await codeChallengeFor(verifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (request.uiLocales) url.searchParams.set('ui_locales', request.uiLocales);
  return { url: url.href, pending: { state, verifier, redirectUri: request.redirectUri, scope: request.scope, createdAt: request.now } };
}

function tokenSet(response: oauth.TokenEndpointResponse): TokenSet {
  return {
    accessToken: response.access_token,
    expiresIn: response.expires_in,
    refreshToken: response.refresh_token,
    scope: response.scope,
    patient: response.patient,
  };
}

/** Checks the authorization response (state, `iss`, error) and trades the code for tokens. */
export async function exchangeCode(context: ProtocolContext, callback: URLSearchParams, pending: PendingSignIn): Promise<TokenSet> {
  const as = server(context);
  const params = new URLSearchParams(callback);
  // RFC 9207's `iss` can only be compared with an issuer the discovery named; without one there is nothing to check.
  if (!context.config.issuer) params.delete('iss');
  const checked = oauth.validateAuthResponse(as, client(context), params, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client(context),
    oauth.None(),
    checked,
    pending.redirectUri,
    pending.verifier,
    requestOptions(context),
  );
  return tokenSet(await oauth.processAuthorizationCodeResponse(as, client(context), response));
}

export async function refresh(context: ProtocolContext, refreshToken: string): Promise<TokenSet> {
  const as = server(context);
  const response = await oauth.refreshTokenGrantRequest(as, client(context), oauth.None(), refreshToken, requestOptions(context));
  return tokenSet(await oauth.processRefreshTokenResponse(as, client(context), response));
}

/** RFC 7009 revocation; the caller has already forgotten the token, so a failure here changes nothing locally. */
export async function revoke(context: ProtocolContext, token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
  const response = await oauth.revocationRequest(server(context), client(context), oauth.None(), token, {
    ...requestOptions(context),
    additionalParameters: { token_type_hint: hint },
  });
  await oauth.processRevocationResponse(response);
}

/** Whether an error is the server refusing a grant (a used or revoked refresh token), not a network hiccup. */
export function isGrantRefused(error: unknown): boolean {
  return error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError;
}
