import { expect, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import type { PortalApi } from '../../../src/api/portal-api.js';
import type { PortalScheduler } from '../../../src/elements/portal-scheduler/portal-scheduler.js';
import { localDayOf, startOfLocalDay } from '../../../src/time/zones.js';
import type { SlotQuery } from '../../../src/model/index.js';
import { mount, PATIENT_ID } from '../../contract/element-contract.js';
import { all, shadow } from '../../support/dom.js';

const ZONE = 'America/New_York';
const DAY_MS = 86_400_000;

/**
 * A server that pages before a month's end, the way one does at a mass-vaccination site: a search longer
 * than two days answers only its first two clinic days with times, and says it was cut short.
 */
function pagingServer() {
  const memory = createMemoryAdapter({ patientId: PATIENT_ID, bookingMode: 'rest' });
  const queries: SlotQuery[] = [];
  /** Days whose times were all taken since the month was searched. */
  const takenDays = new Set<string>();
  const scheduling: PortalApi['scheduling'] = {
    ...memory.scheduling,
    async searchSlots(query, signal) {
      queries.push(query);
      const result = await memory.scheduling.searchSlots(query, signal);
      if (Date.parse(query.to) - Date.parse(query.from) <= 2 * DAY_MS) {
        return { ...result, slots: result.slots.filter((slot) => !takenDays.has(localDayOf(slot.start, ZONE))) };
      }
      const days = [...new Set(result.slots.map((slot) => localDayOf(slot.start, ZONE)))].sort().slice(0, 2);
      return { ...result, slots: result.slots.filter((slot) => days.includes(localDayOf(slot.start, ZONE))), truncated: true };
    },
  };
  return { api: { ...memory, scheduling }, memory, queries, takenDays };
}

async function mountPaged() {
  const server = pagingServer();
  const { element } = await mount<PortalScheduler>(
    { tag: 'portal-scheduler', template: () => html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, readySelector: '[part~="slot"]', loadOperation: '', access: 'public' },
    { api: server.api },
  );
  await waitUntil(() => shadow(element, '[part~="slot"]'), 'no times shown', { timeout: 4000 });
  return { element, ...server };
}

/** Days past the cut (shown as unchecked) that have times on the unpaged server, moving a month on if needed. */
async function uncheckedDaysWithTimes(element: PortalScheduler, memory: PortalApi): Promise<string[]> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const unchecked = all(element, '[part~="day-unchecked"]').map((cell) => cell.dataset.day!);
    if (unchecked.length) {
      const from = startOfLocalDay(unchecked[0], ZONE);
      const to = startOfLocalDay(unchecked.at(-1)!, ZONE);
      const full = await memory.scheduling.searchSlots({ from, to: new Date(Date.parse(to) + DAY_MS).toISOString(), locationId: 'loc-downtown' }, new AbortController().signal);
      const withTimes = new Set(full.slots.filter((s) => s.status === 'free').map((s) => localDayOf(s.start, ZONE)));
      const days = unchecked.filter((day) => withTimes.has(day));
      if (days.length) return days;
    }
    (shadow(element, '[part~="calendar-nav"]:last-of-type') as HTMLElement).click();
    await waitUntil(() => all(element, '[part~="day-unchecked"]').length > 0, 'the next month shows no unchecked days');
  }
  return [];
}

describe('<portal-scheduler> when a month search is cut short', () => {
  it('offers the days past the cut as unchecked, and searches a chosen one on its own in the clinic’s day', async () => {
    const { element, memory, queries } = await mountPaged();
    const days = await uncheckedDaysWithTimes(element, memory);
    expect(days, 'some days past the cut have times').not.to.be.empty;
    const day = days[0];
    const cell = shadow(element, `[data-day="${day}"]`) as HTMLElement;
    expect(cell.getAttribute('aria-label')).to.contain('not checked yet');
    expect(cell.getAttribute('aria-disabled')).to.equal(null);

    cell.click();
    await waitUntil(() => shadow(element, `[aria-selected="true"][data-day="${day}"]`) && shadow(element, '[part~="slot"]'), 'the chosen day never showed times');
    const dayQuery = queries.at(-1)!;
    expect(dayQuery.from).to.equal(startOfLocalDay(day, ZONE));
    expect(Date.parse(dayQuery.to)).to.be.at.most(Date.parse(startOfLocalDay(new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10), ZONE)));
    expect(dayQuery.locationId).to.equal('loc-downtown');
    // Every time listed is on that clinic day (each button reads its day out).
    const longDay = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
    const names = all(element, '[part~="slot"]').map((button) => button.textContent!.replace(/\s+/g, ' '));
    expect(names.length).to.be.greaterThan(0);
    expect(names.filter((name) => !name.includes(longDay))).to.deep.equal([]);
  });

  it('says when a chosen unchecked day turns out to have no times', async () => {
    const { element, memory, takenDays } = await mountPaged();
    const [day] = await uncheckedDaysWithTimes(element, memory);
    takenDays.add(day);
    (shadow(element, `[data-day="${day}"]`) as HTMLElement).click();
    await waitUntil(() => shadow(element, '.day-times .empty'), 'no message for an empty day');
    expect(shadow(element, '.day-times .empty')!.textContent).to.contain('No free times on this day');
    expect(Boolean(shadow(element, '[part~="slot"]')), 'no times from another day').to.equal(false);
  });
});
