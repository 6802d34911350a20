import { expect, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from '../../../src/api/memory/index.js';
import type { PortalApi, SchedulingApi } from '../../../src/api/portal-api.js';
import { PENDING_CHOICE_KEY } from '../../../src/elements/portal-scheduler/pending-choice-controller.js';
import type { PortalScheduler } from '../../../src/elements/portal-scheduler/portal-scheduler.js';
import type { PortalProvider } from '../../../src/elements/portal-provider/portal-provider.js';
import { followUpDay } from '../../../src/time/days.js';
import { schedulerStrings } from '../../../src/elements/portal-scheduler/strings.js';
import { es } from '../../../src/elements/portal-scheduler/strings.es.js';
import type { Appointment, Session } from '../../../src/model/index.js';
import { mount, PATIENT_ID, SIGNED_IN } from '../../contract/element-contract.js';
import { all, click, shadow, shadowText } from '../../support/dom.js';
import { recordingApi } from '../../support/recording-api.js';
import { quietPeriod } from '../../support/wait.js';

/** A REST-booking memory adapter whose calls are recorded in order, with scheduling methods replaceable. */
function spied(options: MemoryAdapterOptions = {}, replace: (inner: MemoryAdapter) => Partial<SchedulingApi> = () => ({})) {
  const inner = createMemoryAdapter({ patientId: PATIENT_ID, bookingMode: 'rest', ...options });
  return { inner, ...recordingApi(inner, { replace: { scheduling: replace(inner) } }) };
}

const subject = { tag: 'portal-scheduler', template: () => html`<portal-scheduler></portal-scheduler>`, readySelector: '[part~="slot"]', loadOperation: 'scheduling.listServices' };

async function mountScheduler(template = html`<portal-scheduler></portal-scheduler>`, options: Parameters<typeof mount>[1] = {}) {
  return mount<PortalScheduler>({ ...subject, template: () => template }, options);
}

const items = (element: Element) => all(element, '[part~="appointment"]');
const itemFor = (element: Element, what: string) => items(element).find((li) => li.querySelector('h3')!.textContent!.includes(what));

async function openList(element: PortalScheduler) {
  await waitUntil(() => shadow(element, '[part~="views"]'), 'no view switch');
  const button = all(element, '[part~="view"]').find((b) => b.textContent!.includes(element.lang === 'es' ? 'Sus citas' : 'Your appointments'))!;
  button.click();
  await waitUntil(() => items(element).length > 0 || shadow(element, '[part~="empty"]') || shadow(element, '[part~="error"]'), 'list never shown', { timeout: 4000 });
}

describe('<portal-scheduler> your appointments', () => {
  afterEach(() => sessionStorage.removeItem(PENDING_CHOICE_KEY));

  it('lists only active upcoming appointments, even when the adapter answers with cancelled, no-show and mistaken ones', async () => {
    const spy = spied({}, (inner) => ({
      async listAppointments(options, signal) {
        const answer = await inner.scheduling.listAppointments(options, signal);
        const first = answer.items[0];
        const extra: Appointment[] = (['cancelled', 'noshow', 'entered-in-error'] as const).map((status) => ({ ...first, id: `x-${status}`, status, service: { id: 'svc-x', name: `Ghost ${status}` } }));
        return { ...answer, items: [...answer.items, ...extra] };
      },
    }));
    const { element } = await mountScheduler(undefined, { api: spy.api });
    await openList(element);
    expect(items(element).map((li) => li.querySelector('h3')!.textContent!.trim())).to.deep.equal(['Primary care visit', 'Flu vaccination', 'Primary care visit']);
    expect(shadowText(element)).not.to.contain('Ghost');
    const flu = itemFor(element, 'Flu vaccination')!;
    expect(flu.textContent).to.match(/\d{1,2}:\d{2} [AP]M E[SD]T/);
    expect(flu.textContent).to.contain('Vaccination Center');
    expect(items(element)[2].textContent).to.contain('Waiting for the clinic to confirm');
    expect(items(element)[2].textContent).to.match(/C[SD]T/);
    const pressed = all(element, '[part~="view"]').map((b) => b.getAttribute('aria-pressed'));
    expect(pressed).to.deep.equal(['false', 'true']);
    await expect(element).to.be.accessible();
  });

  it('never shows the appointments to a visitor who is not signed in, nor reads them', async () => {
    const spy = spied();
    const { element } = await mountScheduler(undefined, { api: spy.api, session: { status: 'signed-out' } as Session });
    await waitUntil(() => shadow(element, '[part~="slot"]'));
    expect(Boolean(shadow(element, '[part~="views"]'))).to.equal(false);
    expect(spy.count('scheduling.listAppointments')).to.equal(0);
  });

  it('on sign-out, neither the list nor a confirmation stays on screen', async () => {
    const { element } = await mountScheduler(undefined, { memory: { bookingMode: 'rest' } });
    const provider = element.closest('portal-provider') as PortalProvider;
    await openList(element);
    provider.session = { status: 'signed-out' };
    await waitUntil(() => shadow(element, '[part~="slot"]'), 'back to finding times');
    expect(items(element)).to.have.length(0);
    expect(Boolean(shadow(element, '[part~="views"]'))).to.equal(false);

    provider.session = SIGNED_IN;
    await waitUntil(() => shadow(element, '[part~="views"]') && shadow(element, '[part~="slot"]'));
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="confirm"]'));
    click(element, '[part~="confirm"]');
    await waitUntil(() => shadow(element, '[part~="confirmation"]'));
    provider.session = { status: 'expired' };
    await waitUntil(() => !shadow(element, '[part~="confirmation"]'), 'the confirmation outlived the session');
  });

  it('cancels only after "Yes, cancel", once however often it is pressed, and says so from the answer', async () => {
    const spy = spied({ latencyMs: 30 });
    const { element, events } = await mountScheduler(undefined, { api: spy.api });
    await openList(element);
    (itemFor(element, 'Flu vaccination')!.querySelector('[part~="cancel"]') as HTMLElement).click();
    await waitUntil(() => shadow(element, '[part~="cancel-confirm"]'));
    expect(shadow(element, '[part~="cancel-confirm"]')!.textContent).to.match(/Cancel your Flu vaccination on \w+ \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T\?/);
    expect(element.shadowRoot!.activeElement?.id, 'focus moves to the question').to.equal('cancel-question');
    await expect(element).to.be.accessible();
    click(element, '[part~="cancel-keep"]');
    await element.updateComplete;
    expect(Boolean(shadow(element, '[part~="cancel-confirm"]'))).to.equal(false);
    expect(element.shadowRoot!.activeElement?.getAttribute('data-appointment'), 'focus back on the Cancel button').to.equal('appt-flu-shot');
    expect(spy.count('scheduling.cancelAppointment'), '"Keep it" writes nothing').to.equal(0);

    (itemFor(element, 'Flu vaccination')!.querySelector('[part~="cancel"]') as HTMLElement).click();
    await waitUntil(() => shadow(element, '[part~="cancel-yes"]'));
    const yes = shadow(element, '[part~="cancel-yes"]') as HTMLElement;
    yes.click();
    yes.click();
    await element.updateComplete;
    (shadow(element, '[part~="cancel-yes"]') as HTMLElement).click();
    await waitUntil(() => shadow(element, '[part~="notice"]')!.textContent!.includes('is cancelled'), 'no outcome announced');
    await waitUntil(() => !itemFor(element, 'Flu vaccination'), 'the cancelled one stays listed');
    expect(element.shadowRoot!.activeElement?.id, 'focus on the list heading').to.equal('manage-title');
    expect(spy.count('scheduling.cancelAppointment')).to.equal(1);
    const sent = spy.calls.find((c) => c.operation === 'scheduling.cancelAppointment')!.args[0];
    expect(sent).to.deep.equal({ id: 'appt-flu-shot', version: '1' });
    const cancelled = events.filter((e) => e.type === 'portal-appointment-cancelled');
    expect(cancelled).to.have.length(1);
    expect(cancelled[0].detail).to.deep.equal({ appointmentId: 'appt-flu-shot', serviceId: 'svc-flu', locationId: 'loc-vax' });
    expect(cancelled[0].bubbles && cancelled[0].composed).to.equal(true);
    expect(shadow(element, '[part~="notice"]')!.getAttribute('role')).to.equal('status');
    await expect(element).to.be.accessible();
  });

  it('on a failed cancel: says so, keeps the question, and each press of "Yes, cancel" is one more write', async () => {
    const spy = spied({ fail: { kind: 'server', operations: ['scheduling.cancelAppointment'] } });
    const { element, events } = await mountScheduler(undefined, { api: spy.api });
    await openList(element);
    (itemFor(element, 'Flu vaccination')!.querySelector('[part~="cancel"]') as HTMLElement).click();
    await waitUntil(() => shadow(element, '[part~="cancel-yes"]'));
    click(element, '[part~="cancel-yes"]');
    await waitUntil(() => shadow(element, '[part~="cancel-confirm"] [role="alert"]'), 'no error shown');
    expect(events.find((e) => e.type === 'portal-error')!.detail).to.include({ kind: 'server', operation: 'scheduling.cancelAppointment' });
    await expect(element).to.be.accessible();
    spy.inner.controls.set({ fail: undefined });
    click(element, '[part~="cancel-yes"]');
    await waitUntil(() => shadow(element, '[part~="notice"]')!.textContent!.includes('is cancelled'));
    expect(spy.count('scheduling.cancelAppointment')).to.equal(2);
  });

  it('on a conflict (changed elsewhere): says so, reads the list again, never retries', async () => {
    const spy = spied();
    const { element } = await mountScheduler(undefined, { api: spy.api });
    await openList(element);
    // Another tab cancels it first: the version the list showed is stale now.
    await spy.inner.scheduling.cancelAppointment({ id: 'appt-flu-shot', version: '1' }, new AbortController().signal);
    (itemFor(element, 'Flu vaccination')!.querySelector('[part~="cancel"]') as HTMLElement).click();
    await waitUntil(() => shadow(element, '[part~="cancel-yes"]'));
    click(element, '[part~="cancel-yes"]');
    await waitUntil(() => shadow(element, '[role="alert"]'), 'no conflict shown');
    expect(shadow(element, '[role="alert"]')!.textContent).to.contain('changed elsewhere');
    await waitUntil(() => !itemFor(element, 'Flu vaccination'), 'list not read again');
    await quietPeriod(60);
    expect(spy.count('scheduling.cancelAppointment')).to.equal(1);
    expect(spy.count('scheduling.listAppointments')).to.equal(2);
    await expect(element).to.be.accessible();
  });

  it('fits 320 px without scrolling sideways, list and question, with targets of at least 24 px', async () => {
    const { element } = await mountScheduler();
    element.style.width = '320px';
    await openList(element);
    (itemFor(element, 'Flu vaccination')!.querySelector('[part~="cancel"]') as HTMLElement).click();
    await waitUntil(() => shadow(element, '[part~="cancel-confirm"]'));
    expect(element.scrollWidth).to.be.at.most(element.clientWidth);
    for (const button of all(element, 'button')) {
      const { width, height } = button.getBoundingClientRect();
      expect(Math.min(width, height), button.textContent!.trim()).to.be.at.least(24);
    }
  });

  it('shows a polite loading state while the list loads', async () => {
    // The list answers only once the loading state has been checked.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const spy = spied({}, (inner) => ({
      async listAppointments(options, signal) {
        await answered;
        return inner.scheduling.listAppointments(options, signal);
      },
    }));
    const { element } = await mountScheduler(undefined, { api: spy.api });
    await waitUntil(() => shadow(element, '[part~="views"]'));
    all(element, '[part~="view"]')[1].click();
    await waitUntil(() => shadow(element, '[part~="appointments"] [part~="loading"]'), 'no loading state');
    expect(shadow(element, '[part~="loading"]')!.getAttribute('role')).to.equal('status');
    await expect(element).to.be.accessible();
    answer();
    await waitUntil(() => items(element).length === 3, 'list never shown', { timeout: 3000 });
  });

  it('shows an empty list with a way to book, and a failed list with a retry', async () => {
    const empty = spied({}, () => ({ listAppointments: async () => ({ items: [], dropped: 0, truncated: false }) }));
    const { element } = await mountScheduler(undefined, { api: empty.api });
    await openList(element);
    expect(shadow(element, '[part~="empty"]')!.textContent).to.contain('No upcoming appointments');
    await expect(element).to.be.accessible();
    click(element, '[part~="empty"] [part~="book"]');
    await waitUntil(() => shadow(element, '[part~="slot"]'), 'book view not shown');

    const failing = spied({ fail: { kind: 'network', operations: ['scheduling.listAppointments'] } });
    const second = await mountScheduler(undefined, { api: failing.api });
    await openList(second.element);
    expect(shadow(second.element, '[role="alert"]')!.textContent).to.contain('could not reach');
    await expect(second.element).to.be.accessible();
    failing.inner.controls.set({ fail: undefined });
    click(second.element, '[part~="retry"]');
    await waitUntil(() => items(second.element).length === 3, 'retry never showed the list');
  });
});

describe('<portal-scheduler> reschedule', () => {
  async function startReschedule(spy: ReturnType<typeof spied>) {
    const mounted = await mountScheduler(undefined, { api: spy.api });
    const { element } = mounted;
    await openList(element);
    (itemFor(element, 'Flu vaccination')!.querySelector('[part~="reschedule"]') as HTMLElement).click();
    // The times of the new search: the earlier search's stay on screen while it runs.
    await waitUntil(() => all(element, '[part~="slot"]').some((b) => b.textContent!.includes('Vaccination Center')), 'find view not shown');
    expect(all(element, '[part~="slot"]').every((b) => b.textContent!.includes('Vaccination Center'))).to.equal(true);
    return mounted;
  }

  async function bookFirstTime(element: PortalScheduler) {
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="confirm"]'));
    click(element, '[part~="confirm"]');
    await waitUntil(() => shadow(element, '[part~="confirmation"]'), 'never confirmed');
  }

  it('opens the search on the same service and place, books the new time, then cancels the old one', async () => {
    const spy = spied();
    const { element, events } = await startReschedule(spy);
    expect(shadow(element, '[part~="reschedule-note"]')!.textContent).to.match(/Rescheduling your Flu vaccination on \w+ \d{1,2}, \d{4}/);
    expect(element.shadowRoot!.activeElement?.id).to.equal('context-note');
    const filter = (label: string) => all(element, '[part~="filters"] label').find((l) => l.querySelector('.filter-label')!.textContent === label)!.querySelector('select')!;
    expect([filter('What').value, filter('Where').value]).to.deep.equal(['svc-flu', 'loc-vax']);
    await expect(element).to.be.accessible();
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="replaces"]'));
    expect(shadow(element, '[part~="replaces"]')!.textContent).to.match(/This replaces your Flu vaccination on/);
    await expect(element).to.be.accessible();
    click(element, '[part~="confirm"]');
    await waitUntil(() => shadowText(element).includes('Your earlier Flu vaccination'), 'old one never released');
    const writes = spy.calls.filter((c) => c.operation === 'scheduling.book' || c.operation === 'scheduling.cancelAppointment').map((c) => c.operation);
    expect(writes).to.deep.equal(['scheduling.book', 'scheduling.cancelAppointment']);
    expect(spy.calls.find((c) => c.operation === 'scheduling.cancelAppointment')!.args[0]).to.deep.equal({ id: 'appt-flu-shot', version: '1' });
    expect(events.filter((e) => e.type === 'portal-appointment-cancelled').map((e) => e.detail.appointmentId)).to.deep.equal(['appt-flu-shot']);
    expect(events.filter((e) => e.type === 'portal-appointment-booked')).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('when the old one cannot be released: the new time is booked, the old is still booked, one retry per press', async () => {
    const spy = spied({ latencyMs: 20, fail: { kind: 'server', operations: ['scheduling.cancelAppointment'] } });
    const { element } = await startReschedule(spy);
    await bookFirstTime(element);
    await waitUntil(() => shadow(element, '[part~="release-failed"]'), 'no release failure shown');
    expect(shadow(element, '[part~="release-failed"] [role="alert"]')!.textContent).to.match(/new time is booked, but your earlier Flu vaccination on .+ is still booked/);
    await expect(element).to.be.accessible();
    spy.inner.controls.set({ fail: undefined });
    const retry = shadow(element, '[part~="release-retry"]') as HTMLElement;
    retry.click();
    retry.click();
    retry.click();
    await waitUntil(() => shadowText(element).includes('Your earlier Flu vaccination'), 'retry never released');
    expect(spy.count('scheduling.cancelAppointment')).to.equal(2);
    expect(spy.count('scheduling.book')).to.equal(1);
  });

  it('when the old one changed elsewhere meanwhile: says so and leads to the list, with no retry', async () => {
    const spy = spied();
    const { element } = await startReschedule(spy);
    await spy.inner.scheduling.cancelAppointment({ id: 'appt-flu-shot', version: '1' }, new AbortController().signal);
    await bookFirstTime(element);
    await waitUntil(() => shadow(element, '[part~="release-failed"]'));
    expect(shadow(element, '[part~="release-failed"]')!.textContent).to.contain('changed elsewhere');
    expect(Boolean(shadow(element, '[part~="release-retry"]'))).to.equal(false);
    await expect(element).to.be.accessible();
    click(element, '[part~="release-failed"] [part~="appointments"]');
    await waitUntil(() => items(element).length > 0);
    // Only the new flu shot: the old one was cancelled in the other tab.
    expect(items(element).filter((li) => li.textContent!.includes('Flu vaccination'))).to.have.length(1);
  });
});

describe('<portal-scheduler> sign-in round trip', () => {
  afterEach(() => sessionStorage.removeItem(PENDING_CHOICE_KEY));

  async function chooseSignedOut(spy: ReturnType<typeof spied>) {
    const mounted = await mountScheduler(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { api: spy.api, session: { status: 'signed-out' } as Session });
    const { element } = mounted;
    await waitUntil(() => shadow(element, '[part~="slot"]'));
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="sign-in"]'));
    const slotId = (mounted.events.find((e) => e.type === 'portal-slot-selected')!.detail as { slotId: string }).slotId;
    click(element, '[part~="sign-in"]');
    return { ...mounted, slotId };
  }

  const signIn = (element: Element) => ((element.closest('portal-provider') as PortalProvider).session = SIGNED_IN);

  it('keeps two schedulers\' choices apart: only the one the visitor chose in resumes after sign-in', async () => {
    const spy = spied({ bookingMode: 'rest' });
    const { element: first } = await mountScheduler(html`<portal-scheduler location="loc-downtown"></portal-scheduler><portal-scheduler location="loc-downtown"></portal-scheduler>`, {
      api: spy.api,
      session: { status: 'signed-out' } as Session,
    });
    const second = first.closest('portal-provider')!.querySelectorAll<PortalScheduler>('portal-scheduler')[1];
    await waitUntil(() => shadow(second, '[part~="slot"]') && shadow(first, '[part~="slot"]'));
    click(second, '[part~="slot"]');
    await waitUntil(() => shadow(second, '[part~="sign-in"]'));
    click(second, '[part~="sign-in"]');
    expect(sessionStorage.getItem(PENDING_CHOICE_KEY), 'not saved under the first one').to.equal(null);
    signIn(second);
    await waitUntil(() => shadow(second, '[part~="confirm"]'), 'the second never resumed', { timeout: 4000 });
    await first.updateComplete;
    expect(shadow(first, '[part~="confirm"]'), 'the first opened on a time chosen in the second').to.equal(null);
    expect(shadow(first, '[part~="slot"]')).not.to.equal(null);
    expect(sessionStorage.getItem(`${PENDING_CHOICE_KEY}:1`), 'used once, then deleted').to.equal(null);
  });

  it('saves only what finds the time again, then reviews the same time (held first) once signed in', async () => {
    const spy = spied({ bookingMode: 'operation' });
    const { element, events, slotId } = await chooseSignedOut(spy);
    expect(events.filter((e) => e.type === 'portal-auth-required')).to.have.length(1);
    const saved = JSON.parse(sessionStorage.getItem(PENDING_CHOICE_KEY)!);
    expect(Object.keys(saved.choice).sort()).to.deep.equal(['locationId', 'serviceId', 'slotId', 'start']);
    expect(saved.choice.slotId).to.equal(slotId);
    expect(saved.expiresAt - Date.now()).to.be.within(29 * 60_000, 30 * 60_000);
    signIn(element);
    await waitUntil(() => shadow(element, '[part~="confirm"]'), 'no review after sign-in', { timeout: 4000 });
    expect(spy.calls.filter((c) => c.operation === 'scheduling.holdSlot').map((c) => c.args[0])).to.deep.equal([slotId]);
    expect(sessionStorage.getItem(PENDING_CHOICE_KEY), 'used once, then deleted').to.equal(null);
    expect(events.filter((e) => e.type === 'portal-slot-selected'), 'the choice is reported once').to.have.length(1);
    await expect(element).to.be.accessible();
    click(element, '[part~="confirm"]');
    await waitUntil(() => shadow(element, '[part~="confirmation"]'));
    expect((spy.calls.find((c) => c.operation === 'scheduling.book')!.args[0] as { slotId: string }).slotId).to.equal(slotId);
  });

  it('after a page round trip: a new signed-in scheduler picks the saved time up', async () => {
    const first = spied();
    const { element, slotId } = await chooseSignedOut(first);
    element.closest('portal-provider')!.remove();
    const spy = spied();
    const { element: back } = await mountScheduler(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { api: spy.api });
    await waitUntil(() => shadow(back, '[part~="confirm"]'), 'no review after coming back', { timeout: 4000 });
    expect(spy.calls.filter((c) => c.operation === 'scheduling.searchSlots').length).to.be.greaterThan(0);
    click(back, '[part~="confirm"]');
    await waitUntil(() => shadow(back, '[part~="confirmation"]'));
    expect((spy.calls.find((c) => c.operation === 'scheduling.book')!.args[0] as { slotId: string }).slotId).to.equal(slotId);
  });

  it('when the time was taken meanwhile: says so and offers the nearest free times', async () => {
    const spy = spied();
    const { element, slotId } = await chooseSignedOut(spy);
    // Someone else books it while this visitor signs in.
    await spy.inner.scheduling.book({ slotId, clientRequestId: 'someone-else' }, new AbortController().signal);
    signIn(element);
    await waitUntil(() => shadow(element, '[role="alert"]'), 'no conflict after sign-in', { timeout: 4000 });
    expect(shadow(element, '[role="alert"]')!.textContent).to.contain('no longer free');
    expect(all(element, '.alternatives [part~="slot"]').length).to.be.within(1, 3);
    expect(spy.count('scheduling.book'), 'nothing booked on its own').to.equal(0);
    expect(sessionStorage.getItem(PENDING_CHOICE_KEY)).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('ignores and deletes an expired saved choice', async () => {
    sessionStorage.setItem(PENDING_CHOICE_KEY, JSON.stringify({ choice: { slotId: 'slot-x', start: new Date().toISOString() }, expiresAt: Date.now() - 1 }));
    const spy = spied();
    const { element } = await mountScheduler(undefined, { api: spy.api });
    await waitUntil(() => shadow(element, '[part~="slot"]'));
    await quietPeriod(60);
    expect(Boolean(shadow(element, '[part~="review"]'))).to.equal(false);
    expect(sessionStorage.getItem(PENDING_CHOICE_KEY)).to.equal(null);
  });
});

describe('<portal-scheduler> next vaccine dose', () => {
  async function bookFirstDose(api: PortalApi) {
    const mounted = await mountScheduler(html`<portal-scheduler vaccine="208:1"></portal-scheduler>`, { api });
    const { element } = mounted;
    await waitUntil(() => shadow(element, '[part~="slot"]'));
    const firstDoseDay = shadow(element, '[aria-selected="true"][part~="day"]')!.getAttribute('data-day')!;
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="confirm"]'));
    click(element, '[part~="confirm"]');
    await waitUntil(() => shadow(element, '[part~="confirmation"]'));
    return { ...mounted, from: followUpDay(firstDoseDay, 21) };
  }

  it('offers dose 2 from its date, and no day before it can be chosen', async () => {
    const spy = spied();
    const { element, from } = await bookFirstDose(spy.api);
    const offer = shadow(element, '[part~="book-next-dose"]') as HTMLElement;
    expect(offer.textContent).to.match(/Book dose 2 from \w+ \d{1,2}, \d{4}/);
    await expect(element).to.be.accessible();
    offer.click();
    await waitUntil(() => shadow(element, '[part~="slot"]'), 'no dose-2 times shown', { timeout: 4000 });
    expect(shadow(element, '[part~="follow-up-note"]')!.textContent).to.contain('Booking dose 2');
    expect(shadow(element, '[part~="filters"] .locked')!.textContent).to.contain('dose 2');
    expect(element.getAttribute('vaccine'), 'the attribute is untouched').to.equal('208:1');
    expect(shadow(element, '[part~="calendar-heading"]')!.textContent).to.contain(new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(new Date(`${from}T12:00:00Z`)));
    const selectable = all(element, '[part~="day-available"]').map((d) => d.dataset.day!);
    expect(selectable.length).to.be.greaterThan(0);
    expect(selectable.every((day) => day >= from), `no day before ${from}`).to.equal(true);
    expect(shadow(element, '[aria-selected="true"][part~="day"]')!.getAttribute('data-day')! >= from).to.equal(true);
    const before = all(element, '[part~="day"][data-day]').filter((d) => d.dataset.day! < from);
    expect(before.every((d) => d.getAttribute('aria-disabled') === 'true')).to.equal(true);
    const lastSearch = spy.calls.filter((c) => c.operation === 'scheduling.searchSlots').at(-1)!.args[0] as { serviceId: string };
    expect(lastSearch.serviceId).to.equal('svc-covid-208-dose-2');
    await expect(element).to.be.accessible();
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="review"] dl'));
    expect(shadow(element, '[part~="review"] dl')!.textContent).to.contain('dose 2');
  });

  it('keeps just the date when the catalog has no dose-2 service', async () => {
    const spy = spied({}, (inner) => ({
      async listServices(signal) {
        const answer = await inner.scheduling.listServices(signal);
        return { ...answer, items: answer.items.filter((s) => s.vaccine?.doseNumber !== 2) };
      },
    }));
    const { element } = await bookFirstDose(spy.api);
    expect(shadow(element, '[part~="follow-up"]')!.textContent).to.match(/Dose 2 is due from/);
    expect(Boolean(shadow(element, '[part~="book-next-dose"]'))).to.equal(false);
  });
});

describe('<portal-scheduler> manage in Spanish', () => {
  it('speaks Spanish in the list and the question', async () => {
    const { element } = await mountScheduler(html`<portal-scheduler lang="es"></portal-scheduler>`);
    await openList(element);
    expect(shadow(element, '#manage-title')!.textContent).to.equal('Sus próximas citas');
    (itemFor(element, 'Flu vaccination')!.querySelector('[part~="cancel"]') as HTMLElement).click();
    await waitUntil(() => shadow(element, '[part~="cancel-confirm"]'));
    expect(shadow(element, '[part~="cancel-confirm"]')!.textContent).to.contain('¿Desea cancelar su cita (Flu vaccination) del');
    expect(shadow(element, '[part~="cancel-yes"]')!.textContent!.trim()).to.equal('Sí, cancelar');
    await expect(element).to.be.accessible();
  });

  it('has a Spanish text, not a copy of the English one, for every new message', () => {
    const en = schedulerStrings.en;
    const keys = (Object.keys(en) as (keyof typeof en)[]).filter((key) => /^(manage|reschedule)\.|^scheduler\.(view|followUp|bookFollowUp|bookSomethingElse|checking|goneAfterSignIn)/.test(key));
    expect(keys.length).to.be.greaterThan(30);
    expect(keys.filter((key) => !es[key] || es[key] === en[key])).to.deep.equal([]);
  });
});
