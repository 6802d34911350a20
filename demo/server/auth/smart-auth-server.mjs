// @ts-check
/**
 * The demo's SMART App Launch authorization server: oidc-provider (a maintained, certified OAuth 2 / OpenID
 * Connect server) configured for one public client, standalone patient launch, PKCE S256, and patient scopes.
 * Plain Node req/res: `handle()` serves everything below the issuer's path.
 *
 * SMART's launch context rides on the grant: signing in means choosing a patient, whose FHIR id becomes the
 * grant's account id; a middleware adds it to the token response as `patient`, and the FHIR guard reads it
 * back from the access token (see guard.mjs).
 */
import { HttpError, readBody } from '../fhir/http.mjs';
import { ACCEPTED_SCOPES, ADVERTISED_SCOPES, CONTEXT_SCOPES, SESSION_SCOPES } from './scopes.mjs';
import { PAGE_CSP, authorizePage, errorPage, pageLanguage } from './authorize-page.mjs';
import { CLIENT_ID, createProvider } from './provider.mjs';

/** @typedef {import('./authorize-page.mjs').PatientChoice} PatientChoice */
/**
 * @typedef {{ issuer: string, fhirBase: string, redirectPath: string, accessTokenSeconds?: number,
 *   refreshTokens?: boolean, patients: () => Promise<PatientChoice[]> }} SmartAuthOptions
 *   `issuer`: absolute, e.g. http://127.0.0.1:5173/oauth; `redirectPath`: redirect URIs may be any URL on the
 *   issuer's origin below this path (e.g. `/demo/`); `refreshTokens: false` grants neither online_access nor
 *   offline_access, so no refresh token is issued.
 * @typedef {{ access_token: string, token_type: 'Bearer', expires_in: number, scope: string, patient: string }} MintedToken
 */

export { CLIENT_ID };
const ACCEPTED = new Set(ACCEPTED_SCOPES);

export class SmartAuthServer {
  /** @param {SmartAuthOptions} options */
  constructor(options) {
    const { issuer, fhirBase, accessTokenSeconds = 300, refreshTokens = true } = options;
    this.options = { ...options, accessTokenSeconds, refreshTokens };
    this.issuer = issuer;
    this.fhirBase = fhirBase;
    const { origin, pathname } = new URL(issuer);
    this.origin = origin;
    this.mount = pathname.replace(/\/$/, '');
    this.endpoints = {
      authorize: `${issuer}/authorize`,
      token: `${issuer}/token`,
      revoke: `${issuer}/revoke`,
      jwks: `${issuer}/jwks`,
    };
    this.provider = createProvider(this);
    this.callback = this.provider.callback();
  }

  /**
   * Answers one request below the issuer's path.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path what follows the issuer's path, with the query, e.g. `/authorize?client_id=...`
   */
  async handle(req, res, path) {
    const interaction = /^\/interaction\/([A-Za-z0-9_-]{1,64})$/.exec(path.split('?')[0]);
    if (interaction) {
      await this.interaction(req, res);
      return;
    }
    // As connect's `app.use(prefix, provider.callback())` does it: the provider sees the path below its mount
    // and finds the mount (for the URLs it builds) in originalUrl.
    const mounted = /** @type {typeof req & { originalUrl?: string }} */ (req);
    const url = req.url;
    const below = req.method === 'GET' ? withConsentForOffline(path) : path;
    mounted.originalUrl = `${this.mount}${below}`;
    mounted.url = below || '/';
    try {
      await this.callback(req, res);
    } finally {
      mounted.url = url;
      delete mounted.originalUrl;
    }
  }

  /**
   * The sign-in page (GET) and its form (POST).
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async interaction(req, res) {
    let details;
    try {
      details = await this.provider.interactionDetails(req, res);
    } catch {
      sendPage(res, 400, errorPage('en', { error: 'invalid_request', error_description: 'This sign-in has expired or is unknown.' }));
      return;
    }
    const { params, uid } = details;
    const lang = pageLanguage(params.ui_locales);
    const requested = String(params.scope ?? '').split(' ').filter((s) => ACCEPTED.has(s));
    const offered = this.options.refreshTokens ? requested : requested.filter((s) => !SESSION_SCOPES.includes(s));
    const patients = await this.options.patients();
    if (req.method === 'GET') {
      const action = `${this.mount}/interaction/${uid}`;
      sendPage(res, 200, authorizePage({ lang, app: 'portal-kit demo', action, scopes: offered, patients }));
      return;
    }
    if (req.method !== 'POST' || (req.headers.origin !== undefined && req.headers.origin !== this.origin)) {
      sendPage(res, 400, errorPage(lang, { error: 'invalid_request' }));
      return;
    }
    const form = await readBody(req);
    if (!(form instanceof URLSearchParams)) {
      sendPage(res, 400, errorPage(lang, { error: 'invalid_request' }));
      return;
    }
    if (form.has('cancel')) {
      const result = { error: 'access_denied', error_description: 'The person cancelled the sign-in' };
      await this.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      return;
    }
    const patient = form.get('patient') ?? '';
    if (!patients.some((p) => p.id === patient)) {
      sendPage(res, 400, errorPage(lang, { error: 'invalid_request', error_description: 'Choose one of the listed patients.' }));
      return;
    }
    const chosen = new Set(form.getAll('scope'));
    const granted = offered.filter((s) => CONTEXT_SCOPES.includes(s) || chosen.has(s));
    const grant = new this.provider.Grant({ accountId: patient, clientId: String(params.client_id) });
    if (granted.length) grant.addOIDCScope(granted.join(' '));
    const rejected = requested.filter((s) => !granted.includes(s));
    if (rejected.length) grant.rejectOIDCScope(rejected.join(' '));
    const grantId = await grant.save();
    const result = { login: { accountId: patient }, consent: { grantId } };
    await this.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  /**
   * A real access token for `patient`, without the sign-in flow (for tests that are not about the flow).
   * @param {string} patient
   * @param {string} scope
   * @returns {Promise<MintedToken>}
   */
  async mintToken(patient, scope) {
    if (!(await this.options.patients()).some((p) => p.id === patient)) {
      throw new HttpError(400, 'invalid', `No patient '${patient}' to sign in as`);
    }
    const scopes = scope.split(' ').filter((s) => ACCEPTED.has(s) && !SESSION_SCOPES.includes(s)).join(' ');
    const grant = new this.provider.Grant({ accountId: patient, clientId: CLIENT_ID });
    if (scopes) grant.addOIDCScope(scopes);
    const grantId = await grant.save();
    const client = await this.provider.Client.find(CLIENT_ID);
    if (!client) throw new Error(`client ${CLIENT_ID} missing`);
    const token = new this.provider.AccessToken({ accountId: patient, client, grantId, gty: 'authorization_code', scope: scopes });
    const accessToken = await token.save();
    return { access_token: accessToken, token_type: 'Bearer', expires_in: token.expiration, scope: scopes, patient };
  }

  /**
   * What an access token allows, if it is valid: issued here, not expired, its grant not revoked.
   * @param {string} value
   * @returns {Promise<{ patient: string, scopes: string[] } | undefined>}
   */
  async verifyAccessToken(value) {
    try {
      const token = await this.provider.AccessToken.find(value);
      if (!token || token.clientId !== CLIENT_ID || !token.exp || Date.now() / 1000 >= token.exp) return undefined;
      if (!(await this.provider.Grant.find(token.grantId))) return undefined; // revoked
      return { patient: token.accountId, scopes: (token.scope ?? '').split(' ').filter(Boolean) };
    } catch {
      return undefined;
    }
  }

  /** `GET <fhir base>/.well-known/smart-configuration` (SMART App Launch 2). */
  smartConfiguration() {
    return {
      issuer: this.issuer,
      jwks_uri: this.endpoints.jwks,
      authorization_endpoint: this.endpoints.authorize,
      token_endpoint: this.endpoints.token,
      revocation_endpoint: this.endpoints.revoke,
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ADVERTISED_SCOPES.filter((s) => this.options.refreshTokens || !SESSION_SCOPES.includes(s)),
      capabilities: [
        'launch-standalone', 'client-public', 'context-standalone-patient', 'permission-patient', 'permission-v1',
        'permission-v2', 'sso-openid-connect', ...(this.options.refreshTokens ? ['permission-online', 'permission-offline'] : []),
      ],
    };
  }
}

/**
 * OpenID Connect drops offline_access from an authorization request without prompt=consent; SMART apps do not
 * send it, and this server asks for consent on every sign-in anyway, so it is added.
 * @param {string} path below the mount, with the query
 */
function withConsentForOffline(path) {
  const [route, query = ''] = path.split(/\?(.*)/s);
  const params = new URLSearchParams(query);
  const prompts = (params.get('prompt') ?? '').split(' ').filter(Boolean);
  const offline = (params.get('scope') ?? '').split(' ').includes('offline_access');
  if (route !== '/authorize' || !offline || prompts.includes('consent') || prompts.includes('none')) return path;
  params.set('prompt', [...prompts, 'consent'].join(' '));
  return `${route}?${params}`;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} html
 */
function sendPage(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'same-origin'); // 'no-referrer' would make the form's Origin 'null'
  res.end(html);
}
