// @ts-check
/**
 * The oidc-provider instance behind one SmartAuthServer: one public client (`portal-kit-demo`), code flow
 * only, PKCE S256 required, the SMART scopes, opaque access tokens, rotating refresh tokens for
 * online_access/offline_access, revocation that ends the whole sign-in, and the sign-in page on every
 * authorization. Storage is in memory (memory-adapter.mjs).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { errors, interactionPolicy } from 'oidc-provider';
import { memoryAdapter } from './memory-adapter.mjs';
import { ACCEPTED_SCOPES, SESSION_SCOPES } from './scopes.mjs';
import { PAGE_CSP, errorPage, pageLanguage } from './authorize-page.mjs';

export const CLIENT_ID = 'portal-kit-demo';
const HOUR = 3600;

/**
 * An absolute URL on `origin` below `path`, written in normal form (no dot segments, no fragment, no userinfo),
 * so that what was checked is what the browser will load.
 * @param {string} value
 * @param {string} origin
 * @param {string} path e.g. `/demo/`
 */
export function isAllowedRedirect(value, origin, path) {
  const url = URL.parse(value);
  return Boolean(
    url && url.href === value && url.origin === origin && url.pathname.startsWith(path) && !value.includes('#') && !url.username && !url.password,
  );
}

/**
 * @param {import('./smart-auth-server.mjs').SmartAuthServer} server
 * @returns {Provider}
 */
export function createProvider(server) {
  const { issuer, fhirBase, origin, mount } = server;
  const { redirectPath, accessTokenSeconds, refreshTokens, patients } = server.options;

  // Every authorization shows the page: the demo has no passwords, so a remembered session would silently
  // sign the next visitor in as the last patient.
  const policy = interactionPolicy.base();
  policy.get('login')?.checks.add(
    new interactionPolicy.Check('choose_patient', 'the person chooses a patient on every sign-in', (ctx) => !ctx.oidc.result?.login),
  );

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: CLIENT_ID,
        client_name: 'portal-kit demo',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${origin}${redirectPath}`],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    clockTolerance: 0,
    clientBasedCORS: (_ctx, requestOrigin) => requestOrigin === origin,
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ACCEPTED_SCOPES,
    claims: { openid: ['sub'], fhirUser: ['fhirUser'] },
    conformIdTokenClaims: false,
    // SMART's `aud` (required) names the FHIR server the token is for; this server issues tokens for one.
    extraParams: {
      aud(_ctx, value) {
        if (typeof value !== 'string' || value.replace(/\/$/, '') !== fhirBase) {
          throw new errors.InvalidRequest(`aud must be this server's FHIR base URL (${fhirBase})`);
        }
      },
      launch: null,
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      resourceIndicators: { enabled: false },
    },
    routes: { authorization: '/authorize', token: '/token', revocation: '/revoke', jwks: '/jwks' },
    interactions: { policy, url: (_ctx, interaction) => `${mount}/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      if (!(await patients()).some((p) => p.id === id)) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, fhirUser: `${fhirBase}/Patient/${id}` }) };
    },
    expiresWithSession: async () => false,
    issueRefreshToken: async (_ctx, client, code) =>
      refreshTokens && client.grantTypeAllowed('refresh_token') && SESSION_SCOPES.some((s) => code.scopes.has(s)),
    rotateRefreshToken: true,
    // Revoking any token ends the whole sign-in: the access token, its refresh token and the grant.
    revokeGrantPolicy: () => true,
    ttl: {
      AccessToken: () => accessTokenSeconds,
      IdToken: () => accessTokenSeconds,
      AuthorizationCode: () => 60,
      Interaction: () => 10 * 60,
      Session: () => HOUR,
      Grant: () => 30 * 24 * HOUR,
      RefreshToken: (ctx, token) => {
        const rotated = ctx?.oidc?.entities.RotatedRefreshToken;
        if (rotated) return rotated.remainingTTL; // rotation never extends a sign-in
        return token.scopes.has('offline_access') ? 30 * 24 * HOUR : 8 * HOUR;
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', PAGE_CSP);
      ctx.body = errorPage(pageLanguage(ctx.oidc?.params?.ui_locales), out);
    },
  });

  // A registered redirect URI must match exactly; this server allows any URL on its own origin below
  // `redirectPath` instead (the demo's pages, the tests' callback page). Client is a class of this provider.
  provider.Client.prototype.redirectUriAllowed = (/** @type {string} */ value) => isAllowedRedirect(value, origin, redirectPath);

  provider.use(async (ctx, next) => {
    await next();
    // SMART launch context: the patient the person chose.
    const body = /** @type {Record<string, unknown> | undefined} */ (ctx.body);
    if (ctx.oidc?.route === 'token' && ctx.status === 200 && body?.access_token) {
      body.patient = ctx.oidc.entities.AccessToken?.accountId;
    }
  });
  return provider;
}
