import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|js)'],
  // Versions pinned to storybook's own: docs pages from the manifest, and axe's verdict per story.
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: {
    disableTelemetry: true, // offline CI would otherwise wait ~7 s for telemetry POSTs to time out
    disableWhatsNewNotifications: true,
  },
  // Storybook's own preview chunk is ~880 kB; keep Vite's >500 kB warning out of CI logs.
  // The demo site's plugins (home redirect, FHIR server) belong to `npm start`, not to Storybook.
  viteFinal: async (viteConfig) => ({
    ...viteConfig,
    plugins: (viteConfig.plugins ?? []).filter(
      (plugin) => !(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name.startsWith('portal-kit-demo')),
    ),
    build: { ...viteConfig.build, chunkSizeWarningLimit: 1500 },
  }),
};
export default config;
