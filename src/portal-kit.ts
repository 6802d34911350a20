// The single-file build for a CMS page: `<script type="module" src=".../portal-kit.js">` defines every tag,
// and the module's exports give scripts on the page the adapters and `providePortal`.
import './define.js';

export * from './index.js';
