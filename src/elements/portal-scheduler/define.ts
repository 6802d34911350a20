import { PortalScheduler } from './portal-scheduler.js';

PortalScheduler.define();

declare global {
  interface HTMLElementTagNameMap {
    'portal-scheduler': PortalScheduler;
  }
}
