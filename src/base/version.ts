/** The portal-kit release, kept equal to package.json's `version` (a test compares them). */
export const VERSION = '0.1.0';
