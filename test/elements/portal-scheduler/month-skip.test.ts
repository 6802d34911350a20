// A month with no free time left opens the next one by itself, once the search of the month on screen says so.
import { expect, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { PortalScheduler } from '../../../src/elements/portal-scheduler/portal-scheduler.js';
import { mount, PATIENT_ID } from '../../contract/element-contract.js';
import { all, shadow } from '../../support/dom.js';
import { freezeClock } from '../../support/frozen-clock.js';

// Saturday 31 July 2027, 3 PM in New York: the downtown clinic closed at 1 PM, and Sunday 1 August (the day the
// month's search reaches into) it is closed too: July has nothing left to show.
const LATE_IN_JULY = Date.parse('2027-07-31T15:00:00-04:00');
const subject = { tag: 'portal-scheduler', template: () => html`<portal-scheduler></portal-scheduler>`, readySelector: '[part~="slot"]', loadOperation: 'scheduling.listServices' };

describe('<portal-scheduler> a month with no time left', () => {
  let thaw: () => void = () => undefined;
  afterEach(() => thaw());

  it('opens the next month on its first free day; the person moving back stays where they went', async () => {
    thaw = freezeClock(LATE_IN_JULY);
    const api = createMemoryAdapter({ patientId: PATIENT_ID, now: () => new Date(LATE_IN_JULY) });
    const { element } = await mount<PortalScheduler>({ ...subject, template: () => html`<portal-scheduler location="loc-downtown"></portal-scheduler>` }, { api });
    await waitUntil(() => shadow(element, '[part~="slot"]'), 'no times shown', { timeout: 4000 });
    expect(shadow(element, '[aria-selected="true"]')!.getAttribute('data-day')).to.equal('2027-08-02');
    expect(element.shadowRoot!.textContent).to.contain('August 2027');
    // Back to July by the person's own press: it stays there.
    (all(element, '[part~="calendar-nav"]')[0] as HTMLButtonElement).click();
    await waitUntil(() => element.shadowRoot!.textContent!.includes('July 2027'), 'did not go back');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(element.shadowRoot!.textContent, 'not moved on again').to.contain('July 2027');
  });
});
