import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createMemoryAdapter } from '../src/api/memory/index.js';
import { STORY_PATIENT_ID } from './support/with-portal.js';

// The provider renders nothing itself: its docs page lists what a page sets on it. The story nests one inside the
// toolbar's provider to show that the nearest provider's api, session, language and theme are what an element uses.
// (A line comment, so the docs page shows the element's own @summary from the manifest.)
const meta: Meta = {
  title: 'Elements/portal-provider',
  component: 'portal-provider',
  tags: ['autodocs'],
};
export default meta;

export const SuppliesTheElementsInside: StoryObj = {
  render: () => html`<portal-provider
    .api=${createMemoryAdapter({ patientId: STORY_PATIENT_ID })}
    .session=${{ status: 'signed-in', patientId: STORY_PATIENT_ID }}
    lang="es"
    theme="dark"
  >
    <portal-patient-banner></portal-patient-banner>
  </portal-provider>`,
};
