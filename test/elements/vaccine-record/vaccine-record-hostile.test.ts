// Every string a server puts in a vaccine record or a forecast, filled with hostile markup, drawn by the real element
// (grouped and newest first, with education links from a hostile table): nothing runs, nothing loads from another
// origin, no element appears but the element's own, and each payload reads back as the text it is.
import { expect, html, waitUntil } from '@open-wc/testing';
import type { VaccineRecord } from '../../../src/elements/vaccine-record/vaccine-record.js';
import type { Immunization, Recommendation } from '../../../src/model/immunization.js';
import { mount, type ContractSubject } from '../../contract/element-contract.js';
import { all, shadow } from '../../support/dom.js';
import { XSS_CORPUS, watchForXss } from '../../support/xss-corpus.js';
import { apiWith } from './vaccine-api.js';

const at = (i: number) => XSS_CORPUS[i % XSS_CORPUS.length]!;
const OWN_TAGS = new Set(['div', 'section', 'h2', 'h3', 'h4', 'p', 'ul', 'li', 'span', 'fieldset', 'legend', 'label', 'input', 'button', 'a']);

const records: Immunization[] = XSS_CORPUS.map((payload, i) => ({
  id: `i${i}`,
  vaccine: { text: payload, cvx: ['140', '187', '208', '115'][i % 4], concept: { text: payload, codings: [] } },
  status: i % 5 === 0 ? 'not-done' : 'completed',
  statusReason: at(i + 2),
  occurrenceDate: i % 3 ? '2021-05-03' : '2021',
  lotNumber: at(i + 3),
  site: at(i + 4),
  performer: at(i + 5),
  location: at(i + 6),
  primarySource: i % 4 !== 0,
  reportOrigin: at(i + 7),
  doseNumber: at(i + 8),
  seriesDoses: at(i + 9),
  protocolApplied: [{ series: at(i + 10), targetDiseases: [at(i + 11)], doseNumber: at(i + 8) }],
}));
const forecasts: Recommendation[] = XSS_CORPUS.slice(0, 40).map((payload, i) => ({
  id: `r${i}`,
  vaccine: { text: payload, cvx: i % 2 ? '187' : at(i), concept: { text: payload, codings: [] } },
  forecast: i % 2 ? 'due' : 'overdue',
  dueDate: '2026-01',
  doseNumber: at(i + 1),
  description: at(i + 2),
}));
// Addresses no link may carry (a script URL, a data document, plain http, a payload as a relative path), one per CVX code on screen.
const education = {
  '140': 'javascript:window.__xss=1',
  '187': { en: 'data:text/html,<script>parent.__xss=1</script>', es: 'http://attacker.invalid/x' },
  '208': at(1),
  '115': 'https://user:pass@attacker.invalid/x',
};

const subject = (order: string): ContractSubject => ({
  tag: 'vaccine-record',
  template: () => html`<vaccine-record order=${order} booking-url=${at(3)} .education=${education}></vaccine-record>`,
  readySelector: '[part~="history"]',
  loadOperation: 'immunizations.list',
});

describe('<vaccine-record> with hostile strings', () => {
  for (const order of ['date', 'group']) {
    it(`draws ${XSS_CORPUS.length} hostile records (${order}) as text only`, async () => {
      const watch = watchForXss();
      try {
        const { element } = await mount<VaccineRecord>(subject(order), { api: apiWith(records, forecasts) });
        await waitUntil(() => shadow(element, '[part~="dose"]') && shadow(element, '[part~="due-item"]'));
        await new Promise((resolve) => setTimeout(resolve, 100));
        const tags = new Set(all(element, '*').map((node) => node.localName));
        expect([...tags].filter((tag) => !OWN_TAGS.has(tag))).to.deep.equal([]);
        const names = all(element, '[part~="dose-name"]').map((n) => n.textContent!);
        for (const payload of XSS_CORPUS.slice(0, 40)) expect(names, 'as text').to.include(payload);
        // No education link from that table; other links are https, or (a booking-url the host wrote as a path) on this site.
        expect(all(element, '[part~="about"]'), 'education links').to.deep.equal([]);
        for (const link of all<HTMLAnchorElement>(element, 'a[href]')) {
          const ok = link.protocol === 'https:' || link.origin === location.origin || link.getAttribute('href')!.startsWith('#');
          expect(ok, link.getAttribute('href')!).to.equal(true);
        }
        expect(watch.canary()).to.equal(undefined);
        expect(watch.dialogs).to.deep.equal([]);
        expect(watch.remoteRequests()).to.deep.equal([]);
      } finally {
        watch.stop();
      }
    });
  }
});
