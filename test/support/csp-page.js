// Runs inside /csp-harness.html under a strict CSP: records violations, then wires the bundle to the FHIR
// server named in the page's query string. Plain JS (served as is) so nothing but dist/portal-kit.js runs.
const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
});
window.cspReport = { violations, errors: [] };
window.addEventListener('error', (event) => window.cspReport.errors.push(String(event.message)));

const params = new URLSearchParams(location.search);
try {
  const kit = await import('/dist/portal-kit.js');
  const provider = document.querySelector('portal-provider');
  provider.auth = { getAccessToken: async () => 'csp-token', patientId: params.get('patient') };
  provider.setAttribute('fhir-base-url', params.get('base'));
  provider.setAttribute('theme', 'dark');
  window.cspReport.loaded = Boolean(kit.createFhirAdapter);
} catch (error) {
  window.cspReport.errors.push(String(error));
}
