import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalParameters } from './support/with-portal.js';

const meta: Meta = {
  title: 'Elements/portal-patient-banner',
  component: 'portal-patient-banner',
  tags: ['autodocs'],
  render: () => html`<portal-patient-banner></portal-patient-banner>`,
};
export default meta;

type Story = StoryObj;
const portal = (parameters: PortalParameters) => ({ portal: parameters });

export const Default: Story = {};
export const Loading: Story = { parameters: portal({ memory: { latencyMs: 1e9 } }) };
export const ServerError: Story = { parameters: portal({ memory: { fail: 'server' } }) };
export const NetworkError: Story = { parameters: portal({ memory: { fail: 'network' } }) };
export const Forbidden: Story = { parameters: portal({ memory: { fail: 'forbidden' } }) };
export const NotFound: Story = { parameters: portal({ memory: { fail: 'not-found' } }) };
export const SignedOut: Story = { parameters: portal({ session: 'signed-out' }) };
export const SessionExpired: Story = { parameters: portal({ session: 'expired' }) };
/** Signed in, but the server did not grant reading the patient record: "not available", and no request. */
export const NotPermitted: Story = { parameters: portal({ grantedScopes: ['launch/patient', 'patient/Appointment.crus'] }) };
export const NotConfigured: Story = { parameters: portal({ noApi: true }) };
export const Spanish: Story = { globals: { locale: 'es' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const WhiteLabel: Story = { globals: { theme: 'white-label' } };
export const Compact: Story = { parameters: { viewport: { defaultViewport: 'mobile1' } }, render: () => html`<div style="max-width:320px"><portal-patient-banner></portal-patient-banner></div>` };
