import { expect, html, waitUntil } from '@open-wc/testing';
import type { PortalResults } from '../../../src/elements/portal-results/portal-results.js';
import { elementContract, mount, type ContractSubject } from '../../contract/element-contract.js';
import { all, shadow, textOf } from '../../support/dom.js';
import { apiWithReports, memoryStorage, report, result } from './results-api.js';

let storage = memoryStorage();
const subject: ContractSubject = {
  tag: 'portal-results',
  template: () => html`<portal-results .seenStorage=${storage}></portal-results>`,
  readySelector: '[part~="reports"]',
  loadOperation: 'results.listReports',
};

elementContract(subject);

const names = (element: Element) => all(element, '[part~="report-item"] .name').map((n) => textOf(n).replace(/ New$/, ''));

async function openReport(element: PortalResults, name: string) {
  await waitUntil(() => shadow(element, '[part~="report-item"]'));
  const button = all<HTMLButtonElement>(element, 'button[part~="report-item"]').find((b) => b.textContent!.includes(name))!;
  button.click();
  await waitUntil(() => shadow(element, '[part~="report"]'), 'report never opened', { timeout: 5_000 });
  await element.updateComplete;
}

describe('<portal-results>', () => {
  beforeEach(() => (storage = memoryStorage()));

  it('lists reports newest first, with status in words, flags counted and every report new', async () => {
    const { element } = await mount<PortalResults>(subject);
    await waitUntil(() => shadow(element, '[part~="report-item"]'));
    const items = all(element, '[part~="report-item"]').map((b) => textOf(b));
    expect(items[0]).to.contain('Basic metabolic panel').and.contain('Preliminary: may still change').and.contain('2 flagged');
    expect(items).to.have.length(8);
    expect(all(element, '[part~="new-marker"]')).to.have.length(8);
    expect(textOf(shadow(element, '[part~="release-notice"]'))).to.contain('before your clinician has reviewed them');
    await expect(element).to.be.accessible();
  });

  it('searches by test name (a result inside a report counts) and says when nothing matches', async () => {
    const { element } = await mount<PortalResults>(subject);
    await waitUntil(() => shadow(element, '[part~="search"]'));
    const search = shadow<HTMLInputElement>(element, '[part~="search"]')!;
    search.value = 'ldl';
    search.dispatchEvent(new Event('input'));
    await element.updateComplete;
    expect(new Set(names(element))).to.deep.equal(new Set(['Lipid panel']));
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    await element.updateComplete;
    expect(shadow(element, '[part~="no-match"]')).to.exist;
  });

  it('filters by category', async () => {
    const api = apiWithReports([
      report('r-lab', [result('o1')]),
      report('r-img', [result('o2')], { category: 'Imaging', code: { text: 'Chest X-ray', codings: [] } }),
    ]);
    const { element } = await mount<PortalResults>(subject, { api });
    await waitUntil(() => shadow(element, '[part~="category"]'));
    const select = shadow<HTMLSelectElement>(element, '[part~="category"]')!;
    select.value = 'Imaging';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(names(element)).to.deep.equal(['Chest X-ray']);
  });

  it('opens a report: focus on its heading, the page told its id only, no longer new on this device', async () => {
    const { element, events } = await mount<PortalResults>(subject);
    await openReport(element, 'Basic metabolic panel');
    expect(element.shadowRoot!.activeElement?.id).to.equal('report-title');
    const opened = events.filter((e) => e.type === 'portal-result-opened');
    expect(opened).to.have.length(1);
    expect(opened[0]!.detail).to.deep.equal({ reportId: 'rpt-bmp-3' });
    expect(opened[0]!.bubbles && opened[0]!.composed).to.equal(true);
    // Only opaque ids are stored, under a key that does not spell the patient id.
    const [[key, value]] = [...storage.map];
    expect(key).not.to.contain('ana');
    expect(JSON.parse(value)).to.deep.equal(['rpt-bmp-3']);
    await expect(element).to.be.accessible();
    shadow<HTMLButtonElement>(element, '[part~="back"]')!.click();
    await waitUntil(() => shadow(element, '[part~="reports"]'));
    expect(all(element, '[part~="new-marker"]')).to.have.length(7);
    expect(element.shadowRoot!.activeElement?.id).to.equal('results-title');
  });

  it('shows each value as written with its unit, range, flag in words and icon, and the note', async () => {
    const { element } = await mount<PortalResults>(subject);
    await openReport(element, 'Basic metabolic panel');
    const byName = (name: string) => all(element, '[part~="result"]').find((r) => textOf(r.querySelector('.result-name')) === name)!;
    const potassium = byName('Potassium');
    expect(textOf(potassium.querySelector('[part~="value"]'))).to.equal('6.8 mmol/L');
    expect(textOf(potassium.querySelector('[part~="flag"]'))).to.equal('‼ Critical: very high');
    expect(potassium.querySelector('[part~="flag"] .icon')!.getAttribute('aria-hidden')).to.equal('true');
    expect(textOf(potassium.querySelector('[part~="range"]'))).to.equal('Normal range: 3.5–5.1 mmol/L');
    expect(textOf(potassium.querySelector('[part~="note"]'))).to.contain('hemolyzed');
    expect(textOf(byName('Creatinine').querySelector('[part~="value-text"]'))).to.equal('1.00');
    expect(textOf(shadow(element, '[part~="report-status"]'))).to.equal('Preliminary: may still change');
    await expect(element).to.be.accessible();
  });

  it('says why a value is absent, in words', async () => {
    const { element } = await mount<PortalResults>(subject);
    await openReport(element, 'Complete blood count');
    const absent = shadow(element, '[part~="value-text"][part~="absent"]');
    expect(textOf(absent)).to.equal('No value: Specimen clotted');
  });

  it('with a range and no interpretation: above / below / within from the range, bounds inclusive', async () => {
    const range = { low: { value: '3.5', unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' }, high: { value: '5.10', unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' } };
    const q = (value: string) => ({ kind: 'quantity' as const, quantity: { value, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' } });
    const api = apiWithReports([
      report('r1', [
        result('at-high', { value: q('5.1'), referenceRanges: [range] }),
        result('above', { value: q('5.2'), referenceRanges: [range], code: { text: 'Above', codings: [] } }),
        result('below', { value: q('3.4'), referenceRanges: [range], code: { text: 'Below', codings: [] } }),
      ]),
    ]);
    const { element } = await mount<PortalResults>(subject, { api });
    await openReport(element, 'Basic metabolic panel');
    const flags = all(element, '[part~="flag"]').map((f) => textOf(f));
    expect(flags).to.deep.equal([
      '✓ Within the normal range (from the range given)',
      '! Above the normal range (from the range given)',
      '! Below the normal range (from the range given)',
    ]);
  });

  it('writes large and small numbers readably without changing a digit', async () => {
    const q = (value: string) => ({ kind: 'quantity' as const, quantity: { value, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' } });
    const api = apiWithReports([
      report('r1', [
        result('small', { value: q('1E-22') }),
        result('big', { value: q('1000000000000000000') }),
        result('neg', { value: q('-1.000000000000000000E+245') }),
      ]),
    ]);
    const { element } = await mount<PortalResults>(subject, { api });
    await openReport(element, 'Basic metabolic panel');
    expect(all(element, '[part~="value-text"]').map((v) => textOf(v))).to.deep.equal([
      '1 × 10⁻²²',
      '1,000,000,000,000,000,000',
      '-1.000000000000000000 × 10⁺²⁴⁵',
    ]);
  });

  it('labels components together, nests panel members, and names coded and text values in words', async () => {
    const mmHg = (value: string) => ({ kind: 'quantity' as const, quantity: { value, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } });
    const bp = result('bp', {
      code: { text: 'Blood pressure', codings: [{ system: 'http://loinc.org', code: '85354-9' }] },
      value: { kind: 'absent' },
      components: [
        { code: { text: 'Systolic', codings: [] }, value: mmHg('107'), referenceRanges: [] },
        { code: { text: 'Diastolic', codings: [] }, value: mmHg('60'), referenceRanges: [] },
      ],
    });
    const member = result('member', { code: { text: 'Urine color', codings: [] }, value: { kind: 'concept', concept: { text: 'Yellow', codings: [] } } });
    const bare = result('bare', { code: { text: 'Blood group', codings: [] }, value: { kind: 'concept', concept: { text: 'X9', codings: [{ code: 'X9' }] } } });
    const note = result('text', { code: { text: 'Comment', codings: [] }, value: { kind: 'text', text: 'See attached.' } });
    const panel = result('panel', { code: { text: 'Urinalysis', codings: [] }, value: { kind: 'absent' }, memberIds: ['member', 'panel'] });
    const api = apiWithReports([report('r1', [bp, panel, member, bare, note])]);
    const { element } = await mount<PortalResults>(subject, { api });
    await openReport(element, 'Basic metabolic panel');
    expect(textOf(shadow(element, '[part~="components"]'))).to.equal('Systolic 107 mmHg, Diastolic 60 mmHg');
    // The member shows inside its panel only; the panel's reference to itself is ignored.
    const top = [...shadow(element, '[part~="result-list"]')!.children].map((li) => textOf(li.querySelector('.result-name')));
    expect(top).to.deep.equal(['Blood pressure', 'Urinalysis', 'Blood group', 'Comment']);
    expect(textOf(shadow(element, '[part~="members"] [part~="value-text"]'))).to.equal('Yellow');
    const values = all(element, '[part~="value-text"]').map((v) => textOf(v));
    expect(values).to.include('See attached.');
    expect(values.some((v) => v.includes('coded answer without words'))).to.equal(true);
    expect(values).not.to.include('X9');
    await expect(element).to.be.accessible();
  });

  it('never shows an entered-in-error report or result as a result', async () => {
    const api = apiWithReports([
      report('r-bad', [result('o1')], { status: 'entered-in-error', code: { text: 'Withdrawn panel', codings: [] } }),
      report('r-ok', [result('o2'), result('o3', { status: 'entered-in-error', code: { text: 'Sodium', codings: [] } })], { effective: '2026-01-01' }),
    ]);
    const { element } = await mount<PortalResults>(subject, { api });
    await waitUntil(() => shadow(element, '[part~="withdrawn"]'));
    const withdrawn = shadow(element, '[part~="withdrawn"]')!;
    expect(withdrawn.tagName).to.equal('DIV');
    expect(withdrawn.querySelector('del')).to.exist;
    expect(textOf(withdrawn)).to.contain('Entered in error');
    await openReport(element, 'Basic metabolic panel');
    const bad = shadow(element, '[part~="result"][part~="withdrawn"]')!;
    expect(bad.querySelector('del')).to.exist;
    expect(bad.querySelector('[part~="value"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('says "amended" in words on the report', async () => {
    const api = apiWithReports([report('r1', [result('o1', { status: 'amended' }), result('o2', { status: 'corrected' })], { status: 'amended' })]);
    const { element } = await mount<PortalResults>(subject, { api });
    await openReport(element, 'Basic metabolic panel');
    expect(textOf(shadow(element, '[part~="report-status"]'))).to.contain('Amended: changed after it was first released');
    // A result's status is said when it differs from the report's.
    expect(all(element, '[part~="result-status"]').map((s) => textOf(s))).to.deep.equal(['Corrected']);
  });

  it('names the range that applies to the patient, or lists them all and says so', async () => {
    const g = (code: string, text: string) => ({ text, codings: [{ system: 'http://hl7.org/fhir/administrative-gender', code }] });
    const bound = (value: string) => ({ value, unit: 'g/dL', system: 'http://unitsofmeasure.org', code: 'g/dL' });
    const hgb = result('hgb', {
      code: { text: 'Hemoglobin', codings: [] },
      value: { kind: 'quantity', quantity: bound('12.9') },
      referenceRanges: [
        { low: bound('13.5'), high: bound('17.5'), appliesTo: [g('male', 'Men')] },
        { low: bound('12.0'), high: bound('15.5'), appliesTo: [g('female', 'Women')] },
      ],
    });
    const known = await mount<PortalResults>(subject, { api: apiWithReports([report('r1', [hgb])], { gender: 'female', birthDate: '1980-01-01' }) });
    await openReport(known.element, 'Basic metabolic panel');
    await waitUntil(() => textOf(shadow(known.element, '[part~="range"]')).includes('Women'));
    expect(textOf(shadow(known.element, '[part~="range"]'))).to.equal('Normal range (Women): 12.0–15.5 g/dL');
    expect(textOf(shadow(known.element, '[part~="flag"]'))).to.contain('Within the normal range');

    const unknown = await mount<PortalResults>(subject, { api: apiWithReports([report('r1', [hgb])], 'unreadable') });
    await openReport(unknown.element, 'Basic metabolic panel');
    const several = shadow(unknown.element, '[part~="range"][part~="several"]')!;
    expect(textOf(several)).to.contain('several normal ranges').and.contain('(Men): 13.5–17.5').and.contain('(Women): 12.0–15.5');
    expect(shadow(unknown.element, '[part~="flag"]'), 'no flag guessed from a range that may not apply').to.equal(null);
  });

  it('links a LOINC-coded test to MedlinePlus Connect, in Spanish when it speaks Spanish; off, or the host’s https page', async () => {
    const api = () => apiWithReports([report('r1', [result('o1')])]);
    const english = await mount<PortalResults>(subject, { api: api() });
    await openReport(english.element, 'Basic metabolic panel');
    const link = shadow<HTMLAnchorElement>(english.element, '[part~="about"]')!;
    const url = new URL(link.href);
    expect(url.origin + url.pathname).to.equal('https://connect.medlineplus.gov/application');
    expect(url.searchParams.get('mainSearchCriteria.v.cs')).to.equal('2.16.840.1.113883.6.1');
    expect(url.searchParams.get('mainSearchCriteria.v.c')).to.equal('2823-3');
    expect(url.searchParams.get('informationRecipient.languageCode.c')).to.equal('en');
    expect(link.rel).to.contain('noopener');

    const spanish = await mount<PortalResults>(subject, { api: api(), lang: 'es' });
    await openReport(spanish.element, 'Basic metabolic panel');
    expect(new URL(shadow<HTMLAnchorElement>(spanish.element, '[part~="about"]')!.href).searchParams.get('informationRecipient.languageCode.c')).to.equal('es');
    expect(textOf(shadow(spanish.element, '[part~="about"]'))).to.equal('Acerca de esta prueba');

    const off = await mount<PortalResults>({ ...subject, template: () => html`<portal-results about-link="off"></portal-results>` }, { api: api() });
    await openReport(off.element, 'Basic metabolic panel');
    expect(shadow(off.element, '[part~="about"]')).to.equal(null);

    const own = await mount<PortalResults>({ ...subject, template: () => html`<portal-results about-link="https://labs.example.org/tests/{code}?lang={lang}"></portal-results>` }, { api: api() });
    await openReport(own.element, 'Basic metabolic panel');
    expect(shadow<HTMLAnchorElement>(own.element, '[part~="about"]')!.href).to.equal('https://labs.example.org/tests/2823-3?lang=en');

    const unsafe = await mount<PortalResults>({ ...subject, template: () => html`<portal-results about-link="javascript:alert('{code}')"></portal-results>` }, { api: api() });
    await openReport(unsafe.element, 'Basic metabolic panel');
    expect(shadow(unsafe.element, '[part~="about"]')).to.equal(null);
  });

  it('opens a sensitive result behind the patient’s choice, and tells the page only once they view it', async () => {
    const api = apiWithReports([report('r-hiv', [result('o1')], { category: 'HIV testing', code: { text: 'HIV test', codings: [] } })]);
    const { element, events } = await mount<PortalResults>(
      { ...subject, template: () => html`<portal-results sensitive-categories="Genetics, hiv testing" .seenStorage=${storage}></portal-results>` },
      { api },
    );
    await openReport(element, 'HIV test').catch(() => undefined);
    await waitUntil(() => shadow(element, '[part~="sensitive"]'));
    expect(textOf(shadow(element, '[part~="sensitive"]'))).to.contain('This result is ready. View it now, or wait to go over it with your clinician.');
    expect(shadow(element, '[part~="value"]')).to.equal(null);
    expect(events.filter((e) => e.type === 'portal-result-opened')).to.have.length(0);
    expect(element.shadowRoot!.activeElement?.id).to.equal('report-title');
    await expect(element).to.be.accessible();
    shadow<HTMLButtonElement>(element, '[part~="view-now"]')!.click();
    await waitUntil(() => shadow(element, '[part~="value"]'));
    expect(events.filter((e) => e.type === 'portal-result-opened')).to.have.length(1);
  });

  it('the release notice can be the host’s words or turned off', async () => {
    const own = await mount<PortalResults>({ ...subject, template: () => html`<portal-results release-notice="Your doctor reviews results within 3 days."></portal-results>` });
    await waitUntil(() => shadow(own.element, '[part~="reports"]'));
    expect(textOf(shadow(own.element, '[part~="release-notice"]'))).to.equal('Your doctor reviews results within 3 days.');
    const off = await mount<PortalResults>({ ...subject, template: () => html`<portal-results release-notice="off"></portal-results>` });
    await waitUntil(() => shadow(off.element, '[part~="reports"]'));
    expect(shadow(off.element, '[part~="release-notice"]')).to.equal(null);
  });

  it('shows the empty state', async () => {
    const { element } = await mount<PortalResults>(subject, { memory: { empty: true } });
    await waitUntil(() => shadow(element, '[part~="empty"]'));
    expect(textOf(shadow(element, '[part~="empty"]'))).to.contain('No test results yet');
    await expect(element).to.be.accessible();
  });

  it('offers a report file only once its bytes are the type declared', async () => {
    const pdf = btoa('%PDF-1.4\n% report\n');
    const api = apiWithReports([
      report('r1', [result('o1')], {
        presentedForms: [
          { contentType: 'application/pdf', title: 'Full report', data: pdf },
          { contentType: 'application/pdf', title: 'Not a PDF', data: btoa('<script>alert(1)</script>') },
          { contentType: 'application/pdf', title: 'On the server', url: 'https://lab.example.org/Binary/1' },
        ],
      }),
    ]);
    const { element } = await mount<PortalResults>(subject, { api });
    await openReport(element, 'Basic metabolic panel');
    const link = shadow<HTMLAnchorElement>(element, '[part~="download"]')!;
    expect(textOf(link)).to.equal('Download Full report');
    expect(link.href).to.match(/^blob:/);
    expect(link.getAttribute('download')).to.equal('report-1.pdf');
    expect(new Uint8Array(await (await fetch(link.href)).arrayBuffer())[0]).to.equal('%'.charCodeAt(0));
    const refused = all(element, '[part~="file-refused"]').map((n) => textOf(n));
    expect(refused).to.deep.equal([
      '“Not a PDF” is not offered: its contents are not the kind of file the lab said it is.',
      '“On the server” is kept on the lab’s system and cannot be opened here. Ask your care team for a copy.',
    ]);
    expect(all(element, '[part~="download"]')).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('shows a result’s trend: the change in words, a chart with the range band, and the same points as a table', async () => {
    const { element } = await mount<PortalResults>(subject);
    await openReport(element, 'Lipid panel');
    const ldl = all(element, '[part~="result"]').find((r) => textOf(r.querySelector('.result-name')).startsWith('LDL'))!;
    const toggle = ldl.querySelector<HTMLButtonElement>('[part~="trend-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitUntil(() => shadow(element, '[part~="trend-table"]'), 'trend never shown', { timeout: 5_000 });
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    // 150 → 139 mg/dL: down 7%.
    expect(textOf(shadow(element, '[part~="trend-change"]'))).to.match(/^Down 7% since [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(all(element, '[part~="trend-chart"] .point')).to.have.length(4);
    expect(shadow(element, '[part~="trend-chart"]')!.getAttribute('aria-label')).to.match(/^LDL.*: 4 results from .* in mg\/dL$/);
    const rows = all(element, '[part~="trend-table"] tbody tr').map((r) => textOf(r));
    expect(rows).to.have.length(4);
    expect(rows[0]).to.contain('139 mg/dL').and.contain('Lab');
    await expect(element).to.be.accessible();
  });

  it('never puts two units on one axis: other units are listed', async () => {
    const glucose = (id: string, value: string, unit: 'mg/dL' | 'mmol/L', day: string) =>
      result(id, {
        code: { text: 'Glucose', codings: [{ system: 'http://loinc.org', code: '2345-7' }] },
        effective: `${day}T08:00:00-05:00`,
        value: { kind: 'quantity', quantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit } },
      });
    const history = [glucose('g1', '98', 'mg/dL', '2026-01-02'), glucose('g2', '6.1', 'mmol/L', '2026-02-02'), glucose('g3', '108', 'mg/dL', '2026-03-02')];
    const base = apiWithReports([report('r1', [history[2]])]);
    const api = { ...base, results: { ...base.results, resultHistory: async () => ({ items: history, dropped: 0, truncated: false }) } };
    const { element } = await mount<PortalResults>(subject, { api });
    await openReport(element, 'Basic metabolic panel');
    shadow<HTMLButtonElement>(element, '[part~="trend-toggle"]')!.click();
    await waitUntil(() => shadow(element, '[part~="trend-table"]'), 'loaded', { timeout: 5_000 });
    expect(all(element, '[part~="trend-chart"] .point')).to.have.length(2);
    expect(textOf(shadow(element, '[part~="trend-change"]'))).to.equal('Up 10% since Jan 2, 2026');
    expect(textOf(shadow(element, '[part~="trend-other-units"]'))).to.contain('6.1 mmol/L (Feb 2, 2026)');
  });

  it('marks the patient’s own readings in the trend, drawn apart and labelled "You reported"', async () => {
    const weight = (id: string, value: string, day: string, patientReported?: boolean) =>
      result(id, {
        code: { text: 'Body weight', codings: [{ system: 'http://loinc.org', code: '29463-7' }] },
        effective: `${day}T08:00:00-05:00`,
        value: { kind: 'quantity', quantity: { value, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } },
        ...(patientReported ? { patientReported } : {}),
      });
    const history = [weight('w1', '80.0', '2026-01-02'), weight('w2', '79.2', '2026-02-02', true), weight('w3', '78.5', '2026-03-02')];
    const base = apiWithReports([report('r1', [history[2]])]);
    const api = { ...base, results: { ...base.results, resultHistory: async () => ({ items: history, dropped: 0, truncated: false }) } };
    const { element } = await mount<PortalResults>(subject, { api });
    await openReport(element, 'Basic metabolic panel');
    shadow<HTMLButtonElement>(element, '[part~="trend-toggle"]')!.click();
    await waitUntil(() => shadow(element, '[part~="trend-table"]'), 'loaded', { timeout: 5_000 });
    expect(all(element, '[part~="trend-chart"] .point.reported')).to.have.length(1);
    const rows = all(element, '[part~="trend-table"] tbody tr').map((r) => textOf(r));
    expect(rows).to.deep.equal(['Mar 2, 2026 78.5 kg Lab', 'Feb 2, 2026 79.2 kg You reported', 'Jan 2, 2026 80.0 kg Lab']);
  });

  it('speaks Spanish in the report: status, flags, ranges and decimals', async () => {
    const { element } = await mount<PortalResults>(subject, { lang: 'es' });
    await openReport(element, 'Basic metabolic panel');
    const potassium = all(element, '[part~="result"]').find((r) => textOf(r.querySelector('.result-name')) === 'Potassium')!;
    expect(textOf(potassium.querySelector('[part~="flag"]'))).to.equal('‼ Crítico: muy alto');
    expect(textOf(potassium.querySelector('[part~="value"]'))).to.equal('6,8 mmol/L');
    expect(textOf(potassium.querySelector('[part~="range"]'))).to.equal('Rango normal: 3,5–5,1 mmol/L');
    expect(textOf(shadow(element, '[part~="report-status"]'))).to.equal('Preliminar: aún puede cambiar');
    await expect(element).to.be.accessible();
  });

  it('fits 320 px without scrolling sideways: list, report and trend', async () => {
    const { element } = await mount<PortalResults>(subject);
    element.style.inlineSize = '320px';
    await waitUntil(() => shadow(element, '[part~="reports"]'));
    const fits = (where: string) => {
      expect(element.getBoundingClientRect().width, 'laid out at 320 px').to.equal(320);
      const wide = all(element, '*').filter((node) => node.getBoundingClientRect().right > element.getBoundingClientRect().right + 0.5);
      expect(wide.map((node) => node.localName + '.' + node.className), where).to.deep.equal([]);
    };
    fits('list');
    await openReport(element, 'Lipid panel');
    const ldl = all(element, '[part~="result"]').find((r) => textOf(r.querySelector('.result-name')).startsWith('LDL'))!;
    ldl.querySelector<HTMLButtonElement>('[part~="trend-toggle"]')!.click();
    await waitUntil(() => shadow(element, '[part~="trend-table"]'), 'loaded', { timeout: 5_000 });
    fits('report with trend');
  });

  it('after sign-out nothing of the patient stays: the open report, the search and the choices are gone', async () => {
    const { element } = await mount<PortalResults>(subject);
    await openReport(element, 'Lipid panel');
    const provider = element.closest('portal-provider') as HTMLElement & { session: unknown };
    provider.session = { status: 'signed-out' };
    await waitUntil(() => shadow(element, '[part~="sign-in"]'));
    expect(element.shadowRoot!.textContent).not.to.contain('LDL');
    provider.session = { status: 'signed-in', patientId: 'patient-ana-mejia' };
    await waitUntil(() => shadow(element, '[part~="reports"]'), 'back to the list, not the report');
    expect(shadow(element, '[part~="report"]')).to.equal(null);
  });
});
