// Integration tests of the demo's SMART authorization server (demo/server/auth) and of the FHIR endpoint behind
// it, as tenants of the test server with `options.smart`: discovery, the code flow with PKCE as a browser app runs
// it (the sign-in page answered by authorizeAs), refresh rotation, revocation, and what a token lets a patient see.
import { expect, waitUntil } from '@open-wc/testing';
import { call, createdTenants, createTenant, holdParameters, slot, type Json, type Tenant } from '../support/fhir-http.js';
import { mintToken, requestLog } from '../support/fhir-tenant.js';
import { authorizeAs, cancelAuthorize, SMART_CALLBACK } from '../support/smart-authorize.js';

const CLIENT_ID = 'portal-kit-demo';
const REDIRECT_URI = `${location.origin}${SMART_CALLBACK}`;
const SCOPE = 'launch/patient openid fhirUser offline_access patient/Patient.rs patient/Appointment.cruds patient/Communication.cruds patient/Slot.rs';
const [A, B] = ['pat-a', 'pat-b'];

const patient = (id: string, family: string, given: string): Json => ({ resourceType: 'Patient', id, name: [{ family, given: [given] }] });
const actor = (reference: string) => ({ actor: { reference }, status: 'accepted' });
const appt = (id: string, ...references: string[]): Json => ({
  resourceType: 'Appointment', id, status: 'booked', start: '2030-01-07T09:00:00Z', end: '2030-01-07T09:30:00Z', participant: references.map(actor),
});
const message = (id: string, subject: string): Json => ({ resourceType: 'Communication', id, status: 'completed', subject: { reference: subject } });

/** Two patients with an appointment and a message each, one appointment of both, and public scheduling data. */
const RESOURCES = [
  patient(A, 'Alvarez', 'Ada'), patient(B, 'Brown', 'Ben'),
  appt('appt-a', `Patient/${A}`, 'Location/loc-1'), appt('appt-b', `Patient/${B}`), appt('appt-ab', `Patient/${A}`, `Patient/${B}`),
  message('msg-a', `Patient/${A}`), message('msg-b', `Patient/${B}`),
  slot('slot-1', '2030-01-08T09:00:00Z'), { resourceType: 'Location', id: 'loc-1', name: 'Clinic' },
];

const smartTenant = (options: Json = {}) => createTenant({ resources: RESOURCES, options: { smart: true, ...options } });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const ids = (bundle: Json): string[] => (bundle.entry ?? []).map((e: Json) => `${e.resource.resourceType}/${e.resource.id}`);

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  return { verifier, challenge };
}

function authorizeUrl(tenant: Tenant, params: Record<string, string>): string {
  const query = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope: SCOPE, aud: tenant.baseUrl, ...params });
  return `${tenant.issuer}/authorize?${query}`;
}

async function tokenRequest(tenant: Tenant, params: Record<string, string>): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${tenant.issuer}/token`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, ...params }) });
  return { status: response.status, json: await response.json() };
}

/** The code flow up to the callback: PKCE and state made here, the sign-in page answered as `patientId`. */
async function authorize(tenant: Tenant, patientId: string, options: { scope?: string; deny?: string[]; params?: Record<string, string> } = {}) {
  const { verifier, challenge } = await pkce();
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const url = authorizeUrl(tenant, { scope: options.scope ?? SCOPE, state, code_challenge: challenge, code_challenge_method: 'S256', ...options.params });
  const callback = new URL(await authorizeAs(url, patientId, { deny: options.deny }));
  return { callback, verifier, state, code: callback.searchParams.get('code') ?? '' };
}

const redeem = (tenant: Tenant, code: string, verifier: string) =>
  tokenRequest(tenant, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });

/** A whole sign-in: the token response. */
async function signIn(tenant: Tenant, patientId: string, options: { scope?: string; deny?: string[] } = {}): Promise<Json> {
  const { code, verifier } = await authorize(tenant, patientId, options);
  const { status, json } = await redeem(tenant, code, verifier);
  expect(status, JSON.stringify(json)).to.equal(200);
  return json;
}

describe('demo SMART authorization server', () => {
  before(async function () {
    this.timeout(30_000); // the first tenant loads medplum, the R4 definitions and oidc-provider
    await smartTenant();
  });

  afterEach(async () => {
    for (const tenant of createdTenants.splice(0)) {
      await fetch(`/fhir-test/${tenant.tenant}`, { method: 'DELETE' });
    }
  });

  it('publishes its SMART configuration and the oauth-uris in the CapabilityStatement, without a token', async () => {
    const tenant = await smartTenant();
    expect(tenant.issuer).to.equal(`${location.origin}/oauth/${tenant.tenant}`);
    const { status, json } = await call('GET', `${tenant.baseUrl}/.well-known/smart-configuration`);
    expect(status).to.equal(200);
    expect(json).to.include({
      issuer: tenant.issuer,
      authorization_endpoint: `${tenant.issuer}/authorize`,
      token_endpoint: `${tenant.issuer}/token`,
      revocation_endpoint: `${tenant.issuer}/revoke`,
    });
    expect(json.grant_types_supported).to.have.members(['authorization_code', 'refresh_token']);
    expect(json.response_types_supported).to.deep.equal(['code']);
    expect(json.code_challenge_methods_supported).to.deep.equal(['S256']);
    expect(json.token_endpoint_auth_methods_supported).to.deep.equal(['none']);
    expect(json.scopes_supported).to.include.members(['launch/patient', 'offline_access', 'online_access', 'patient/Appointment.cruds', 'patient/*.rs']);
    expect(json.capabilities).to.include.members([
      'launch-standalone', 'client-public', 'context-standalone-patient', 'permission-patient', 'permission-v1',
      'permission-v2', 'permission-online', 'permission-offline',
    ]);
    const metadata = await call('GET', `${tenant.baseUrl}/metadata`);
    expect(metadata.status).to.equal(200);
    const oauth = metadata.json.rest[0].security.extension.find((e: Json) => e.url.endsWith('/oauth-uris'));
    expect(Object.fromEntries(oauth.extension.map((e: Json) => [e.url, e.valueUri]))).to.deep.equal({
      authorize: `${tenant.issuer}/authorize`, token: `${tenant.issuer}/token`, revoke: `${tenant.issuer}/revoke`,
    });
  });

  it('runs the code flow with PKCE: the callback carries state and iss, the token response the patient and the granted scopes', async () => {
    const tenant = await smartTenant();
    const { callback, verifier, state, code } = await authorize(tenant, A);
    expect(callback.origin + callback.pathname).to.equal(REDIRECT_URI);
    expect(callback.searchParams.get('state')).to.equal(state);
    expect(callback.searchParams.get('iss')).to.equal(tenant.issuer);
    const { status, json } = await redeem(tenant, code, verifier);
    expect(status).to.equal(200);
    expect(json).to.include({ token_type: 'Bearer', expires_in: 300, patient: A });
    expect(json.scope.split(' ')).to.have.members(SCOPE.split(' '));
    expect(json.access_token).to.be.a('string');
    expect(json.refresh_token).to.be.a('string'); // offline_access was granted
    const read = await call('GET', `${tenant.baseUrl}/Patient/${A}`, undefined, bearer(json.access_token));
    expect(read.status).to.equal(200);
    expect(read.json.id).to.equal(A);
    // The token endpoint and the authorize step were logged with the FHIR request; the public client sends no Authorization.
    const log = await requestLog(tenant);
    const tokenPost = log.find((r) => r.method === 'POST' && r.url === `/oauth/${tenant.tenant}/token`);
    expect(tokenPost).to.include({ status: 200, authorization: null });
    expect(log.some((r) => r.url.startsWith(`/oauth/${tenant.tenant}/authorize?`))).to.equal(true);
  });

  it('refuses a wrong code_verifier and a code used twice', async () => {
    const tenant = await smartTenant();
    const first = await authorize(tenant, A);
    const wrong = await redeem(tenant, first.code, (await pkce()).verifier);
    expect(wrong.status).to.equal(400);
    expect(wrong.json.error).to.equal('invalid_grant');

    const second = await authorize(tenant, A);
    const redeemed = await redeem(tenant, second.code, second.verifier);
    expect(redeemed.status).to.equal(200);
    const again = await redeem(tenant, second.code, second.verifier);
    expect(again.status).to.equal(400);
    expect(again.json.error).to.equal('invalid_grant');
  });

  it('refuses plain PKCE, a missing code_challenge, and an aud that is not its FHIR server', async () => {
    const tenant = await smartTenant();
    const refused = async (params: Record<string, string>) => {
      const response = await fetch(authorizeUrl(tenant, { state: 's', ...params }));
      expect(response.url.startsWith(REDIRECT_URI), response.url).to.equal(true);
      return new URL(response.url).searchParams.get('error');
    };
    expect(await refused({ code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' })).to.equal('invalid_request');
    expect(await refused({})).to.equal('invalid_request');
    const { challenge } = await pkce();
    expect(await refused({ code_challenge: challenge, code_challenge_method: 'S256', aud: 'https://other.example/fhir' })).to.equal('invalid_request');
  });

  it('never redirects to a redirect_uri on another origin or outside /test/', async () => {
    const tenant = await smartTenant();
    const { challenge } = await pkce();
    for (const redirect of ['https://attacker.example/test/cb', `${location.origin}/demo/cb.html`, `${location.origin}/test/../demo/cb.html`]) {
      const response = await fetch(authorizeUrl(tenant, { redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256', state: 's' }));
      expect(response.status, redirect).to.equal(400);
      expect(new URL(response.url).pathname, redirect).to.equal(`/oauth/${tenant.tenant}/authorize`);
      expect(await response.text()).to.contain('redirect_uri');
    }
  });

  it('rotates refresh tokens and refuses a refresh token used twice', async () => {
    const tenant = await smartTenant();
    const tokens = await signIn(tenant, A);
    const refreshed = await tokenRequest(tenant, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).to.equal(200);
    expect(refreshed.json).to.include({ patient: A, token_type: 'Bearer', scope: tokens.scope });
    expect(refreshed.json.refresh_token).to.be.a('string').and.not.equal(tokens.refresh_token);
    expect(refreshed.json.access_token).to.not.equal(tokens.access_token);
    expect((await call('GET', `${tenant.baseUrl}/Patient/${A}`, undefined, bearer(refreshed.json.access_token))).status).to.equal(200);
    const replay = await tokenRequest(tenant, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(replay.status).to.equal(400);
    expect(replay.json.error).to.equal('invalid_grant');
  });

  it('issues a refresh token only for online_access or offline_access, and none when the tenant has them off', async () => {
    const tenant = await smartTenant();
    const plain = await signIn(tenant, A, { scope: 'launch/patient patient/Patient.rs' });
    expect(plain.refresh_token).to.equal(undefined);
    const online = await signIn(tenant, A, { scope: 'launch/patient online_access patient/Patient.rs' });
    expect(online.refresh_token).to.be.a('string');
    const noRefresh = await smartTenant({ refreshTokens: false });
    const offline = await signIn(noRefresh, A, { scope: 'launch/patient offline_access patient/Patient.rs' });
    expect(offline.refresh_token).to.equal(undefined);
    expect(offline.scope.split(' ')).to.have.members(['launch/patient', 'patient/Patient.rs']);
  });

  it('revokes: a revoked access token, or the refresh token of a sign-in, makes its access token fail with 401', async () => {
    const tenant = await smartTenant();
    const revoke = (token: string) => fetch(`${tenant.issuer}/revoke`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, token }) });
    const read = (token: string) => call('GET', `${tenant.baseUrl}/Patient/${A}`, undefined, bearer(token));
    const first = await signIn(tenant, A);
    expect((await read(first.access_token)).status).to.equal(200);
    expect((await revoke(first.access_token)).status).to.equal(200);
    expect((await read(first.access_token)).status).to.equal(401);

    const second = await signIn(tenant, A);
    expect((await revoke(second.refresh_token)).status).to.equal(200);
    expect((await read(second.access_token)).status).to.equal(401);
    expect((await tokenRequest(tenant, { grant_type: 'refresh_token', refresh_token: second.refresh_token })).status).to.equal(400);
  });

  it('works as a real page in a browser window: the form posts, the redirects end on the callback, nothing scrolls sideways at 320 px', async function () {
    this.timeout(10_000);
    const tenant = await smartTenant();
    const { challenge } = await pkce();
    const popup = window.open(authorizeUrl(tenant, { code_challenge: challenge, code_challenge_method: 'S256', state: 'w' }), '_blank', 'popup,width=320,height=640');
    expect(popup, 'popup opened').to.not.equal(null);
    const until = (ready: () => unknown) => waitUntil(ready, 'the popup never got there', { timeout: 5000 });
    try {
      const button = () => popup!.document?.querySelector<HTMLButtonElement>(`button[value="${B}"]`);
      await until(() => button() && popup!.document.readyState === 'complete');
      expect(popup!.document.documentElement.scrollWidth).to.be.at.most(popup!.innerWidth);
      button()!.click();
      await until(() => popup!.location.pathname === SMART_CALLBACK);
      const params = new URLSearchParams(popup!.location.search);
      expect([params.get('state'), params.get('iss'), params.get('error')]).to.deep.equal(['w', tenant.issuer, null]);
      expect(params.get('code')).to.be.a('string');
    } finally {
      popup?.close();
    }
  });

  it('answers Cancel with access_denied', async () => {
    const tenant = await smartTenant();
    const { challenge } = await pkce();
    const url = new URL(await cancelAuthorize(authorizeUrl(tenant, { code_challenge: challenge, code_challenge_method: 'S256', state: 'st' })));
    expect(url.searchParams.get('error')).to.equal('access_denied');
    expect(url.searchParams.get('state')).to.equal('st');
  });

  it('keeps patient data behind a token (401 with WWW-Authenticate) and scheduling data public', async () => {
    const tenant = await smartTenant();
    for (const path of ['Patient', `Patient/${A}`, 'Appointment', 'Communication?subject=Patient/pat-a']) {
      const reply = await call('GET', `${tenant.baseUrl}/${path}`);
      expect(reply.status, path).to.equal(401);
      expect(reply.headers.get('WWW-Authenticate'), path).to.match(/^Bearer /);
      expect(reply.json.resourceType, path).to.equal('OperationOutcome');
    }
    const forged = await call('GET', `${tenant.baseUrl}/Appointment`, undefined, bearer('not-a-token'));
    expect(forged.status).to.equal(401);
    expect(forged.headers.get('WWW-Authenticate')).to.contain('invalid_token');
    for (const path of ['metadata', 'Slot', 'Slot/slot-1', 'Location/loc-1', '$bulk-publish']) {
      expect((await call('GET', `${tenant.baseUrl}/${path}`)).status, path).to.equal(200);
    }
    expect((await call('POST', `${tenant.baseUrl}/Slot`, slot('new', '2030-02-01T09:00:00Z'))).status).to.equal(403);
  });

  it("limits a token to its patient: another patient's resources read as 404 and never appear in searches or includes", async () => {
    const tenant = await smartTenant();
    const { access_token: token } = await mintToken(tenant, A, 'patient/Patient.rs patient/Appointment.rs patient/Communication.rs');
    const get = (path: string) => call('GET', `${tenant.baseUrl}/${path}`, undefined, bearer(token));
    for (const path of [`Patient/${B}`, 'Appointment/appt-b', 'Communication/msg-b', `Patient/${B}/_history`]) {
      const reply = await get(path);
      expect(reply.status, path).to.equal(404);
      expect(reply.json.issue[0].code, path).to.equal('not-found');
    }
    expect(ids((await get('Patient')).json)).to.deep.equal([`Patient/${A}`]);
    const appointments = await get('Appointment?_include=Appointment:actor');
    expect(appointments.json.total).to.equal(2);
    expect(ids(appointments.json)).to.have.members(['Appointment/appt-a', 'Appointment/appt-ab', `Patient/${A}`, 'Location/loc-1']);
    expect(ids((await get(`Appointment?patient=Patient/${B}`)).json)).to.deep.equal(['Appointment/appt-ab']);
    expect(ids((await get(`Patient?_revinclude=Appointment:patient`)).json)).to.have.members([`Patient/${A}`, 'Appointment/appt-a', 'Appointment/appt-ab']);
    expect(ids((await get('Communication')).json)).to.deep.equal(['Communication/msg-a']);
  });

  it("refuses writes that name another patient (403) and changes to another patient's resources (404)", async () => {
    const tenant = await smartTenant({ bookingMode: 'operation' });
    const { access_token: token } = await mintToken(tenant, A, 'patient/Appointment.cruds patient/Communication.cruds');
    const send = (method: string, path: string, body?: Json) => call(method, `${tenant.baseUrl}/${path}`, body, bearer(token));
    const { id: _id, ...newAppointment } = appt('x', `Patient/${A}`);
    expect((await send('POST', 'Appointment', { ...newAppointment, participant: [actor(`Patient/${B}`)] })).status).to.equal(403);
    expect((await send('POST', 'Communication', message('m', `Patient/${B}`))).status).to.equal(403);
    expect((await send('POST', 'Communication', { ...message('m', `Patient/${A}`), recipient: [{ reference: `Patient/${B}` }] })).status).to.equal(403);
    expect((await send('POST', 'Communication', message('m', `Patient/${A}`))).status).to.equal(201);
    expect((await send('PUT', 'Appointment/appt-b', { ...appt('appt-b', `Patient/${B}`), status: 'cancelled' })).status).to.equal(404);
    expect((await send('PUT', 'Appointment/appt-a', { ...appt('appt-a', `Patient/${B}`) })).status).to.equal(403);
    expect((await send('DELETE', 'Communication/msg-b')).status).to.equal(404);
    const hold = (who: string) => send('POST', 'Appointment/$hold', holdParameters({ resourceType: 'Appointment', status: 'proposed', slot: [{ reference: 'Slot/slot-1' }], participant: [actor(`Patient/${who}`)] }));
    expect((await hold(B)).status).to.equal(403);
    expect((await call('GET', `${tenant.baseUrl}/Slot/slot-1`)).json.status).to.equal('free');
    expect((await hold(A)).status).to.equal(200);
  });

  it("issues SMART Health Cards only to a token for that patient with immunization access; its key set is public", async () => {
    const tenant = await smartTenant({ bookingMode: 'operation' });
    const keys = await call('GET', `${tenant.baseUrl}/.well-known/jwks.json`);
    expect(keys.status).to.equal(200);
    expect(keys.json.keys[0]).to.include({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256' });
    expect(keys.json.keys[0]).to.not.have.property('d');
    const ask = (who: string, token?: string) =>
      call('POST', `${tenant.baseUrl}/Patient/${who}/$health-cards-issue`, { resourceType: 'Parameters', parameter: [{ name: 'credentialType', valueUri: 'Immunization' }] }, token ? bearer(token) : undefined);
    expect((await ask(A)).status).to.equal(401);
    const { access_token: reader } = await mintToken(tenant, A, 'patient/Patient.rs patient/Immunization.rs');
    const own = await ask(A, reader);
    expect(own.status).to.equal(200);
    expect(own.json.resourceType).to.equal('Parameters');
    expect((await ask(B, reader)).status).to.equal(404);
    const { access_token: noImmunizations } = await mintToken(tenant, A, 'patient/Patient.rs patient/Appointment.rs');
    const refused = await ask(A, noImmunizations);
    expect(refused.status).to.equal(403);
    expect(refused.headers.get('WWW-Authenticate')).to.contain('insufficient_scope');
  });

  it('grants only what the person left checked: an unchecked scope is missing from the token and its type answers 403', async () => {
    const tenant = await smartTenant();
    const tokens = await signIn(tenant, A, { deny: ['patient/Communication.cruds', 'offline_access'] });
    expect(tokens.scope.split(' ')).to.not.include.members(['patient/Communication.cruds']);
    expect(tokens.scope.split(' ')).to.not.include('offline_access');
    expect(tokens.refresh_token).to.equal(undefined);
    const communications = await call('GET', `${tenant.baseUrl}/Communication`, undefined, bearer(tokens.access_token));
    expect(communications.status).to.equal(403);
    expect(communications.headers.get('WWW-Authenticate')).to.contain('insufficient_scope');
    expect((await call('GET', `${tenant.baseUrl}/Appointment`, undefined, bearer(tokens.access_token))).status).to.equal(200);
    const readOnly = await mintToken(tenant, A, 'patient/Appointment.rs');
    expect((await call('POST', `${tenant.baseUrl}/Appointment`, appt('y', `Patient/${A}`), bearer(readOnly.access_token))).status).to.equal(403);
  });

  it('refuses an expired access token with 401', async function () {
    this.timeout(8000);
    // Token times are whole seconds (iat is rounded down), so a 2 s token has more than 1 s left when issued
    // and is refused from at most 2 s later.
    const tenant = await smartTenant({ accessTokenSeconds: 2 });
    const tokens = await signIn(tenant, A, { scope: 'launch/patient patient/Patient.rs' });
    expect(tokens.expires_in).to.equal(2);
    expect((await call('GET', `${tenant.baseUrl}/Patient/${A}`, undefined, bearer(tokens.access_token))).status).to.equal(200);
    await waitUntil(async () => (await call('GET', `${tenant.baseUrl}/Patient/${A}`, undefined, bearer(tokens.access_token))).status === 401, 'the token never expired', {
      timeout: 3000,
      interval: 100,
    });
    const expired = await call('GET', `${tenant.baseUrl}/Patient/${A}`, undefined, bearer(tokens.access_token));
    expect(expired.status).to.equal(401);
    expect(expired.headers.get('WWW-Authenticate')).to.contain('invalid_token');
  });

  it('signs in to a demo-seeded tenant: an accessible page in Spanish for ui_locales=es, one button per seeded patient', async function () {
    this.timeout(20_000);
    const tenant = await createTenant({ options: { demoSeed: '2026-03-02', smart: true } });
    const { challenge } = await pkce();
    const page = await fetch(authorizeUrl(tenant, { code_challenge: challenge, code_challenge_method: 'S256', state: 's', ui_locales: 'es-MX' }));
    expect(page.headers.get('Content-Security-Policy')).to.contain("frame-ancestors 'none'");
    const doc = new DOMParser().parseFromString(await page.text(), 'text/html');
    expect(doc.documentElement.lang).to.equal('es');
    expect(doc.querySelector('h1')?.textContent).to.contain('Iniciar sesión');
    const buttons = [...doc.querySelectorAll<HTMLButtonElement>('button[name="patient"]')];
    expect(buttons.map((b) => [b.value, b.textContent])).to.have.deep.members([
      ['daniel-okafor', 'Daniel Okafor'], ['mia-thompson', 'Mia Thompson'], ['maria-pena', 'María José Peña Ibáñez'],
    ]);
    expect([...doc.querySelectorAll('label')].map((l) => l.textContent)).to.include('Sus citas (ver, reservar, cambiar, borrar)');
    const main = document.createElement('div');
    main.append(...[...doc.body.children].map((child) => document.importNode(child, true)));
    document.body.append(main);
    try {
      await expect(main).to.be.accessible();
    } finally {
      main.remove();
    }

    const tokens = await signIn(tenant, 'maria-pena');
    expect(tokens.patient).to.equal('maria-pena');
    const get = (path: string) => call('GET', `${tenant.baseUrl}/${path}`, undefined, bearer(tokens.access_token));
    expect((await get('Patient/maria-pena')).status).to.equal(200);
    expect((await get('Patient/daniel-okafor')).status).to.equal(404);
    const appointments = (await get('Appointment?_count=100')).json;
    expect(appointments.total).to.be.greaterThan(0);
    expect(appointments.entry.every((e: Json) => e.resource.participant.some((p: Json) => p.actor?.reference === 'Patient/maria-pena'))).to.equal(true);
    expect((await get('Slot?_count=1')).status).to.equal(200);
  });
});
