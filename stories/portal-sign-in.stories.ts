import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { withSessionOwner, type SessionOwnerParameters } from './support/with-session-owner.js';
import type { PortalParameters } from './support/with-portal.js';

// Every state of the header's account corner. A session owner that logs `signIn` / `signOut` to the Actions panel
// stands in for a provider running SMART sign-in; "No auth context" is a page that runs its own. (A line comment:
// a JSDoc block here would replace the element's own @summary on its docs page.)
const meta: Meta = {
  title: 'Elements/portal-sign-in',
  component: 'portal-sign-in',
  tags: ['autodocs'],
  decorators: [withSessionOwner],
  render: () => html`<portal-sign-in></portal-sign-in>`,
};
export default meta;

type Story = StoryObj;
const portal = (parameters: PortalParameters) => ({ portal: parameters });
const owner = (parameters: SessionOwnerParameters, rest: PortalParameters = {}) => ({ sessionOwner: parameters, portal: rest });

export const SignedOut: Story = { parameters: portal({ session: 'signed-out' }) };
export const SignInFailed: Story = { parameters: owner({ session: { status: 'signed-out', problem: 'sign-in-failed' } }) };
export const ServerNotSupported: Story = { parameters: owner({ session: { status: 'signed-out', problem: 'server-not-supported' } }) };
export const SigningIn: Story = { parameters: portal({ session: 'signing-in' }) };
export const SignedIn: Story = { parameters: portal({ session: 'signed-in' }) };
export const SignedInLoading: Story = { parameters: portal({ session: 'signed-in', memory: { latencyMs: 1e9 } }) };
export const Expired: Story = { parameters: portal({ session: 'expired' }) };
// The name could not be read: still signed in, with "Sign out"; the failure goes to the page as a portal-error.
export const NameUnavailable: Story = { parameters: portal({ session: 'signed-in', memory: { fail: 'server' } }) };
// No adapter reached it (no provider, or one without fhir-base-url or api): the integrator's notice.
export const NotConfigured: Story = { parameters: portal({ noApi: true }) };
/** The page runs its own sign-in: "Sign in" only fires `portal-auth-required`, and there is no "Sign out". */
export const NoAuthContext: Story = { parameters: owner({ none: true }, { session: 'signed-in' }) };
export const NoAuthContextSignedOut: Story = { parameters: owner({ none: true }, { session: 'signed-out' }) };
export const Spanish: Story = { globals: { locale: 'es' }, parameters: owner({ session: { status: 'signed-out', problem: 'sign-in-failed' } }) };
export const SpanishSignedIn: Story = { globals: { locale: 'es' }, parameters: portal({ session: 'signed-in' }) };
export const Dark: Story = { globals: { theme: 'dark' }, parameters: portal({ session: 'signed-in' }) };
export const WhiteLabel: Story = { globals: { theme: 'white-label' }, parameters: owner({ session: { status: 'signed-out', problem: 'sign-in-failed' } }) };
/** In a 320 px header, with a long name and a problem message: everything wraps, nothing scrolls sideways. */
export const Narrow: Story = {
  parameters: { ...owner({ session: { status: 'signed-out', problem: 'server-not-supported' } }), viewport: { defaultViewport: 'mobile1' } },
  render: () => html`<div class="story-narrow"><style>.story-narrow { max-width: 320px; }</style><portal-sign-in></portal-sign-in></div>`,
};
