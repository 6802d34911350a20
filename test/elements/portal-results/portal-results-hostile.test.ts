// What a report can do when a server fills every string field with hostile markup: nothing. Every payload of the
// corpus goes into a name, category, lab, summary, note, text or coded value, component label, range text,
// interpretation display or file title, and the element draws them all as text.
import { expect, html, waitUntil } from '@open-wc/testing';
import type { PortalResults } from '../../../src/elements/portal-results/portal-results.js';
import type { Report, Result } from '../../../src/model/results.js';
import { mount, type ContractSubject } from '../../contract/element-contract.js';
import { all, shadow } from '../../support/dom.js';
import { XSS_CORPUS, watchForXss } from '../../support/xss-corpus.js';
import { apiWithReports, memoryStorage, report, result } from './results-api.js';

const subject: ContractSubject = {
  tag: 'portal-results',
  template: () => html`<portal-results release-notice="off" .seenStorage=${memoryStorage()}></portal-results>`,
  readySelector: '[part~="reports"]',
  loadOperation: 'results.listReports',
};

const FORBIDDEN = ['script', 'img', 'iframe', 'object', 'embed', 'link', 'meta', 'video', 'source', 'math', 'details', 'form', 'svg', 'input', 'body', 'textarea', 'title'];

function hostileResult(id: string, p: string): Result {
  const concept = { text: p, codings: [] };
  return result(id, {
    code: concept,
    value: { kind: 'text', text: p },
    note: p,
    referenceRanges: [{ text: p, appliesTo: [concept] }, { text: p }],
    interpretations: [{ code: 'not-a-v3-code', display: p, severity: 'abnormal' }],
    components: [{ code: concept, value: { kind: 'concept', concept }, referenceRanges: [] }],
  });
}

function hostileReport(index: number, payloads: readonly string[]): Report {
  const p = payloads[0];
  return report(`r-${index}`, payloads.map((payload, i) => hostileResult(`o-${index}-${i}`, payload)), {
    code: { text: `${index} ${p}`, codings: [] },
    category: p,
    performer: p,
    conclusion: p,
    presentedForms: [{ contentType: 'application/pdf', title: p, data: btoa(p) }],
  });
}

describe('<portal-results> with hostile report text', function () {
  this.timeout(60_000);
  it('runs nothing, loads nothing from elsewhere and makes no element from a server string', async () => {
    const watch = watchForXss();
    try {
      const size = 40;
      const reports: Report[] = [];
      for (let i = 0; i * size < XSS_CORPUS.length; i++) reports.push(hostileReport(i, XSS_CORPUS.slice(i * size, (i + 1) * size)));
      const { element } = await mount<PortalResults>(subject, { api: apiWithReports(reports) });
      await waitUntil(() => shadow(element, '[part~="reports"]'));
      for (const [index] of reports.entries()) {
        const button = all<HTMLButtonElement>(element, 'button[part~="report-item"]').find((b) => b.querySelector('.name')!.textContent!.startsWith(`${index} `))!;
        button.click();
        await waitUntil(() => shadow(element, '[part~="result-list"]'), `report ${index}`);
        const tags = new Set(all(element, '*').map((el) => el.localName));
        expect(FORBIDDEN.filter((tag) => tags.has(tag)), `report ${index}`).to.deep.equal([]);
        for (const a of all<HTMLAnchorElement>(element, 'a[href]')) expect(['https:', 'blob:'], a.href).to.include(new URL(a.href).protocol);
        shadow<HTMLButtonElement>(element, '[part~="back"]')!.click();
        await waitUntil(() => shadow(element, '[part~="reports"]'));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watch.canary(), 'the canary').to.equal(undefined);
      expect(watch.dialogs).to.deep.equal([]);
      expect(watch.remoteRequests()).to.deep.equal([]);
    } finally {
      watch.stop();
    }
  });
});
