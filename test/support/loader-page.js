// Runs inside /loader-harness.html after the page's one script tag (dist/portal-kit.js): hands the test the
// loader module (the same instance the script tag started: same URL) and, on request, the API module. Plain JS,
// served as is, so the page runs nothing but the dist/ files.
const params = new URLSearchParams(location.search);
try {
  window.portalKit = await import('/dist/portal-kit.js');
  if (params.has('api')) window.portalKitApi = await import('/dist/portal-kit-api.js');
  window.harnessReady = true;
} catch (error) {
  window.harnessError = String(error);
}
