import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LocalizeController } from '../../../src/controllers/localize.js';
import { nearest } from '../../../src/elements/portal-scheduler/find-view.js';
import { loadLocale } from '../../../src/i18n/index.js';
import { schedulerStrings, type SchedulerKey } from '../../../src/elements/portal-scheduler/strings.js';
import type { Location, Practitioner, Slot } from '../../../src/model/index.js';
import { hostStyles } from '../../../src/styles/tokens.js';
import { renderSlotList, sameTimeKey, slotListStyles, type SlotListOptions } from '../../../src/elements/portal-scheduler/slot-list.js';
import { all, textOf } from '../../support/dom.js';

const VAX: Location = { id: 'loc-vax', name: 'Riverside Vaccination Center', timeZone: 'America/New_York' };
const EAST: Location = { id: 'loc-east', name: 'East Clinic', timeZone: 'America/New_York' };
/** Kathmandu is UTC+5:45: its hours turn at a quarter past the UTC hour. */
const KATHMANDU: Location = { id: 'loc-ktm', name: 'Thamel Clinic', timeZone: 'Asia/Kathmandu' };
/** A clinic that publishes no zone: its times read on the offset each slot was written with. */
const NO_ZONE: Location = { id: 'loc-nozone', name: 'Harbor Clinic' };
const HART: Practitioner = { id: 'pr-hart', name: 'Dr. Amara Hart' };
const LOCATIONS = { [VAX.id]: VAX, [EAST.id]: EAST, [NO_ZONE.id]: NO_ZONE, [KATHMANDU.id]: KATHMANDU };
const PRACTITIONERS = { [HART.id]: HART };

function slot(id: string, start: string, more: Partial<Slot> = {}): Slot {
  const end = new Date(Date.parse(start) + 15 * 60_000).toISOString();
  return { id, start, end, status: 'free', serviceIds: ['svc-flu'], locationId: VAX.id, ...more };
}

/** `lanes` slots at each of `starts` (UTC instants), ids `<start index>-<lane>`. */
function lanes(starts: string[], count: number, more: Partial<Slot> = {}): Slot[] {
  return starts.flatMap((start, i) => Array.from({ length: count }, (_, lane) => slot(`${i}-${lane}`, start, more)));
}

/** Every 15 minutes from `from` (UTC), `count` times. */
function quarterHours(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.parse(from) + i * 15 * 60_000).toISOString().replace('.000', ''));
}

/** A stand-in for the scheduler's find view: renders the list and records what the person chose. */
class SlotListTestHost extends LitElement {
  static override styles = [hostStyles, slotListStyles];
  readonly l10n = new LocalizeController<SchedulerKey>(this, { element: this, strings: schedulerStrings });
  slots: Slot[] = [];
  openHour?: string;
  viewerZone?: string = 'America/New_York';
  readonly chosen: Slot[] = [];
  readonly hours: string[] = [];

  protected override render() {
    const options: SlotListOptions = {
      l10n: this.l10n,
      slots: this.slots,
      locations: LOCATIONS,
      practitioners: PRACTITIONERS,
      services: {},
      viewerZone: this.viewerZone,
      openHour: this.openHour,
      onHour: (hour) => this.hours.push(hour),
      onChoose: (chosen) => this.chosen.push(chosen),
    };
    return renderSlotList(options);
  }
}
customElements.define('slot-list-test-host', SlotListTestHost);

async function mount(slots: Slot[], { lang = 'en', openHour }: { lang?: string; openHour?: string } = {}): Promise<SlotListTestHost> {
  return fixture<SlotListTestHost>(html`<slot-list-test-host lang=${lang} .slots=${slots} .openHour=${openHour}></slot-list-test-host>`);
}

/** What a screen reader says for a time button: its content minus the `aria-hidden` face. */
const nameOf = (button: Element) => textOf(button.querySelector('.visually-hidden'));

describe('slot list', () => {
  // The bare test host is no PortalElement, so it does not wait for a language to load by itself.
  before(() => Promise.all([loadLocale('es'), schedulerStrings.load('es')]));

  describe('places that share a start', () => {
    // Tuesday 12 January 2027, 8:00 EST = 13:00Z.
    const DAY = [
      slot('a', '2027-01-12T13:00:00Z'),
      // The same instant written with the clinic's offset is the same start.
      slot('b', '2027-01-12T08:00:00-05:00'),
      slot('c', '2027-01-12T13:00:00Z'),
      slot('with-hart', '2027-01-12T13:00:00Z', { practitionerId: HART.id }),
      slot('east', '2027-01-12T13:00:00Z', { locationId: EAST.id }),
      slot('later', '2027-01-12T13:15:00Z'),
    ];

    it('are one button with the count of places; another clinician or place is its own button', async () => {
      const host = await mount(DAY);
      const buttons = all(host, '[part~="slot"]');
      expect(buttons).to.have.length(4);
      expect(buttons.map((b) => textOf(b.querySelector('.places')))).to.deep.equal(['3 places', '', '', '']);
      expect(textOf(buttons[0].querySelector('.time'))).to.equal('8:00 AM EST');
      // Two places: each one's times under its name (which the buttons then leave out), in its order of first appearance.
      expect(textOf(buttons[1].querySelector('.where'))).to.equal('Dr. Amara Hart');
      expect(nameOf(buttons[1])).to.contain('at Riverside Vaccination Center');
      expect(textOf(buttons[2].querySelector('.time'))).to.equal('8:15 AM EST');
      expect(buttons[3].closest('[part~="clinic-group"]')!.querySelector('h3')!.textContent).to.equal('East Clinic');
    });

    it("count each slot's published capacity as its places (a mass site's lane of 10 is 10 places)", async () => {
      const host = await mount([
        slot('lane-1', '2027-01-12T13:00:00Z', { capacity: 10 }),
        slot('lane-2', '2027-01-12T13:00:00Z', { capacity: 4 }),
        slot('one-seat', '2027-01-12T13:15:00Z', { capacity: 1 }),
        slot('roomy', '2027-01-12T13:30:00Z', { capacity: 6 }),
      ]);
      const buttons = all(host, '[part~="slot"]');
      expect(buttons.map((b) => textOf(b.querySelector('.places')))).to.deep.equal(['14 places', '', '6 places']);
      expect(nameOf(buttons[0])).to.contain('14 places');
    });

    it('say day, time, zone, count and place, containing every visible word', async () => {
      const host = await mount(DAY);
      const [group, withHart] = all(host, '[part~="slot"]');
      expect(nameOf(group)).to.equal('Tuesday, January 12, 2027, 8:00 AM EST, 3 places, at Riverside Vaccination Center');
      expect(nameOf(withHart)).to.equal('Tuesday, January 12, 2027, 8:00 AM EST, with Dr. Amara Hart, at Riverside Vaccination Center');
      for (const button of [group, withHart]) {
        const face = button.querySelector('.face')!;
        expect(face.getAttribute('aria-hidden')).to.equal('true');
        for (const shown of face.querySelectorAll('.time, .places')) expect(nameOf(button), 'label in name').to.contain(textOf(shown));
        for (const name of textOf(face.querySelector('.where')).split(' · ')) expect(nameOf(button)).to.contain(name);
      }
      await expect(host).to.be.accessible();
    });

    it('speak Spanish', async () => {
      const host = await mount(DAY, { lang: 'es' });
      const group = all(host, '[part~="slot"]')[0];
      expect(textOf(group.querySelector('.places'))).to.equal('3 plazas');
      expect(nameOf(group)).to.match(/^martes, 12 de enero de 2027, 8:00 a\.\s?m\. EST, 3 plazas, en Riverside Vaccination Center$/);
    });

    it('book the first slot of the group when chosen', async () => {
      const host = await mount(DAY);
      all(host, '[part~="slot"]')[0].click();
      all(host, '[part~="slot"]')[1].click();
      expect(host.chosen.map((s) => s.id)).to.deep.equal(['a', 'with-hart']);
    });

    it('show the viewer time in the name and on the face when it differs', async () => {
      const oneClinic = DAY.filter((s) => s.locationId === VAX.id);
      const host = await fixture<SlotListTestHost>(html`<slot-list-test-host .viewerZone=${'Asia/Kolkata'} .slots=${oneClinic}></slot-list-test-host>`);
      const group = all(host, '[part~="slot"]')[0];
      expect(textOf(group.querySelector('.viewer-time'))).to.equal('Your time: 6:30 PM GMT+5:30');
      expect(nameOf(group)).to.equal('Tuesday, January 12, 2027, 8:00 AM EST, your time 6:30 PM GMT+5:30, 3 places, at Riverside Vaccination Center');
    });
  });

  describe('times at several places (any location)', () => {
    const EVENING = slot('vax-evening', '2027-01-12T23:00:00Z');
    const AFTERNOON = slot('east-afternoon', '2027-01-12T19:30:00Z', { locationId: EAST.id });
    const MORNING = slot('east-morning', '2027-01-12T14:00:00Z', { locationId: EAST.id });
    const DAYS = [slot('vax-morning', '2027-01-12T13:00:00Z'), MORNING, AFTERNOON, EVENING];
    const sections = (host: Element) => all(host, '[part~="clinic-group"]');

    it("lists each place's times under its name, split into morning, afternoon and evening, in reading and tab order", async () => {
      const host = await mount(DAYS);
      expect(sections(host).map((g) => textOf(g.querySelector('h3')))).to.deep.equal(['Riverside Vaccination Center', 'East Clinic']);
      expect(sections(host).map((g) => [...g.querySelectorAll('h4')].map((h) => textOf(h)))).to.deep.equal([['Morning', 'Evening'], ['Morning', 'Afternoon']]);
      expect(all(host, '[part~="slot"] .time').map((t) => textOf(t))).to.deep.equal(['8:00 AM EST', '6:00 PM EST', '9:00 AM EST', '2:30 PM EST']);
      // A viewer on the clinics' clock is told nothing about zones.
      expect(all(host, '.clinic-facts')).to.have.length(0);
    });

    it("tells a viewer elsewhere the clinic's clock once per place, while each button's name keeps both times", async () => {
      const host = await fixture<SlotListTestHost>(html`<slot-list-test-host .viewerZone=${'America/Chicago'} .slots=${DAYS}></slot-list-test-host>`);
      expect(all(host, '.clinic-facts').map((f) => textOf(f))).to.deep.equal(['Eastern Time: 1 hour ahead of yours', 'Eastern Time: 1 hour ahead of yours']);
      expect(all(host, '[part~="slot"] .viewer-time'), 'not on every button').to.have.length(0);
      expect(nameOf(all(host, '[part~="slot"]')[0])).to.equal('Tuesday, January 12, 2027, 8:00 AM EST, your time 7:00 AM CST, at Riverside Vaccination Center');
      const kolkata = await fixture<SlotListTestHost>(html`<slot-list-test-host lang="es" .viewerZone=${'Asia/Kolkata'} .slots=${DAYS}></slot-list-test-host>`);
      expect(textOf(all(kolkata, '.clinic-facts')[0])).to.equal('Hora oriental: 10 horas 30 minutos por detrás de su hora');
      await expect(host).to.be.accessible();
    });
  });

  describe('a day with more places than fit at once', () => {
    // 8:00 to 10:45 EST: five lanes an hour for 8 and 9, three for 10; 52 places, 12 times.
    const BUSY = [
      ...lanes(quarterHours('2027-01-12T13:00:00Z', 8), 5),
      ...lanes(quarterHours('2027-01-12T15:00:00Z', 4), 3).map((s) => ({ ...s, id: `ten-${s.id}` })),
    ];

    it('counts one free place in the singular, in Spanish too', async () => {
      const lonely = [...BUSY, { ...BUSY[0], id: 'eleven', start: '2027-01-12T16:00:00Z', end: '2027-01-12T16:15:00Z' }];
      expect(all(await mount(lonely), '[part~="hour"]').map(textOf).at(-1)).to.equal('11 AM EST 1 free');
      expect(all(await mount(lonely, { lang: 'es' }), '[part~="hour"]').map(textOf)).to.deep.equal(['8 a.m. EST 20 libres', '9 a.m. EST 20 libres', '10 a.m. EST 12 libres', '11 a.m. EST 1 libre']);
    });

    it('offers the hours with their count of places, then the chosen hour’s times collapsed', async () => {
      const host = await mount(BUSY);
      const hours = all(host, '[part~="hour"]');
      expect(hours.map(textOf)).to.deep.equal(['8 AM EST 20 free', '9 AM EST 20 free', '10 AM EST 12 free']);
      expect(hours.map((h) => h.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'false']);
      expect(all(host, '[part~="slot"]').map((b) => `${textOf(b.querySelector('.time'))} ${textOf(b.querySelector('.places'))}`)).to.deep.equal([
        '8:00 AM EST 5 places',
        '8:15 AM EST 5 places',
        '8:30 AM EST 5 places',
        '8:45 AM EST 5 places',
      ]);
      hours[2].click();
      expect(host.hours).to.deep.equal(['10']);
      host.openHour = '10';
      host.requestUpdate();
      await host.updateComplete;
      expect(all(host, '[part~="slot"] .places').map(textOf)).to.deep.equal(['3 places', '3 places', '3 places', '3 places']);
      await expect(host).to.be.accessible();
    });

    it('reads the hours on the clinic clock across spring-forward (no 2 AM), with one formatter for the zone', async () => {
      // Sunday 14 March 2027 in New York: 00:00-01:45 EST (05:00Z-06:45Z), then 03:00-04:45 EDT (07:00Z-08:45Z).
      const host = await mount(lanes(quarterHours('2027-03-14T05:00:00Z', 16), 4));
      const hours = all(host, '[part~="hour"]');
      expect(hours.map(textOf)).to.deep.equal(['12 AM EST 16 free', '1 AM EST 16 free', '3 AM EDT 16 free', '4 AM EDT 16 free']);
      hours.forEach((hour) => hour.click());
      expect(host.hours).to.deep.equal(['00', '01', '03', '04']);
    });

    it('puts both 1 AMs of the fall-back night in one hour', async () => {
      // Sunday 7 November 2027: 00:00 EDT = 04:00Z; 01:00 EDT = 05:00Z; 01:00 EST = 06:00Z; 02:00 EST = 07:00Z.
      const host = await mount(lanes(quarterHours('2027-11-07T04:00:00Z', 16), 4));
      expect(all(host, '[part~="hour"]').map(textOf)).to.deep.equal(['12 AM EDT 16 free', '1 AM EDT 32 free', '2 AM EST 16 free']);
      host.openHour = '01';
      host.requestUpdate();
      await host.updateComplete;
      expect(all(host, '[part~="slot"] .time').map(textOf)).to.deep.equal([
        ...['1:00', '1:15', '1:30', '1:45'].map((t) => `${t} AM EDT`),
        ...['1:00', '1:15', '1:30', '1:45'].map((t) => `${t} AM EST`),
      ]);
    });

    it('turns the hour where the clinic clock does, not where UTC does', async () => {
      // 02:45Z is 8:30 in Kathmandu; 03:15Z is 9:00.
      const host = await mount(lanes(quarterHours('2027-01-12T02:45:00Z', 6), 10, { locationId: KATHMANDU.id }));
      expect(all(host, '[part~="hour"]').map(textOf)).to.deep.equal(['8 AM GMT+5:45 20 free', '9 AM GMT+5:45 40 free']);
    });

    it('reads a clinic without a zone on the offset its slots were written with', async () => {
      const written = lanes(['2027-01-12T09:30:00-05:00', '2027-01-12T10:30:00-05:00'], 25, { locationId: NO_ZONE.id });
      const host = await mount(written);
      expect(all(host, '[part~="hour"]').map(textOf)).to.deep.equal(['9 AM UTC\u221205:00 25 free', '10 AM UTC\u221205:00 25 free']);
    });
  });
});

describe('nearest free times to a taken one', () => {
  const at = (id: string, start: string, more: Partial<Slot> = {}) => slot(id, start, more);
  const taken = at('taken', '2027-01-12T13:00:00Z');

  it('offers the same time in another lane first, then distinct times nearest first, earlier on a tie', () => {
    const free = [
      at('earlier', '2027-01-12T12:45:00Z'),
      at('later', '2027-01-12T13:15:00Z'),
      taken,
      at('other-hart', '2027-01-12T13:00:00Z', { practitionerId: HART.id }),
      at('lane-2', '2027-01-12T13:00:00Z'),
      at('lane-3', '2027-01-12T08:00:00-05:00'),
    ];
    expect(nearest(taken, free, 3).map((s) => s.id)).to.deep.equal(['lane-2', 'other-hart', 'earlier']);
    expect(nearest(taken, free, 5).map((s) => s.id)).to.deep.equal(['lane-2', 'other-hart', 'earlier', 'later']);
  });

  it('never offers one time twice', () => {
    const free = [...lanes(quarterHours('2027-01-12T13:15:00Z', 3), 10), at('lane-2', '2027-01-12T13:00:00Z')];
    const offered = nearest(taken, free, 3);
    expect(offered.map((s) => s.start)).to.deep.equal(['2027-01-12T13:00:00Z', '2027-01-12T13:15:00Z', '2027-01-12T13:30:00Z']);
    expect(new Set(offered.map(sameTimeKey)).size).to.equal(3);
  });
});
