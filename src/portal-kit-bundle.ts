// dist/portal-kit.bundle.js: the one-file build for hosts that want a single file and no chunks beside it. It
// defines every tag on load and exports what dist/portal-kit-api.js does, plus the element classes and a `define`
// that matches the loader's (everything is defined already, so it only waits for nothing), so a page written for
// the loader works unchanged with this file.
import './define.js';
import { ELEMENT_TAGS } from './portal-kit-elements.js';

export * from './portal-kit-api.js';
export { PortalProvider } from './elements/portal-provider/portal-provider.js';
export { PortalPatientBanner } from './elements/portal-patient-banner/portal-patient-banner.js';
export { PortalScheduler } from './elements/portal-scheduler/portal-scheduler.js';
export { PortalMessages } from './elements/portal-messages/portal-messages.js';
export { PortalResults } from './elements/portal-results/portal-results.js';
export { VaccineRecord } from './elements/vaccine-record/vaccine-record.js';
export { PortalSignIn } from './elements/portal-sign-in/portal-sign-in.js';

/** The loader's `define()`: in this file every tag is defined on load, so it only checks the names it is given. */
export function define(...tags: string[]): Promise<void> {
  const unknown = tags.filter((tag) => !(ELEMENT_TAGS as readonly string[]).includes(tag));
  if (unknown.length) return Promise.reject(new TypeError(`portal-kit: no element <${unknown.join('>, <')}>; known: ${ELEMENT_TAGS.join(', ')}`));
  return Promise.resolve();
}
