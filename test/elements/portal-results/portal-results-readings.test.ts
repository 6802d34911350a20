import { expect, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { PortalApi } from '../../../src/api/portal-api.js';
import type { PortalResults } from '../../../src/elements/portal-results/portal-results.js';
import { mount, PATIENT_ID, RecordingSessionActions, type ContractSubject } from '../../contract/element-contract.js';
import { all, shadow, textOf } from '../../support/dom.js';
import { memoryStorage } from './results-api.js';

const subject: ContractSubject = {
  tag: 'portal-results',
  template: () => html`<portal-results allow-readings .seenStorage=${memoryStorage()}></portal-results>`,
  readySelector: '[part~="reports"]',
  loadOperation: 'results.listReports',
};
const signal = () => new AbortController().signal;

const type = (element: Element, selector: string, value: string) => {
  const field = shadow<HTMLInputElement>(element, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
};

async function openForm(element: PortalResults) {
  await waitUntil(() => shadow(element, '[part~="add-reading"]'));
  shadow<HTMLButtonElement>(element, '[part~="add-reading"]')!.click();
  await waitUntil(() => shadow(element, '[part~="readings"]'), 'form never loaded', { timeout: 5_000 });
  await element.updateComplete;
}

/** Counts addReading calls reaching the adapter. */
function counting(memory = createMemoryAdapter({ patientId: PATIENT_ID })): { api: PortalApi; calls: () => number; keys: string[] } {
  const keys: string[] = [];
  const api = { ...memory, results: { ...memory.results, addReading: (...args: Parameters<typeof memory.results.addReading>) => (keys.push(args[0].clientRequestId), memory.results.addReading(...args)) } };
  return { api, calls: () => keys.length, keys };
}

describe('<portal-results> home readings', () => {
  it('offers no form without allow-readings', async () => {
    const { element } = await mount<PortalResults>({ ...subject, template: () => html`<portal-results></portal-results>` });
    await waitUntil(() => shadow(element, '[part~="reports"]'));
    expect(shadow(element, '[part~="add-reading"]')).to.equal(null);
  });

  it('saves a blood pressure once, as the patient’s own reading, and it shows in its history as "you reported"', async () => {
    const { api, calls } = counting();
    const { element } = await mount<PortalResults>(subject, { api });
    await openForm(element);
    expect(element.shadowRoot!.activeElement?.id).to.equal('reading-title');
    await expect(element).to.be.accessible();
    type(element, '#reading-systolic', '128');
    type(element, '#reading-diastolic', '82');
    const form = shadow<HTMLFormElement>(element, 'form[part~="readings"]')!;
    form.requestSubmit();
    form.requestSubmit();
    await waitUntil(() => shadow(element, '[part~="reading-state"][role="status"]'), 'never saved');
    expect(textOf(shadow(element, '[part~="reading-state"]'))).to.equal('Saved: 128/82 mmHg. It shows in your trends marked “You reported”.');
    expect(calls(), 'two presses, one write').to.equal(1);
    const history = await api.results.resultHistory({ system: 'http://loinc.org', code: '85354-9' }, signal());
    const mine = history.items.filter((r) => r.patientReported);
    expect(mine).to.have.length(1);
    expect(mine[0]!.components.map((c) => c.value.kind === 'quantity' && c.value.quantity.value)).to.deep.equal(['128', '82']);
    await expect(element).to.be.accessible();
  });

  it('says what is wrong beside each field, and writes nothing', async () => {
    const { api, calls } = counting();
    const { element } = await mount<PortalResults>(subject, { api });
    await openForm(element);
    type(element, '#reading-systolic', '80');
    type(element, '#reading-diastolic', '90');
    shadow<HTMLFormElement>(element, 'form[part~="readings"]')!.requestSubmit();
    await element.updateComplete;
    expect(all(element, '.problem[role="alert"]').map((p) => textOf(p))).to.deep.equal(['The top number must be higher than the bottom number.']);
    type(element, '#reading-systolic', '1280');
    shadow<HTMLFormElement>(element, 'form[part~="readings"]')!.requestSubmit();
    await element.updateComplete;
    expect(textOf(shadow(element, '#reading-systolic-problem'))).to.equal('Enter a number between 50 and 300.');
    expect(calls()).to.equal(0);
    await expect(element).to.be.accessible();
  });

  it('a failed save keeps the reading; saving again stores a glucose once (same key)', async () => {
    const memory = createMemoryAdapter({ patientId: PATIENT_ID });
    const { api, calls, keys } = counting(memory);
    const { element } = await mount<PortalResults>(subject, { api });
    await openForm(element);
    const kind = shadow<HTMLSelectElement>(element, '[part~="reading-kind"]')!;
    kind.value = 'glucose';
    kind.dispatchEvent(new Event('change'));
    await element.updateComplete;
    type(element, '#reading-value', '5.4');
    const unit = shadow<HTMLSelectElement>(element, '[part~="reading-unit"]')!;
    unit.value = 'mmol/L';
    unit.dispatchEvent(new Event('change'));
    await element.updateComplete;
    memory.controls.set({ fail: { kind: 'network', operations: ['results.addReading'] } });
    shadow<HTMLFormElement>(element, 'form[part~="readings"]')!.requestSubmit();
    await waitUntil(() => shadow(element, '[part~="reading-state"][role="alert"]'), 'failure never shown');
    expect(shadow<HTMLInputElement>(element, '#reading-value')!.value).to.equal('5.4');
    memory.controls.set({ fail: undefined });
    shadow<HTMLFormElement>(element, 'form[part~="readings"]')!.requestSubmit();
    await waitUntil(() => shadow(element, '[part~="reading-state"][role="status"]'));
    expect(textOf(shadow(element, '[part~="reading-state"]'))).to.contain('5.4 mmol/L');
    expect(calls()).to.equal(2);
    expect(keys[0], 'the retry carries the first attempt’s key').to.equal(keys[1]);
    const history = await api.results.resultHistory({ system: 'http://loinc.org', code: '14743-9' }, signal());
    expect(history.items.filter((r) => r.patientReported)).to.have.length(1);
  });

  it('asks sign-in for the scope to save readings, and offers no form when it was not granted', async () => {
    const auth = new RecordingSessionActions();
    const asked = await mount<PortalResults>(subject, { auth, session: { status: 'signed-out' } });
    expect(auth.calls).to.include('need:patient/Observation.c');
    asked.element.remove();
    expect(auth.calls.filter((c) => c === 'withdraw')).to.have.length(2);
    const granted = ['launch/patient', 'patient/DiagnosticReport.rs', 'patient/Observation.rs'];
    const { element } = await mount<PortalResults>(subject, { session: { status: 'signed-in', patientId: PATIENT_ID, scopes: granted } });
    await waitUntil(() => shadow(element, '[part~="reports"]'));
    expect(shadow(element, '[part~="add-reading"]')).to.equal(null);
    const withCreate = await mount<PortalResults>(subject, { session: { status: 'signed-in', patientId: PATIENT_ID, scopes: [...granted, 'patient/Observation.c'] } });
    await waitUntil(() => shadow(withCreate.element, '[part~="add-reading"]'));
  });
});
