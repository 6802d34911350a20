import { PortalMessages } from './portal-messages.js';

PortalMessages.define();

declare global {
  interface HTMLElementTagNameMap {
    'portal-messages': PortalMessages;
  }
}
