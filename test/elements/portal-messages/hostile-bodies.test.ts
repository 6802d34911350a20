// What a message body can do when a server fills it with hostile markup: nothing. Bodies pass through
// markupToText (servers that store HTML) and textParts (links), and are drawn by Lit text and attribute bindings
// as the messages element draws them.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { markupToText } from '../../../src/api/fhir/map/markup-text.js';
import { textParts } from '../../../src/elements/portal-messages/text-parts.js';
import { XSS_CORPUS, watchForXss } from '../../support/xss-corpus.js';

class BodyTestHost extends LitElement {
  bodies: string[] = [];
  protected override render() {
    return html`${this.bodies.map(
      (body) => html`<p>${textParts(body).map((part) => (part.href ? html`<a href=${part.href} rel="noopener noreferrer">${part.text}</a>` : part.text))}</p>`,
    )}`;
  }
}
customElements.define('body-test-host', BodyTestHost);

describe('hostile message bodies', () => {
  it(`has a corpus of over 200 payloads`, () => {
    expect(XSS_CORPUS.length).to.be.greaterThan(200);
  });

  it('run nothing, load nothing from another origin and make no element but text and https links', async () => {
    const watch = watchForXss();
    try {
      const bodies = XSS_CORPUS.flatMap((payload) => [payload, markupToText(payload)]);
      const host = await fixture<BodyTestHost>(html`<body-test-host .bodies=${bodies}></body-test-host>`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watch.canary(), 'the canary').to.equal(undefined);
      expect(watch.dialogs).to.deep.equal([]);
      const tags = new Set([...host.shadowRoot!.querySelectorAll('*')].map((el) => el.localName));
      expect([...tags].sort()).to.deep.equal(['a', 'p'].filter((t) => tags.has(t)).sort());
      for (const a of host.shadowRoot!.querySelectorAll('a')) expect(new URL(a.href).protocol).to.equal('https:');
      expect(watch.remoteRequests()).to.deep.equal([]);
    } finally {
      watch.stop();
    }
  });
});
