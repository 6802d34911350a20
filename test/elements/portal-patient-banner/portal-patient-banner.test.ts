import { expect, html, waitUntil } from '@open-wc/testing';
import { elementContract, mount } from '../../contract/element-contract.js';
import { shadow } from '../../support/dom.js';

const subject = {
  tag: 'portal-patient-banner',
  template: () => html`<portal-patient-banner></portal-patient-banner>`,
  readySelector: '[part~="banner"]',
  loadOperation: 'patient.current',
};

elementContract(subject);

describe('<portal-patient-banner>', () => {
  it("shows the patient's name, birth date from its parts, and sex", async () => {
    const { element } = await mount(subject);
    await waitUntil(() => shadow(element, '[part~="banner"]'));
    const name = shadow(element, '[part~="name"]')!.textContent!;
    expect(name).to.contain('Mejía');
    expect(shadow(element, '[part~="details"]')!.textContent).to.match(/Born \w+ \d{1,2}, \d{4}/);
  });

  it('says so when no patient record is linked (not-found), without a retry', async () => {
    const { element } = await mount(subject, { memory: { fail: 'not-found' } });
    await waitUntil(() => shadow(element, '[part~="notice"]'));
    expect(shadow(element, '[part~="notice"]')!.textContent).to.contain('No patient record');
    expect(shadow(element, '[part~="retry"]')).to.equal(null);
  });

  it('renders in Spanish', async () => {
    const { element } = await mount(subject, { lang: 'es' });
    await waitUntil(() => shadow(element, '[part~="banner"]'));
    expect(shadow(element, '[part~="details"]')!.textContent).to.contain('Fecha de nacimiento');
  });
});
