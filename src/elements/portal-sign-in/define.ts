import { PortalSignIn } from './portal-sign-in.js';

PortalSignIn.define();

declare global {
  interface HTMLElementTagNameMap {
    'portal-sign-in': PortalSignIn;
  }
}
