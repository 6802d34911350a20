// SMART Health Cards against the specification's examples and the official validator's negative vectors
// (test/fixtures/shared/smart-health-cards, never edited): what the spec calls valid verifies, every defect is
// refused with its reason, including those that lenient readers repair.
import { expect } from '@open-wc/testing';
import { numericToJws, verifyHealthCardJws, type HealthCardProblem } from '../../src/health-cards/verify.js';
import { problemOf } from './problem-of.js';

const SHC = '/test/fixtures/shared/smart-health-cards';
const SPEC_ISSUER = 'https://spec.smarthealth.cards/examples/issuer';
const text = async (path: string) => (await fetch(`${SHC}/${path}`)).text();
const fileJws = async (path: string) => (JSON.parse(await text(path)) as { verifiableCredential: string[] }).verifiableCredential[0];

/** The spec issuer's keys, served from the fixtures; any other issuer has none reachable here. The examples were
 * issued on 2023-06-22 and one expires on 2024-06-21: they are read as on 2024-01-01. */
const options = {
  now: () => Date.UTC(2024, 0, 1) / 1000,
  keysFor: async (issuer: string) => {
    if (issuer !== SPEC_ISSUER) throw new Error('offline');
    return (await fetch(`${SHC}/spec-examples/issuer/.well-known/jwks.json`)).json();
  },
};

describe('SMART Health Cards, verified in the browser', () => {
  it('verifies the specification examples from their JWS, their file and their numeric QR', async () => {
    for (const n of ['00', '01', '03']) {
      const card = await verifyHealthCardJws((await text(`spec-examples/example-${n}-d-jws.txt`)).trim(), options);
      expect(card.issuer, n).to.equal(SPEC_ISSUER);
      expect(card.types, n).to.include('https://smarthealth.cards#health-card');
      expect((card.bundle as { resourceType?: string }).resourceType, n).to.equal('Bundle');
    }
    expect((await verifyHealthCardJws(await fileJws('spec-examples/example-00-e-file.smart-health-card'), options)).issuer).to.equal(SPEC_ISSUER);
    const qr = numericToJws((await text('spec-examples/example-00-f-qr-code-numeric-value-0.txt')).trim());
    expect((await verifyHealthCardJws(qr, options)).issuer).to.equal(SPEC_ISSUER);
  });

  it('refuses every negative vector for its own reason', async () => {
    const jws: Array<[string, HealthCardProblem]> = [
      ['test-example-00-d-jws-invalid-signature.txt', 'signature'],
      ['test-example-00-d-jws-der-signature.txt', 'signature-format'],
      ['test-example-00-d-jws-der-signature-r-neg.txt', 'signature-format'],
      ['test-example-00-d-jws-der-signature-s-neg.txt', 'signature-format'],
      ['test-example-00-d-jws-der-signature-rs-neg.txt', 'signature-format'],
      ['test-example-00-d-jws-no_jws_header_alg.txt', 'header'],
      ['test-example-00-d-jws-no_jws_header_kid.txt', 'header'],
      ['test-example-00-d-jws-no_jws_header_zip.txt', 'header'],
      ['test-example-00-d-jws-wrong_jws_header_kid.txt', 'unknown-key'],
      ['test-example-00-d-jws-utf8_bom_prefix.txt', 'payload'],
      // Characters after the signature (a space, a tab, a line break): not a JWS, not trimmed into one.
      ['test-example-00-d-jws-trailing_chars.txt', 'not-a-jws'],
    ];
    for (const [file, problem] of jws) {
      const value = (await text(`dev-tools-testdata/${file}`)).replace(/\r?\n$/, '');
      expect(await problemOf(() => verifyHealthCardJws(value, options)), file).to.equal(problem);
    }
    const files: Array<[string, HealthCardProblem]> = [
      ['test-example-00-e-file-invalid_issuer_url_http.smart-health-card', 'issuer-url'],
      ['test-example-00-e-file-issuer_url_with_trailing_slash.smart-health-card', 'issuer-url'],
      ['test-example-00-e-file-invalid_deflate.smart-health-card', 'inflate'],
      ['test-example-00-e-file-invalid_issuer_url.smart-health-card', 'issuer-keys'],
    ];
    for (const [file, problem] of files) {
      expect(await problemOf(async () => verifyHealthCardJws(await fileJws(`dev-tools-testdata/${file}`), options)), file).to.equal(problem);
    }
  });

  it('reads numeric QR text strictly: odd counts, values past 77, other headers, chunks and trailing characters are refused', async () => {
    const cases: Array<[string, HealthCardProblem]> = [
      ['test-example-00-f-qr-code-numeric-value-0-odd-count.txt', 'not-numeric-qr'],
      ['test-example-00-f-qr-code-numeric-value-0-number-too-big.txt', 'not-numeric-qr'],
      ['test-example-00-f-qr-code-numeric-value-0-wrong_qr_header.txt', 'not-numeric-qr'],
      ['test-example-00-f-qr-code-numeric-value-0-trailing_chars.txt', 'not-numeric-qr'],
      ['test-example-00-f-qr-code-numeric-value-0-qr_chunk_too_small.txt', 'chunked-qr'],
    ];
    for (const [file, problem] of cases) {
      const value = (await text(`dev-tools-testdata/${file}`)).replace(/\r?\n$/, '');
      expect(await problemOf(async () => numericToJws(value)), file).to.equal(problem);
    }
  });

  it('respects the validity window', async () => {
    const jws = (await text('spec-examples/example-03-d-jws.txt')).trim();
    expect(await problemOf(() => verifyHealthCardJws(jws, { ...options, now: () => 1_000_000_000 }))).to.equal('not-yet-valid');
    expect(await problemOf(() => verifyHealthCardJws(jws, { ...options, now: () => Date.UTC(2024, 6, 1) / 1000 }))).to.equal('expired');
  });
});
