// DESIGN.md §5: the elements work under a strict CSP (no unsafe-eval, no unsafe-inline) with Trusted Types
// enforced. A framed page with that policy loads each script-tag file from dist/ (the loader, the loader with
// the API module, the one-file bundle) and renders from the FHIR server: the banner, and secure messages whose
// bodies the server stored as XHTML and HTML with a script, a remote image and inline handlers in them.
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

/** Which page test/support/csp-harness.mjs serves, and what it loads. */
const KITS = {
  loader: 'dist/portal-kit.js, <portal-provider> in the markup',
  api: 'dist/portal-kit.js + dist/portal-kit-api.js, providePortal',
  bundle: 'dist/portal-kit.bundle.js',
} as const;

describe('under a strict Content-Security-Policy with Trusted Types', function () {
  this.timeout(30_000);
  let tenant: Tenant;
  const frames: HTMLIFrameElement[] = [];

  before(async () => {
    tenant = await createTenant({ fixtures: [FLOYD.file], resources: markupMessages() });
  });

  after(async () => {
    frames.forEach((frame) => frame.remove());
    await deleteTenant(tenant);
  });

  async function open(kit: keyof typeof KITS): Promise<HTMLIFrameElement> {
    const frame = document.createElement('iframe');
    frame.src = `/csp-harness.html?kit=${kit}&base=${encodeURIComponent(tenant.baseUrl)}&patient=${encodeURIComponent(FLOYD.id)}`;
    frame.title = `CSP harness (${kit})`;
    frames.push(frame);
    document.body.append(frame);
    await waitUntil(() => win(frame)?.cspReport?.loaded || win(frame)?.cspReport?.errors.length, `the ${kit} page never loaded`, { timeout: 10_000 });
    return frame;
  }

  it('the policy really is enforced on the harness page', async () => {
    for (const kit of Object.keys(KITS)) {
      const response = await fetch(`/csp-harness.html?kit=${kit}`);
      expect(response.headers.get('Content-Security-Policy'), kit).to.contain("require-trusted-types-for 'script'");
    }
  });

  for (const [kit, what] of Object.entries(KITS) as [keyof typeof KITS, string][]) {
    it(`renders the banner with no violation and no error: ${what}`, async () => {
      const frame = await open(kit);
      const banner = () => frame.contentDocument!.querySelector('portal-patient-banner')?.shadowRoot;
      await waitUntil(() => banner()?.querySelector('[part~="name"]')?.textContent?.includes('Connelly'), 'banner never rendered', { timeout: 10_000 });
      const report = win(frame)!.cspReport!;
      expect(report.errors).to.deep.equal([]);
      expect(report.violations).to.deep.equal([]);
      // The page is the one the title names: the loader pages fetched chunks, the bundle page one file.
      const chunks = frame.contentWindow!.performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/dist/portal-kit-chunks/'));
      expect(chunks.length > 0, 'chunks fetched').to.equal(kit !== 'bundle');
    });
  }

  for (const kit of ['loader', 'bundle'] as const) {
    it(`shows message bodies stored as markup as plain words, with no violation and nothing fetched from them: ${KITS[kit]}`, async () => {
      const frame = await open(kit);
      const messages = () => frame.contentDocument!.querySelector('portal-messages')?.shadowRoot;
      await waitUntil(() => messages()?.querySelector('[part~="thread"]'), 'the inbox never rendered', { timeout: 10_000 });
      (messages()!.querySelector('[part~="thread"]') as HTMLButtonElement).click();
      await waitUntil(() => messages()?.querySelectorAll('[part~="message"] [part~="body"]').length === 2, 'the conversation never rendered', { timeout: 10_000 });
      const bodies = [...messages()!.querySelectorAll('[part~="message"] [part~="body"]')].map((p) => p.textContent!);
      expect(bodies[0]).to.contain('Your blood count is normal.');
      expect(bodies[1]).to.contain('Bring your insurance card & your medicines.');
      expect(bodies.join(' ')).not.to.match(/<|alert|onerror/);
      expect(messages()!.querySelector('[part~="message"] img, [part~="message"] script')).to.equal(null);
      const report = win(frame)!.cspReport!;
      expect(report.errors).to.deep.equal([]);
      expect(report.violations).to.deep.equal([]);
      const remote = frame.contentWindow!.performance.getEntriesByType('resource').filter((entry) => entry.name.includes('tracker.example'));
      expect(remote, 'nothing fetched from a message').to.deep.equal([]);
      expect((window as { cspMessageRan?: number }).cspMessageRan, 'no script from a message ran').to.equal(undefined);
    });
  }

  for (const kit of ['loader', 'bundle'] as const) {
    it(`lists lab results and opens one, with no violation and no error: ${KITS[kit]}`, async () => {
      const frame = await open(kit);
      const results = () => frame.contentDocument!.querySelector('portal-results')?.shadowRoot;
      await waitUntil(() => results()?.querySelector('button[part~="report-item"]'), 'the results never listed', { timeout: 10_000 });
      (results()!.querySelector('button[part~="report-item"]') as HTMLElement).click();
      await waitUntil(() => results()?.querySelector('[part~="result"]'), 'the report never opened', { timeout: 10_000 });
      const report = win(frame)!.cspReport!;
      expect(report.errors).to.deep.equal([]);
      expect(report.violations).to.deep.equal([]);
    });
  }

  it('would notice a violation (the harness is not blind)', async () => {
    const frame = frames[0] ?? (await open('loader'));
    const doc = frame.contentDocument!;
    const before = win(frame)!.cspReport!.violations.length;
    const blocked = new Promise<void>((resolve) => doc.addEventListener('securitypolicyviolation', () => resolve(), { once: true }));
    // What an element would do if it put server text into markup: Trusted Types refuses and reports it.
    expect(() => {
      doc.body.innerHTML = '<img src=x>';
    }).to.throw(/TrustedHTML/);
    await blocked;
    expect(win(frame)!.cspReport!.violations.length).to.be.greaterThan(before);
  });
});

/** One thread for Floyd: a clinician's message stored as an XHTML attachment, a reply stored as HTML. */
function markupMessages(): unknown[] {
  const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  const patient = { reference: `Patient/${FLOYD.id}` };
  const clinician = { reference: 'Practitioner/csp-clinician' };
  const xhtml =
    '<div xmlns="http://www.w3.org/1999/xhtml"><p>Your blood count is normal.</p><script>window.parent.cspMessageRan = 1</script>' +
    '<img src="https://tracker.example/pixel.gif" onerror="window.parent.cspMessageRan = 2"/></div>';
  const htmlBody = '<html><body onload="window.parent.cspMessageRan = 3">Bring your insurance card &amp; your medicines.<br>Thank you.</body></html>';
  return [
    { resourceType: 'Practitioner', id: 'csp-clinician', name: [{ prefix: ['Dr.'], given: ['Hana'], family: 'Lee' }] },
    {
      resourceType: 'Communication', id: 'csp-root', status: 'completed', subject: patient, sender: clinician, recipient: [patient],
      sent: '2026-11-30T14:00:00Z', topic: { text: 'Your blood test' },
      payload: [{ contentAttachment: { contentType: 'application/xhtml+xml', data: base64(xhtml) } }],
    },
    {
      resourceType: 'Communication', id: 'csp-reply', status: 'completed', subject: patient, sender: clinician, recipient: [patient],
      partOf: [{ reference: 'Communication/csp-root' }], sent: '2026-11-30T15:00:00Z',
      payload: [{ contentAttachment: { contentType: 'text/html', data: base64(htmlBody) } }],
    },
  ];
}

function win(frame: HTMLIFrameElement) {
  return frame.contentWindow as (Window & { cspReport?: CspReport }) | null;
}
