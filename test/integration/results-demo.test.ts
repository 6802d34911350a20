// <portal-results> with the real FHIR adapter against the demo FHIR server and its seeded lab reports: the list,
// a report with each value as the server wrote it and the range for the signed-in patient's sex, a trend, and a
// home reading saved once and read back as the patient's own.
import { expect, html, waitUntil } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import type { PortalResults } from '../../src/elements/portal-results/portal-results.js';
import type { Session } from '../../src/model/session.js';
import { mount } from '../contract/element-contract.js';
import { all, shadow, textOf } from '../support/dom.js';
import { createTenant, deleteTenant, type Tenant } from '../support/fhir-tenant.js';

const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const signal = () => new AbortController().signal;
const PATIENT = 'daniel-okafor';

describe('<portal-results> on the demo FHIR server', function () {
  this.timeout(60_000);
  let tenant: Tenant;
  before(async () => {
    tenant = await createTenant({ options: { demoSeed: today } });
  });
  after(async () => deleteTenant(tenant));

  const open = async () => {
    const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'token', patientId: PATIENT } });
    const session: Session = { status: 'signed-in', patientId: PATIENT };
    const storage = new Map<string, string>();
    const seen = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    const { element, events } = await mount<PortalResults>(
      {
        tag: 'portal-results',
        template: () => html`<portal-results allow-readings .seenStorage=${seen}></portal-results>`,
        readySelector: '[part~="reports"]',
        loadOperation: 'results.listReports',
      },
      { api, session },
    );
    await waitUntil(() => shadow(element, 'button[part~="report-item"]'), 'the list', { timeout: 15_000 });
    return { element, events, api };
  };

  it('lists the reports and opens one: values as the server wrote them, the range for the patient, its id to the page', async () => {
    const { element, events, api } = await open();
    const { items } = await api.results.listReports(signal());
    expect(all(element, 'button[part~="report-item"]').length).to.equal(items.filter((r) => r.status !== 'entered-in-error').length);
    all<HTMLButtonElement>(element, 'button[part~="report-item"]')[0]!.click();
    await waitUntil(() => shadow(element, '[part~="result-list"]'), 'the report', { timeout: 15_000 });
    const opened = events.find((e) => e.type === 'portal-result-opened')!;
    const report = items.find((r) => r.id === opened.detail.reportId)!;
    expect(Object.keys(opened.detail)).to.deep.equal(['reportId']);
    const expected = report.results.flatMap((r) => (r.value.kind === 'quantity' ? [r.value.quantity.value] : []));
    const shown = all(element, '[part~="result-list"] > [part~="result"] > [part~="value"] [part~="value-text"]').map((v) => textOf(v).replace(/,/g, ''));
    expect(expected.length, 'the report has measured values').to.be.greaterThan(0);
    expect(shown).to.deep.equal(expected);
    // A man's range is never labelled for women.
    expect(all(element, '[part~="range"]').map((r) => textOf(r)).join(' | ')).not.to.match(/\((Women|Mujeres)\)/);
  });

  it('saves a home reading once; it comes back as the patient’s own', async () => {
    const { element, api } = await open();
    shadow<HTMLButtonElement>(element, '[part~="add-reading"]')!.click();
    await waitUntil(() => shadow(element, '#reading-systolic'), 'the form', { timeout: 15_000 });
    for (const [selector, value] of [['#reading-systolic', '131'], ['#reading-diastolic', '84']] as const) {
      const field = shadow<HTMLInputElement>(element, selector)!;
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    shadow<HTMLFormElement>(element, 'form[part~="readings"]')!.requestSubmit();
    await waitUntil(() => shadow(element, '[part~="reading-state"][role="status"]'), 'saved', { timeout: 15_000 });
    const history = await api.results.resultHistory({ system: 'http://loinc.org', code: '85354-9' }, signal());
    const mine = history.items.filter((r) => r.patientReported && r.components.some((c) => c.value.kind === 'quantity' && c.value.quantity.value === '131'));
    expect(mine).to.have.length(1);
  });
});
