// The patient's own SMART Health Card: offered only where the server issues one, drawn as one QR code that
// decodes back to the very JWS the server signed, offered as a file, and a card too long for one code offered
// as the file only.
import { expect, html, waitUntil } from '@open-wc/testing';
import { binarize, Decoder, Detector, grayscale } from '@nuintun/qrcode';
import type { VaccineRecord } from '../../../src/elements/vaccine-record/vaccine-record.js';
import { cardCode, MAX_SINGLE_QR_JWS } from '../../../src/elements/vaccine-record/my-card-part.js';
import { jwsToNumeric, numericToJws } from '../../../src/health-cards/index.js';
import { mount, type ContractSubject } from '../../contract/element-contract.js';
import { all, click, shadow, textOf } from '../../support/dom.js';
import { makeIssuer } from '../../health-cards/issuer.js';

const subject: ContractSubject = {
  tag: 'vaccine-record',
  template: () => html`<vaccine-record></vaccine-record>`,
  readySelector: '[part~="history"]',
  loadOperation: 'immunizations.list',
};

const issuer = await makeIssuer('https://issuer.example.org/shc');
const shortCard = await issuer.sign(issuer.card());
/** A card whose payload does not compress (random lot numbers), so its JWS is longer than one code holds. */
async function longCard(): Promise<string> {
  const doses = Array.from({ length: 16 }, (_, i) => ({
    fullUrl: `resource:${i + 1}`,
    resource: { resourceType: 'Immunization', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208' }] }, patient: { reference: 'resource:0' }, occurrenceDateTime: '2021-05-03', lotNumber: crypto.randomUUID() },
  }));
  const payload = issuer.card();
  const vc = payload.vc as { credentialSubject: { fhirBundle: { entry: unknown[] } } };
  vc.credentialSubject.fhirBundle.entry.push(...doses);
  return issuer.sign(payload);
}

/** Reads the QR code the element drew: its SVG path painted on a canvas at 6 px a module, then decoded. */
function readDrawnCode(svg: SVGSVGElement): { content: string; version: number } {
  const [x, y, size] = svg.getAttribute('viewBox')!.split(' ').map(Number);
  const scale = 6;
  const canvas = new OffscreenCanvas(size! * scale, size! * scale);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.setTransform(scale, 0, 0, scale, -x! * scale, -y! * scale);
  context.fillStyle = '#000';
  context.fill(new Path2D(svg.querySelector('path')!.getAttribute('d')!));
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const decoder = new Decoder();
  const candidates = new Detector().detect(binarize(grayscale(image), image.width, image.height));
  for (let next = candidates.next(); !next.done; ) {
    try {
      const decoded = decoder.decode(next.value.matrix);
      return { content: decoded.content, version: decoded.version };
    } catch {
      next = candidates.next(false); // Not this candidate: the next one.
    }
  }
  throw new Error('no QR code could be read');
}

async function openMyCard(element: VaccineRecord) {
  await waitUntil(() => shadow(element, '[part~="my-card"][part~="button"]'), 'the card button');
  click(element, '[part~="my-card"][part~="button"]');
  // The loading state comes first; wait past it for the card, no card, or the error.
  await waitUntil(() => shadow(element, '[part~="my-card"]:not(button), [part~="card-none"], [part~="state"][part~="error"]'), 'the card', { timeout: 8_000 });
}

describe('<vaccine-record> my SMART Health Card', () => {
  it('offers no card where the server issues none', async () => {
    const { element } = await mount<VaccineRecord>(subject);
    await waitUntil(() => shadow(element, '[part~="dose"]'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Boolean(shadow(element, '[part~="my-card"]'))).to.equal(false);
  });

  it('draws the card as one QR code, version 22 or lower, that decodes back to the same JWS; and offers the file', async () => {
    const { element } = await mount<VaccineRecord>(subject, { memory: { healthCards: [shortCard] } });
    await openMyCard(element);
    const svg = shadow<SVGSVGElement>(element, '[part~="qr"] svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('QR code of your SMART Health Card');
    const read = readDrawnCode(svg);
    expect(read.content).to.equal(jwsToNumeric(shortCard));
    expect(numericToJws(read.content)).to.equal(shortCard);
    expect(read.version).to.be.at.most(22);
    const download = shadow<HTMLAnchorElement>(element, '[part~="download"]')!;
    expect(download.getAttribute('download')).to.match(/\.smart-health-card$/);
    expect(download.href).to.match(/^blob:/);
    const file = await (await fetch(download.href)).json();
    expect(file).to.deep.equal({ verifiableCredential: [shortCard] });
    await expect(element).to.be.accessible();
  });

  it('offers a card too long for one code as the file only, saying why', async () => {
    const long = await longCard();
    expect(long.length).to.be.above(MAX_SINGLE_QR_JWS);
    expect(cardCode(long)).to.equal(undefined);
    const { element } = await mount<VaccineRecord>(subject, { memory: { healthCards: [long] }, lang: 'es' });
    await openMyCard(element);
    expect(Boolean(shadow(element, '[part~="qr"]'))).to.equal(false);
    expect(textOf(shadow(element, '[part~="card-too-long"]')!)).to.contain('demasiadas vacunas para un solo código QR');
    // What it holds, named as the record names the vaccine to a Spanish reader (CVX 208, Pfizer-BioNTech's original).
    expect(textOf(shadow(element, '[part~="card-holds"]'))).to.equal('Contiene Vacuna contra el COVID-19, Pfizer-BioNTech (original, 30 mcg) (16 dosis).');
    const file = await (await fetch(shadow<HTMLAnchorElement>(element, '[part~="download"]')!.href)).json();
    expect(file).to.deep.equal({ verifiableCredential: [long] });
  });

  it('fits the longest JWS one code holds at level L into version 22', () => {
    // The JWS alphabet's highest character ('z') makes the largest digits; the length decides the version.
    const jws = `${'a'.repeat(400)}.${'z'.repeat(400)}.${'A'.repeat(MAX_SINGLE_QR_JWS - 802)}`;
    const code = cardCode(jws)!;
    expect(code.version).to.equal(22);
    expect(cardCode(`${jws}b`)).to.equal(undefined);
  });

  it('says when there is no card yet, and offers to try again when issuing fails', async () => {
    const { element } = await mount<VaccineRecord>(subject, { memory: { healthCards: [], } });
    await openMyCard(element);
    expect(textOf(shadow(element, '[part~="card-none"]')!)).to.contain('no card to show yet');

    const failing = await mount<VaccineRecord>(subject, { memory: { healthCards: [shortCard], fail: { kind: 'server', operations: ['immunizations.issueHealthCards'] } } });
    await openMyCard(failing.element);
    expect(all(failing.element, '[part~="retry"]').length).to.equal(1);
    expect(failing.events.some((e) => e.type === 'portal-error')).to.equal(true);
  });
});
