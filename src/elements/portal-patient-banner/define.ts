import { PortalPatientBanner } from './portal-patient-banner.js';

PortalPatientBanner.define();

declare global {
  interface HTMLElementTagNameMap {
    'portal-patient-banner': PortalPatientBanner;
  }
}
