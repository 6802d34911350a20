// Runs in the default browser zone and, as a `.tz.test.ts`, once per zone from UTC−11 to UTC+14
// (Pacific/Pago_Pago, Asia/Kolkata, Pacific/Kiritimati): a result's date and time are the lab's, as recorded at
// the lab's own offset and labelled, never moved into the reader's zone.
import { expect, html, waitUntil } from '@open-wc/testing';
import type { PortalResults } from '../../../src/elements/portal-results/portal-results.js';
import { mount, type ContractSubject } from '../../contract/element-contract.js';
import { all, shadow, textOf } from '../../support/dom.js';
import { apiWithReports, memoryStorage, report, result } from './results-api.js';

const subject: ContractSubject = {
  tag: 'portal-results',
  template: () => html`<portal-results .seenStorage=${memoryStorage()}></portal-results>`,
  readySelector: '[part~="reports"]',
  loadOperation: 'results.listReports',
};

// Late in the lab's evening (04:30 the next day in UTC), released just after midnight in Kolkata (18:45 the
// day before in UTC): every reader's zone from UTC−11 to UTC+14 puts one of them on another day.
const api = () =>
  apiWithReports([
    report('r-late', [result('o1'), result('o2', { effective: '2026-03-03T23:45:00-05:00', code: { text: 'Sodium', codings: [] } })], {
      effective: '2026-03-03T23:30:00-05:00',
      issued: '2026-03-04T00:15:00+05:30',
    }),
    report('r-day', [result('o3')], { effective: '2026-02-28', code: { text: 'Lipid panel', codings: [] } }),
  ]);

describe(`<portal-results> dates in ${Intl.DateTimeFormat().resolvedOptions().timeZone}`, () => {
  it('lists each report on the lab’s calendar day', async () => {
    const { element } = await mount<PortalResults>(subject, { api: api() });
    await waitUntil(() => shadow(element, '[part~="report-item"]'));
    const dates = all(element, '[part~="report-item"] .meta').map((m) => textOf(m)).filter((t) => /2026/.test(t));
    expect(dates).to.deep.equal(['Mar 3, 2026', 'Feb 28, 2026']);
  });

  it('shows collection and release times on the lab’s clock, labelled, in English and Spanish', async () => {
    const { element } = await mount<PortalResults>(subject, { api: api() });
    await waitUntil(() => shadow(element, 'button[part~="report-item"]'));
    shadow<HTMLButtonElement>(element, 'button[part~="report-item"]')!.click();
    await waitUntil(() => shadow(element, '[part~="report-time"]'), 'the report', { timeout: 5_000 });
    expect(textOf(shadow(element, '[part~="report-time"]'))).to.equal(
      'Collected Mar 3, 2026, 11:30 PM (lab time, GMT-5) Released Mar 4, 2026, 12:15 AM (lab time, GMT+5:30)',
    );
    expect(textOf(shadow(element, '[part~="result-time"]'))).to.equal('Taken Mar 3, 2026, 11:45 PM (lab time, GMT-5)');

    const spanish = await mount<PortalResults>(subject, { api: api(), lang: 'es' });
    await waitUntil(() => shadow(spanish.element, 'button[part~="report-item"]'));
    shadow<HTMLButtonElement>(spanish.element, 'button[part~="report-item"]')!.click();
    await waitUntil(() => shadow(spanish.element, '[part~="report-time"]'), 'the report', { timeout: 5_000 });
    const text = textOf(shadow(spanish.element, '[part~="report-time"]'));
    expect(text).to.match(/^Muestra tomada 3 mar 2026, 23:30 \(hora del laboratorio, GMT-5\)/);
    expect(text).to.contain('4 mar 2026, 0:15');
  });
});
