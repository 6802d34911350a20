// Runs in the default browser zone and, as a `.tz.test.ts`, once per zone from UTC−11 to UTC+14
// (Pacific/Pago_Pago, Asia/Kolkata, Pacific/Kiritimati): a vaccine's date is the calendar day recorded, never moved
// by the reader's zone, and a partial date stays as precise as it was recorded.
import { expect, html, waitUntil } from '@open-wc/testing';
import type { VaccineRecord } from '../../../src/elements/vaccine-record/vaccine-record.js';
import { mount, type ContractSubject } from '../../contract/element-contract.js';
import { all, shadow, textOf } from '../../support/dom.js';
import { apiWith, dose, vaccine } from './vaccine-api.js';

const subject: ContractSubject = {
  tag: 'vaccine-record',
  template: () => html`<vaccine-record></vaccine-record>`,
  readySelector: '[part~="history"]',
  loadOperation: 'immunizations.list',
};

// A first day of the year and a last day of a month: the days a zone shift would move into another month or year.
const api = () =>
  apiWith(
    [
      dose('new-year', { vaccine: vaccine('140', 'Flu vaccine'), occurrenceDate: '2021-01-01' }),
      dose('month-end', { vaccine: vaccine('208', 'COVID-19 vaccine'), occurrenceDate: '2021-05-31' }),
      dose('month', { vaccine: vaccine('115', 'Tdap'), occurrenceDate: '2020-03' }),
      dose('year', { vaccine: vaccine('43', 'Hepatitis B'), occurrenceDate: '2019' }),
    ],
    [{ id: 'r', vaccine: vaccine('187', 'Shingles'), forecast: 'due', dueDate: '2026-01-01' }],
  );

describe(`<vaccine-record> dates in ${Intl.DateTimeFormat().resolvedOptions().timeZone}`, () => {
  it('shows each dose on its recorded calendar day, at its recorded precision, in English and Spanish', async () => {
    const { element } = await mount<VaccineRecord>(subject, { api: api() });
    await waitUntil(() => shadow(element, '[part~="dose-date"]') && shadow(element, '[part~="due-date"]'));
    expect(all(element, '[part~="dose-date"]').map((d) => textOf(d))).to.deep.equal(['Given January 1, 2021', 'Given May 31, 2021', 'Given March 2020', 'Given 2019']);
    expect(textOf(shadow(element, '[part~="due-date"]'))).to.equal('Due January 1, 2026');

    const spanish = await mount<VaccineRecord>(subject, { api: api(), lang: 'es' });
    await waitUntil(() => shadow(spanish.element, '[part~="dose-date"]'));
    expect(all(spanish.element, '[part~="dose-date"]').map((d) => textOf(d))).to.deep.equal([
      'Aplicada el 1 de enero de 2021',
      'Aplicada el 31 de mayo de 2021',
      'Aplicada en marzo de 2020',
      'Aplicada en 2019',
    ]);
  });
});
