import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter } from '../../../src/api/memory/index.js';
import { PENDING_CHOICE_KEY } from '../../../src/elements/portal-scheduler/pending-choice-controller.js';
import type { PortalScheduler } from '../../../src/elements/portal-scheduler/portal-scheduler.js';
import type { Session } from '../../../src/model/index.js';
import { canaryApi } from '../../contract/canary.js';
import { elementContract, mount, PATIENT_ID } from '../../contract/element-contract.js';
import { all, click, shadow } from '../../support/dom.js';
import { recordingApi } from '../../support/recording-api.js';
import { quietPeriod } from '../../support/wait.js';

const subject = {
  tag: 'portal-scheduler',
  template: () => html`<portal-scheduler></portal-scheduler>`,
  readySelector: '[part~="slot"]',
  loadOperation: 'scheduling.listServices',
  access: 'public' as const,
  publicOperations: ['scheduling.listServices', 'scheduling.listLocations', 'scheduling.listPractitioners', 'scheduling.searchSlots', 'scheduling.bookingMode'],
};

elementContract(subject);

const ready = (element: Element) => waitUntil(() => shadow(element, '[part~="slot"]'), 'no times shown', { timeout: 4000 });
/** A time button's accessible name: its content minus the `aria-hidden` face. */
const accessibleName = (button: Element) =>
  [...button.childNodes]
    .filter((node) => node.nodeType === Node.TEXT_NODE || (node instanceof Element && node.getAttribute('aria-hidden') !== 'true'))
    .map((node) => node.textContent)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

async function mountWith(template: ReturnType<typeof html>, options: Parameters<typeof mount>[1] = {}) {
  return mount<PortalScheduler>({ ...subject, template: () => template }, options);
}

describe('<portal-scheduler>', () => {
  // A visitor's sign-in request saves the chosen time for after sign-in; no test may inherit one.
  afterEach(() => sessionStorage.removeItem(PENDING_CHOICE_KEY));

  it("lists the first free day's times in the clinic's zone, each named with day, time, zone, clinician and place", async () => {
    const { element } = await mountWith(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { memory: { bookingMode: 'rest' } });
    await ready(element);
    const button = shadow(element, '[part~="slot"]')!;
    expect(button.querySelector('.zone')!.textContent).to.match(/^E[SD]T$/);
    const name = accessibleName(button);
    expect(name).to.match(/^(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), \w+ \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T/);
    expect(name, 'the visible time and zone are part of the name').to.contain(button.querySelector('.time')!.textContent!.replace(/\s+/g, ' ').trim());
    expect(name).to.contain('Downtown');
    expect(name).to.match(/with .+/);
    expect(shadow(element, '[aria-selected="true"][part~="day"]'), 'the first free day is chosen').to.exist;
  });

  it('locks what the host preset: a locked location shows as text, not a choice', async () => {
    const { element } = await mountWith(html`<portal-scheduler location="loc-lakeview"></portal-scheduler>`);
    await ready(element);
    const filters = shadow(element, '[part~="filters"]')!;
    expect(filters.querySelectorAll('select')).to.have.length(2);
    expect(filters.querySelector('.locked')!.textContent).to.contain('Lakeview');
    expect(all(element, '[part~="slot"]').every((b) => accessibleName(b).includes('Lakeview'))).to.equal(true);
  });

  it('offers only vaccination services for `vaccine`, and one product and dose for `vaccine="208:2"`', async () => {
    const { element } = await mountWith(html`<portal-scheduler vaccine></portal-scheduler>`);
    await ready(element);
    const names = all(element, '[part~="filters"] select')[0].querySelectorAll('option');
    expect([...names].map((o) => o.textContent!.trim()).every((n) => /vaccin|flu|covid/i.test(n))).to.equal(true);
    const dose = await mountWith(html`<portal-scheduler vaccine="208:2"></portal-scheduler>`);
    await ready(dose.element);
    const options = [...all(dose.element, '[part~="filters"] select')[0].querySelectorAll('option')].map((o) => o.textContent!);
    expect(options).to.have.length(1);
    expect(options[0]).to.contain('dose 2');
  });

  it("shows the host's no-availability content when nothing is free within max-days-out", async () => {
    const { element } = await mountWith(
      html`<portal-scheduler max-days-out="3"><p slot="no-availability">Call 555-0100 to book</p></portal-scheduler>`,
      { memory: { empty: true } },
    );
    await waitUntil(() => shadow(element, '.no-availability'), 'no fallback shown');
    const slot = shadow(element, 'slot[name="no-availability"]') as HTMLSlotElement;
    expect(slot.assignedElements()[0].textContent).to.equal('Call 555-0100 to book');
    await expect(element).to.be.accessible();
  });

  it('reviews, books once however often the button is pressed, and confirms from the server answer', async () => {
    const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID, bookingMode: 'rest', latencyMs: 30 }));
    const { element, events } = await mountWith(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { api: recording.api });
    await ready(element);
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="review"]'));
    expect(shadow(element, '[part~="review"] dl')!.textContent).to.match(/When.*E[SD]T/s);
    await expect(element).to.be.accessible();
    const confirm = shadow(element, '[part~="confirm"]') as HTMLButtonElement;
    confirm.click();
    confirm.click();
    confirm.click();
    await waitUntil(() => shadow(element, '[part~="confirmation"]'), 'never confirmed');
    expect(recording.signals.filter((s) => s.operation === 'scheduling.book')).to.have.length(1);
    const booked = events.filter((e) => e.type === 'portal-appointment-booked');
    expect(booked).to.have.length(1);
    expect(Object.keys(booked[0].detail).sort()).to.deep.equal(['appointmentId', 'locationId', 'serviceId', 'vaccineCvx']);
    const ics = shadow(element, '[part~="calendar-file"]')!.getAttribute('href')!;
    expect(decodeURIComponent(ics)).to.contain('BEGIN:VEVENT');
    // The status in the patient's words, not the server's code.
    expect(shadow(element, '[part~="confirmation"] [role="status"]')!.textContent!.trim()).to.equal('Status: Booked.');
    await expect(element).to.be.accessible();
  });

  it('after a lost answer, says the booking may have happened, and pressing again ends with the one booking', async () => {
    const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID, bookingMode: 'rest', loseBookAnswer: true }));
    const { element, events } = await mountWith(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { api: recording.api });
    await ready(element);
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="confirm"]'));
    click(element, '[part~="confirm"]');
    await waitUntil(() => shadow(element, '[role="alert"]'), 'no alert after the lost answer');
    expect(shadow(element, '[role="alert"]')!.textContent).to.contain('You will not be booked twice');
    await expect(element).to.be.accessible();
    click(element, '[part~="confirm"]');
    await waitUntil(() => shadow(element, '[part~="confirmation"]'), 'never confirmed');
    const books = recording.signals.filter((s) => s.operation === 'scheduling.book');
    expect(books).to.have.length(2);
    const keys = recording.calls.filter((c) => c.operation === 'scheduling.book').map((c) => (c.args[0] as { clientRequestId: string }).clientRequestId);
    expect(new Set(keys).size, 'the same key both times').to.equal(1);
    expect(events.filter((e) => e.type === 'portal-appointment-booked')).to.have.length(1);
  });

  it('holds the time first on a $hold server and shows how long the hold lasts', async () => {
    const { element } = await mountWith(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { memory: { bookingMode: 'operation', holdMinutes: 5 } });
    await ready(element);
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '.hold'), 'no hold countdown');
    expect(shadow(element, '.hold')!.textContent).to.match(/[45]:\d{2}/);
  });

  it('on a conflict: an alert, the nearest free times, no retry, and the choices kept', async () => {
    const recording = canaryApi(createMemoryAdapter({ patientId: PATIENT_ID, bookingMode: 'rest', conflictOnBook: true }));
    const { element } = await mountWith(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { api: recording.api });
    await ready(element);
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="confirm"]'));
    click(element, '[part~="confirm"]');
    await waitUntil(() => shadow(element, '[role="alert"]'), 'no alert');
    expect(shadow(element, '[role="alert"]')!.textContent).to.contain('just taken');
    expect(all(element, '.alternatives [part~="slot"]').length).to.be.within(1, 3);
    await quietPeriod(50);
    expect(recording.signals.filter((s) => s.operation === 'scheduling.book')).to.have.length(1);
    await expect(element).to.be.accessible();
    click(element, '[part~="back"]');
    await ready(element);
    expect(shadow(element, '[part~="filters"] .locked')!.textContent).to.contain('Downtown');
  });

  it('does not take a time still on screen from the search before a change of service as the new service', async () => {
    const { element } = await mountWith(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { memory: { bookingMode: 'rest' } });
    await ready(element);
    const stale = shadow(element, '[part~="slot"]') as HTMLElement;
    const what = shadow(element, '[part~="filters"] select') as HTMLSelectElement;
    what.value = 'svc-flu';
    what.dispatchEvent(new Event('change'));
    stale.click();
    await quietPeriod(50);
    await element.updateComplete;
    expect(Boolean(shadow(element, '[part~="review"]')), 'a primary-care time reviewed as a flu shot').to.equal(false);
  });

  it('lets a visitor who is not signed in find times, and asks for sign-in only to book', async () => {
    const { element, events } = await mountWith(html`<portal-scheduler></portal-scheduler>`, { session: { status: 'signed-out' } as Session });
    await ready(element);
    expect(events.filter((e) => e.type === 'portal-auth-required')).to.have.length(0);
    click(element, '[part~="slot"]');
    await waitUntil(() => shadow(element, '[part~="sign-in"]'));
    expect(shadow(element, '[part~="confirm"]')).to.equal(null);
    click(element, '[part~="sign-in"]');
    expect(events.filter((e) => e.type === 'portal-auth-required')).to.have.length(1);
    expect(events.find((e) => e.type === 'portal-slot-selected')!.detail.slotId).to.be.a('string');
  });

  it('books with the keyboard alone, from the first focus to the confirmation', async () => {
    const { element } = await mountWith(html`<portal-scheduler location="loc-downtown" service="svc-primary-care"></portal-scheduler>`, {
      memory: { bookingMode: 'rest' },
    });
    await ready(element);
    // First focus: the practitioner choice (the only unlocked filter); then the previous-month button.
    const focusable = () => element.shadowRoot!.activeElement as HTMLElement | null;
    (shadow(element, 'select') as HTMLSelectElement).focus();
    for (let i = 0; i < 10 && !focusable()?.matches('[part~="day"]'); i++) await sendKeys({ press: 'Tab' });
    expect(focusable()?.getAttribute('part')).to.contain('day');
    await sendKeys({ press: 'Enter' });
    for (let i = 0; i < 5 && !focusable()?.matches('[part~="slot"]'); i++) await sendKeys({ press: 'Tab' });
    expect(focusable()?.matches('[part~="slot"]')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(element, '[part~="confirm"]'));
    (shadow(element, '[part~="confirm"]') as HTMLElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(element, '[part~="confirmation"]'), 'keyboard booking never confirmed');
  });

  it('speaks Spanish', async () => {
    const { element } = await mountWith(html`<portal-scheduler location="loc-downtown"></portal-scheduler>`, { lang: 'es' });
    await ready(element);
    expect(shadow(element, '.title')!.textContent).to.equal('Reservar una cita');
    expect(accessibleName(shadow(element, '[part~="slot"]')!)).to.match(/(lunes|martes|miércoles|jueves|viernes|sábado|domingo)/);
  });

  describe('with a SMART Scheduling Links source', () => {
    /** A memory adapter on a $hold server that records which calls the element made. */
    const recording = () => recordingApi(createMemoryAdapter({ patientId: PATIENT_ID, bookingMode: 'operation' }));

    it('finds published times and sends the visitor to the publisher with source and booking-referral, never booking here', async () => {
      const { api, operations } = recording();
      const { element } = await mountWith(
        html`<portal-scheduler source="https://publisher.example.org/$bulk-publish" referral-source="riverside-home" vaccine="140"></portal-scheduler>`,
        { api },
      );
      await ready(element);
      expect(operations()).to.include.members(['scheduling.listPublished', 'scheduling.searchPublished']);
      expect(operations()).not.to.include.members(['scheduling.searchSlots']);
      click(element, '[part~="slot"]');
      await waitUntil(() => shadow(element, '[part~="booking-link"]'), 'no booking link');
      const link = new URL((shadow(element, '[part~="booking-link"]') as HTMLAnchorElement).href);
      expect(link.origin).to.equal('https://booking.example.org');
      expect(link.searchParams.get('slot')).to.match(/^slot-/);
      expect(link.searchParams.get('source')).to.equal('riverside-home');
      expect(link.searchParams.get('booking-referral')).to.match(/^[0-9a-f-]{36}$/);
      // Signed in on a $hold server, and still: the publication's time is not held, and there is nothing to confirm here.
      expect(operations()).not.to.include('scheduling.holdSlot');
      expect(Boolean(shadow(element, '[part~="confirm"]')), 'a confirm button').to.equal(false);
      expect(Boolean(shadow(element, '[part~="sign-in"]')), 'a sign-in button').to.equal(false);
      expect(shadow(element, '.booking-phone')!.textContent).to.match(/call .*\d/i);
      await expect(element).to.be.accessible();
    });

    it('shows what went wrong when the publication cannot be read', async () => {
      const { element, events } = await mountWith(html`<portal-scheduler source="https://unreachable.example.org/$bulk-publish"></portal-scheduler>`);
      await waitUntil(() => shadow(element, '[part~="error"]') || shadow(element, '[role="alert"]'), 'no error state');
      expect(events.some((e) => e.type === 'portal-error' && (e.detail as { kind: string }).kind === 'network')).to.equal(true);
      await expect(element).to.be.accessible();
    });
  });
});

describe('<portal-scheduler> answering a vaccine record on the same page', () => {
  const ask = (vaccine: unknown) => {
    const event = new CustomEvent('portal-vaccine-booking-requested', { detail: { vaccine }, bubbles: true, composed: true, cancelable: true });
    document.dispatchEvent(event);
    return event;
  };

  it('opens on the vaccine and dose asked for, and says it took the request', async () => {
    const { element } = await mount<PortalScheduler>(subject);
    await waitUntil(() => shadow(element, subject.readySelector), 'the times');
    const asked = ask('140:1');
    expect(asked.defaultPrevented, 'answered').to.equal(true);
    expect(element.vaccine).to.equal('140:1');
  });

  it('leaves a request it cannot read to someone else', async () => {
    const { element } = await mount<PortalScheduler>(subject);
    await waitUntil(() => shadow(element, subject.readySelector), 'the times');
    for (const vaccine of ['flu', '', 140, undefined]) {
      expect(ask(vaccine).defaultPrevented, String(vaccine)).to.equal(false);
    }
    expect(element.vaccine).to.equal(undefined);
  });
});
