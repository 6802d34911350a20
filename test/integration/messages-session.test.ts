import { expect } from '@open-wc/testing';
import { browser, signIn, smartDemoTenant, type Page } from '../support/second-browser-client.js';

// <portal-messages> on a page signed in through the real SMART pages of a demo tenant, in a browser context of its
// own (another computer): what Daniel types survives an idle timeout and comes back when he signs in again, is
// kept through an explicit sign-out when he asks for that, never shows for Mia on the same device, and a reply
// sent while the browser is offline waits, then reaches the server exactly once when the connection returns.

const DANIEL = 'Daniel Okafor';
const MIA = 'Mia Thompson';
const BOX = 'portal-messages [part~="body-input"]';
const SEND_STATE = 'portal-messages [part~="send-state"]';

describe('<portal-messages> through a real SMART session on the demo server', function () {
  this.timeout(90_000);
  const demo = smartDemoTenant();

  const openPage = async (fakeClock: boolean) => {
    const page = await demo.open(`/test/support/session-harness.html?base=${encodeURIComponent(demo.tenant().baseUrl)}&messages=1${fakeClock ? '&fakeClock=1' : ''}`);
    await browser.waitFor(page, 'portal-sign-in [part~="sign-in"]');
    return page;
  };
  const startNewMessage = async (page: Page) => {
    await browser.click(page, 'portal-messages [part~="new"]');
    await browser.waitFor(page, BOX);
  };
  /** Waits until the draft has been written (the element saves shortly after the last keystroke). */
  const letDraftSave = () => new Promise((resolve) => setTimeout(resolve, 1_000));

  it('keeps the text through an idle timeout and an explicit sign-out, for the same patient only', async () => {
    const page = await openPage(true);
    await signIn(page, DANIEL);
    await startNewMessage(page);
    const text = 'My knee is still swollen two weeks after the fall.';
    await browser.fill(page, BOX, text);
    await letDraftSave();

    // Fifteen quiet minutes: the warning, then the session ends and the patient's data leaves the page.
    await browser.call(page, 'advance', 13 * 60_000 + 1_000);
    await browser.waitFor(page, 'portal-idle-warning dialog[open]');
    await browser.call(page, 'advance', 2 * 60_000);
    await browser.waitFor(page, 'portal-sign-in [part~="sign-in"]');
    let kept = await browser.inspect(page);
    expect(kept.text, 'the text left the page').not.to.include('swollen');
    expect(JSON.stringify([kept.sessionStorage, kept.localStorage, kept.cookies]), 'never in plain storage').not.to.include('swollen');
    expect(kept.databases.length, 'the draft is kept on the device').to.be.greaterThan(0);

    await signIn(page, DANIEL);
    await startNewMessage(page);
    expect(await browser.value(page, BOX)).to.equal(text);
    await browser.waitFor(page, 'portal-messages [part~="draft-restored"]');

    // Signing out with the message unsent asks first; "keep" keeps it for Daniel's next sign-in.
    await browser.click(page, 'portal-sign-in [part~="sign-out"]');
    await browser.waitFor(page, 'portal-messages [part~="sign-out-question"][open]');
    await browser.click(page, 'portal-messages [part~="keep-draft"]');
    await browser.waitFor(page, 'portal-sign-in [part~="sign-in"]');
    kept = await browser.inspect(page);
    expect(kept.text, 'signed out: the text left the page').not.to.include('swollen');

    // Mia on the same computer: no draft of Daniel's, not even the notice that one was kept.
    await signIn(page, MIA);
    await startNewMessage(page);
    await letDraftSave();
    expect(await browser.value(page, BOX)).to.equal('');
    expect(await browser.count(page, 'portal-messages [part~="draft-restored"]')).to.equal(0);
    await browser.click(page, 'portal-sign-in [part~="sign-out"]');
    await browser.waitFor(page, 'portal-sign-in [part~="sign-in"]');

    await signIn(page, DANIEL);
    await startNewMessage(page);
    expect(await browser.value(page, BOX)).to.equal(text);
  });

  it('holds a reply sent offline and sends it once when the connection returns', async () => {
    const page = await openPage(false);
    const token = await signIn(page, DANIEL);
    await browser.click(page, 'portal-messages [part~="thread"]:has-text("A1c")');
    await browser.waitFor(page, BOX);
    const text = 'Thank you, I will keep taking it until my next visit.';
    await browser.fill(page, BOX, text);

    await browser.offline(page, true);
    await browser.click(page, 'portal-messages [part~="send"]');
    await browser.waitFor(page, `${SEND_STATE}:has-text("offline")`);
    expect(await browser.value(page, BOX), 'the text stays in the box').to.equal(text);

    await browser.offline(page, false);
    await browser.waitFor(page, `${SEND_STATE}:has-text("sent")`);
    expect(await browser.value(page, BOX)).to.equal('');
    const bundle = await (await fetch(`${demo.tenant().baseUrl}/Communication?_count=500`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const stored = (bundle.entry ?? []).filter((e: { resource: { payload?: Array<{ contentString?: string }> } }) =>
      e.resource.payload?.some((p) => p.contentString === text),
    );
    expect(stored, 'on the server exactly once').to.have.length(1);
  });
});
