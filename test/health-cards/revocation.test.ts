// Revocation: the spec's revoked example-03 and the validator's bad revocation lists (never edited), and lists
// made here for the timestamp rule; the list is fetched only when the signing key declares crlVersion.
import { expect } from '@open-wc/testing';
import { isRevoked, parseRevocationList, RevocationListError } from '../../src/health-cards/revocation.js';
import { checkCard } from '../../src/health-cards/trust.js';
import { makeIssuer } from './issuer.js';
import { BADCRL_ISSUER, recordingFetch, SPEC_ISSUER } from './recording-fetch.js';

const SHC = '/test/fixtures/shared/smart-health-cards';
const text = async (path: string) => (await (await fetch(`${SHC}/${path}`)).text()).trim();
const SPEC_KID = '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s';
const ISS = 'https://issuer.test/shc';

describe('SMART Health Card revocation', () => {
  it('calls example-03 revoked (its rid is listed with a time after its nbf), before and after it expired', async () => {
    const jws = await text('spec-examples/example-03-d-jws.txt');
    for (const at of [Date.UTC(2024, 0, 1), Date.UTC(2026, 11, 1)]) {
      const { fetch, requests } = recordingFetch();
      const verdict = await checkCard(jws, { trusted: [{ iss: SPEC_ISSUER }], fetch, now: () => at / 1000 });
      expect(verdict).to.deep.include({ kind: 'revoked', problem: 'revoked' });
      expect(requests).to.include(`${SPEC_ISSUER}/.well-known/crl/${SPEC_KID}.json`);
    }
    // example-00 is signed by the same key and not listed.
    const fine = await checkCard(await text('spec-examples/example-00-d-jws.txt'), { trusted: [{ iss: SPEC_ISSUER }], fetch: recordingFetch().fetch, now: () => Date.UTC(2024, 0, 1) / 1000 });
    expect(fine.kind).to.equal('verified');
  });

  it('revokes by rid with and without a time: cards issued before the time are revoked, later ones are not', async () => {
    const issuer = await makeIssuer(ISS);
    const card = (rid: string, nbf: number) => issuer.sign(issuer.card({ nbf }, { rid }));
    const crl = { kid: issuer.kid, method: 'rid', ctr: 3, rids: ['always', 'cutoff.1700000500', 'bad rid!', 'x'.repeat(25)] };
    const trusted = [{ iss: ISS, jwks: issuer.jwks({ crlVersion: 3 }), crls: { [issuer.kid]: crl } }];
    const now = () => 1_800_000_000;
    const kind = async (jws: string) => (await checkCard(jws, { trusted, now })).kind;
    expect(await kind(await card('always', 1_700_000_000))).to.equal('revoked');
    expect(await kind(await card('always', 1_799_000_000))).to.equal('revoked');
    expect(await kind(await card('cutoff', 1_700_000_499))).to.equal('revoked');
    expect(await kind(await card('cutoff', 1_700_000_500))).to.equal('verified');
    expect(await kind(await card('other', 1_700_000_000))).to.equal('verified');
    // Without crlVersion on the key there is no list to consult: nothing fetched, nothing revoked.
    const { fetch, requests } = recordingFetch({ [`${ISS}/.well-known/crl/${issuer.kid}.json`]: crl });
    const unlisted = await checkCard(await card('always', 1_700_000_000), { trusted: [{ iss: ISS, jwks: issuer.jwks() }], fetch, now });
    expect(unlisted.kind).to.equal('verified');
    expect(requests).to.deep.equal([]);
    // Fetched through the fetch passed in when the host holds no copy.
    const fetched = recordingFetch({ [`${ISS}/.well-known/crl/${issuer.kid}.json`]: crl });
    expect((await checkCard(await card('always', 1_700_000_000), { trusted: [{ iss: ISS, jwks: issuer.jwks({ crlVersion: 3 }) }], fetch: fetched.fetch, now })).kind).to.equal('revoked');
    expect(fetched.requests).to.deep.equal([`${ISS}/.well-known/crl/${issuer.kid}.json`]);
  });

  it('does not call a card verified when its list cannot be had or read as a whole', async () => {
    const issuer = await makeIssuer(ISS);
    const jws = await issuer.sign(issuer.card({}, { rid: 'abc' }));
    const now = () => 1_800_000_000;
    const judged = (crl: unknown) => checkCard(jws, { trusted: [{ iss: ISS, jwks: issuer.jwks({ crlVersion: 1 }), crls: { [issuer.kid]: crl } }], now });
    const base = { kid: issuer.kid, method: 'rid', ctr: 1, rids: [] };
    expect(await judged(base)).to.deep.include({ kind: 'verified' });
    for (const crl of [{ ...base, ctr: 2 }, { ...base, method: 'hash-fhir' }, { ...base, kid: 'other' }, { ...base, rids: 'abc' }, [], 'abc']) {
      expect(await judged(crl), JSON.stringify(crl)).to.deep.include({ kind: 'unreadable', problem: 'revocation-list' });
    }
    const offline = await checkCard(jws, { trusted: [{ iss: ISS, jwks: issuer.jwks({ crlVersion: 1 }) }], now, fetch: async () => new Response('', { status: 404 }) });
    expect(offline).to.deep.include({ kind: 'unreadable', problem: 'revocation-list' });
  });

  it('judges the validator\'s bad revocation lists: unusable lists refused, bad entries dropped, duplicates harmless', async () => {
    const cases: Array<[string, string]> = [
      ['invalid-method', 'unreadable'],
      ['version-mismatch', 'unreadable'],
      ['non-base64url-rid', 'verified'],
      ['too-long-rid', 'verified'],
      ['duplicate-rid', 'verified'],
    ];
    for (const [name, kind] of cases) {
      const { fetch } = recordingFetch();
      const verdict = await checkCard(await text(`dev-tools-testdata/badcrl/${name}/jws-crl-${name}.txt`), { trusted: [{ iss: `${BADCRL_ISSUER}/${name}` }], fetch, now: () => Date.UTC(2024, 0, 1) / 1000 });
      expect(verdict.kind, name).to.equal(kind);
      if (kind === 'unreadable') expect(verdict.problem, name).to.equal('revocation-list');
    }
    expect(() => parseRevocationList({ kid: 'k', method: 'x', ctr: 1, rids: [] }, { kid: 'k', crlVersion: 1 })).to.throw(RevocationListError);
    const list = parseRevocationList({ kid: 'k', method: 'rid', ctr: 1, rids: ['a.100', 'a.200', 'b.5', 'b', 7, 'c.1.5'] }, { kid: 'k', crlVersion: 1 });
    expect([...list.entries]).to.deep.equal([['a', 200], ['b', undefined], ['c', 1.5]]);
    expect(isRevoked(list, { rid: 'a', issuedAt: 199.9 })).to.equal(true);
    expect(isRevoked(list, { rid: 'a', issuedAt: 200 })).to.equal(false);
    expect(isRevoked(list, { rid: 'a' })).to.equal(true);
    expect(isRevoked(list, { issuedAt: 1 })).to.equal(false);
  });
});
