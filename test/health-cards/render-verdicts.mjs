// Writes VERDICTS.md from verdict-table.ts (node test/health-cards/render-verdicts.mjs): the table stays one
// source, and verdict-table.test.ts checks the document lists every row.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

const out = await build({ entryPoints: ['test/health-cards/verdict-table.ts'], bundle: true, write: false, format: 'esm', platform: 'neutral' });
const { VERDICT_ROWS, CLOCK } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
const cell = (text) => String(text ?? '').replace(/\|/g, '\\|');
const name = (path) => `\`${path.split('/').pop()}\``;
const lines = [
  '# SMART Health Card fixtures: our verdicts',
  '',
  `Every card in \`../shared/fixtures/smart-health-cards\` (test copy: \`test/fixtures/shared/smart-health-cards\`), judged by \`checkCardInput\` at **${new Date(CLOCK * 1000).toISOString()}** (epoch ${CLOCK}), with the fixture issuers trusted (the spec issuer, the five \`badcrl/\` issuers, and \`badjwks\` with its unparseable key set) and their key sets and revocation lists supplied offline: the run makes no request at all. Generated from \`verdict-table.ts\` by \`render-verdicts.mjs\`; \`verdict-table.test.ts\` asserts every row.`,
  '',
  'Verdicts: `verified`, `untrusted-issuer` (here always "cannot check": no key was supplied for those issuers), `revoked`, `expired`, `altered-or-forged`, `unreadable`, each with its problem code. "Signed here" is the verdict for an unsigned payload once a test issuer trusted in the test signs it unchanged but for `iss`: it shows what our claim checks (times, types) make of it.',
  '',
  'Not cards, and so not rows: the issuers\' key sets and revocation lists (`.well-known/`), the validator\'s key vectors (`*_key*.json`, `*.public.json`, `private_key.json`; judged by name in `keys.test.ts`), `test-issuers.json` (a directory), `badcrl/info.md`, the `$health-cards-issue` OperationDefinition and the spec-inline requests, and the Vaccination IG\'s loose FHIR resources (`byCodeSystem/`, `input/examples/`, `src/test/resources/`): FHIR resources without a signature, which `checkCardInput` calls `unreadable:payload` as it does every bare bundle below. The validator rows whose inputs are images or SMART Health Links were not copied into the fixtures.',
  '',
  '| file(s) | ours | signed here | reason | validator (EXPECTED.md) | why ours differs |',
  '|---|---|---|---|---|---|',
];
for (const row of VERDICT_ROWS) {
  const files = row.files.length > 3 ? `${name(row.files[0])} … ${name(row.files.at(-1))} (${row.files.length} chunks, in this order)` : row.files.map(name).join(' + ');
  lines.push(`| ${files} | ${row.cards.map((c) => `\`${c}\``).join(', ')} | ${row.signedHere ? `\`${row.signedHere}\`` : ''} | ${cell(row.reason)} | ${cell(row.validator)} | ${cell(row.why)} |`);
}
writeFileSync('test/health-cards/VERDICTS.md', `${lines.join('\n')}\n`);
console.log(`${VERDICT_ROWS.length} rows`);
