import { expect, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { VaccineRecord } from '../../../src/elements/vaccine-record/vaccine-record.js';
import { elementContract, mount, PATIENT_ID, RecordingSessionActions, type ContractSubject } from '../../contract/element-contract.js';
import { all, click, shadow, textOf } from '../../support/dom.js';
import { makeIssuer } from '../../health-cards/issuer.js';
import { recordingFetch } from '../../health-cards/recording-fetch.js';
import { qrPicture } from '../../support/qr-picture.js';
import { storyCard, type StoryCard } from '../../../stories/support/vaccine-cards.js';
import { apiWith, CLOCK, dose, fixtureText, passcodeLink, specIssuerOffline, SPEC_ISSUER, vaccine } from './vaccine-api.js';

const subject: ContractSubject = {
  tag: 'vaccine-record',
  template: () => html`<vaccine-record></vaccine-record>`,
  readySelector: '[part~="history"]',
  loadOperation: 'immunizations.list',
  optionalScopes: [['patient/Immunization.c']],
};

elementContract(subject);

const type = (field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) => {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
};
const doseTexts = (element: Element) => all(element, '[part~="dose"]').map((d) => textOf(d));
// The page's static imports may fill the default buffer of 250 entries; the parts load later and must be seen.
performance.setResourceTimingBufferSize(100_000);
const loadedModules = () => performance.getEntriesByType('resource').map((entry) => entry.name);

async function openVerify(element: VaccineRecord) {
  click(element, '[part~="verify"][part~="button"]');
  // The checker is the largest part, compiled on its first request: under a full run that takes a few seconds.
  await waitUntil(() => shadow(element, '[part~="card-input"]'), 'the checker loaded', { timeout: 8_000 });
}

async function check(element: VaccineRecord, text: string) {
  type(shadow<HTMLTextAreaElement>(element, '[part~="card-input"]')!, text);
  click(element, '[part~="check"]');
  await element.updateComplete;
  const done = () => !shadow<HTMLButtonElement>(element, '[part~="check"]')!.disabled;
  await waitUntil(() => done() && (shadow(element, '[part~="verdict"]') || shadow(element, '[part~="passcode"]') || shadow(element, '.failed')), 'a verdict', { timeout: 5_000 });
}

describe('<vaccine-record>', () => {
  // First, while nothing has opened a form in this page: the record's first render fetches neither part.
  it('loads the report form and the card checker only when first opened', async () => {
    const { element } = await mount<VaccineRecord>(subject);
    await waitUntil(() => shadow(element, '[part~="dose"]'));
    expect(loadedModules().some((name) => name.includes('verify-part')), 'checker before use').to.equal(false);
    expect(loadedModules().some((name) => name.includes('report-part')), 'form before use').to.equal(false);
    // (This test file itself imports the test issuer, which reads src/health-cards/keys.ts; the verifier is trust.ts on.)
    expect(loadedModules().some((name) => /\/src\/health-cards\/(trust|verify|links)\./.test(name)), 'health-cards verifier before use').to.equal(false);
    await openVerify(element);
    expect(loadedModules().some((name) => name.includes('verify-part'))).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('lists the record newest first, named in words, dates as precise as recorded, with dose, lot, site, place', async () => {
    const { element } = await mount<VaccineRecord>(subject);
    await waitUntil(() => shadow(element, '[part~="dose"]'));
    const texts = doseTexts(element);
    const covid2 = texts.find((t) => t.includes('EW0196'))!;
    expect(covid2).to.contain('COVID-19 vaccine (Pfizer-BioNTech)').and.contain('Given May 24, 2021').and.contain('Dose 2 of 2');
    expect(covid2).to.contain('Site: left arm').and.contain('Place: Riverside Community Vaccination Center');
    expect(texts.find((t) => t.includes('Hepatitis B'))).to.contain('Given 2021').and.not.contain('January');
    expect(texts.find((t) => t.includes('Tdap'))).to.contain('Given May 2021').and.contain('You reported — not yet confirmed');
    expect(texts.at(-1)).to.contain('In childhood (date not recorded)');
    const notGiven = texts.find((t) => t.includes('Shingles'))!;
    expect(notGiven).to.contain('Not given').and.contain('Reason: vaccine out of stock');
    // Newest first: the May 24 dose before the May 3 dose.
    expect(texts.findIndex((t) => t.includes('EW0196'))).to.be.lessThan(texts.findIndex((t) => t.includes('EW0182')));
    await expect(element).to.be.accessible();
  });

  it("words a site, a report's origin and why a dose was not given from their standard codes in the reader's language, else shows the server's words", async () => {
    const api = apiWith([
      dose('coded', { site: 'left arm', siteCode: 'LA', primarySource: false, reportOrigin: 'Written Record', reportOriginCode: 'record', occurrenceDate: '2024-10-02' }),
      dose('uncoded', { site: 'Left upper arm structure', siteCode: 'XYZ', occurrenceDate: '2023-10-02' }),
      dose('declined', { status: 'not-done', statusReason: 'Patient Objection', statusReasonCode: 'PATOBJ', occurrenceDate: '2022-10-02' }),
      dose('other-reason', { status: 'not-done', statusReason: 'Clinic closed early', statusReasonCode: 'XYZ', occurrenceDate: '2021-10-02' }),
    ]);
    const { element } = await mount<VaccineRecord>(subject, { api, lang: 'es' });
    await waitUntil(() => all(element, '[part~="dose"]').length === 4);
    const [coded, uncoded, declined, otherReason] = doseTexts(element);
    expect(coded).to.contain('Sitio: brazo izquierdo').and.contain('Informada a partir de: un registro escrito');
    expect(coded).to.not.contain('Written Record');
    expect(uncoded).to.contain('Sitio: Left upper arm structure');
    expect(declined).to.contain('Motivo: el paciente la rechazó').and.not.contain('Patient Objection');
    expect(otherReason).to.contain('Motivo: Clinic closed early');
  });

  it("names a vaccine in Spanish from its CVX code for a Spanish reader, else keeps the server's words; English keeps them", async () => {
    const records = [
      dose('covid', { vaccine: vaccine('208', 'COVID-19 vaccine (Pfizer-BioNTech)'), occurrenceDate: '2021-05-03' }),
      // Written without the leading zero, as some servers send it.
      dose('mmr', { vaccine: vaccine('3', 'MMR (measles, mumps, rubella)'), occurrenceDate: '2019-04-01' }),
      dose('unnamed', { vaccine: vaccine('999', 'Clinic trial vaccine'), occurrenceDate: '2018-02-01' }),
    ];
    const { element } = await mount<VaccineRecord>(subject, { api: apiWith(records), lang: 'es' });
    await waitUntil(() => all(element, '[part~="dose"]').length === 3);
    const names = (root: Element) => all(root, '[part~="dose"] [part~="dose-name"]').map((n) => textOf(n));
    expect(names(element)).to.deep.equal(['Vacuna contra el COVID-19, Pfizer-BioNTech (original, 30 mcg)', 'SPR (sarampión, paperas, rubéola)', 'Clinic trial vaccine']);
    const english = await mount<VaccineRecord>(subject, { api: apiWith(records) });
    await waitUntil(() => all(english.element, '[part~="dose"]').length === 3);
    // The due doses are named the same way (the memory record recommends Tdap).
    expect(all(element, '[part~="due-item"] [part~="dose-name"]').map((n) => textOf(n))).to.include('Tdap (tétanos, difteria, tos ferina)');
    expect(names(english.element)).to.deep.equal(['COVID-19 vaccine (Pfizer-BioNTech)', 'MMR (measles, mumps, rubella)', 'Clinic trial vaccine']);
  });

  it('hides entered-in-error, and a reported dose once a clinician-recorded one of that vaccine on an agreeing date replaces it', async () => {
    const api = apiWith([
      dose('wrong', { status: 'entered-in-error', vaccine: vaccine('03', 'MMR mistake'), occurrenceDate: '2020-01-01' }),
      dose('clinic', { vaccine: vaccine('115', 'Tdap'), occurrenceDate: '2021-05-12', lotNumber: 'CLINIC1' }),
      dose('reported', { vaccine: vaccine('115', 'Tdap (my report)'), occurrenceDate: '2021-05', primarySource: false }),
      dose('reported-other', { vaccine: vaccine('140', 'Flu (my report)'), occurrenceDate: '2022', primarySource: false }),
    ]);
    const { element } = await mount<VaccineRecord>(subject, { api });
    await waitUntil(() => shadow(element, '[part~="dose"]'));
    const texts = doseTexts(element).join('|');
    expect(texts).to.not.contain('MMR mistake');
    expect(texts).to.not.contain('Tdap (my report)');
    expect(texts).to.contain('CLINIC1').and.contain('Flu (my report)');
    expect(all(element, '[part~="reported"]')).to.have.length(1);
  });

  it('groups by vaccine with series progress, a combination vaccine in each of its groups', async () => {
    const api = apiWith([
      dose('twinrix', { vaccine: vaccine('104', 'Twinrix (HepA/HepB)'), occurrenceDate: '2018-06-18', doseNumber: '2', seriesDoses: '3' }),
      dose('hepb1', { vaccine: vaccine('43', 'Hepatitis B (adult)'), occurrenceDate: '2018-01', doseNumber: '1', seriesDoses: '3' }),
      dose('odd', { vaccine: { text: 'Local vaccine', concept: { text: 'Local vaccine', codings: [] } }, occurrenceDate: '2019' }),
    ]);
    const { element } = await mount<VaccineRecord>(subject, { api });
    await waitUntil(() => shadow(element, '[part~="order"]'));
    const byGroup = all<HTMLInputElement>(element, '[part~="order"] input').find((input) => input.value === 'group')!;
    byGroup.click();
    await waitUntil(() => shadow(element, '[part~="group"]'));
    const groups = all(element, '[part~="group"]').map((g) => textOf(g));
    expect(groups.find((g) => g.startsWith('Hepatitis B'))).to.contain('Hepatitis B: dose 2 of 3').and.contain('Twinrix').and.contain('Hepatitis B (adult)');
    expect(groups.find((g) => g.startsWith('Hepatitis A'))).to.contain('Twinrix');
    expect(groups.find((g) => g.startsWith('Local vaccine'))).to.contain('1 dose recorded');
    await expect(element).to.be.accessible();
  });

  it('shows due and overdue doses, overdue first, and hands one to a scheduler on the page by an event with CVX:dose only', async () => {
    const { element, events } = await mount<VaccineRecord>(subject);
    await waitUntil(() => shadow(element, '[part~="due-item"]'));
    const due = all(element, '[part~="due-item"]').map((d) => textOf(d));
    expect(due[0]).to.contain('Shingles').and.contain('Overdue since').and.contain('Dose 1');
    expect(due.join('|')).to.contain('Flu vaccine').and.contain('Due May 2031');
    expect(due.join('|')).to.not.contain('MMR');
    // A scheduler on the page answers by cancelling the request.
    element.addEventListener('portal-vaccine-booking-requested', (event) => event.preventDefault(), { once: true });
    click(element, '[part~="due-item"] [part~="book"]');
    const asked = events.filter((e) => e.type === 'portal-vaccine-booking-requested');
    expect(asked).to.have.length(1);
    expect(asked[0]!.detail).to.deep.equal({ vaccine: '187:1' });
    expect(asked[0]!.bubbles && asked[0]!.composed).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('with booking-url, books on that page with vaccine=CVX:dose; education links only from the host table and only https', async () => {
    const api = createMemoryAdapter({ patientId: PATIENT_ID });
    const education = { '187': { en: 'https://www.example.org/shingles', es: 'https://www.example.org/es/shingles' }, '140': 'javascript:alert(1)' };
    const { element } = await mount<VaccineRecord>(
      { ...subject, template: () => html`<vaccine-record booking-url="https://book.example.org/vaccines?site=east" .education=${education}></vaccine-record>` },
      { api },
    );
    await waitUntil(() => shadow(element, '[part~="book-link"]'));
    const links = all<HTMLAnchorElement>(element, '[part~="book-link"]').map((a) => a.getAttribute('href'));
    expect(links).to.include('https://book.example.org/vaccines?site=east&vaccine=187:1');
    expect(links).to.include('https://book.example.org/vaccines?site=east&vaccine=140');
    const about = all<HTMLAnchorElement>(element, '[part~="about"]').map((a) => a.getAttribute('href'));
    expect(about.length).to.be.greaterThan(0);
    expect(about.every((href) => href === 'https://www.example.org/shingles')).to.equal(true);
    const spanish = await mount<VaccineRecord>({ ...subject, template: () => html`<vaccine-record .education=${education}></vaccine-record>` }, { lang: 'es' });
    await waitUntil(() => shadow(spanish.element, '[part~="about"]'));
    const inSpanish = shadow<HTMLAnchorElement>(spanish.element, '[part~="about"]')!;
    expect(inSpanish.getAttribute('href')).to.equal('https://www.example.org/es/shingles');
    expect([inSpanish.hreflang, textOf(inSpanish)]).to.deep.equal(['es', 'Sobre esta vacuna (se abre en una pestaña nueva): Vacuna contra el herpes zóster (Shingrix)']);
    // A table with only the English page: a Spanish reader gets it, told before opening it that it is in English.
    const englishOnly = { '187': { en: 'https://www.example.org/shingles' } };
    const fallback = await mount<VaccineRecord>({ ...subject, template: () => html`<vaccine-record .education=${englishOnly}></vaccine-record>` }, { lang: 'es' });
    await waitUntil(() => shadow(fallback.element, '[part~="about"]'));
    const inEnglish = shadow<HTMLAnchorElement>(fallback.element, '[part~="about"]')!;
    expect([inEnglish.getAttribute('href'), inEnglish.hreflang]).to.deep.equal(['https://www.example.org/shingles', 'en']);
    expect(textOf(inEnglish)).to.match(/^Sobre esta vacuna, en inglés \(se abre en una pestaña nueva\)/);
  });

  it('report: problems in words beside their fields, linked from a list, focus on the first; nothing saved', async () => {
    const api = createMemoryAdapter({ patientId: PATIENT_ID });
    const { element, events } = await mount<VaccineRecord>(subject, { api });
    await waitUntil(() => shadow(element, '[part~="dose"]'));
    click(element, '[part~="report"][part~="button"]');
    await waitUntil(() => shadow(element, '[part~="report-form"]'), 'the form loaded', { timeout: 5_000 });
    type(shadow<HTMLInputElement>(element, '#report-year')!, '2099');
    type(shadow<HTMLInputElement>(element, '#report-day')!, '31');
    type(shadow<HTMLInputElement>(element, '[part~="lot-input"]')!, 'no spaces allowed!');
    click(element, '[part~="save"]');
    await waitUntil(() => shadow(element, '[part~="problems"]'));
    expect(shadow(element, '[part~="problems"]')!.getAttribute('role')).to.equal('alert');
    const listed = textOf(shadow(element, '[part~="problems"]'));
    expect(listed).to.contain('Pick the vaccine from the list of names.').and.contain('Pick the month too, or leave the day empty.').and.contain('at most 20 letters');
    expect(shadow(element, '#report-vaccine')!.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element, '#report-vaccine')!.getAttribute('aria-describedby')).to.contain('report-vaccine-problem');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'report-vaccine', 'focus on the first problem');
    type(shadow<HTMLSelectElement>(element, '#report-month')!, '02');
    type(shadow<HTMLInputElement>(element, '#report-day')!, '30');
    click(element, '[part~="save"]');
    await waitUntil(() => textOf(shadow(element, '[part~="problems"]')).includes('That day does not exist'));
    type(shadow<HTMLInputElement>(element, '#report-day')!, '');
    type(shadow<HTMLInputElement>(element, '#report-vaccine')!, 'Tdap (tetanus, diphtheria, whooping cough)');
    type(shadow<HTMLInputElement>(element, '[part~="lot-input"]')!, '');
    click(element, '[part~="save"]');
    await waitUntil(() => textOf(shadow(element, '[part~="problems"]')).includes('cannot be in the future'));
    expect(events.some((e) => e.type === 'portal-immunization-reported')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('report: saves once (a second press while saving writes nothing), month and year kept, shown as reported, event with the id only', async () => {
    const api = createMemoryAdapter({ patientId: PATIENT_ID });
    const { element, events } = await mount<VaccineRecord>(subject, { api });
    await waitUntil(() => shadow(element, '[part~="dose"]'));
    click(element, '[part~="report"][part~="button"]');
    await waitUntil(() => shadow(element, '[part~="report-form"]'), 'the form loaded', { timeout: 5_000 });
    type(shadow<HTMLInputElement>(element, '#report-vaccine')!, 'Flu shot, high dose (65 and older)');
    type(shadow<HTMLInputElement>(element, '#report-year')!, '2024');
    type(shadow<HTMLSelectElement>(element, '#report-month')!, '10');
    type(shadow<HTMLInputElement>(element, '[part~="lot-input"]')!, 'FL-2024');
    type(shadow<HTMLInputElement>(element, '[part~="place-input"]')!, 'Pharmacy on Elm St');
    shadow<HTMLInputElement>(element, '[part~="source-input"] input[value="record"]')!.click();
    api.controls.set({ latencyMs: 100 });
    click(element, '[part~="save"]');
    click(element, '[part~="save"]');
    await waitUntil(() => shadow(element, '[part~="saved"]'), 'saved');
    api.controls.set({ latencyMs: 0 });
    const reported = events.filter((e) => e.type === 'portal-immunization-reported');
    expect(reported).to.have.length(1);
    expect(Object.keys(reported[0]!.detail)).to.deep.equal(['immunizationId']);
    const { items } = await api.immunizations.list(new AbortController().signal);
    const mine = items.filter((i) => i.lotNumber === 'FL-2024');
    expect(mine).to.have.length(1);
    expect(mine[0]).to.deep.include({ occurrenceDate: '2024-10', primarySource: false, location: 'Pharmacy on Elm St', reportOrigin: 'Written Record' });
    expect(mine[0]!.vaccine.cvx).to.equal('197');
    await waitUntil(() => doseTexts(element).some((t) => t.includes('FL-2024')));
    expect(doseTexts(element).find((t) => t.includes('FL-2024'))).to.contain('Given October 2024').and.contain('You reported — not yet confirmed');
    await waitUntil(() => element.shadowRoot!.activeElement === shadow(element, '[part~="saved"]'));
  });

  it('report: a lost answer keeps what was typed, and trying again stores the dose once', async () => {
    const api = createMemoryAdapter({ patientId: PATIENT_ID });
    const { element, events } = await mount<VaccineRecord>(subject, { api });
    await waitUntil(() => shadow(element, '[part~="dose"]'));
    click(element, '[part~="report"][part~="button"]');
    await waitUntil(() => shadow(element, '[part~="report-form"]'), 'the form loaded', { timeout: 5_000 });
    type(shadow<HTMLInputElement>(element, '#report-vaccine')!, 'Shingles vaccine (Shingrix)');
    type(shadow<HTMLInputElement>(element, '#report-year')!, '2023');
    api.controls.set({ loseReportAnswer: true });
    click(element, '[part~="save"]');
    await waitUntil(() => shadow(element, '[part~="report-failed"]'));
    expect(shadow<HTMLInputElement>(element, '#report-vaccine')!.value).to.equal('Shingles vaccine (Shingrix)');
    expect(events.some((e) => e.type === 'portal-error' && e.detail.kind === 'network')).to.equal(true);
    api.controls.set({ loseReportAnswer: false });
    click(element, '[part~="save"]');
    await waitUntil(() => shadow(element, '[part~="saved"]'));
    const { items } = await api.immunizations.list(new AbortController().signal);
    expect(items.filter((i) => i.vaccine.cvx === '187' && i.occurrenceDate === '2023')).to.have.length(1);
  });

  it('prints the record and what is due, without the buttons and forms', async () => {
    const { element } = await mount<VaccineRecord>(subject);
    await waitUntil(() => shadow(element, '[part~="dose"]') && shadow(element, '[part~="due-item"]'));
    click(element, '[part~="report"][part~="button"]');
    await waitUntil(() => shadow(element, '[part~="report-form"]'), 'the form loaded', { timeout: 5_000 });
    const shown = (selector: string) => getComputedStyle(shadow(element, selector)!).display !== 'none';
    expect(shown('[part~="actions"]')).to.equal(true);
    await emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['[part~="toolbar"]', '[part~="actions"]', '[part~="report-form"]', '[part~="book"]']) expect(shown(hidden), hidden).to.equal(false);
      for (const kept of ['[part~="history"]', '[part~="dose"]', '[part~="due"]', '[part~="due-date"]']) expect(shown(kept), kept).to.equal(true);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('fits 320 px without horizontal scroll: the record, the form and the checker', async () => {
    const { element } = await mount<VaccineRecord>({ ...subject, template: () => html`<vaccine-record order="group"></vaccine-record>` });
    element.style.width = '320px';
    await waitUntil(() => shadow(element, '[part~="group"]') && shadow(element, '[part~="due-item"]'));
    // The file inputs are 1 px and clipped (their labels are the buttons): what they hold overflows nowhere a person sees.
    const parts = () => all(element, '[part]').filter((part) => !part.classList.contains('file-input'));
    const fits = () => parts().every((part) => part.scrollWidth <= part.clientWidth + 1) && element.scrollWidth <= element.clientWidth;
    const wide = () => parts().filter((part) => part.scrollWidth > part.clientWidth + 1).map((p) => `${p.getAttribute('part')}:${p.scrollWidth}/${p.clientWidth}`);
    expect(wide(), 'record').to.deep.equal([]);
    expect(element.getBoundingClientRect().width, 'element').to.equal(320);
    expect(fits(), 'record').to.equal(true);
    click(element, '[part~="report"][part~="button"]');
    await waitUntil(() => shadow(element, '[part~="report-form"]'), 'the form loaded', { timeout: 5_000 });
    expect(fits(), 'report form').to.equal(true);
    await openVerify(element);
    expect(fits(), 'checker').to.equal(true);
  });

  describe('checking SMART Health Cards (fixture JWKS supplied offline)', () => {
    const withIssuers = (props: { trusted: unknown; fetch?: unknown }) => ({
      ...subject,
      template: () => html`<vaccine-record .trustedIssuers=${props.trusted} .cardFetch=${props.fetch} .clock=${CLOCK} link-recipient="Riverside Health portal"></vaccine-record>`,
    });

    it('verifies the spec example card, names its issuer, warns that it is someone else’s, and tells the page the verdict and iss only', async () => {
      const { fetch, requests } = recordingFetch();
      const { element, events } = await mount<VaccineRecord>(withIssuers({ trusted: [await specIssuerOffline()], fetch }));
      await openVerify(element);
      await check(element, await fixtureText('spec-examples/example-00-d-jws.txt'));
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('verified');
      expect(textOf(shadow(element, '[part~="verdict-words"]'))).to.equal('Verified: issued by SMART Health Cards example issuer.');
      // The signed-in patient is Ana María Mejía; the card is John B. Anyperson's.
      expect(shadow(element, '[part~="wrong-patient"]')).to.exist;
      expect(textOf(shadow(element, '[part~="verdict"]'))).to.contain('COVID-19 vaccine');
      const verified = events.filter((e) => e.type === 'portal-health-card-verified');
      expect(verified.map((e) => e.detail)).to.deep.equal([{ verdict: 'verified', issuer: SPEC_ISSUER }]);
      expect(requests).to.deep.equal([]);
      await expect(element).to.be.accessible();
    });

    it('reads a .smart-health-card file and a QR numeric text the same way', async () => {
      const { element } = await mount<VaccineRecord>(withIssuers({ trusted: [await specIssuerOffline()] }));
      await openVerify(element);
      await check(element, await fixtureText('spec-examples/example-00-f-qr-code-numeric-value-0.txt'));
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('verified');
      const file = new File([await fixtureText('spec-examples/example-00-e-file.smart-health-card')], 'card.smart-health-card');
      const input = shadow<HTMLInputElement>(element, '[part~="card-file"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => shadow<HTMLTextAreaElement>(element, '[part~="card-input"]')!.value.startsWith('{'));
      await waitUntil(() => shadow(element, '[part~="verdict"]'), 'loaded', { timeout: 5_000 });
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('verified');
    });

    it('reads a photo of QR codes with the injected reader, chunks in any order; says so when a picture has none or the browser cannot read one', async () => {
      const chunks = await Promise.all([0, 1, 2].map((n) => fixtureText(`spec-examples/example-02-f-qr-code-numeric-value-${n}.txt`)));
      let answer: string[] = [...chunks].reverse();
      const detector = { detect: async () => answer.map((rawValue) => ({ rawValue })) };
      const trusted = [await specIssuerOffline()];
      const { element } = await mount<VaccineRecord>({
        ...subject,
        template: () => html`<vaccine-record .trustedIssuers=${trusted} .clock=${CLOCK} .qrDetector=${detector}></vaccine-record>`,
      });
      await openVerify(element);
      const canvas = new OffscreenCanvas(8, 8);
      canvas.getContext('2d')!.fillRect(0, 0, 8, 8);
      let photo = new File([await canvas.convertToBlob({ type: 'image/png' })], 'qr.png', { type: 'image/png' });
      const pick = async (target: VaccineRecord) => {
        const input = shadow<HTMLInputElement>(target, '[part~="card-image"]')!;
        const transfer = new DataTransfer();
        transfer.items.add(photo);
        input.files = transfer.files;
        input.dispatchEvent(new Event('change'));
      };
      await pick(element);
      await waitUntil(() => shadow(element, '[part~="verdict"]'), 'checked from the picture', { timeout: 5_000 });
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('verified');
      answer = ['https://example.org/not-a-card'];
      await pick(element);
      await waitUntil(() => shadow(element, '[part~="image-problem"]'));
      expect(textOf(shadow(element, '[part~="image-problem"]'))).to.contain('No SMART Health Card QR code was found');
      await expect(element).to.be.accessible();

      // Chromium on Linux has no BarcodeDetector: without an injected reader the picture reader reads the codes.
      const plain = await mount<VaccineRecord>(withIssuers({ trusted: [await specIssuerOffline()] }));
      await openVerify(plain.element);
      await pick(plain.element);
      await waitUntil(() => shadow(plain.element, '[part~="image-problem"]'), 'read as no code', { timeout: 8_000 });
      expect(textOf(shadow(plain.element, '[part~="image-problem"]'))).to.contain('No SMART Health Card QR code was found');
      photo = new File([await qrPicture([chunks[1]!, chunks[2]!, chunks[0]!])], 'three-codes.png', { type: 'image/png' });
      await pick(plain.element);
      await waitUntil(() => shadow(plain.element, '[part~="verdict"]'), 'checked from the drawn codes', { timeout: 8_000 });
      expect(shadow(plain.element, '[part~="verdict"]')!.dataset.verdict).to.equal('verified');
      expect(Boolean(shadow(plain.element, '[part~="image-problem"]'))).to.equal(false);
    });

    it('refuses a picture file too large to read, before reading it', async () => {
      const { element } = await mount<VaccineRecord>(withIssuers({ trusted: [await specIssuerOffline()] }));
      await openVerify(element);
      const input = shadow<HTMLInputElement>(element, '[part~="card-image"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(30_000_001)], 'huge.png', { type: 'image/png' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => shadow(element, '[part~="image-problem"]'));
      expect(textOf(shadow(element, '[part~="image-problem"]'))).to.contain('too large to read');
    });

    it('scans with the camera: chunks seen one at a time in any order, then checked, and the camera turned off', async () => {
      const chunks = await Promise.all([0, 1, 2].map((n) => fixtureText(`spec-examples/example-02-f-qr-code-numeric-value-${n}.txt`)));
      const shown = [chunks[2]!, chunks[0]!, chunks[0]!, chunks[1]!];
      let frame = 0;
      const detector = { detect: async () => (frame < shown.length ? [{ rawValue: shown[frame++]! }] : []) };
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 16;
      const paint = setInterval(() => canvas.getContext('2d')!.fillRect(0, 0, 16, 16), 50);
      let stream: MediaStream | undefined;
      const camera = async () => (stream = canvas.captureStream(20));
      const trusted = [await specIssuerOffline()];
      try {
        const { element } = await mount<VaccineRecord>({
          ...subject,
          template: () => html`<vaccine-record .trustedIssuers=${trusted} .clock=${CLOCK} .qrDetector=${detector} .cameraStream=${camera}></vaccine-record>`,
        });
        await openVerify(element);
        click(element, '[part~="scan"]');
        await waitUntil(() => shadow(element, '[part~="camera-view"]'));
        await expect(element).to.be.accessible();
        await waitUntil(() => shadow(element, '[part~="verdict"]'), 'checked after the last chunk', { timeout: 4000 });
        expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('verified');
        expect(shadow(element, '[part~="camera-view"]')).to.equal(null);
        expect(stream!.getTracks().every((track) => track.readyState === 'ended')).to.equal(true);

        // Leaving the page turns the camera off.
        frame = shown.length;
        click(element, '[part~="scan"]');
        await waitUntil(() => shadow(element, '[part~="camera-view"]'));
        element.remove();
        expect(stream!.getTracks().every((track) => track.readyState === 'ended')).to.equal(true);
      } finally {
        clearInterval(paint);
      }
    });

    it('says revoked, altered or forged, and unreadable, each in words', async () => {
      const { element, events } = await mount<VaccineRecord>(withIssuers({ trusted: [await specIssuerOffline()] }));
      await openVerify(element);
      await check(element, await fixtureText('spec-examples/example-03-d-jws.txt'));
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('revoked');
      expect(textOf(shadow(element, '[part~="verdict-words"]'))).to.contain('withdrawn by its issuer');
      const jws = await fixtureText('spec-examples/example-00-d-jws.txt');
      const last = jws.at(-2) === 'A' ? 'B' : 'A';
      await check(element, `${jws.slice(0, -2)}${last}${jws.at(-1)}`);
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('altered-or-forged');
      expect(textOf(shadow(element, '[part~="verdict-words"]'))).to.contain('altered or forged');
      await check(element, 'hello, this is not a card');
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('unreadable');
      expect(events.filter((e) => e.type === 'portal-health-card-verified').map((e) => e.detail.verdict)).to.deep.equal(['revoked', 'altered-or-forged', 'unreadable']);
    });

    it('makes zero requests to an issuer off the trust list, and says it was not checked', async () => {
      const stranger = await makeIssuer('https://untrusted.example/shc');
      const jws = await stranger.sign(stranger.card());
      const { fetch, requests } = recordingFetch({ 'https://untrusted.example/shc/.well-known/jwks.json': stranger.jwks() });
      const { element, events } = await mount<VaccineRecord>(withIssuers({ trusted: [await specIssuerOffline()], fetch }));
      await openVerify(element);
      await check(element, jws);
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('untrusted-issuer');
      expect(textOf(shadow(element, '[part~="verdict-words"]'))).to.contain('not trust').and.contain('https://untrusted.example/shc');
      expect(requests).to.deep.equal([]);
      // The page hears the verdict only: an issuer off the list is whatever the card's maker wrote.
      expect(events.find((e) => e.type === 'portal-health-card-verified')!.detail).to.deep.equal({ verdict: 'untrusted-issuer' });
    });

    it('asks for a Health Link’s passcode, says how many tries are left, then verifies the card inside', async () => {
      const link = await passcodeLink();
      const { element } = await mount<VaccineRecord>(withIssuers({ trusted: link.trusted, fetch: link.fetch }));
      await openVerify(element);
      await check(element, link.text);
      expect(textOf(shadow(element, '[part~="passcode"]'))).to.contain('protected by a passcode');
      expect(link.requests, 'not tried without a passcode').to.deep.equal([]);
      type(shadow<HTMLInputElement>(element, '[part~="passcode-input"]')!, '0000');
      click(element, '[part~="check"]');
      await waitUntil(() => textOf(shadow(element, '[part~="passcode"]')).includes('2 attempts left'));
      expect(textOf(shadow(element, '[part~="passcode"]'))).to.contain('That passcode is not right.');
      type(shadow<HTMLInputElement>(element, '[part~="passcode-input"]')!, '1234');
      click(element, '[part~="check"]');
      await waitUntil(() => shadow(element, '[part~="verdict"]'), 'loaded', { timeout: 5_000 });
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('verified');
      expect(link.requests.every((r) => r.body?.recipient === 'Riverside Health portal')).to.equal(true);
      await expect(element).to.be.accessible();
    });

    // The stories' cards are made on the spot; each must show the verdict its story is named for.
    const STORY_VERDICTS: Array<[StoryCard, string, string?]> = [
      ['verified', 'verified'],
      ['wrong-patient', 'verified', 'wrong-patient'],
      ['untrusted', 'untrusted-issuer'],
      ['revoked', 'revoked'],
      ['expired', 'expired'],
      ['altered', 'altered-or-forged'],
      ['unreadable', 'unreadable'],
    ];
    for (const [kind, expected, warning] of STORY_VERDICTS) {
      it(`the ${kind} story card reads ${expected}${warning ? ` with the ${warning} warning` : ''}, and is accessible`, async () => {
        const world = await storyCard(kind);
        const { element } = await mount<VaccineRecord>({
          ...subject,
          template: () => html`<vaccine-record .trustedIssuers=${world.trusted} .cardFetch=${world.fetch} .clock=${world.now}></vaccine-record>`,
        });
        await openVerify(element);
        await check(element, world.text);
        expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal(expected);
        expect(Boolean(shadow(element, '[part~="wrong-patient"]')), 'wrong-patient warning').to.equal(warning === 'wrong-patient');
        await expect(element).to.be.accessible();
      });
    }

    it('the passcode story link asks, counts down, and opens with its passcode', async () => {
      const world = await storyCard('link');
      const { element } = await mount<VaccineRecord>({
        ...subject,
        template: () => html`<vaccine-record .trustedIssuers=${world.trusted} .cardFetch=${world.fetch} .clock=${world.now}></vaccine-record>`,
      });
      await openVerify(element);
      await check(element, world.text);
      type(shadow<HTMLInputElement>(element, '[part~="passcode-input"]')!, '0000');
      click(element, '[part~="check"]');
      await waitUntil(() => textOf(shadow(element, '[part~="passcode"]')).includes('4 attempts left'));
      await expect(element).to.be.accessible();
      type(shadow<HTMLInputElement>(element, '[part~="passcode-input"]')!, '2468');
      click(element, '[part~="check"]');
      await waitUntil(() => shadow(element, '[part~="verdict"]'), 'loaded', { timeout: 5_000 });
      expect(shadow(element, '[part~="verdict"]')!.dataset.verdict).to.equal('verified');
    });

    it('speaks Spanish', async () => {
      const { element } = await mount<VaccineRecord>(withIssuers({ trusted: [await specIssuerOffline()] }), { lang: 'es' });
      await waitUntil(() => shadow(element, '[part~="dose"]'));
      expect(textOf(shadow(element, '#history-title'))).to.equal('Sus vacunas');
      expect(doseTexts(element).join('|')).to.contain('Aplicada el 24 de mayo de 2021').and.contain('Informada por usted');
      await openVerify(element);
      await check(element, await fixtureText('spec-examples/example-00-d-jws.txt'));
      expect(textOf(shadow(element, '[part~="verdict-words"]'))).to.equal('Verificada: emitida por SMART Health Cards example issuer.');
    });
  });
});

describe('<vaccine-record> with a read-only grant', () => {
  it('asks sign-in for leave to report a vaccine, and shows the record without the form where it was not granted', async () => {
    const auth = new RecordingSessionActions();
    const asked = await mount<VaccineRecord>(subject, { auth, session: { status: 'signed-out' } });
    expect(auth.calls).to.include('need:patient/Immunization.c');
    asked.element.remove();
    const granted = ['launch/patient', 'patient/Immunization.rs', 'patient/ImmunizationRecommendation.rs'];
    const { element } = await mount<VaccineRecord>(subject, { session: { status: 'signed-in', patientId: PATIENT_ID, scopes: granted } });
    await waitUntil(() => shadow(element, '[part~="history"]'), 'the record');
    expect(shadow(element, '[part~="report"]'), 'no report button').to.equal(null);
    expect(shadow(element, '[part~="verify"]'), 'the checker needs no grant').to.not.equal(null);
    const withCreate = await mount<VaccineRecord>(subject, { session: { status: 'signed-in', patientId: PATIENT_ID, scopes: [...granted, 'patient/Immunization.c'] } });
    await waitUntil(() => shadow(withCreate.element, 'button[part~="report"]'), 'the report button');
  });
});

describe('<vaccine-record> report form problems', () => {
  it('says a future year at once, beside a day still to fix', async () => {
    const { reportProblems } = await import('../../../src/elements/vaccine-record/report-part.js');
    const draft = { vaccineName: '', year: '2099', month: '', day: '31', lot: '', place: '', source: 'recall' as const };
    const keys = reportProblems(draft, '2026-12-02').map((p) => p.key);
    expect(keys).to.include.members(['report.error.future', 'report.error.dayNeedsMonth']);
    expect(reportProblems({ ...draft, year: '2025' }, '2026-12-02').map((p) => p.key)).to.not.include('report.error.future');
  });
});
