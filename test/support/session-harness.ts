// A page signed in the way a hospital site is: `<portal-provider client-id>` with the sign-in element, the patient
// banner and the scheduler, against a SMART-enabled test tenant. Driven by test/support/second-browser.mjs through
// real redirects to the tenant's authorization server and back.
//
// `?base=<FHIR base>` (kept in sessionStorage, since the way back from sign-in carries only code and state);
// `&fakeClock=1` gives the idle timeout a clock the test moves with `portalTest.advance(ms)`.
import '../../src/define.js';
import type { IdleClock } from '../../src/controllers/idle-timer.js';
import type { PortalProvider } from '../../src/elements/portal-provider/portal-provider.js';

const KEY = 'session-harness';
const params = new URLSearchParams(location.search);
if (params.has('base')) sessionStorage.setItem(KEY, JSON.stringify({ base: params.get('base'), fakeClock: params.has('fakeClock') }));
const setup = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as { base?: string; fakeClock?: boolean };

function fakeClock(): IdleClock & { advance(ms: number): void } {
  let offset = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let ids = 0;
  const clock = {
    now: () => Date.now() + offset,
    setTimeout(fn: () => void, ms: number) {
      timers.set(++ids, { at: clock.now() + ms, fn });
      return ids;
    },
    clearTimeout: (id: unknown) => void timers.delete(id as number),
    advance(ms: number) {
      offset += ms;
      // Timers armed by a firing timer count too, as long as they fall due by the new time.
      for (;;) {
        const due = [...timers].filter(([, timer]) => timer.at <= clock.now()).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        due[1].fn();
      }
    },
  };
  return clock;
}

const provider = document.createElement('portal-provider') as PortalProvider;
provider.setAttribute('fhir-base-url', setup.base ?? '/fhir');
provider.setAttribute('client-id', 'portal-kit-demo');
const clock = setup.fakeClock ? fakeClock() : undefined;
if (clock) provider.idleClock = clock;
provider.append(
  document.createElement('portal-sign-in'),
  document.createElement('portal-patient-banner'),
  document.createElement('portal-scheduler'),
);
document.body.append(provider);
(window as unknown as { portalTest: Record<string, (arg: unknown) => unknown> }).portalTest = {
  advance: (ms) => clock?.advance(Number(ms)),
};
