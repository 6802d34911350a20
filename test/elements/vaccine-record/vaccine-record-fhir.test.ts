// <vaccine-record> on the real FHIR adapter against the FHIR test server (a tenant of the demo server's code), with
// Synthea's infant and her 17 childhood immunizations: the record in words, and a dose reported once when the
// server's answer is lost, with conditional create and without it.
import { expect, html, waitUntil } from '@open-wc/testing';
import { createFhirAdapter } from '../../../src/api/fhir/adapter.js';
import type { VaccineRecord } from '../../../src/elements/vaccine-record/vaccine-record.js';
import { mount, type ContractSubject } from '../../contract/element-contract.js';
import { all, click, shadow, textOf } from '../../support/dom.js';
import { createTenant, deleteTenant, injectFaults, requestLog, type Tenant } from '../../support/fhir-tenant.js';

const ENDA = { file: 'test/fixtures/shared/fhir-r4/synthea/Enda_Schaefer_dd760206-6c4e-4e25-a799-f5c563e489a1.json', id: 'd070e7dd-4d25-4c52-9fb2-78d232e1cf2c' };
const subject: ContractSubject = { tag: 'vaccine-record', template: () => html`<vaccine-record></vaccine-record>`, readySelector: '[part~="history"]', loadOperation: 'immunizations.list' };
const type = (field: HTMLInputElement | HTMLSelectElement, value: string) => {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
};

describe('<vaccine-record> on the FHIR adapter', () => {
  const tenants: Tenant[] = [];
  after(async () => Promise.all(tenants.map(deleteTenant)));

  for (const conditionalCreate of [true, false]) {
    it(`shows the infant's 17 doses in words and stores a reported dose once after a lost answer (conditional create ${conditionalCreate ? 'on' : 'off'})`, async function () {
      this.timeout(30_000); // a tenant of its own, seventeen doses, a write and its lost answer
      const tenant = await createTenant({ fixtures: [ENDA.file], options: { conditionalCreate } });
      tenants.push(tenant);
      const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'vaccine-token', patientId: ENDA.id } });
      const { element, events } = await mount<VaccineRecord>(subject, { api });
      await waitUntil(() => all(element, '[part~="dose"]').length === 17, 'the 17 doses', { timeout: 8000 });
      const names = all(element, '[part~="dose-name"]').map((n) => textOf(n));
      expect(names.every((name) => /[a-z]{3}/i.test(name) && !/^\d+$/.test(name)), names.join('|')).to.equal(true);
      expect(all(element, '[part~="dose-date"]').every((d) => /^Given [A-Z][a-z]+ \d{1,2}, \d{4}$/.test(textOf(d)))).to.equal(true);

      click(element, '[part~="report"][part~="button"]');
      await waitUntil(() => shadow(element, '[part~="report-form"]'), 'the form loaded', { timeout: 5_000 });
      type(shadow<HTMLInputElement>(element, '#report-vaccine')!, 'Flu vaccine, nasal spray');
      type(shadow<HTMLInputElement>(element, '#report-year')!, '2025');
      type(shadow<HTMLSelectElement>(element, '#report-month')!, '09');
      // Chromium resends a request whose reused connection closed unanswered, a POST too, several times: every copy is
      // carried out and its answer lost, so the adapter itself meets the lost answer (as in fhir-booking-modes.test.ts).
      // Without conditional create the adapter writes by PUT (update as create under an id from the key).
      await injectFaults(tenant, { answerLost: true, count: 10, match: conditionalCreate ? 'POST' : 'PUT', pathIncludes: '/Immunization' });
      click(element, '[part~="save"]');
      await waitUntil(() => shadow(element, '[part~="saved"]') || shadow(element, '[part~="report-failed"]'), 'an outcome', { timeout: 8000 });
      if (shadow(element, '[part~="report-failed"]')) {
        click(element, '[part~="save"]');
        await waitUntil(() => shadow(element, '[part~="saved"]'), 'saved on the second press', { timeout: 8000 });
      }
      const log = await requestLog(tenant);
      expect(log.some((entry) => entry.answerLost), 'the fault was hit').to.equal(true);
      await waitUntil(() => all(element, '[part~="dose"]').length === 18, 'the reported dose listed', { timeout: 8000 });
      const mine = all(element, '[part~="dose"]').map((d) => textOf(d)).filter((t) => t.includes('nasal spray'));
      expect(mine).to.have.length(1);
      expect(mine[0]).to.contain('Given September 2025').and.contain('You reported — not yet confirmed');
      expect(events.filter((e) => e.type === 'portal-immunization-reported')).to.have.length(1);
      const stored = await api.immunizations.list(new AbortController().signal);
      expect(stored.items.filter((i) => i.vaccine.cvx === '149')).to.have.length(1);
    });
  }
});

/** The JWS's signature checked with the server's published key, and its inflated payload. */
async function openSignedCard(jws: string, keySet: { keys: JsonWebKey[] }) {
  const [head, body, signature] = jws.split('.');
  const bytes = (part: string) => Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const header = JSON.parse(new TextDecoder().decode(bytes(head!))) as { alg: string; zip: string; kid: string };
  const jwk = keySet.keys.find((k) => (k as { kid?: string }).kid === header.kid)!;
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, bytes(signature!), new TextEncoder().encode(`${head}.${body}`));
  const inflated = await new Response(new Blob([bytes(body!)]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
  return { header, valid, payload: JSON.parse(inflated) as { iss: string; vc: { type: string[]; credentialSubject: { fhirBundle: { entry: Array<{ resource: Record<string, unknown> }> } } } } };
}

describe('<vaccine-record> the patient\'s own card on the FHIR adapter', () => {
  const tenants: Tenant[] = [];
  after(async () => Promise.all(tenants.map(deleteTenant)));

  it('offers no card on a plain server (no operations), and issues a signed card where the server offers $health-cards-issue', async function () {
    this.timeout(30_000);
    const plain = await createTenant({ fixtures: [ENDA.file], options: { bookingMode: 'rest' } });
    const standard = await createTenant({ fixtures: [ENDA.file], options: { bookingMode: 'ihe' } });
    tenants.push(plain, standard);
    const auth = { getAccessToken: async () => 'vaccine-token', patientId: ENDA.id };

    const onPlain = await mount<VaccineRecord>(subject, { api: createFhirAdapter({ baseUrl: plain.baseUrl, auth }) });
    await waitUntil(() => all(onPlain.element, '[part~="dose"]').length === 17, 'the 17 doses', { timeout: 8000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Boolean(shadow(onPlain.element, '[part~="my-card"]')), 'no card button on a plain server').to.equal(false);

    const { element } = await mount<VaccineRecord>(subject, { api: createFhirAdapter({ baseUrl: standard.baseUrl, auth }) });
    await waitUntil(() => shadow(element, '[part~="my-card"][part~="button"]'), 'the card button', { timeout: 8000 });
    click(element, '[part~="my-card"][part~="button"]');
    await waitUntil(() => shadow(element, '[part~="download"]'), 'the issued card', { timeout: 8000 });
    const file = (await (await fetch(shadow<HTMLAnchorElement>(element, '[part~="download"]')!.href)).json()) as { verifiableCredential: string[] };
    expect(file.verifiableCredential).to.have.length(1);
    // Seventeen childhood doses, minimized and compressed, still fit one code (872 characters when measured).
    expect(file.verifiableCredential[0]!.length).to.be.at.most(1195);
    expect(shadow(element, '[part~="qr"] svg path')?.getAttribute('d')).to.match(/^M/);
    const keySet = (await (await fetch(`${standard.baseUrl}/.well-known/jwks.json`)).json()) as { keys: JsonWebKey[] };
    const card = await openSignedCard(file.verifiableCredential[0]!, keySet);
    expect(card.valid, 'signed by the key the server publishes').to.equal(true);
    expect(card.header).to.include({ alg: 'ES256', zip: 'DEF' });
    expect(card.payload.iss).to.equal(standard.baseUrl);
    expect(card.payload.vc.type).to.include('https://smarthealth.cards#health-card');
    const resources = card.payload.vc.credentialSubject.fhirBundle.entry.map((e) => e.resource);
    expect(resources.filter((r) => r.resourceType === 'Immunization')).to.have.length(17);
    expect(resources[0]).to.include({ resourceType: 'Patient' });
    expect(JSON.stringify(resources)).to.not.contain('"display"'); // minimized as cards are: codes only, no narrative
  });
  it("splits a record too long for one code over several cards, each scanning from one code, each series on one card", async function () {
    this.timeout(30_000);
    const hospitalToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const demo = await createTenant({ options: { demoSeed: hospitalToday } });
    tenants.push(demo);
    const MIA = 'mia-thompson';
    const seeded = (await (await fetch(`${demo.baseUrl}/Immunization?patient=Patient/${MIA}&_count=500`)).json()) as { entry?: Array<{ resource: { status: string; primarySource?: boolean } }> };
    const cardable = (seeded.entry ?? []).filter((e) => e.resource.status === 'completed' && e.resource.primarySource !== false).length;
    expect(cardable, "Mia's recorded doses").to.be.greaterThan(20);

    const auth = { getAccessToken: async () => 'vaccine-token', patientId: MIA };
    const { element } = await mount<VaccineRecord>(subject, { api: createFhirAdapter({ baseUrl: demo.baseUrl, auth }) });
    await waitUntil(() => shadow(element, '[part~="my-card"][part~="button"]'), 'the card button', { timeout: 8000 });
    click(element, '[part~="my-card"][part~="button"]');
    await waitUntil(() => shadow(element, '[part~="download"]'), 'the issued cards', { timeout: 8000 });
    const cards = all(element, 'li[part~="my-card"]');
    expect(cards.length).to.be.greaterThan(1);
    expect(textOf(shadow(element, '[part~="card-several"]'))).to.contain(`on ${cards.length} cards`);
    const keySet = (await (await fetch(`${demo.baseUrl}/.well-known/jwks.json`)).json()) as { keys: JsonWebKey[] };
    const cardOf = new Map<string, number>();
    let doses = 0;
    for (const [index, item] of cards.entries()) {
      expect(item.querySelector('[part~="qr"] svg'), `card ${index + 1} has its code`).to.not.equal(null);
      // Each card says what it holds, in the record's words: a vaccine name, never "CVX 08".
      expect(textOf(item.querySelector('[part~="card-holds"]'))).to.match(/^Holds .+\.$/).and.not.match(/CVX|\(\d+\)/);
      const download = item.querySelector<HTMLAnchorElement>('[part~="download"]')!;
      expect(download.getAttribute('download')).to.equal(`vaccines-${index + 1}-of-${cards.length}.smart-health-card`);
      const [jws] = ((await (await fetch(download.href)).json()) as { verifiableCredential: string[] }).verifiableCredential;
      expect(jws!.length).to.be.at.most(1195);
      const card = await openSignedCard(jws!, keySet);
      expect(card.valid, `card ${index + 1} signed by the published key`).to.equal(true);
      for (const { resource } of card.payload.vc.credentialSubject.fhirBundle.entry) {
        if (resource.resourceType !== 'Immunization') continue;
        doses++;
        const cvx = (resource.vaccineCode as { coding: Array<{ code: string }> }).coding[0]!.code;
        expect(cardOf.get(cvx) ?? index, `every ${cvx} dose on one card`).to.equal(index);
        cardOf.set(cvx, index);
      }
    }
    expect(doses, 'every recorded dose on some card, once').to.equal(cardable);
  });
});
