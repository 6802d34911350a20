/**
 * Every tag portal-kit defines, in one list: the npm build makes a `portal-kit/define/<tag>` entry for each, and
 * the script-tag loader (dist/portal-kit.js) watches the page for each and loads its
 * `src/elements/<tag>/define.ts` the first time one appears. A new element is one line here (plus its folder).
 * Plain data on purpose: vite.config.ts reads it too.
 */
export const ELEMENT_TAGS = ['portal-provider', 'portal-patient-banner', 'portal-sign-in', 'portal-scheduler', 'portal-messages', 'portal-results', 'vaccine-record'] as const;

export type ElementTag = (typeof ELEMENT_TAGS)[number];
