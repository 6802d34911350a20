import { expect } from '@open-wc/testing';
import { eventsOf, PAGE_EVENTS, PORTAL_EVENT_NAMES, PORTAL_EVENTS, portalEvent, reactPropOf } from '../../src/base/events.js';
import '../../src/define.js';

/** Tags that exist today: an event fired only by a tag not built yet is in the table ahead of its element. */
const shipped = (name: (typeof PORTAL_EVENT_NAMES)[number]) =>
  (PORTAL_EVENTS[name].firedBy as readonly string[]).some((tag) => tag === '*' || customElements.get(tag) !== undefined);

describe('the event table', () => {
  it('decides which events reach the page: those bubble and cross shadow roots, the rest stay local', () => {
    for (const name of PORTAL_EVENT_NAMES) {
      const event = portalEvent(name, {} as never);
      expect(PAGE_EVENTS.has(name), name).to.equal(PORTAL_EVENTS[name].page);
      expect([event.bubbles, event.composed], name).to.deep.equal([PORTAL_EVENTS[name].page, PORTAL_EVENTS[name].page]);
    }
  });

  it('gives each tag its own events and those of every element', () => {
    expect(eventsOf('portal-scheduler')).to.include.members(['portal-slot-selected', 'portal-appointment-cancelled', 'portal-auth-required', 'portal-error']);
    expect(eventsOf('portal-patient-banner')).to.deep.equal(['portal-auth-required', 'portal-error']);
    expect(new Set(PORTAL_EVENT_NAMES.map((name) => reactPropOf(name))).size, 'one React prop per event').to.equal(PORTAL_EVENT_NAMES.length);
    expect(['portal-auth-required', 'portal-appointment-cancelled', 'portal-idle-sign-out'].map((name) => reactPropOf(name as never))).to.deep.equal([
      'onAuthRequired',
      'onAppointmentCancelled',
      'onIdleSignOut',
    ]);
  });

  it("README's event list is the table's page-level events of the elements that exist", async () => {
    const readme = await (await fetch('/README.md')).text();
    const section = readme.slice(readme.indexOf('### Events'), readme.indexOf('### Theming'));
    const listed = [...section.matchAll(/^\| `(portal-[a-z-]+)`/gm)].map((match) => match[1]).sort();
    expect(listed).to.deep.equal([...PAGE_EVENTS].filter(shipped).sort());
  });
});
