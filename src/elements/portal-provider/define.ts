import { PortalProvider } from './portal-provider.js';

PortalProvider.define();

declare global {
  interface HTMLElementTagNameMap {
    'portal-provider': PortalProvider;
  }
}
