import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createFhirAdapter } from '../src/api/fhir/adapter.js';
import { IHE_STORY_BASE, iheServerFetch } from './support/ihe-server.js';
import { pressPart, shadowPart, storyElement } from './support/play.js';
import type { PortalParameters } from './support/with-portal.js';

const meta: Meta = {
  title: 'Elements/portal-scheduler',
  component: 'portal-scheduler',
  tags: ['autodocs'],
  render: () => html`<portal-scheduler></portal-scheduler>`,
};
export default meta;

type Story = StoryObj;
const portal = (parameters: PortalParameters) => ({ portal: parameters });
const scheduler = (canvasElement: HTMLElement) => storyElement(canvasElement, 'portal-scheduler');
const isFluShot = (button: HTMLElement) => button.closest('[part~="appointment"]')?.textContent?.includes('Flu vaccination') ?? false;

/** Signed in: "Your appointments" is pressed, and the list is shown. */
async function openAppointments(canvasElement: HTMLElement): Promise<HTMLElement> {
  const element = await scheduler(canvasElement);
  await pressPart(element, '[part~="view"]', (button) => button.getAttribute('aria-pressed') === 'false');
  return element;
}

export const Default: Story = { parameters: portal({ memory: { bookingMode: 'rest' } }) };
export const PresetAndLocked: Story = {
  render: () => html`<portal-scheduler location="loc-lakeview" service="svc-primary-care"></portal-scheduler>`,
};
export const VaccinesOnly: Story = { render: () => html`<portal-scheduler vaccine></portal-scheduler>` };
export const FluVaccineAtTheVaccinationCenter: Story = {
  render: () => html`<portal-scheduler vaccine="140" location="loc-vax"></portal-scheduler>`,
};
export const NoAvailability: Story = {
  parameters: portal({ memory: { empty: true } }),
  render: () => html`<portal-scheduler max-days-out="14"><p slot="no-availability">No times online right now. Call 555-0100 and we will find you one.</p></portal-scheduler>`,
};
export const NoAvailabilityDefaultText: Story = { parameters: portal({ memory: { empty: true } }) };
export const Loading: Story = { parameters: portal({ memory: { latencyMs: 1e9 } }) };
export const ServerError: Story = { parameters: portal({ memory: { fail: 'server' } }) };
export const NetworkError: Story = { parameters: portal({ memory: { fail: 'network' } }) };
/** Pick a time and press "Book this time": someone else takes it first, and the nearest free times are offered. */
export const Conflict: Story = { parameters: portal({ memory: { conflictOnBook: true, bookingMode: 'rest' } }) };
/**
 * The connection dropped after the server booked: the person is told the booking may have happened and that pressing
 * again is safe; pressing "Book this time" again shows the one booking.
 */
export const LostAnswerRecovery: Story = {
  parameters: portal({ memory: { loseBookAnswer: true, bookingMode: 'rest' } }),
  play: async ({ canvasElement }) => {
    const element = await scheduler(canvasElement);
    await pressPart(element, '[part~="slot"]');
    await pressPart(element, '[part~="confirm"]');
  },
};
/** Pick a time: the server holds it and the review counts down the hold. */
export const HoldCountdown: Story = { parameters: portal({ memory: { bookingMode: 'operation', holdMinutes: 5 } }) };
/** Pick a first COVID-19 dose and book it: the confirmation offers the second dose at the product's interval. */
export const FollowUpDose: Story = { render: () => html`<portal-scheduler vaccine="208:1"></portal-scheduler>` };
/** The first free time is booked: the confirmation from the server's answer, with a calendar file. */
export const Confirmation: Story = {
  parameters: portal({ memory: { bookingMode: 'rest' } }),
  play: async ({ canvasElement }) => {
    const element = await scheduler(canvasElement);
    await pressPart(element, '[part~="slot"]');
    await pressPart(element, '[part~="confirm"]');
  },
};
/** A first COVID-19 dose was booked and "Book dose 2 from …" pressed: only days from the interval on can be chosen. */
export const NextDoseSearch: Story = {
  parameters: portal({ memory: { bookingMode: 'rest' } }),
  render: () => html`<portal-scheduler vaccine="208:1"></portal-scheduler>`,
  play: async ({ canvasElement }) => {
    const element = await scheduler(canvasElement);
    await pressPart(element, '[part~="slot"]');
    await pressPart(element, '[part~="confirm"]');
    await pressPart(element, '[part~="book-next-dose"]');
  },
};
/** Signed in, "Your appointments": upcoming ones only, each with Cancel and Reschedule when the clinic allows. */
export const ManageList: Story = { play: async ({ canvasElement }) => void (await openAppointments(canvasElement)) };
export const ManageEmpty: Story = {
  parameters: portal({ memory: { empty: true } }),
  play: async ({ canvasElement }) => void (await openAppointments(canvasElement)),
};
export const ManageError: Story = {
  parameters: portal({ memory: { fail: { kind: 'network', operations: ['scheduling.listAppointments'] } } }),
  play: async ({ canvasElement }) => void (await openAppointments(canvasElement)),
};
/** "Cancel" pressed on the flu shot: nothing is written until "Yes, cancel". */
export const CancelConfirm: Story = {
  play: async ({ canvasElement }) => {
    const element = await openAppointments(canvasElement);
    await pressPart(element, '[part~="cancel"]', isFluShot);
  },
};
/** "Yes, cancel" pressed, but the appointment changed in another tab meanwhile: said so, list read again. */
export const CancelConflict: Story = {
  parameters: portal({ memory: { fail: { kind: 'conflict', operations: ['scheduling.cancelAppointment'] } } }),
  play: async ({ canvasElement }) => {
    const element = await openAppointments(canvasElement);
    await pressPart(element, '[part~="cancel"]', isFluShot);
    await pressPart(element, '[part~="cancel-yes"]');
  },
};
/** "Reschedule" pressed on the flu shot: the search opens on its service and place, with a note of what it replaces. */
export const Rescheduling: Story = {
  parameters: portal({ memory: { bookingMode: 'rest' } }),
  play: async ({ canvasElement }) => {
    const element = await openAppointments(canvasElement);
    await pressPart(element, '[part~="reschedule"]', isFluShot);
  },
};
/** A new time was booked, but the old appointment could not be cancelled: both are booked, and a retry is offered. */
export const RescheduleReleaseFailed: Story = {
  parameters: portal({ memory: { bookingMode: 'rest', fail: { kind: 'server', operations: ['scheduling.cancelAppointment'] } } }),
  play: async ({ canvasElement }) => {
    const element = await openAppointments(canvasElement);
    await pressPart(element, '[part~="reschedule"]', isFluShot);
    // A time from the new search (the one before it stays on screen while it runs).
    await pressPart(element, '[part~="slot"]', (slot) => slot.textContent?.includes('Vaccination Center') ?? false);
    await pressPart(element, '[part~="confirm"]');
  },
};
export const PublicVisitor: Story = { parameters: portal({ session: 'signed-out' }) };
/** Signed in, but the appointment permission was not granted: times can be looked at, pick one to see why booking is not offered. */
export const NotPermitted: Story = { parameters: portal({ grantedScopes: ['launch/patient', 'patient/Patient.r'] }) };
/** Times from a SMART Scheduling Links publication, booked on the publisher's site (pick a time to see the link). */
export const SchedulingLinksSource: Story = {
  parameters: portal({ session: 'signed-out' }),
  render: () => html`<portal-scheduler source="https://publisher.example.org/$bulk-publish" referral-source="riverside-home" vaccine></portal-scheduler>`,
};
export const SchedulingLinksUnreachable: Story = {
  parameters: portal({ session: 'signed-out' }),
  render: () => html`<portal-scheduler source="https://unreachable.example.org/$bulk-publish" vaccine></portal-scheduler>`,
};
export const MassVaccinationDay: Story = {
  parameters: portal({ memory: { slotsPerDay: 5000 } }),
  render: () => html`<portal-scheduler location="loc-vax" vaccine="140"></portal-scheduler>`,
};
/** "Any location" for a flu shot: each clinic's times under its name and address, by morning, afternoon and evening. */
export const SeveralClinicsGrouped: Story = {
  parameters: portal({ memory: { bookingMode: 'rest' } }),
  render: () => html`<portal-scheduler service="svc-flu"></portal-scheduler>`,
};
/** Primary care is offered in person and by video: "How" is set to "Video visit", and only video times are shown. */
export const VideoVisitOffered: Story = {
  parameters: portal({ memory: { bookingMode: 'rest' } }),
  render: () => html`<portal-scheduler service="svc-primary-care"></portal-scheduler>`,
  play: async ({ canvasElement }) => {
    const element = await scheduler(canvasElement);
    const how = await shadowPart(element, '[part~="filters"] select', (select) => [...(select as HTMLSelectElement).options].some((o) => o.value === 'video'));
    (how as HTMLSelectElement).value = 'video';
    how.dispatchEvent(new Event('change'));
  },
};
/** A video visit booked: how it is joined, and (the join window here set to a week) the link to join in a new tab. */
export const VideoVisitConfirmation: Story = {
  parameters: portal({ memory: { bookingMode: 'rest' } }),
  render: () => html`<portal-scheduler location="loc-video" video-join-minutes="10080"></portal-scheduler>`,
  play: async ({ canvasElement }) => {
    const element = await scheduler(canvasElement);
    await pressPart(element, '[part~="slot"]');
    await pressPart(element, '[part~="confirm"]');
  },
};
/**
 * The real FHIR adapter on a server that offers times only through IHE ITI Scheduling: its CapabilityStatement names
 * IHE's `$find`, so the times are proposed Appointments from `Appointment/$find` (an in-browser stand-in,
 * stories/support/ihe-server.ts), shown in the New York clinic's zone with its clinician and service. Signed out:
 * finding times needs no sign-in (the stand-in books nothing).
 */
export const IheModeSearch: Story = {
  parameters: portal({ session: 'signed-out', api: () => createFhirAdapter({ baseUrl: IHE_STORY_BASE, fetch: iheServerFetch }) }),
};
export const NotConfigured: Story = { parameters: portal({ noApi: true }) };
export const Spanish: Story = { globals: { locale: 'es' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const WhiteLabel: Story = { globals: { theme: 'white-label' } };
export const Compact: Story = {
  render: () => html`<div style="max-width:320px"><portal-scheduler vaccine></portal-scheduler></div>`,
};
