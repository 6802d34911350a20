// A fetch that records every URL it is asked for and answers only the fixture issuers, from the shared fixtures
// (never edited): `https://spec.smarthealth.cards/examples/issuer/…` from spec-examples/issuer/…, and the
// validator's badcrl issuers from dev-tools-testdata/badcrl/<case>/…; anything else is a 404.
const SHC = '/test/fixtures/shared/smart-health-cards';
export const SPEC_ISSUER = 'https://spec.smarthealth.cards/examples/issuer';
export const BADCRL_ISSUER = 'https://raw.githubusercontent.com/smart-on-fhir/health-cards-dev-tools/main/testdata/badcrl';

export function fixturePath(url: string): string | undefined {
  if (url.startsWith(`${SPEC_ISSUER}/`)) return `${SHC}/spec-examples/issuer/${url.slice(SPEC_ISSUER.length + 1)}`;
  if (url.startsWith(`${BADCRL_ISSUER}/`)) return `${SHC}/dev-tools-testdata/badcrl/${url.slice(BADCRL_ISSUER.length + 1)}`;
  return undefined;
}

export function recordingFetch(extra: Record<string, unknown> = {}) {
  const requests: string[] = [];
  const fetcher = async (url: string): Promise<Response> => {
    requests.push(url);
    if (url in extra) return new Response(JSON.stringify(extra[url]), { status: 200 });
    const path = fixturePath(url);
    return path ? fetch(path) : new Response('not found', { status: 404 });
  };
  return { fetch: fetcher, requests };
}
