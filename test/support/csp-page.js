// Runs inside /csp-harness.html under a strict CSP: records violations, then wires the elements to the FHIR
// server named in the page's query string. Plain JS (served as is) so nothing but the dist/ files runs.
const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
});
window.cspReport = { violations, errors: [] };
window.addEventListener('error', (event) => window.cspReport.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.cspReport.errors.push(String(event.reason)));

const params = new URLSearchParams(location.search);
const auth = { getAccessToken: async () => 'csp-token', patientId: params.get('patient') };
try {
  const kit = params.get('kit') ?? 'bundle';
  if (kit === 'api') {
    // The loader (script tag) defines the banner; the API module wires it, with no <portal-provider> on the page.
    const api = await import('/dist/portal-kit-api.js');
    api.providePortal(document.body, { fhirBaseUrl: params.get('base'), auth });
    api.applyTheme(document.body, 'dark');
    window.cspReport.loaded = Boolean(api.createFhirAdapter);
  } else {
    const module = await import(kit === 'loader' ? '/dist/portal-kit.js' : '/dist/portal-kit.bundle.js');
    await customElements.whenDefined('portal-provider');
    const provider = document.querySelector('portal-provider');
    provider.auth = auth;
    provider.setAttribute('fhir-base-url', params.get('base'));
    provider.setAttribute('theme', 'dark');
    window.cspReport.loaded = typeof module.define === 'function';
  }
} catch (error) {
  window.cspReport.errors.push(String(error));
}
