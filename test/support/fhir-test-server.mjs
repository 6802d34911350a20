// @ts-check
/**
 * Placeholder until the FHIR test server lands: a wtr plugin that serves nothing.
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function fhirTestServerPlugin() {
  return { name: 'fhir-test-server' };
}
