import { expect, fixture, html } from '@open-wc/testing';
import { defineElement } from '../../src/base/define.js';
import { PortalElement } from '../../src/base/portal-element.js';
import '../../src/define.js';
import { PortalPatientBanner } from '../../src/elements/portal-patient-banner/portal-patient-banner.js';
import { PortalProvider } from '../../src/elements/portal-provider/portal-provider.js';
import { PortalScheduler } from '../../src/elements/portal-scheduler/portal-scheduler.js';

/** Runs `act` with console.warn recorded; returns the warnings. */
async function warningsDuring(act: () => unknown): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    await act();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('registration', () => {
  it('defines a class under a vendor tag besides its own (an anonymous subclass), without a warning', async () => {
    const warnings = await warningsDuring(() => {
      PortalPatientBanner.define('acme-patient-banner');
      PortalPatientBanner.define('acme-patient-banner');
    });
    expect(warnings).to.deep.equal([]);
    expect(customElements.get('portal-patient-banner')).to.equal(PortalPatientBanner);
    const vendor = customElements.get('acme-patient-banner')!;
    expect(vendor).not.to.equal(PortalPatientBanner);
    expect(document.createElement('acme-patient-banner')).to.be.instanceOf(PortalPatientBanner);
  });

  it('a second copy of a tag warns once, naming both versions, and keeps the first', async () => {
    class OtherCopy extends HTMLElement {
      static version = '0.0.9';
    }
    const warnings = await warningsDuring(() => defineElement('portal-scheduler', OtherCopy));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<portal-scheduler>').and.contain(PortalScheduler.version).and.contain('0.0.9');
    expect(customElements.get('portal-scheduler')).to.equal(PortalScheduler);
  });

  it('static version is the package version, on every element class and the provider', async () => {
    const { version } = await (await fetch('/package.json')).json();
    expect(PortalElement.version).to.equal(version);
    expect(PortalScheduler.version).to.equal(version);
    expect(PortalProvider.version).to.equal(version);
  });
});

describe('attribute values that cannot be right (development builds)', () => {
  it('vaccine="208-2" logs one warning naming the attribute and the accepted forms; a valid one none', async () => {
    const warnings = await warningsDuring(async () => {
      const first = await fixture<PortalScheduler>(html`<portal-scheduler vaccine="208-2"></portal-scheduler>`);
      const second = await fixture<PortalScheduler>(html`<portal-scheduler vaccine="208-2"></portal-scheduler>`);
      await Promise.all([first.updateComplete, second.updateComplete]);
      const valid = await fixture<PortalScheduler>(html`<portal-scheduler vaccine="208:2"></portal-scheduler>`);
      await valid.updateComplete;
      valid.vaccine = '';
      await valid.updateComplete;
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('vaccine="208-2"').and.contain('"208:2"').and.contain('"140"');
  });

  it('an unknown theme and an idle-timeout out of range each log one warning', async () => {
    const warnings = await warningsDuring(async () => {
      const provider = await fixture<PortalProvider>(html`<portal-provider theme="blue" idle-timeout="90"></portal-provider>`);
      await provider.updateComplete;
      const fine = await fixture<PortalProvider>(html`<portal-provider theme="auto" idle-timeout="10"></portal-provider>`);
      await fine.updateComplete;
    });
    expect(warnings).to.have.length(2);
    expect(warnings.find((w) => w.includes('theme="blue"'))).to.contain('"white-label"');
    expect(warnings.find((w) => w.includes('idle-timeout="90"'))).to.contain('2 to 30');
  });
});
