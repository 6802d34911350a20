// Chunked `shc:/C/N/…` codes (the specification's example-02 and the validator's chunk vectors, never edited):
// accepted in any order, refused for each defect with its own reason; and what a scanner types around a code.
import { expect } from '@open-wc/testing';
import { assembleNumericQr, HealthCardError, jwsToNumeric, numericToJws, splitScannedText, type HealthCardProblem } from '../../src/health-cards/verify.js';

const SHC = '/test/fixtures/shared/smart-health-cards';
const line = async (path: string) => (await (await fetch(`${SHC}/${path}`)).text()).replace(/\r?\n$/, '');
const ex02 = (n: number) => line(`spec-examples/example-02-f-qr-code-numeric-value-${n}.txt`);

function problemOf(run: () => unknown): HealthCardProblem | 'ok' | string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof HealthCardError ? error.problem : String(error);
  }
}

describe('SMART Health Card QR chunks', () => {
  it('round-trips a JWS through its numeric QR text, byte for byte as the published codes', async () => {
    for (const name of ['spec-examples/example-00', 'spec-examples/example-01', 'spec-examples/example-03']) {
      const jws = (await line(`${name}-d-jws.txt`)).trim();
      const published = await line(`${name}-f-qr-code-numeric-value-0.txt`);
      expect(jwsToNumeric(jws), name).to.equal(published);
      expect(numericToJws(jwsToNumeric(jws)), name).to.equal(jws);
    }
    expect(problemOf(() => jwsToNumeric('a.b.c '))).to.equal('not-a-jws');
  });

  it('assembles example-02 from its three chunks in every order, to the published JWS', async () => {
    const jws = (await line('spec-examples/example-02-d-jws.txt')).trim();
    const chunks = [await ex02(0), await ex02(1), await ex02(2)];
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const order of orders) expect(assembleNumericQr(order.map((i) => chunks[i])), order.join()).to.equal(jws);
  });

  it('accepts a single code through the same door, and chunks smaller than they needed to be', async () => {
    const single = await line('spec-examples/example-00-f-qr-code-numeric-value-0.txt');
    const jws = (await line('spec-examples/example-00-d-jws.txt')).trim();
    expect(assembleNumericQr([single])).to.equal(jws);
    const small = await Promise.all(Array.from({ length: 17 }, (_, i) => line(`dev-tools-testdata/test-example-00-f-qr-code-numeric-value-${i}-qr_chunk_too_small.txt`)));
    // The validator generated these from an older example-00; they join into one three-part JWS of its own.
    const joined = assembleNumericQr([...small].reverse());
    expect(joined.split('.')).to.have.length(3);
    expect(joined).to.equal(assembleNumericQr(small));
  });

  it('refuses duplicates, gaps, disagreeing totals, indexes out of range, a lone 1/1 and oversized chunks, each by name', async () => {
    const [c0, c1, c2] = [await ex02(0), await ex02(1), await ex02(2)];
    const cases: Array<[string, string[], HealthCardProblem]> = [
      ['missing chunk (validator vector)', [c0, c2], 'qr-chunk-missing'],
      ['duplicated index (validator vector)', [c0, c2, c0], 'qr-chunk-duplicate'],
      ['same index, other content', [c0, c1, c2, c1.replace(/^shc:\/2\//, 'shc:/1/')], 'qr-chunk-duplicate'],
      ['index out of range (validator vector)', [await line('dev-tools-testdata/test-example-00-f-qr-code-numeric-value-0-index-out-of-range.txt'), c1], 'qr-chunk-index'],
      ['lone 1/1 (validator vector)', [await line('dev-tools-testdata/test-example-00-f-qr-code-numeric-value-0-wrong-multi-chunk.txt')], 'qr-chunk-index'],
      ['chunk 0', [c0.replace(/^shc:\/1\//, 'shc:/0/'), c1, c2], 'qr-chunk-index'],
      ['totals disagree', [c0, c1.replace(/^shc:\/2\/3\//, 'shc:/2/4/'), c2], 'qr-chunk-total-mismatch'],
      ['chunks too big (validator vectors)', [await line('dev-tools-testdata/test-example-02-f-qr-code-numeric-value-0-qr_chunk_too_big.txt'), await line('dev-tools-testdata/test-example-02-f-qr-code-numeric-value-1-qr_chunk_too_big.txt')], 'qr-chunk-size'],
      ['a single code among chunks', [c0, c1, await line('spec-examples/example-00-f-qr-code-numeric-value-0.txt')], 'not-numeric-qr'],
      ['odd digits in a chunk', [c0, c1, `${c2}1`], 'not-numeric-qr'],
      ['nothing', [], 'not-numeric-qr'],
    ];
    for (const [name, texts, problem] of cases) expect(problemOf(() => assembleNumericQr(texts)), name).to.equal(problem);
  });

  it('cuts scanned text at line breaks only: the Enter a scanner sends is a separator, any other whitespace is refused', async () => {
    const [c0, c1, c2] = [await ex02(0), await ex02(1), await ex02(2)];
    const jws = (await line('spec-examples/example-02-d-jws.txt')).trim();
    expect(assembleNumericQr(splitScannedText(`${c1}\r\n${c0}\n\n${c2}\r`))).to.equal(jws);
    expect(splitScannedText('shc:/1\r\n')).to.deep.equal(['shc:/1']);
    const trailing = await (await fetch(`${SHC}/dev-tools-testdata/test-example-00-f-qr-code-numeric-value-0-trailing_chars.txt`)).text();
    // The validator's vector ends in space, tab, line feed, space: the line break separates, the rest is refused.
    expect(splitScannedText(trailing)[0]).to.match(/ \t$/);
    expect(problemOf(() => assembleNumericQr(splitScannedText(trailing)))).to.equal('not-numeric-qr');
    expect(problemOf(() => assembleNumericQr(splitScannedText(` ${c0}\n${c1}\n${c2}`)))).to.equal('not-numeric-qr');
    expect(problemOf(() => assembleNumericQr(splitScannedText(`${c0}\t\n${c1}\n${c2}`)))).to.equal('not-numeric-qr');
  });
});
