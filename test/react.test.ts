import { expect, waitUntil } from '@open-wc/testing';
import * as React from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryAdapter } from '../src/api/memory/index.js';
import { eventsOf, portalEvent, reactPropOf, type PortalEventDetails, type PortalEventName } from '../src/base/events.js';
import type { PortalScheduler } from '../src/elements/portal-scheduler/portal-scheduler.js';
import type { Session } from '../src/model/session.js';
import { PortalPatientBannerReact, PortalProviderReact, PortalSchedulerReact, PortalSignInReact } from '../src/react.js';

const PATIENT_ID = 'patient-ana-mejia';
const SIGNED_IN: Session = { status: 'signed-in', patientId: PATIENT_ID };

/** One detail per event: a new row in the event table fails to compile here until it has one. */
const DETAILS: { [K in PortalEventName]: PortalEventDetails[K] } = {
  'portal-auth-required': { element: 'portal-scheduler', reason: 'signed-out' },
  'portal-session-ended': { reason: 'idle' },
  'portal-error': { element: 'portal-scheduler', kind: 'network', operation: 'scheduling.searchSlots', retryable: true },
  'portal-slot-selected': { slotId: 'slot-1', serviceId: 'svc-flu', locationId: 'loc-downtown', practitionerId: 'pr-1' },
  'portal-appointment-booked': { appointmentId: 'appt-1', serviceId: 'svc-flu', locationId: 'loc-downtown', vaccineCvx: '140' },
  'portal-appointment-cancelled': { appointmentId: 'appt-1', serviceId: 'svc-flu', locationId: 'loc-downtown' },
  'portal-message-sent': { messageId: 'msg-1', threadId: 'thread-1', attachmentCount: 0 },
  'portal-message-read': { threadId: 'thread-1', count: 2 },
  'portal-result-opened': { reportId: 'report-1' },
  'portal-immunization-reported': { immunizationId: 'imm-1' },
  'portal-health-card-verified': { verdict: 'verified', issuer: 'https://spec.smarthealth.cards/examples/issuer' },
  'portal-vaccine-booking-requested': { vaccine: '208:2' },
  'portal-sign-out-requested': {},
  'portal-idle-stay': {},
  'portal-idle-sign-out': {},
};

// The wrappers' props are typed from the table; these lines are checked by `tsc`, never run.
function _typeChecks(): void {
  React.createElement(PortalSchedulerReact, {
    onSlotSelected: (event) => event.detail.slotId.toUpperCase(),
    onAppointmentCancelled: (event: CustomEvent<PortalEventDetails['portal-appointment-cancelled']>) => event.detail.appointmentId,
    onError: (event) => event.detail.retryable,
  });
  React.createElement(PortalSchedulerReact, {
    // @ts-expect-error a booking's detail carries no slot id: the handler must take the booked event
    onAppointmentBooked: (event: CustomEvent<PortalEventDetails['portal-slot-selected']>) => event.detail.slotId,
  });
  React.createElement(PortalProviderReact, {
    // Reading `detail` compiles only because the handler is given a CustomEvent, not a bare Event.
    onSessionEnded: (event) => ({ logout: 1, idle: 2, expired: 3 })[event.detail.reason],
  });
  React.createElement(PortalPatientBannerReact, {
    // @ts-expect-error the banner fires no slot choice, so its wrapper has no such prop
    onSlotSelected: () => undefined,
  });
}

type Handlers = Record<string, (event: CustomEvent) => void>;

let container: HTMLElement | undefined;
let root: Root | undefined;

function render(element: React.ReactElement): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  // Synchronous, so the wrapper's listeners (added in a layout effect) are in place when the test goes on.
  flushSync(() => root!.render(element));
  return container;
}

afterEach(() => {
  root?.unmount();
  container?.remove();
  root = undefined;
  container = undefined;
});

/** An `on…` prop for every event the tag fires, each recording what it received. */
function recordingHandlers(tag: string): { handlers: Handlers; received: Map<PortalEventName, CustomEvent[]> } {
  const received = new Map<PortalEventName, CustomEvent[]>();
  const handlers: Handlers = {};
  for (const name of eventsOf(tag)) {
    received.set(name, []);
    handlers[reactPropOf(name)] = (event) => received.get(name)!.push(event);
  }
  return { handlers, received };
}

function inProvider(child?: React.ReactElement, providerProps: Record<string, unknown> = {}): React.ReactElement {
  const api = createMemoryAdapter({ patientId: PATIENT_ID });
  return React.createElement(PortalProviderReact, { api, session: SIGNED_IN, lang: 'en', ...providerProps }, child);
}

/** Dispatches every event the tag fires on `element` and checks each reached its own prop, once, as sent. */
function expectEveryEventReachesItsProp(tag: string, element: Element, received: Map<PortalEventName, CustomEvent[]>): void {
  expect(eventsOf(tag), `${tag} fires events`).not.to.be.empty;
  for (const name of eventsOf(tag)) {
    const sent = portalEvent(name, DETAILS[name]);
    element.dispatchEvent(sent);
    const got = received.get(name)!;
    expect(got, `${reactPropOf(name)} heard ${name}`).to.have.length(1);
    expect(got[0]).to.equal(sent);
    expect(got[0]).to.be.instanceOf(CustomEvent);
    expect(got[0].type).to.equal(name);
    expect(got[0].detail).to.deep.equal(DETAILS[name]);
  }
}

const WRAPPED = [
  { tag: 'portal-sign-in', component: PortalSignInReact },
  { tag: 'portal-patient-banner', component: PortalPatientBannerReact },
  { tag: 'portal-scheduler', component: PortalSchedulerReact },
] as const;

describe('React wrappers', () => {
  it('PortalProviderReact: every event the table gives the provider reaches its on… prop', () => {
    const { handlers, received } = recordingHandlers('portal-provider');
    const host = render(inProvider(undefined, handlers));
    const provider = host.querySelector('portal-provider')!;
    expect(provider).to.exist;
    expectEveryEventReachesItsProp('portal-provider', provider, received);
  });

  for (const { tag, component } of WRAPPED) {
    it(`${component.displayName ?? tag}: every event the table gives <${tag}> reaches its on… prop`, () => {
      const { handlers, received } = recordingHandlers(tag);
      const host = render(inProvider(React.createElement(component as React.ComponentType<Handlers>, handlers)));
      const element = host.querySelector(tag)!;
      expect(element, `<${tag}> inside the provider`).to.exist;
      expect(element.parentElement!.localName).to.equal('portal-provider');
      expectEveryEventReachesItsProp(tag, element, received);
    });
  }

  it('the scheduler wrapper offers onAppointmentCancelled', () => {
    const cancelled: CustomEvent[] = [];
    const host = render(inProvider(React.createElement(PortalSchedulerReact, { onAppointmentCancelled: (event) => cancelled.push(event) })));
    const sent = portalEvent('portal-appointment-cancelled', DETAILS['portal-appointment-cancelled']);
    host.querySelector('portal-scheduler')!.dispatchEvent(sent);
    expect(cancelled).to.deep.equal([sent]);
  });

  it("the provider's wrapper hears page-level events from the elements inside it", () => {
    const errors: CustomEvent[] = [];
    const host = render(inProvider(React.createElement(PortalSchedulerReact), { onError: (event: CustomEvent) => errors.push(event) }));
    const sent = portalEvent('portal-error', DETAILS['portal-error']);
    host.querySelector('portal-scheduler')!.dispatchEvent(sent);
    expect(errors).to.deep.equal([sent]);
  });

  it('end to end: properties pass through, and choosing a time calls onSlotSelected with its ids', async () => {
    const selected: CustomEvent<PortalEventDetails['portal-slot-selected']>[] = [];
    const host = render(
      inProvider(React.createElement(PortalSchedulerReact, { vaccine: '208:2', onSlotSelected: (event) => selected.push(event) })),
    );
    const scheduler = host.querySelector<PortalScheduler>('portal-scheduler')!;
    expect(scheduler.vaccine, 'set as a property').to.equal('208:2');
    const slot = () => scheduler.shadowRoot!.querySelector<HTMLButtonElement>('[part~="slot"]');
    // Times show only once the provider's `.api` (a property, not an attribute) reached the scheduler.
    await waitUntil(slot, 'no times shown', { timeout: 4000 });
    const services = [...scheduler.shadowRoot!.querySelectorAll('[part~="filters"] select')][0].querySelectorAll('option');
    expect(services, '`vaccine="208:2"` offers that one product and dose').to.have.length(1);
    expect(services[0].textContent).to.contain('dose 2');
    expect(selected).to.be.empty;
    slot()!.click();
    // The booking step loads on first use, so the choice is announced a moment after the click.
    await waitUntil(() => selected.length > 0, 'onSlotSelected never called', { timeout: 4000 });
    expect(selected).to.have.length(1);
    expect(selected[0].type).to.equal('portal-slot-selected');
    expect(selected[0].detail.slotId).to.be.a('string').and.not.be.empty;
    expect(selected[0].detail.serviceId, 'the one offered service').to.equal((services[0] as HTMLOptionElement).value);
    expect(Object.keys(selected[0].detail).every((key) => ['slotId', 'serviceId', 'locationId', 'practitionerId'].includes(key))).to.equal(true);
  });
});
