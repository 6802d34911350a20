import * as z from '../model/z.js';

/**
 * An integrator-facing refusal: the server's SMART configuration cannot be used safely. The message names
 * the server and the missing piece, for the developer console; patients see a plain "not available".
 */
export class SmartConfigurationError extends Error {
  override readonly name = 'SmartConfigurationError';
}

const SmartConfigurationSchema = /* @__PURE__ */ z.looseObject({
  issuer: z.optional(z.string()),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  revocation_endpoint: z.optional(z.string()),
  code_challenge_methods_supported: z.optional(z.array(z.string())),
  grant_types_supported: z.optional(z.array(z.string())),
  response_types_supported: z.optional(z.array(z.string())),
  scopes_supported: z.optional(z.array(z.string())),
  capabilities: z.optional(z.array(z.string())),
});

/** The parts of `.well-known/smart-configuration` this client uses, checked and with absolute URLs. */
export interface SmartConfiguration {
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  capabilities: string[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http is only for a server on this machine (development and the demo); tokens never cross a network in clear. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname);
}

function endpoint(value: string, field: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SmartConfigurationError(`portal-kit: ${where} lists ${field} "${value}", which is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new SmartConfigurationError(`portal-kit: ${where} lists ${field} over ${url.protocol}; sign-in needs https.`);
  }
  return url.href;
}

/**
 * Checks a discovery document for what a public browser client needs: the code flow with PKCE S256. A
 * server that offers only `plain` (or no PKCE), or no code flow, is refused before anyone is redirected.
 * @param where the discovery URL, for the error message
 */
export function readSmartConfiguration(document: unknown, where: string): SmartConfiguration {
  const parsed = SmartConfigurationSchema.safeParse(document);
  if (!parsed.success) {
    throw new SmartConfigurationError(`portal-kit: ${where} is not a SMART configuration (it needs authorization_endpoint and token_endpoint).`);
  }
  const config = parsed.data;
  const methods = config.code_challenge_methods_supported ?? [];
  if (!methods.includes('S256')) {
    throw new SmartConfigurationError(
      `portal-kit: ${where} does not offer PKCE S256 (code_challenge_methods_supported: ${JSON.stringify(methods)}). ` +
        'portal-kit signs in only with PKCE S256; ask the server team to enable it.',
    );
  }
  if (config.grant_types_supported && !config.grant_types_supported.includes('authorization_code')) {
    throw new SmartConfigurationError(`portal-kit: ${where} does not offer the authorization_code grant, the only one a browser client may use.`);
  }
  if (config.response_types_supported && !config.response_types_supported.includes('code')) {
    throw new SmartConfigurationError(`portal-kit: ${where} does not offer response_type "code".`);
  }
  return {
    issuer: config.issuer,
    authorizationEndpoint: endpoint(config.authorization_endpoint, 'authorization_endpoint', where),
    tokenEndpoint: endpoint(config.token_endpoint, 'token_endpoint', where),
    revocationEndpoint: config.revocation_endpoint ? endpoint(config.revocation_endpoint, 'revocation_endpoint', where) : undefined,
    capabilities: config.capabilities ?? [],
  };
}
