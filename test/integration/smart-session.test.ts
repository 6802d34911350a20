import { expect } from '@open-wc/testing';
import type { Tenant } from '../support/fhir-tenant.js';
import { browser, signIn as signInAs, smartDemoTenant, type Page } from '../support/second-browser-client.js';

// The whole SMART round trip as a patient makes it, in a second browser context driven by Playwright: the
// harness page's "Sign in" leaves for the tenant's authorization server, the patient is picked there, the
// redirect comes back with code and state, and every element loads that patient. Then sign-out (and, in the
// second test, an idle timeout on a fake clock) must leave no token in any storage and no patient in the DOM,
// and the context's own request log must show the token only on its way to the FHIR base and the token and
// revocation endpoints.

const PATIENT = { id: 'daniel-okafor', name: 'Daniel Okafor' };

/** Signs in as Daniel through the real pages; the banner shows him once every element has him. */
async function signIn(page: Page): Promise<string> {
  const token = await signInAs(page, PATIENT.name);
  await browser.waitFor(page, 'portal-patient-banner [part~="name"]');
  return token;
}

async function expectNothingLeft(page: Page, token: string) {
  const kept = await browser.inspect(page);
  const stored = JSON.stringify([kept.sessionStorage, kept.localStorage, kept.cookies, kept.databases]);
  expect(stored, 'no token in any storage').not.to.include(token);
  expect(kept.databases, 'no IndexedDB').to.deep.equal([]);
  for (const trace of [PATIENT.name, 'Okafor', PATIENT.id]) expect(kept.text, `"${trace}" left in the DOM`).not.to.include(trace);
  expect(kept.url, 'code and state are off the address bar').not.to.match(/[?&](code|state)=/);
}

async function expectTokenOnlyWhereItBelongs(page: Page, tenant: Tenant, token: string) {
  const discovery = await (await fetch(`${tenant.baseUrl}/.well-known/smart-configuration`)).json();
  const allowed = (url: string) =>
    url.startsWith(`${tenant.baseUrl}/`) || url.split('?')[0] === discovery.token_endpoint || url.split('?')[0] === discovery.revocation_endpoint;
  const requests = await browser.requests(page);
  const carrying = requests.filter((r) => r.authorization?.includes(token) || r.body?.includes(token) || r.url.includes(token));
  expect(carrying.length, 'the token was used').to.be.greaterThan(0);
  expect(carrying.filter((r) => !allowed(r.url)).map((r) => r.url)).to.deep.equal([]);
  expect(carrying.filter((r) => r.url.includes(token)), 'never in a URL').to.deep.equal([]);
}

describe('SMART sign-in on the demo server, end to end', function () {
  this.timeout(60_000);
  const demo = smartDemoTenant();

  it('signs in once for every element, then signs out leaving no token and no patient behind', async () => {
    const tenant = demo.tenant();
    const page = await demo.open(`/test/support/session-harness.html?base=${encodeURIComponent(tenant.baseUrl)}`);
    await browser.waitFor(page, 'portal-sign-in [part~="sign-in"]');
    const token = await signIn(page);

    expect(await browser.text(page, 'portal-patient-banner [part~="name"]')).to.equal(PATIENT.name);
    expect(await browser.text(page, 'portal-sign-in [part~="name"]')).to.equal(PATIENT.name);
    await browser.click(page, 'portal-scheduler [part~="view"]:has-text("appointments")');
    await browser.waitFor(page, 'portal-scheduler [part~="appointment"]');
    let kept = await browser.inspect(page);
    expect(JSON.stringify([kept.sessionStorage, kept.localStorage, kept.cookies]), 'the token lives in memory only').not.to.include(token);

    await browser.click(page, 'portal-sign-in [part~="sign-out"]');
    await browser.waitFor(page, 'portal-sign-in [part~="sign-in"]');
    await expectNothingLeft(page, token);

    // Revoked at the server: the token no longer opens the record.
    const refused = await fetch(`${tenant.baseUrl}/Patient/${PATIENT.id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).to.equal(401);
    await expectTokenOnlyWhereItBelongs(page, tenant, token);
    kept = await browser.inspect(page);
    expect(kept.text).to.include('Sign in');
  });

  it('ends the session after 15 quiet minutes on a fake clock, with the same nothing left behind', async () => {
    const tenant = demo.tenant();
    const page = await demo.open(`/test/support/session-harness.html?base=${encodeURIComponent(tenant.baseUrl)}&fakeClock=1`);
    await browser.waitFor(page, 'portal-sign-in [part~="sign-in"]');
    const token = await signIn(page);

    await browser.call(page, 'advance', 13 * 60_000 + 1_000);
    await browser.waitFor(page, 'portal-idle-warning dialog[open]');
    await browser.call(page, 'advance', 2 * 60_000);
    await browser.waitFor(page, 'portal-sign-in [part~="sign-in"]');
    await expectNothingLeft(page, token);
    await expectTokenOnlyWhereItBelongs(page, tenant, token);
  });
});
