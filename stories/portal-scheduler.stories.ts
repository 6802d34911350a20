import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalParameters } from './support/with-portal.js';

const meta: Meta = {
  title: 'Elements/portal-scheduler',
  component: 'portal-scheduler',
  render: () => html`<portal-scheduler></portal-scheduler>`,
};
export default meta;

type Story = StoryObj;
const portal = (parameters: PortalParameters) => ({ portal: parameters });

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
/** Pick a time: the server holds it and the review counts down the hold. */
export const HoldCountdown: Story = { parameters: portal({ memory: { bookingMode: 'operation', holdMinutes: 5 } }) };
/** Pick a first COVID-19 dose and book it: the confirmation offers the second dose at the product's interval. */
export const FollowUpDose: Story = { render: () => html`<portal-scheduler vaccine="208:1"></portal-scheduler>` };
export const PublicVisitor: Story = { parameters: portal({ session: 'signed-out' }) };
export const MassVaccinationDay: Story = {
  parameters: portal({ memory: { slotsPerDay: 5000 } }),
  render: () => html`<portal-scheduler location="loc-vax" vaccine="140"></portal-scheduler>`,
};
export const NotConfigured: Story = { parameters: portal({ noApi: true }) };
export const Spanish: Story = { globals: { locale: 'es' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const WhiteLabel: Story = { globals: { theme: 'white-label' } };
export const Compact: Story = {
  render: () => html`<div style="max-width:320px"><portal-scheduler vaccine></portal-scheduler></div>`,
};
