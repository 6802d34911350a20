import { expect } from '@open-wc/testing';
import { codeChallengeFor } from '../../src/auth/protocol.js';
import { createSmartAuth, withoutCallbackParams, type SmartAuthOptions } from '../../src/auth/smart-auth.js';
import type { Session } from '../../src/model/session.js';

const FIXTURES = '/test/fixtures/shared/smart-app-launch';
const BASE = 'https://fhir.example.org/r4';
const REDIRECT = 'https://portal.example.org/my-health/';
const PATIENT = '87a339d0-8cae-418e-89c7-8651e6aab3c6';

interface Sent {
  url: string;
  method: string;
  form: URLSearchParams;
  authorization?: string;
}

/** An authorization server answering from a script; records what the client sent, token requests included. */
function fakeServer(overrides: { discovery?: unknown; token?: (form: URLSearchParams) => Response } = {}) {
  const sent: Sent[] = [];
  const discovery = overrides.discovery ?? {
    issuer: 'https://auth.example.org',
    authorization_endpoint: 'https://auth.example.org/authorize',
    token_endpoint: 'https://auth.example.org/token',
    revocation_endpoint: 'https://auth.example.org/revoke',
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
  };
  let refreshes = 0;
  const token =
    overrides.token ??
    ((form: URLSearchParams) => {
      if (form.get('grant_type') === 'refresh_token') {
        refreshes += 1;
        return json({ access_token: `access-${refreshes + 1}`, token_type: 'Bearer', expires_in: 300, refresh_token: `refresh-${refreshes + 1}` });
      }
      return json({
        access_token: 'access-1',
        token_type: 'Bearer',
        expires_in: 300,
        refresh_token: 'refresh-1',
        scope: 'launch/patient online_access patient/Appointment.rs',
        patient: PATIENT,
      });
    });
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    const body = init.body instanceof URLSearchParams ? init.body : new URLSearchParams(typeof init.body === 'string' ? init.body : '');
    const headers = new Headers(init.headers);
    sent.push({ url, method: init.method ?? 'GET', form: body, authorization: headers.get('authorization') ?? undefined });
    if (url.endsWith('/.well-known/smart-configuration')) return json(discovery);
    if (url === 'https://auth.example.org/token') return token(body);
    if (url === 'https://auth.example.org/revoke') return new Response(null, { status: 200 });
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { sent, fetch: fetchImpl, tokenRequests: () => sent.filter((s) => s.url.endsWith('/token')) };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function setUp(server = fakeServer(), options: Partial<SmartAuthOptions> = {}) {
  const storage = new Map<string, string>();
  const navigations: string[] = [];
  let now = Date.parse('2026-11-21T10:00:00Z');
  const auth = createSmartAuth({
    fhirBaseUrl: BASE,
    clientId: 'portal-kit-site',
    redirectUri: REDIRECT,
    fetch: server.fetch,
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
    navigate: (url) => void navigations.push(url),
    now: () => now,
    ...options,
  });
  const sessions: Session[] = [];
  auth.subscribe((session) => sessions.push(session));
  return { auth, storage, navigations, server, sessions, advance: (ms: number) => (now += ms) };
}

/** The callback URL a server would send back for the last redirect, with `change` applied to its parameters. */
function callbackFor(navigation: string, change: (params: URLSearchParams) => void = () => undefined): string {
  const state = new URL(navigation).searchParams.get('state') ?? '';
  const params = new URLSearchParams({ code: 'the-code', state, iss: 'https://auth.example.org' });
  change(params);
  return `${REDIRECT}?${params}`;
}

async function signedIn(): Promise<ReturnType<typeof setUp>> {
  const world = setUp();
  await world.auth.signIn(['patient/Appointment.crus']);
  expect(await world.auth.completeSignIn(callbackFor(world.navigations[0]))).to.equal(true);
  return world;
}

describe('SMART client: PKCE', () => {
  it('computes the RFC 7636 Appendix B code challenge', async () => {
    expect(await codeChallengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).to.equal('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('SMART client: discovery', () => {
  it('accepts the SMART App Launch sample configuration', async () => {
    const sample = await (await fetch(`${FIXTURES}/smart-configuration/conformance-sample-response.json`)).json();
    const { auth, navigations } = setUp(fakeServer({ discovery: sample }));
    await auth.signIn();
    expect(navigations).to.have.length(1);
    expect(new URL(navigations[0]).origin + new URL(navigations[0]).pathname).to.equal(sample.authorization_endpoint);
  });

  for (const [name, methods] of [
    ['only plain', ['plain']],
    ['no PKCE at all', undefined],
  ] as const) {
    it(`refuses a server offering ${name}: no redirect, an integrator-facing error`, async () => {
      const errors: string[] = [];
      const original = console.error;
      console.error = (message: string) => void errors.push(String(message));
      try {
        const discovery = { authorization_endpoint: 'https://auth.example.org/authorize', token_endpoint: 'https://auth.example.org/token', code_challenge_methods_supported: methods };
        const { auth, navigations, storage } = setUp(fakeServer({ discovery }));
        await auth.signIn();
        expect(navigations).to.deep.equal([]);
        expect(storage.size).to.equal(0);
        expect(auth.session).to.deep.equal({ status: 'signed-out', problem: 'server-not-supported' });
        expect(errors.join(' ')).to.include('PKCE S256').and.include(BASE);
      } finally {
        console.error = original;
      }
    });
  }

  it('refuses endpoints over plain http on another machine', async () => {
    const discovery = { authorization_endpoint: 'http://auth.example.org/authorize', token_endpoint: 'http://auth.example.org/token', code_challenge_methods_supported: ['S256'] };
    const original = console.error;
    console.error = () => undefined;
    try {
      const { auth, navigations } = setUp(fakeServer({ discovery }));
      await auth.signIn();
      expect(navigations).to.deep.equal([]);
      expect(auth.session).to.deep.equal({ status: 'signed-out', problem: 'server-not-supported' });
    } finally {
      console.error = original;
    }
  });
});

describe('SMART client: the redirect', () => {
  it('asks with PKCE S256, a fresh 256-bit state, the FHIR base as audience and the union of scopes', async () => {
    const { auth, navigations, storage } = setUp(undefined, { scopes: 'openid fhirUser' });
    await auth.signIn(['patient/Appointment.crus', 'patient/Patient.r', 'patient/Appointment.crus'], { uiLocales: 'es' });
    const params = new URL(navigations[0]).searchParams;
    expect(params.get('ui_locales')).to.equal('es');
    expect(params.get('response_type')).to.equal('code');
    expect(params.get('code_challenge_method')).to.equal('S256');
    expect(params.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('aud')).to.equal(BASE);
    expect(params.get('redirect_uri')).to.equal(REDIRECT);
    expect(params.get('scope')!.split(' ')).to.deep.equal(['launch/patient', 'online_access', 'openid', 'fhirUser', 'patient/Appointment.crus', 'patient/Patient.r']);
    // 32 random bytes, base64url: 43 characters, 256 bits (at least 122 asked).
    expect(params.get('state')).to.match(/^[A-Za-z0-9_-]{43}$/);
    const pending = JSON.parse([...storage.values()][0]);
    expect(pending.state).to.equal(params.get('state'));
    expect(await codeChallengeFor(pending.verifier)).to.equal(params.get('code_challenge'));

    await auth.signIn();
    expect(new URL(navigations[1]).searchParams.get('state')).not.to.equal(params.get('state'));
  });
});

describe('SMART client: the callback', () => {
  it('signs in as the token response names, keeps the token in memory only, and reads the granted scopes back', async () => {
    const { auth, storage, server } = await signedIn();
    expect(auth.session).to.deep.include({ status: 'signed-in', patientId: PATIENT, scopes: ['launch/patient', 'online_access', 'patient/Appointment.rs'] });
    expect(auth.patientId).to.equal(PATIENT);
    expect(await auth.getAccessToken()).to.equal('access-1');
    expect(storage.size, 'the verifier and state are gone after the callback').to.equal(0);
    expect(JSON.stringify(auth.session)).not.to.include('access-1');
    const [request] = server.tokenRequests();
    expect(request.form.get('grant_type')).to.equal('authorization_code');
    expect(request.form.get('code_verifier')).to.have.length(43);
    expect(request.form.get('client_id')).to.equal('portal-kit-site');
  });

  const refused: Array<[string, (params: URLSearchParams) => void]> = [
    ['no state', (params) => params.delete('state')],
    ['a foreign state', (params) => params.set('state', 'A'.repeat(43))],
    ['an empty state', (params) => params.set('state', '')],
  ];
  for (const [name, change] of refused) {
    it(`makes no token request for a callback with ${name}`, async () => {
      const { auth, navigations, server, storage } = setUp();
      await auth.signIn();
      expect(await auth.completeSignIn(callbackFor(navigations[0], change))).to.equal(false);
      expect(server.tokenRequests()).to.deep.equal([]);
      expect(auth.session).to.deep.equal({ status: 'signed-out', problem: 'sign-in-failed' });
      expect(storage.size, 'the pending sign-in is used up').to.equal(0);
    });
  }

  it('makes no token request when a state is replayed', async () => {
    const { auth, navigations, server } = setUp();
    await auth.signIn();
    const callback = callbackFor(navigations[0]);
    expect(await auth.completeSignIn(callback)).to.equal(true);
    await auth.signOut();
    expect(await auth.completeSignIn(callback)).to.equal(false);
    expect(server.tokenRequests()).to.have.length(1);
  });

  it('makes no token request for a callback that arrives after half an hour', async () => {
    const { auth, navigations, server, advance } = setUp();
    await auth.signIn();
    advance(31 * 60_000);
    expect(await auth.completeSignIn(callbackFor(navigations[0]))).to.equal(false);
    expect(server.tokenRequests()).to.deep.equal([]);
  });

  it('makes no token request when the callback comes from another issuer', async () => {
    const { auth, navigations, server } = setUp();
    await auth.signIn();
    expect(await auth.completeSignIn(callbackFor(navigations[0], (p) => p.set('iss', 'https://evil.example')))).to.equal(false);
    expect(server.tokenRequests()).to.deep.equal([]);
    expect(auth.session).to.deep.equal({ status: 'signed-out', problem: 'sign-in-failed' });
  });

  it("on a refusal, makes no token request and keeps only the server's registered code, logging it without the server's text", async () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      const refusals: Array<[string, string | undefined]> = [['access_denied', 'access_denied'], ['invalid_scope', 'invalid_scope'], ['made_up<script>', undefined]];
      for (const [sent, kept] of refusals) {
        const { auth, navigations, server } = setUp();
        await auth.signIn();
        const refuse = (p: URLSearchParams) => (p.delete('code'), p.set('error', sent), p.set('error_description', 'Ana Ruiz (MRN 4711) declined'));
        expect(await auth.completeSignIn(callbackFor(navigations[0], refuse))).to.equal(false);
        expect(server.tokenRequests()).to.deep.equal([]);
        expect(auth.session).to.deep.equal({ status: 'signed-out', problem: 'sign-in-failed', ...(kept ? { refusal: kept } : {}) });
      }
    } finally {
      console.error = original;
    }
    expect(logged).to.have.length(3);
    expect(logged[0]).to.contain('access_denied').and.to.contain(BASE);
    expect(logged.join('\n')).not.to.match(/Ana|4711|declined|script/);
  });

  it('refuses a token response that names no patient', async () => {
    const server = fakeServer({ token: () => json({ access_token: 'a', token_type: 'Bearer', expires_in: 60, scope: 'launch/patient' }) });
    const { auth, navigations } = setUp(server);
    await auth.signIn();
    expect(await auth.completeSignIn(callbackFor(navigations[0]))).to.equal(false);
    expect(auth.session.status).to.equal('signed-out');
    expect(await auth.getAccessToken()).to.equal(undefined);
  });

  it('ignores pages that are not its redirect URI, and strips the callback parameters from an address', async () => {
    const { auth } = setUp();
    expect(auth.isCallback('https://portal.example.org/other/?code=x&state=y')).to.equal(false);
    expect(auth.isCallback(`${REDIRECT}?tab=2`)).to.equal(false);
    expect(auth.isCallback(`${REDIRECT}?code=x`)).to.equal(true);
    expect(withoutCallbackParams(`${REDIRECT}?tab=2&code=x&state=y&iss=z#top`)).to.equal(`${REDIRECT}?tab=2#top`);
  });
});

describe('SMART client: tokens over time', () => {
  it('refreshes a lapsing token once for every request waiting on it, then uses the rotated refresh token', async () => {
    const { auth, advance, server } = await signedIn();
    advance(290_000);
    const tokens = await Promise.all([auth.getAccessToken(), auth.getAccessToken(), auth.getAccessToken()]);
    expect(tokens).to.deep.equal(['access-2', 'access-2', 'access-2']);
    advance(290_000);
    expect(await auth.getAccessToken()).to.equal('access-3');
    const refreshes = server.tokenRequests().filter((r) => r.form.get('grant_type') === 'refresh_token');
    expect(refreshes.map((r) => r.form.get('refresh_token'))).to.deep.equal(['refresh-1', 'refresh-2']);
    expect(auth.session).to.deep.include({ status: 'signed-in', patientId: PATIENT });
  });

  it('ends the session as expired when the token lapses and no refresh was granted', async () => {
    const server = fakeServer({
      token: () => json({ access_token: 'short', token_type: 'Bearer', expires_in: 60, patient: PATIENT, scope: 'launch/patient' }),
    });
    const world = setUp(server);
    const ended: string[] = [];
    world.auth.subscribe((_session, reason) => reason && ended.push(reason));
    await world.auth.signIn();
    await world.auth.completeSignIn(callbackFor(world.navigations[0]));
    world.advance(61_000);
    expect(await world.auth.getAccessToken()).to.equal(undefined);
    expect(world.auth.session).to.deep.equal({ status: 'expired' });
    expect(ended).to.deep.equal(['expired']);
  });

  it('ends the session when the server refuses the refresh token', async () => {
    let first = true;
    const server = fakeServer({
      token: (form) => {
        if (form.get('grant_type') === 'refresh_token') return json({ error: 'invalid_grant' }, 400);
        first = false;
        return json({ access_token: 'a', token_type: 'Bearer', expires_in: 60, refresh_token: 'r', patient: PATIENT });
      },
    });
    const world = setUp(server);
    await world.auth.signIn();
    await world.auth.completeSignIn(callbackFor(world.navigations[0]));
    expect(first).to.equal(false);
    world.advance(61_000);
    expect(await world.auth.getAccessToken()).to.equal(undefined);
    expect(world.auth.session.status).to.equal('expired');
  });

  it('signs out at once and revokes both tokens at the server', async () => {
    const { auth, server, sessions } = await signedIn();
    const out = auth.signOut();
    expect(auth.session).to.deep.equal({ status: 'signed-out' });
    expect(await auth.getAccessToken()).to.equal(undefined);
    await out;
    const revoked = server.sent.filter((s) => s.url.endsWith('/revoke'));
    expect(revoked.map((r) => [r.form.get('token'), r.form.get('token_type_hint')])).to.deep.equal([
      ['refresh-1', 'refresh_token'],
      ['access-1', 'access_token'],
    ]);
    expect(sessions.map((s) => s.status)).to.deep.equal(['signing-in', 'signing-in', 'signed-in', 'signed-out']);
  });
});
