// DESIGN.md §5: the elements work under a strict CSP (no unsafe-eval, no unsafe-inline) with Trusted Types
// enforced. A framed page with that policy loads dist/portal-kit.js and renders from the FHIR server.
import { expect, waitUntil } from '@open-wc/testing';
import { createTenant, deleteTenant, type Tenant } from '../support/fhir-tenant.js';

const FLOYD = {
  file: 'test/fixtures/shared/fhir-r4/synthea/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json',
  id: '6f8ccac9-41a3-42a2-a97b-06bfc0a91c26',
};

interface CspReport {
  violations: { directive: string; blocked: string; sample: string }[];
  errors: string[];
  loaded?: boolean;
}

describe('under a strict Content-Security-Policy with Trusted Types', function () {
  this.timeout(30_000);
  let tenant: Tenant;
  let frame: HTMLIFrameElement;

  before(async () => {
    tenant = await createTenant({ fixtures: [FLOYD.file] });
  });

  after(async () => {
    frame?.remove();
    await deleteTenant(tenant);
  });

  it('the policy really is enforced on the harness page', async () => {
    const response = await fetch('/csp-harness.html');
    expect(response.headers.get('Content-Security-Policy')).to.contain("require-trusted-types-for 'script'");
  });

  it('renders the banner with no violation and no error', async () => {
    frame = document.createElement('iframe');
    frame.src = `/csp-harness.html?base=${encodeURIComponent(tenant.baseUrl)}&patient=${encodeURIComponent(FLOYD.id)}`;
    frame.title = 'CSP harness';
    document.body.append(frame);
    const win = () => frame.contentWindow as (Window & { cspReport?: CspReport }) | null;
    await waitUntil(() => win()?.cspReport?.loaded || win()?.cspReport?.errors.length, 'harness never loaded the bundle', { timeout: 10_000 });
    const banner = () => frame.contentDocument!.querySelector('portal-patient-banner')?.shadowRoot;
    await waitUntil(() => banner()?.querySelector('[part~="name"]')?.textContent?.includes('Connelly'), 'banner never rendered', { timeout: 10_000 });
    const report = win()!.cspReport!;
    expect(report.errors).to.deep.equal([]);
    expect(report.violations).to.deep.equal([]);
  });

  it('would notice a violation (the harness is not blind)', async () => {
    const doc = frame.contentDocument!;
    const before = win(frame).cspReport!.violations.length;
    const blocked = new Promise<void>((resolve) => doc.addEventListener('securitypolicyviolation', () => resolve(), { once: true }));
    // What an element would do if it put server text into markup: Trusted Types refuses and reports it.
    expect(() => {
      doc.body.innerHTML = '<img src=x>';
    }).to.throw(/TrustedHTML/);
    await blocked;
    expect(win(frame).cspReport!.violations.length).to.be.greaterThan(before);
  });
});

function win(frame: HTMLIFrameElement) {
  return frame.contentWindow as Window & { cspReport?: CspReport };
}
