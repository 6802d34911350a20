// Issuer key rules (the validator's key vectors, never edited, and keys made here), the inflated-size ceiling and
// the health-card type: each refusal by name, each seen failing once with its check removed.
import { expect } from '@open-wc/testing';
import { ecThumbprint, keyProblem, keySetProblems } from '../../src/health-cards/keys.js';
import { verifyHealthCardJws } from '../../src/health-cards/verify.js';
import { makeIssuer } from './issuer.js';
import { problemOf } from './problem-of.js';

const SHC = '/test/fixtures/shared/smart-health-cards';
const json = async (path: string): Promise<unknown> => (await fetch(`${SHC}/${path}`)).json();
const ISS = 'https://issuer.test/shc';

describe('SMART Health Card issuer keys', () => {
  it('computes the RFC 7638 thumbprint: every published spec and validator kid is its own key\'s', async () => {
    for (const path of ['spec-examples/issuer/.well-known/jwks.json', 'dev-tools-testdata/valid_keys.json', 'dev-tools-testdata/badcrl/duplicate-rid/.well-known/jwks.json']) {
      const { keys } = (await json(path)) as { keys: Array<{ kid: string; crv: string; x: string; y: string }> };
      for (const key of keys) expect(await ecThumbprint(key), path).to.equal(key.kid);
    }
  });

  it('names the rule each validator key vector breaks, and passes the valid ones', async () => {
    const cases: Array<[string, string | undefined]> = [
      ['valid_key.json', undefined],
      ['valid_keys.json', undefined],
      ['valid_key_with_x5c.json', undefined],
      ['valid_2_chain.public.json', undefined],
      ['wrong_kid_key.json', 'key-kid'],
      ['wrong_curve_key.json', 'key-type'],
      ['wrong_use_key.json', 'key-use'],
      ['wrong_alg_key.json', 'key-alg'],
      ['wrong_kty_key.json', 'key-type'],
      ['private_key.json', 'key-private'],
    ];
    for (const [file, problem] of cases) {
      const found = await keySetProblems(await json(`dev-tools-testdata/${file}`));
      expect(found.length, file).to.be.greaterThan(0);
      expect(found.find((k) => k.problem)?.problem, file).to.equal(problem);
    }
    expect(await keySetProblems({ nokeys: true })).to.deep.equal([]);
    expect(await keyProblem(null)).to.equal('key-type');
  });

  it('refuses a genuine signature whose key breaks a rule, and accepts it once the key is right', async () => {
    const issuer = await makeIssuer(ISS);
    const jws = await issuer.sign(issuer.card());
    const run = (jwks: unknown) => problemOf(() => verifyHealthCardJws(jws, { keysFor: async () => jwks, now: () => 1_800_000_000 }));
    expect(await run(issuer.jwks())).to.equal('verified');
    expect(await run(issuer.jwks({ use: 'enc' }))).to.equal('key-use');
    expect(await run({ keys: [{ ...issuer.publicJwk, use: undefined }] })).to.equal('key-use');
    expect(await run(issuer.jwks({ alg: 'ES384' }))).to.equal('key-alg');
    expect(await run(issuer.jwks({ d: 'AAAA' }))).to.equal('key-private');
    expect(await run(issuer.jwks({ crv: 'P-384' }))).to.equal('key-type');
    // A set that lists the key under the signer's kid but with other coordinates: the kid no longer matches.
    const other = await makeIssuer(ISS);
    expect(await run({ keys: [{ ...other.publicJwk, kid: issuer.kid }] })).to.equal('key-kid');
    // Coordinates that are no point on the curve, under their own thumbprint: the key cannot even be imported.
    const offCurve = { kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256', x: issuer.publicJwk.x!, y: other.publicJwk.y! };
    const offKid = await ecThumbprint(offCurve);
    const naming = await issuer.sign(issuer.card(), { kid: offKid });
    expect(await problemOf(() => verifyHealthCardJws(naming, { keysFor: async () => ({ keys: [{ ...offCurve, kid: offKid }] }), now: () => 1_800_000_000 }))).to.equal('key-type');
  });

  it('caps the inflated payload before parsing it, and requires the health-card type', async () => {
    const issuer = await makeIssuer(ISS);
    const options = { keysFor: async () => issuer.jwks(), now: () => 1_800_000_000 };
    // 4 MB of spaces deflates to a few kilobytes: a bomb for a reader that inflates before it looks.
    const bomb = await issuer.sign(new Uint8Array(4 * 1024 * 1024).fill(32));
    expect(await problemOf(() => verifyHealthCardJws(bomb, options))).to.equal('payload-too-large');
    const big = issuer.card({ pad: 'x'.repeat(600 * 1024) });
    expect(await problemOf(async () => verifyHealthCardJws(await issuer.sign(big), options))).to.equal('payload-too-large');
    expect(await problemOf(async () => verifyHealthCardJws(await issuer.sign(big), { ...options, maxPayloadBytes: 1024 * 1024 }))).to.equal('verified');

    const noType = issuer.card({}, { type: ['https://smarthealth.cards#immunization'] });
    expect(await problemOf(async () => verifyHealthCardJws(await issuer.sign(noType), options))).to.equal('vc-type');
    const shcOnly = issuer.card({}, { type: ['https://smarthealth.cards#health-card', 'https://example.org#unknown'] });
    expect(await problemOf(async () => verifyHealthCardJws(await issuer.sign(shcOnly), options))).to.equal('verified');
    // The validator's payload without the health-card type, signed here (its own file is an unsigned payload).
    const missing = (await json('dev-tools-testdata/test-example-00-b-jws-payload-expanded-missing-shc-vc-type.json')) as Record<string, unknown>;
    expect(await problemOf(async () => verifyHealthCardJws(await issuer.sign({ ...missing, iss: ISS, exp: undefined }), options))).to.equal('vc-type');
  });
});
