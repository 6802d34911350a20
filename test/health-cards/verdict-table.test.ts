// Every row of the accept/reject table (verdict-table.ts), run against the shared fixtures at the table's clock,
// fully offline: the fixture issuers are trusted with their key sets and revocation lists supplied, and the fetch
// passed in records every request, of which there must be none.
import { expect } from '@open-wc/testing';
import { checkCardInput, type TrustedIssuer, type Verdict } from '../../src/health-cards/trust.js';
import { makeIssuer } from './issuer.js';
import { BADJWKS, CLOCK, FIXTURE_ISSUERS, NON_CARD_FILES, VERDICT_ROWS } from './verdict-table.js';

const SHC = '/test/fixtures/shared/smart-health-cards';
const raw = async (path: string) => {
  const response = await fetch(`${SHC}/${path}`);
  if (!response.ok) throw new Error(`fixture missing: ${path}`);
  return response.text();
};
const label = (v: Verdict) => (v.problem ? `${v.kind}:${v.problem}` : v.kind);
const SIGNER = 'https://signed-here.test/issuer';

async function trustedIssuers(): Promise<TrustedIssuer[]> {
  const trusted: TrustedIssuer[] = [];
  for (const { iss, dir, kids } of FIXTURE_ISSUERS) {
    const crls: Record<string, unknown> = {};
    for (const kid of kids) crls[kid] = JSON.parse(await raw(`${dir}/.well-known/crl/${kid}.json`));
    trusted.push({ iss, jwks: JSON.parse(await raw(`${dir}/.well-known/jwks.json`)), crls });
  }
  trusted.push({ iss: BADJWKS.iss, jwks: await raw(BADJWKS.file) });
  return trusted;
}

describe('The accept/reject table for the SMART Health Card fixtures', function () {
  // 169 files verified with WebCrypto: seconds on a busy 2-core machine with coverage on, not milliseconds.
  this.timeout(60_000);
  it('gives every row its verdict, offline, with no request made', async () => {
    const trusted = await trustedIssuers();
    const requests: string[] = [];
    const recording = async (url: string) => (requests.push(url), new Response('', { status: 404 }));
    for (const row of VERDICT_ROWS) {
      const texts = await Promise.all(row.files.map(raw));
      // Chunks are typed one per line, as a scanner would; a single file is handed over exactly as stored.
      const input = texts.length === 1 ? texts[0] : texts.map((t) => t.replace(/\r?\n$/, '')).join('\n');
      const verdicts = await checkCardInput(input, { trusted, fetch: recording, now: () => CLOCK });
      expect(verdicts.map(label), row.files.join(' + ')).to.deep.equal(row.cards);
    }
    for (const file of NON_CARD_FILES) {
      const verdicts = await checkCardInput(await raw(file), { trusted, fetch: recording, now: () => CLOCK });
      expect(verdicts.map(label), file).to.deep.equal(['unreadable:payload']);
    }
    expect(requests).to.deep.equal([]);
  });

  it('judges each unsigned payload as a test issuer trusted here would find it signed', async () => {
    const signer = await makeIssuer(SIGNER);
    const trusted = [{ iss: SIGNER, jwks: signer.jwks() }];
    for (const row of VERDICT_ROWS.filter((r) => r.signedHere)) {
      const payload = JSON.parse(await raw(row.files[0])) as Record<string, unknown>;
      const jws = await signer.sign({ ...payload, iss: SIGNER });
      const [verdict] = await checkCardInput(jws, { trusted, now: () => CLOCK });
      expect(label(verdict), row.files[0]).to.equal(row.signedHere);
    }
  });

  it('VERDICTS.md lists every row with its verdict, and every row says why where the validator differs', async () => {
    const doc = await (await fetch('/test/health-cards/VERDICTS.md')).text();
    for (const row of VERDICT_ROWS) {
      const line = doc.split('\n').find((l) => l.includes(`\`${row.files[0].split('/').pop()}\``) && row.cards.every((c) => l.includes(c)));
      expect(line, row.files[0]).to.be.a('string');
    }
    // Where the validator reports warnings or FHIR/schema/profile findings, the row says why our verdict differs.
    for (const row of VERDICT_ROWS) if (/warning|FHIR|SCHEMA|PROFILE/.test(row.validator)) expect(row.why, row.files[0]).to.be.a('string');
  });
});
