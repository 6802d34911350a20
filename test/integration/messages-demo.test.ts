// <portal-messages> with the real FHIR adapter against the demo FHIR server, on servers with and without
// conditional create: what the patient types comes back after a reload, a failed send (503), a lost answer and
// signing in again, never for another patient, and each message reaches the server exactly once.
import { expect, html, waitUntil } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import { createDraftStore, type DraftStore } from '../../src/elements/portal-messages/drafts.js';
import type { PortalMessages } from '../../src/elements/portal-messages/portal-messages.js';
import type { Session } from '../../src/model/session.js';
import { mount } from '../contract/element-contract.js';
import { shadow } from '../support/dom.js';
import { createTenant, deleteTenant, injectFaults, requestLog, type Tenant, type TenantSeed } from '../support/fhir-tenant.js';

const ANA = 'pat-ana';
const BEN = 'pat-ben';
const LOST = 10;

function world(): unknown[] {
  const thread = (id: string, patient: string, text: string) => ({
    resourceType: 'Communication',
    id,
    status: 'completed',
    subject: { reference: `Patient/${patient}` },
    sender: { reference: 'Practitioner/dr-ortiz' },
    recipient: [{ reference: `Patient/${patient}` }],
    sent: '2026-11-20T15:00:00Z',
    topic: { text: 'Your visit' },
    payload: [{ contentString: text }],
  });
  return [
    { resourceType: 'Patient', id: ANA, name: [{ family: 'Mejía', given: ['Ana'] }] },
    { resourceType: 'Patient', id: BEN, name: [{ family: 'Okoro', given: ['Ben'] }] },
    { resourceType: 'Practitioner', id: 'dr-ortiz', name: [{ given: ['Lucía'], family: 'Ortiz', prefix: ['Dr.'] }] },
    thread('visit-ana', ANA, 'How are you feeling after your visit?'),
    thread('visit-ben', BEN, 'Your test is scheduled.'),
  ];
}

const MODES: Array<{ name: string; options: NonNullable<TenantSeed['options']> }> = [
  { name: 'conditional create', options: {} },
  { name: 'no conditional create', options: { conditionalCreate: false } },
];

/** The Communications the server holds with this body, read without the adapter. */
async function storedWithBody(tenant: Tenant, body: string): Promise<number> {
  const bundle = await (await fetch(`${tenant.baseUrl}/Communication?_count=200`)).json();
  return (bundle.entry ?? []).filter((e: { resource: { payload?: Array<{ contentString?: string }> } }) =>
    e.resource.payload?.some((p) => p.contentString === body),
  ).length;
}

for (const mode of MODES) {
  describe(`<portal-messages> on the demo FHIR server: ${mode.name}`, function () {
    this.timeout(40_000);
    let tenant: Tenant;
    let drafts: DraftStore;

    beforeEach(async () => {
      tenant = await createTenant({ resources: world(), options: mode.options });
      drafts = createDraftStore({ name: `messages-demo-${Date.now()}-${Math.random()}` });
    });
    afterEach(async () => deleteTenant(tenant));

    const open = async (patient: string) => {
      const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'token', patientId: patient } });
      const session: Session = { status: 'signed-in', patientId: patient };
      const { element } = await mount<PortalMessages>(
        { tag: 'portal-messages', template: () => html`<portal-messages .drafts=${drafts}></portal-messages>`, readySelector: '[part~="inbox"]', loadOperation: 'messaging.listThreads' },
        { api, session },
      );
      await waitUntil(() => shadow(element, '[part~="thread"]'), 'the inbox', { timeout: 10_000 });
      (shadow(element, '[part~="thread"]') as HTMLButtonElement).click();
      await waitUntil(() => shadow(element, '[part~="body-input"]') && shadow(element, '[part~="message"]'), 'the conversation', { timeout: 10_000 });
      return element;
    };
    const box = (element: PortalMessages) => shadow(element, '[part~="body-input"]') as HTMLTextAreaElement;
    const typeInto = (element: PortalMessages, text: string) => {
      box(element).value = text;
      box(element).dispatchEvent(new Event('input'));
    };
    const press = (element: PortalMessages) => (shadow(element, '[part~="send"]') as HTMLButtonElement).click();
    const settleDraft = () => new Promise((resolve) => setTimeout(resolve, 700));

    it('restores the text after a reload and after signing in again, never for another patient', async () => {
      const first = await open(ANA);
      typeInto(first, 'I still have a headache.');
      await settleDraft();
      first.remove();
      // A reload, or an idle sign-out followed by signing in again as Ana: a new element, the same device.
      const again = await open(ANA);
      await waitUntil(() => box(again).value === 'I still have a headache.', 'restored');
      again.remove();
      const other = await open(BEN);
      await settleDraft();
      expect(box(other).value).to.equal('');
      expect(shadow(other, '[part~="draft-restored"]')).to.equal(null);
    });

    it('keeps the text through a 503 and sends it once when pressed again', async () => {
      const element = await open(ANA);
      const text = 'Can I take ibuprofen?';
      typeInto(element, text);
      // More 503s than the adapter's own retries, so that the person meets the failure.
      await injectFaults(tenant, { status: 503, count: 6, pathIncludes: '/Communication', match: mode.options.conditionalCreate === false ? 'PUT' : 'POST' });
      press(element);
      await waitUntil(() => shadow(element, '[part~="send-state"][role="alert"]'), 'the failure', { timeout: 20_000 });
      expect(box(element).value).to.equal(text);
      // Pressed again (as often as the server still fails) until it goes.
      for (let attempt = 0; attempt < 6 && !shadow(element, '[part~="send-state"][role="status"]'); attempt++) {
        press(element);
        await waitUntil(() => !(shadow(element, '[part~="send"]') as HTMLButtonElement).disabled, 'answered', { timeout: 20_000 });
      }
      await waitUntil(() => shadow(element, '[part~="send-state"][role="status"]'), 'sent', { timeout: 10_000 });
      expect(box(element).value).to.equal('');
      expect(await storedWithBody(tenant, text)).to.equal(1);
    });

    it('after a lost answer, pressing again ends with exactly one message', async () => {
      const element = await open(ANA);
      const text = 'Did my message arrive?';
      typeInto(element, text);
      await injectFaults(tenant, { answerLost: true, count: LOST, pathIncludes: '/Communication', match: mode.options.conditionalCreate === false ? 'PUT' : 'POST' });
      press(element);
      await waitUntil(() => shadow(element, '[part~="send-state"]'), 'an outcome', { timeout: 20_000 });
      // The adapter finds the stored message itself, or the person is told it is safe to press again.
      if (shadow(element, '[part~="send-state"][role="alert"]')) {
        expect(box(element).value).to.equal(text);
        press(element);
        await waitUntil(() => shadow(element, '[part~="send-state"][role="status"]'), 'sent', { timeout: 20_000 });
      }
      expect((await requestLog(tenant)).some((entry) => entry.answerLost), 'the fault was hit').to.equal(true);
      expect(await storedWithBody(tenant, text)).to.equal(1);
    });
  });
}
