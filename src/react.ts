import { createComponent } from '@lit/react';
import * as React from 'react';
import { PortalPatientBanner } from './elements/portal-patient-banner/portal-patient-banner.js';
import { PortalProvider } from './elements/portal-provider/portal-provider.js';
import { PortalScheduler } from './elements/portal-scheduler/portal-scheduler.js';
import { PortalSignIn } from './elements/portal-sign-in/portal-sign-in.js';

// React wrappers: properties (api, auth, session) pass through as properties, and portal events map to
// `on…` props. Importing this file defines the tags it wraps.
PortalProvider.define();
PortalPatientBanner.define();
PortalScheduler.define();
PortalSignIn.define();

export const PortalProviderReact = createComponent({
  tagName: 'portal-provider',
  elementClass: PortalProvider,
  react: React,
  events: {
    onSessionEnded: 'portal-session-ended',
  },
});

export const PortalSignInReact = createComponent({
  tagName: 'portal-sign-in',
  elementClass: PortalSignIn,
  react: React,
  events: {
    onAuthRequired: 'portal-auth-required',
    onError: 'portal-error',
  },
});

export const PortalPatientBannerReact = createComponent({
  tagName: 'portal-patient-banner',
  elementClass: PortalPatientBanner,
  react: React,
  events: {
    onAuthRequired: 'portal-auth-required',
    onError: 'portal-error',
  },
});

export const PortalSchedulerReact = createComponent({
  tagName: 'portal-scheduler',
  elementClass: PortalScheduler,
  react: React,
  events: {
    onSlotSelected: 'portal-slot-selected',
    onAppointmentBooked: 'portal-appointment-booked',
    onAuthRequired: 'portal-auth-required',
    onError: 'portal-error',
  },
});
