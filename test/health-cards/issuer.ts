// A test issuer made in the test itself: a fresh P-256 key, its public JWKS, and cards signed with it the way
// the specification says (minified payload, raw DEFLATE, ES256 over header.payload, raw R||S signature).
import { ecThumbprint } from '../../src/health-cards/keys.js';

export const b64url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const utf8 = (text: string) => new TextEncoder().encode(text);

export async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface TestIssuer {
  iss: string;
  kid: string;
  /** The public key as published (kty, crv, x, y, kid, use, alg). */
  publicJwk: JsonWebKey & { kid: string };
  jwks(extra?: Record<string, unknown>): { keys: Array<Record<string, unknown>> };
  /** A JWS over `payload` (an object, minified here, or raw bytes), with header fields overridable. */
  sign(payload: Record<string, unknown> | Uint8Array<ArrayBuffer>, header?: Record<string, unknown>): Promise<string>;
  /** A typical card payload from this issuer, with `vc` fields merged in. */
  card(claims?: Record<string, unknown>, vc?: Record<string, unknown>): Record<string, unknown>;
}

export async function makeIssuer(iss: string): Promise<TestIssuer> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const exported = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const kid = await ecThumbprint({ crv: 'P-256', x: exported.x!, y: exported.y! });
  const publicJwk = { kty: 'EC', crv: 'P-256', x: exported.x!, y: exported.y!, kid, use: 'sig', alg: 'ES256' };
  return {
    iss,
    kid,
    publicJwk,
    jwks: (extra = {}) => ({ keys: [{ ...publicJwk, ...extra }] }),
    async sign(payload, header = {}) {
      const raw = payload instanceof Uint8Array ? payload : utf8(JSON.stringify(payload));
      const head = b64url(utf8(JSON.stringify({ zip: 'DEF', alg: 'ES256', kid, ...header })));
      const body = b64url(await deflateRaw(raw));
      const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, utf8(`${head}.${body}`)));
      return `${head}.${body}.${b64url(signature)}`;
    },
    card(claims = {}, vc = {}) {
      return {
        iss,
        nbf: 1_700_000_000,
        vc: {
          type: ['https://smarthealth.cards#health-card', 'https://smarthealth.cards#immunization'],
          credentialSubject: {
            fhirVersion: '4.0.1',
            fhirBundle: {
              resourceType: 'Bundle',
              type: 'collection',
              entry: [{ fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: [{ family: 'Canary', given: ['Test'] }], birthDate: '2015-05' } }],
            },
          },
          ...vc,
        },
        ...claims,
      };
    },
  };
}
