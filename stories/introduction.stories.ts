import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { THEME_PRESETS } from '../src/styles/tokens.js';

const EMBED = `<script type="module" src="https://your-cdn.example/portal-kit/dist/portal-kit.js"></script>

<portal-provider fhir-base-url="https://fhir.your-hospital.example/r4" lang="en">
  <portal-patient-banner></portal-patient-banner>
</portal-provider>`;

const SCRIPTED = `import { providePortal } from 'portal-kit';
import 'portal-kit/define';

providePortal(document.body, {
  fhirBaseUrl: 'https://fhir.your-hospital.example/r4',
  auth: myTokenSource, // { getAccessToken(), patientId, subscribe?(listener) } from your own session
});`;

const THEME = `/* Your site's stylesheet: tokens cross the shadow roots. */
portal-provider {
  --portal-color-accent: #7a2e8e;
  --portal-font-family: Georgia, serif;
  --portal-radius: 1rem;
}
/* Or reach a region directly */
portal-patient-banner::part(banner) { border-width: 2px; }`;

const meta: Meta = {
  title: 'Introduction',
  parameters: { layout: 'padded', portal: {} },
};
export default meta;

/** How a hospital site embeds portal-kit and re-brands it. */
export const EmbedAndTheme: StoryObj = {
  render: () => html`<article style="max-width: 46rem; font-family: system-ui, sans-serif; line-height: 1.5">
    <h1>portal-kit</h1>
    <p>
      Patient-portal features as web components: scheduling, secure messages, lab results and vaccine records. They
      render in your page (no iframe), share one signed-in session, and talk FHIR R4 + SMART App Launch to the server
      your hospital already runs.
    </p>
    <h2>Embed with one script tag</h2>
    <pre><code>${EMBED}</code></pre>
    <h2>Or wire it from your own code</h2>
    <pre><code>${SCRIPTED}</code></pre>
    <h2>Theme</h2>
    <p>Every element reads <code>--portal-*</code> custom properties and exposes <code>::part()</code> regions. Presets:
      <code>theme="light"</code>, <code>"dark"</code>, <code>"white-label"</code>, <code>"auto"</code> on
      <code>&lt;portal-provider&gt;</code>.</p>
    <pre><code>${THEME}</code></pre>
    <h2>Tokens</h2>
    <table>
      <thead><tr><th scope="col">Token</th><th scope="col">Light</th><th scope="col">Dark</th></tr></thead>
      <tbody>
        ${Object.keys(THEME_PRESETS.light).map(
          (name) => html`<tr>
            <td><code>${name}</code></td>
            <td><code>${THEME_PRESETS.light[name as keyof typeof THEME_PRESETS.light]}</code></td>
            <td><code>${THEME_PRESETS.dark[name as keyof typeof THEME_PRESETS.dark]}</code></td>
          </tr>`,
        )}
      </tbody>
    </table>
  </article>`,
};
