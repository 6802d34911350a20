/**
 * An issuer's signing key held to the specification's rules before it may vouch for a card: EC on P-256, `use: sig`,
 * `alg: ES256`, a `kid` that is the key's own RFC 7638 thumbprint (so a key set cannot relabel one key as another),
 * and no private `d` (a published private key means anyone could have signed). WebCrypto only.
 */

export type KeyProblem = 'key-type' | 'key-use' | 'key-alg' | 'key-kid' | 'key-private';

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** RFC 7638 thumbprint of an EC public key: SHA-256 over its required members, in lexicographic order, no spaces. */
export async function ecThumbprint(jwk: { crv: string; x: string; y: string }): Promise<string> {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y });
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))));
}

/** The first rule the key breaks, or undefined when it may sign SMART Health Cards. */
export async function keyProblem(key: unknown): Promise<KeyProblem | undefined> {
  if (typeof key !== 'object' || key === null) return 'key-type';
  const jwk = key as Record<string, unknown>;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return 'key-type';
  if (jwk.use !== 'sig') return 'key-use';
  if (jwk.alg !== 'ES256') return 'key-alg';
  if ('d' in jwk) return 'key-private';
  if (jwk.kid !== (await ecThumbprint({ crv: jwk.crv, x: jwk.x, y: jwk.y }))) return 'key-kid';
  return undefined;
}

/** Every key of a published set with the rule it breaks (undefined when none); an unusable set is an empty list. */
export async function keySetProblems(jwks: unknown): Promise<Array<{ kid: string | undefined; problem: KeyProblem | undefined }>> {
  const keys = typeof jwks === 'object' && jwks !== null && Array.isArray((jwks as { keys?: unknown }).keys) ? (jwks as { keys: unknown[] }).keys : [];
  return Promise.all(
    keys.map(async (key) => {
      const kid = typeof key === 'object' && key !== null && typeof (key as { kid?: unknown }).kid === 'string' ? (key as { kid: string }).kid : undefined;
      return { kid, problem: await keyProblem(key) };
    }),
  );
}
