import { PortalResults } from './portal-results.js';

PortalResults.define();

declare global {
  interface HTMLElementTagNameMap {
    'portal-results': PortalResults;
  }
}
