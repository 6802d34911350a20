import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { eventsOf, reactPropOf, type EventsOf, type PortalEventDetails, type ReactPropOf } from './base/events.js';
import { PortalPatientBanner } from './elements/portal-patient-banner/portal-patient-banner.js';
import { PortalProvider } from './elements/portal-provider/portal-provider.js';
import { PortalScheduler } from './elements/portal-scheduler/portal-scheduler.js';
import { PortalMessages } from './elements/portal-messages/portal-messages.js';
import { PortalResults } from './elements/portal-results/portal-results.js';
import { VaccineRecord } from './elements/vaccine-record/vaccine-record.js';
import { PortalSignIn } from './elements/portal-sign-in/portal-sign-in.js';

// React wrappers: properties (api, auth, session) pass through as properties, and portal events map to
// `on…` props. Importing this file defines the tags it wraps.
PortalProvider.define();
PortalPatientBanner.define();
PortalScheduler.define();
PortalMessages.define();
PortalResults.define();
VaccineRecord.define();
PortalSignIn.define();

/**
 * The `on…` props of a tag's wrapper, one per event the event table says it fires. Each is typed with its
 * event's detail, so a React handler receives `CustomEvent<detail>` rather than a bare `Event`.
 */
export type PortalReactEvents<Tag extends string> = {
  [K in EventsOf<Tag> as ReactPropOf<K>]: EventName<CustomEvent<PortalEventDetails[K]>>;
};

/** Reads a tag's props from the event table, so a new row there reaches the wrappers without an edit here. */
function reactEvents<Tag extends string>(tag: Tag): PortalReactEvents<Tag> {
  // The `EventName` brand exists for the type checker only: at run time each value is the plain event name.
  return Object.fromEntries(eventsOf(tag).map((name) => [reactPropOf(name), name])) as unknown as PortalReactEvents<Tag>;
}

/** A tag's wrapper: its class, and the `on…` props the event table gives it. */
function wrap<I extends HTMLElement, Tag extends string>(tagName: Tag, elementClass: new () => I) {
  return createComponent({ tagName, elementClass, react: React, events: reactEvents(tagName) });
}

// The provider's own events are few, but page-level events of the elements inside it (sign-in requests,
// errors) bubble through it, so its wrapper offers those props too: one handler can hear a whole subtree.
export const PortalProviderReact = wrap('portal-provider', PortalProvider);
export const PortalSignInReact = wrap('portal-sign-in', PortalSignIn);
export const PortalPatientBannerReact = wrap('portal-patient-banner', PortalPatientBanner);
export const PortalSchedulerReact = wrap('portal-scheduler', PortalScheduler);
export const PortalMessagesReact = wrap('portal-messages', PortalMessages);
export const PortalResultsReact = wrap('portal-results', PortalResults);
export const VaccineRecordReact = wrap('vaccine-record', VaccineRecord);
