// The six verdicts as a typed result, each carrying its problem; what a person hands over (files, $health-cards-issue
// answers, scanned codes) read into cards; and the wrong-patient helper, with birth dates as FHIR partial dates.
import { expect } from '@open-wc/testing';
import { cardInputToJws } from '../../src/health-cards/input.js';
import { compareFhirDates, comparePatient } from '../../src/health-cards/patient-match.js';
import { checkCard, checkCardInput, verdictKindOf, type Verdict } from '../../src/health-cards/trust.js';
import { makeIssuer } from './issuer.js';
import { recordingFetch, SPEC_ISSUER } from './recording-fetch.js';

const SHC = '/test/fixtures/shared/smart-health-cards';
const raw = async (path: string) => (await fetch(`${SHC}/${path}`)).text();
const now = () => Date.UTC(2024, 0, 1) / 1000;
const ISS = 'https://issuer.test/shc';

describe('SMART Health Card verdicts', () => {
  it('gives each of the six verdicts with the problem that led to it', async () => {
    const issuer = await makeIssuer(ISS);
    const trusted = [{ iss: ISS, jwks: issuer.jwks({ crlVersion: 1 }), crls: { [issuer.kid]: { kid: issuer.kid, method: 'rid', ctr: 1, rids: ['gone'] } } }];
    const sig = (jws: string) => `${jws.slice(0, jws.lastIndexOf('.') + 1)}${jws.at(-1) === 'A' ? 'B' : 'A'}${jws.slice(jws.lastIndexOf('.') + 2)}`;
    const cases: Array<[string, Promise<Verdict>, Verdict['kind'], string | undefined]> = [
      ['verified', checkCard(await issuer.sign(issuer.card()), { trusted, now }), 'verified', undefined],
      ['untrusted', checkCard(await issuer.sign(issuer.card()), { trusted: [], now }), 'untrusted-issuer', 'issuer-not-trusted'],
      ['revoked', checkCard(await issuer.sign(issuer.card({}, { rid: 'gone' })), { trusted, now }), 'revoked', 'revoked'],
      ['expired', checkCard(await issuer.sign(issuer.card({ exp: now() - 1 })), { trusted, now }), 'expired', 'expired'],
      ['forged', checkCard(sig(await issuer.sign(issuer.card())), { trusted, now }), 'altered-or-forged', 'signature'],
      ['unreadable', checkCard('shc:/12', { trusted, now }), 'unreadable', 'not-a-jws'],
    ];
    for (const [name, verdict, kind, problem] of cases) {
      const v = await verdict;
      expect(v.kind, name).to.equal(kind);
      expect(v.problem, name).to.equal(problem);
    }
    expect(verdictKindOf('key-kid')).to.equal('altered-or-forged');
    expect(verdictKindOf('payload-too-large')).to.equal('unreadable');
    expect(verdictKindOf('qr-chunk-missing')).to.equal('unreadable');
  });

  it('reads files, $health-cards-issue answers, scanned chunks and bare JWS into the cards they hold', async () => {
    const jws00 = (await raw('spec-examples/example-00-d-jws.txt')).trim();
    expect(cardInputToJws(await raw('spec-examples/example-00-e-file.smart-health-card'))).to.deep.equal([jws00]);
    expect(cardInputToJws(await raw('dev-tools-testdata/test-example-00-e-file-multi-jws.smart-health-card'))).to.have.length.greaterThan(1);
    expect(cardInputToJws(await raw('dev-tools-testdata/test-example-00-fhirhealthcard.json'))).to.have.length(1);
    // Two verifiableCredential parameters beside the resourceLink parts, which are not cards.
    expect(cardInputToJws(await raw('dev-tools-testdata/test-example-00-fhirhealthcard-with-resource-link.json'))).to.have.length(2);
    const chunks = await Promise.all([2, 0, 1].map((n) => raw(`spec-examples/example-02-f-qr-code-numeric-value-${n}.txt`)));
    expect(cardInputToJws(chunks.map((c) => c.trim()).join('\r\n'))).to.deep.equal([(await raw('spec-examples/example-02-d-jws.txt')).trim()]);
    expect(cardInputToJws(`${jws00}\n`)).to.deep.equal([jws00]);

    const { fetch, requests } = recordingFetch();
    const verdicts = await checkCardInput(await raw('dev-tools-testdata/test-example-00-e-file-multi-jws.smart-health-card'), { trusted: [{ iss: SPEC_ISSUER }], fetch, now });
    expect(verdicts.length).to.be.greaterThan(1);
    // The keys and list of one issuer are asked for once for the whole file.
    expect(new Set(requests).size).to.equal(requests.length);
    expect((await checkCardInput('{"verifiableCredential": 3}', { trusted: [], now }))[0]).to.deep.include({ kind: 'unreadable', problem: 'payload' });
    expect((await checkCardInput('{"verifiableCredential": ["a"', { trusted: [], now }))[0]).to.deep.include({ kind: 'unreadable', problem: 'payload' });
    expect((await checkCardInput('\uFEFF{"verifiableCredential": []}', { trusted: [], now }))[0]).to.deep.include({ kind: 'unreadable', problem: 'not-a-jws' });
  });
});

describe('Is the card the signed-in patient\'s?', () => {
  const card = (name: unknown, birthDate?: string) => ({ bundle: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Immunization' } }, { resource: { resourceType: 'Patient', name, ...(birthDate ? { birthDate } : {}) } }] } });
  const ana = { displayName: 'Ana María Mejía', givenName: 'Ana María', familyName: 'Mejía', birthDate: '2015-05-03' };

  it('compares FHIR dates part by part, at the precision both have', () => {
    expect(compareFhirDates('2015-05-03', '2015-05-03')).to.equal('same');
    expect(compareFhirDates('2015-05', '2015-05-03')).to.equal('compatible');
    expect(compareFhirDates('2015', '2015-12-31')).to.equal('compatible');
    expect(compareFhirDates('2015-05-03', '2015-05-04')).to.equal('different');
    expect(compareFhirDates('2015-06', '2015-05-03')).to.equal('different');
    expect(compareFhirDates('2014', '2015')).to.equal('different');
    // A dateTime by its date as written: 23:30 at −05:00 stays the 3rd, in any zone the browser is in.
    expect(compareFhirDates('2015-05-03T23:30:00-05:00', '2015-05-03')).to.equal('same');
    expect(compareFhirDates(undefined, '2015')).to.equal('unknown');
    expect(compareFhirDates('soon', '2015')).to.equal('unknown');
  });

  it('matches family and first given name without case or accents, and says when either differs', () => {
    expect(comparePatient(card([{ family: 'MEJIA', given: ['Ana', 'Maria'] }], '2015-05-03'), ana)).to.deep.equal({ name: 'same', birthDate: 'same', matches: true });
    expect(comparePatient(card([{ family: 'Mejia', given: ['Ana'] }], '2015-05'), ana)).to.deep.equal({ name: 'same', birthDate: 'compatible', matches: true });
    expect(comparePatient(card([{ family: 'Mejía', given: ['Luis'] }], '2017-01-09'), ana)).to.deep.equal({ name: 'different', birthDate: 'different', matches: false });
    expect(comparePatient(card([{ family: 'Mejía', given: ['Ana'] }], '2015-05-04'), ana).matches).to.equal(false);
    expect(comparePatient(card([{ family: 'Smith', given: ['Ana'] }, { family: 'Mejía', given: ['Ana'] }]), ana).name).to.equal('same');
    expect(comparePatient(card('not a list'), ana)).to.deep.equal({ name: 'unknown', birthDate: 'unknown', matches: true });
    expect(comparePatient(card([{ family: 'Mejía', given: ['Ana'] }]), { displayName: 'Ana Mejia' }).name).to.equal('same');
    expect(comparePatient({ bundle: {} }, ana).name).to.equal('unknown');
  });
});
