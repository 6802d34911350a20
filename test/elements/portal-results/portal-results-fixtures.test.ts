/**
 * Every result Observation and DiagnosticReport in the shared fixtures (R4 spec examples with Observation-decimal,
 * US Core, Synthea) rendered by the element: each report opened, and each shown quantity's text, read back from its
 * readable form, is the source's lexical value — with JSON.parse source-text access and with the fallback parser.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { parseFhirJson, parseFhirJsonFallback } from '../../../src/api/fhir/json-fallback.js';
import { mapDiagnosticReport, mapObservation } from '../../../src/api/fhir/map/index.js';
import type { PortalResults } from '../../../src/elements/portal-results/portal-results.js';
import type { Report, Result } from '../../../src/model/results.js';
import { mount, type ContractSubject } from '../../contract/element-contract.js';
import { FHIR_R4_FILES, loadSharedText, resourcesIn } from '../../api/fhir/map/fixtures.js';
import { all, shadow, textOf } from '../../support/dom.js';
import { apiWithReports, memoryStorage } from './results-api.js';

type Json = Record<string, unknown>;
const subject: ContractSubject = {
  tag: 'portal-results',
  template: () => html`<portal-results release-notice="off" .seenStorage=${memoryStorage()}></portal-results>`,
  readySelector: '[part~="reports"]',
  loadOperation: 'results.listReports',
};

const FROM_SUPERSCRIPT: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+' };

/** The lexical decimal a shown English value spells: grouping commas dropped, "× 10⁻²²" read as "E-22". */
function lexicalOf(shown: string): string {
  const [mantissa, power] = shown.split(' × 10');
  const plain = mantissa.replace(/,/g, '');
  return power === undefined ? plain : `${plain}E${[...power].map((c) => FROM_SUPERSCRIPT[c] ?? c).join('')}`;
}

/** Each quantity a result shows as its value (its own and its components'), comparator first. */
function shownQuantities(result: Result): string[] {
  if (result.status === 'entered-in-error') return [];
  const of = (v: Result['value']) => (v.kind === 'quantity' ? [`${v.quantity.comparator ?? ''}${v.quantity.value}`] : []);
  return [...of(result.value), ...result.components.flatMap((c) => of(c.value))];
}

const CHUNK = 150;
const corpusOf = (file: string) => (file.includes('/synthea/') ? file : file.split('/').slice(0, 2).join('/'));

/** The reports a file holds, and one more per 150 of its Observations, so every Observation is shown at least once. */
function reportsOf(file: string, text: string, sourceText: boolean, corpus: Map<string, unknown>): { reports: Report[]; observations: number } {
  const resources = resourcesIn(sourceText ? parseFhirJson(text) : parseFhirJsonFallback(text));
  const reports: Report[] = [];
  for (const resource of resources) {
    if (resource.resourceType !== 'DiagnosticReport') continue;
    const mapped = mapDiagnosticReport(resource, corpus);
    if (mapped.ok) reports.push({ ...mapped.value, status: mapped.value.status === 'entered-in-error' ? 'final' : mapped.value.status });
  }
  const results = resources.filter((r) => r.resourceType === 'Observation').flatMap((r) => {
    const mapped = mapObservation(r);
    return mapped.ok ? [mapped.value] : [];
  });
  for (let i = 0; i < results.length; i += CHUNK) {
    // Panels' references are dropped here: every Observation of the file is at the top, each shown exactly once.
    const items = results.slice(i, i + CHUNK).map((r) => ({ ...r, memberIds: [] }));
    reports.push({ id: `fixture-${i}`, code: { text: `Observations from ${file.split('/').pop()} #${i / CHUNK + 1}`, codings: [] }, status: 'final', results: items, missingResults: 0 });
  }
  return { reports, observations: results.length };
}

async function renderedValues(element: PortalResults, index: number): Promise<string[]> {
  const button = all<HTMLButtonElement>(element, 'button[part~="report-item"]').find((b) => textOf(b.querySelector('.name')).startsWith(`${index}: `))!;
  button.click();
  await waitUntil(() => shadow(element, '[part~="report"]'), `report ${index} never opened`, { timeout: 5_000 });
  await element.updateComplete;
  const values = all(element, '[part~="value-text"][data-kind="quantity"]').map((v) => lexicalOf(textOf(v)));
  shadow<HTMLButtonElement>(element, '[part~="back"]')!.click();
  await waitUntil(() => shadow(element, '[part~="reports"]'));
  return values;
}

describe('<portal-results> over the shared fixtures', function () {
  this.timeout(240_000);
  const texts = new Map<string, string>();
  before(async () => {
    await Promise.all(FHIR_R4_FILES.filter((f) => f.endsWith('.json')).map(async (f) => texts.set(f, await loadSharedText(f))));
  });

  for (const sourceText of [true, false]) {
    it(`shows every quantity as the source wrote it (${sourceText ? 'source-text access' : 'fallback parser'})`, async () => {
      // Observations by corpus, for the reports' references.
      const corpora = new Map<string, Map<string, unknown>>();
      for (const [file, text] of texts) {
        const map = corpora.get(corpusOf(file)) ?? new Map<string, unknown>();
        for (const r of resourcesIn(sourceText ? parseFhirJson(text) : parseFhirJsonFallback(text)) as Json[]) {
          if (r.resourceType === 'Observation' && typeof r.id === 'string') map.set(r.id, r);
        }
        corpora.set(corpusOf(file), map);
      }
      let reportsShown = 0;
      let observations = 0;
      let values = 0;
      let exponent = 0;
      for (const [file, text] of texts) {
        const { reports, observations: count } = reportsOf(file, text, sourceText, corpora.get(corpusOf(file))!);
        if (reports.length === 0) continue;
        observations += count;
        // Unique names, so each report's button is found by its name.
        const named = reports.map((r, i) => ({ ...r, code: { ...r.code, text: `${i}: ${r.code.text}` } }));
        const { element } = await mount<PortalResults>(subject, { api: apiWithReports(named) });
        await waitUntil(() => shadow(element, '[part~="reports"]'), file);
        const corpusText = [...texts].filter(([other]) => corpusOf(other) === corpusOf(file)).map(([, t]) => t).join('\n');
        for (const [index, report] of named.entries()) {
          const shown = await renderedValues(element, index);
          const expected = report.results.flatMap(shownQuantities);
          expect([...shown].sort(), `${file} ${report.id}`).to.deep.equal([...expected].sort());
          for (const value of shown) {
            const bare = value.replace(/^[<>]=?/, '');
            expect(new RegExp(`"value(?:Integer)?"\\s*:\\s*${bare.replace(/[.+]/g, '\\$&')}[\\s,}]`).test(corpusText), `${file}: ${value} is in the source as written`).to.equal(true);
            if (/E/.test(value)) exponent++;
          }
          values += shown.length;
          reportsShown++;
        }
        element.remove();
      }
      // Exact counts: a fixture that stops rendering (or a value that vanishes) fails here.
      expect({ reportsShown, observations, values, exponent }).to.deep.equal({ reportsShown: 99, observations: 299, values: 420, exponent: 3 });
    });
  }

  it('writes Observation-decimal readably, digits unchanged, in both read paths', async () => {
    const text = texts.get('fhir-r4/r4-spec-examples/observations/Observation-decimal.json')!;
    for (const sourceText of [true, false]) {
      const { reports } = reportsOf('Observation-decimal.json', text, sourceText, new Map());
      const { element } = await mount<PortalResults>(subject, { api: apiWithReports([{ ...reports[0], code: { text: '0: decimal', codings: [] } }]) });
      await waitUntil(() => shadow(element, '[part~="reports"]'));
      shadow<HTMLButtonElement>(element, 'button[part~="report-item"]')!.click();
      await waitUntil(() => shadow(element, '[part~="report"]'), 'the report', { timeout: 5_000 });
      expect(all(element, '[part~="components"] [part~="value-text"]').map((v) => textOf(v))).to.deep.equal([
        '1.0',
        '1.00',
        '1.0',
        '1 × 10⁻²²',
        '1,000,000,000,000,000,000',
        '1.000000000000000000 × 10⁻²⁴⁵',
        '-1.000000000000000000 × 10⁺²⁴⁵',
      ]);
      element.remove();
    }
  });

  it('offers the spec examples’ report files only where the bytes are a PDF (101 is; pgx is not)', async () => {
    const found: Record<string, string[]> = {};
    for (const file of ['fhir-r4/r4-spec-examples/diagnostic-reports/Bundle-101.json', 'fhir-r4/r4-spec-examples/diagnostic-reports/DiagnosticReport-example-pgx.json']) {
      const { reports } = reportsOf(file, texts.get(file)!, true, new Map());
      const withForms = reports.filter((r) => r.presentedForms);
      const { element } = await mount<PortalResults>(subject, { api: apiWithReports(withForms.map((r, i) => ({ ...r, code: { text: `${i}: x`, codings: [] } }))) });
      await waitUntil(() => shadow(element, '[part~="reports"]'));
      shadow<HTMLButtonElement>(element, 'button[part~="report-item"]')!.click();
      await waitUntil(() => shadow(element, '[part~="files"]'));
      found[file.split('/').pop()!] = all(element, '[part~="download"], [part~="file-refused"]').map((n) => n.getAttribute('part')!);
      element.remove();
    }
    expect(found).to.deep.equal({ 'Bundle-101.json': ['download'], 'DiagnosticReport-example-pgx.json': ['file-refused'] });
  });
});
