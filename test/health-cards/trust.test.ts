// The trust policy: keys fetched only for issuers the host trusts, through the fetch it passes in; a card from
// anyone else is "genuine, not trusted here" when the host supplied that issuer's keys and "cannot check"
// otherwise, and no request reaches that issuer either way.
import { expect } from '@open-wc/testing';
import { checkCard } from '../../src/health-cards/trust.js';
import { makeIssuer } from './issuer.js';
import { recordingFetch, SPEC_ISSUER } from './recording-fetch.js';

const SHC = '/test/fixtures/shared/smart-health-cards';
const text = async (path: string) => (await (await fetch(`${SHC}/${path}`)).text()).trim();
const specJwks = async () => (await fetch(`${SHC}/spec-examples/issuer/.well-known/jwks.json`)).json() as Promise<unknown>;
const now = () => Date.UTC(2024, 0, 1) / 1000;
const UNTRUSTED = 'https://untrusted.example/shc';

describe('SMART Health Card trust policy', () => {
  it('fetches the keys of a trusted issuer through the fetch passed in, and names the issuer', async () => {
    const { fetch, requests } = recordingFetch();
    const verdict = await checkCard(await text('spec-examples/example-00-d-jws.txt'), { trusted: [{ iss: SPEC_ISSUER, name: 'Spec issuer' }], fetch, now });
    expect(verdict.kind).to.equal('verified');
    expect(verdict.kind === 'verified' && verdict.issuerName).to.equal('Spec issuer');
    // Its key declares a revocation list, so the list is asked for too (revocation.test.ts says what it decides).
    expect(requests).to.deep.equal([`${SPEC_ISSUER}/.well-known/jwks.json`, `${SPEC_ISSUER}/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json`]);
  });

  it('uses the key set and revocation list the host supplied and asks nothing of the network', async () => {
    const { fetch, requests } = recordingFetch();
    const crl = await (await fetch(`${SPEC_ISSUER}/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json`)).json();
    requests.length = 0;
    const supplied = { iss: SPEC_ISSUER, jwks: await specJwks(), crls: { '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s': crl } };
    const verdict = await checkCard(await text('spec-examples/example-00-d-jws.txt'), { trusted: [supplied], fetch, now });
    expect(verdict.kind).to.equal('verified');
    expect(requests).to.deep.equal([]);
  });

  it('makes zero requests to an issuer off the trust list: cannot check without its keys, genuine with them', async () => {
    const stranger = await makeIssuer(UNTRUSTED);
    const jws = await stranger.sign(stranger.card());
    const { fetch, requests } = recordingFetch({ [`${UNTRUSTED}/.well-known/jwks.json`]: stranger.jwks() });
    const trusted = [{ iss: SPEC_ISSUER }];

    const unknown = await checkCard(jws, { trusted, fetch, now });
    expect(unknown).to.deep.include({ kind: 'untrusted-issuer', genuine: false, problem: 'issuer-not-trusted', issuer: UNTRUSTED });

    const known = await checkCard(jws, { trusted, fetch, now, knownKeys: { [UNTRUSTED]: stranger.jwks({ crlVersion: 1 }) } });
    expect(known).to.deep.include({ kind: 'untrusted-issuer', genuine: true, problem: 'issuer-not-trusted' });

    // The same card with its signature changed: forged, still without a request.
    const [head, body, sig] = jws.split('.');
    const tampered = `${head}.${body}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const forged = await checkCard(tampered, { trusted, fetch, now, knownKeys: { [UNTRUSTED]: stranger.jwks() } });
    expect(forged).to.deep.include({ kind: 'altered-or-forged', problem: 'signature' });

    // A spec card whose trusted issuer is not this one is judged the same way: the spec issuer is asked nothing.
    const spec = await checkCard(await text('spec-examples/example-00-d-jws.txt'), { trusted: [{ iss: UNTRUSTED }], fetch, now });
    expect(spec).to.deep.include({ kind: 'untrusted-issuer', genuine: false });

    expect(requests).to.deep.equal([]);
  });

  it('calls a trusted issuer whose keys cannot be had unreadable, not verified', async () => {
    const jws = await text('spec-examples/example-00-d-jws.txt');
    const missing = await checkCard(jws, { trusted: [{ iss: SPEC_ISSUER }], now, fetch: async () => new Response('', { status: 503 }) });
    expect(missing).to.deep.include({ kind: 'unreadable', problem: 'issuer-keys' });
    // No fetch passed and no copy supplied: offline, and said so.
    expect(await checkCard(jws, { trusted: [{ iss: SPEC_ISSUER }], now })).to.deep.include({ kind: 'unreadable', problem: 'issuer-keys' });
  });

  it('never rejects: a non-JWS, a signature forged under a trusted issuer and a future nbf are verdicts', async () => {
    const trusted = [{ iss: SPEC_ISSUER, jwks: await specJwks() }];
    expect(await checkCard('not a card', { trusted, now })).to.deep.include({ kind: 'unreadable', problem: 'not-a-jws' });
    const bad = await text('dev-tools-testdata/test-example-00-d-jws-invalid-signature.txt');
    expect(await checkCard(bad, { trusted, now })).to.deep.include({ kind: 'altered-or-forged', problem: 'signature' });
    expect(await checkCard(await text('spec-examples/example-00-d-jws.txt'), { trusted, fetch: recordingFetch().fetch, now: () => 1_600_000_000 })).to.deep.include({ kind: 'unreadable', problem: 'not-yet-valid' });
  });
});
