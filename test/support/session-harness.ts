// A page signed in the way a hospital site is: `<portal-provider client-id>` with the sign-in element, the patient
// banner and the scheduler, against a SMART-enabled test tenant. Driven by test/support/second-browser.mjs through
// real redirects to the tenant's authorization server and back.
//
// `?base=<FHIR base>` (kept in sessionStorage, since the way back from sign-in carries only code and state);
// `&fakeClock=1` gives the idle timeout a clock the test moves with `portalTest.advance(ms)`; `&messages=1` adds
// `<portal-messages>` (whose unsent drafts outlive the session, encrypted, in IndexedDB).
import '../../src/define.js';
import { FakeClock } from './fake-clock.js';
import type { PortalProvider } from '../../src/elements/portal-provider/portal-provider.js';

const KEY = 'session-harness';
const params = new URLSearchParams(location.search);
if (params.has('base')) sessionStorage.setItem(KEY, JSON.stringify({ base: params.get('base'), fakeClock: params.has('fakeClock'), messages: params.has('messages') }));
const setup = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as { base?: string; fakeClock?: boolean; messages?: boolean };

const provider = document.createElement('portal-provider') as PortalProvider;
provider.setAttribute('fhir-base-url', setup.base ?? '/fhir');
provider.setAttribute('client-id', 'portal-kit-demo');
const clock = setup.fakeClock ? new FakeClock(Date.now()) : undefined;
if (clock) provider.idleClock = clock;
provider.append(
  document.createElement('portal-sign-in'),
  document.createElement('portal-patient-banner'),
  document.createElement(setup.messages ? 'portal-messages' : 'portal-scheduler'),
);
document.body.append(provider);
(window as unknown as { portalTest: Record<string, (arg: unknown) => unknown> }).portalTest = {
  advance: (ms) => clock?.advance(Number(ms)),
};
