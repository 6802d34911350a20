// SMART Health Links with vectors made here: a random key, files encrypted as compact JWE (dir + A256GCM) with
// WebCrypto, a scripted link server that records every request, and cards signed by a test issuer.
import { expect } from '@open-wc/testing';
import { decryptHealthLinkFile, HealthLinkError, openHealthLink, parseHealthLink } from '../../src/health-cards/links.js';
import { b64url, deflateRaw, makeIssuer } from './issuer.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const ISS = 'https://issuer.test/shc';
const MANIFEST = 'https://links.test/m/abc';
const now = () => 1_800_000_000;

async function encrypt(text: string, key: Uint8Array<ArrayBuffer>, header: Record<string, unknown> = {}, zip = false): Promise<string> {
  const head = b64url(utf8(JSON.stringify({ alg: 'dir', enc: 'A256GCM', ...(zip ? { zip: 'DEF' } : {}), ...header })));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['encrypt']);
  const plain = zip ? new Uint8Array(await deflateRaw(utf8(text))) : utf8(text);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(head) }, cryptoKey, plain));
  return `${head}..${b64url(iv)}.${b64url(sealed.slice(0, -16))}.${b64url(sealed.slice(-16))}`;
}

const linkText = (payload: Record<string, unknown>) => `shlink:/${b64url(utf8(JSON.stringify(payload)))}`;

async function world(flag = 'P') {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const issuer = await makeIssuer(ISS);
  const file = JSON.stringify({ verifiableCredential: [await issuer.sign(issuer.card())] });
  const requests: Array<{ url: string; method: string; body?: unknown }> = [];
  let attempts = 3;
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { passcode?: string; recipient?: string }) : undefined;
    requests.push({ url, method: init?.method ?? 'GET', ...(body ? { body } : {}) });
    if (url === MANIFEST && init?.method === 'POST') {
      if (flag.includes('P') && body?.passcode !== '1234') return new Response(JSON.stringify({ remainingAttempts: --attempts }), { status: 401 });
      return new Response(JSON.stringify({ files: [
        { contentType: 'application/smart-health-card', embedded: await encrypt(file, key, {}, true) },
        { contentType: 'application/fhir+json', location: 'https://links.test/f/1' },
        { contentType: 'application/x-unknown', embedded: await encrypt('x', key) },
      ] }));
    }
    if (url === 'https://links.test/f/1') return new Response(await encrypt(JSON.stringify({ resourceType: 'Patient' }), key, { cty: 'application/fhir+json' }));
    if (url.startsWith(`${MANIFEST}?recipient=`)) return new Response(await encrypt(file, key, { cty: 'application/smart-health-card' }));
    return new Response('', { status: 404 });
  };
  const link = parseHealthLink(`https://viewer.test/#${linkText({ url: MANIFEST, key: b64url(key), flag, label: 'Vaccines for school', exp: 1_900_000_000 })}`);
  return { key, issuer, link, fetch, requests, cards: { trusted: [{ iss: ISS, jwks: issuer.jwks() }], now } };
}

async function problemOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return error instanceof HealthLinkError ? `${error.problem}${error.remainingAttempts !== undefined ? `:${error.remainingAttempts}` : ''}` : String(error);
  }
}

describe('SMART Health Links', () => {
  it('parses the payload, alone or after a viewer, and refuses what breaks its rules', () => {
    const key = b64url(new Uint8Array(32).fill(7));
    expect(parseHealthLink(linkText({ url: MANIFEST, key, flag: 'LP', label: 'x'.repeat(90), exp: 5 }))).to.deep.include({ url: MANIFEST, flags: 'LP', exp: 5, label: 'x'.repeat(80) });
    const bad: Array<[string, string]> = [
      ['shlink:/not json', 'link-format'],
      [linkText({ url: 'http://links.test/m', key }), 'link-url'],
      [linkText({ url: MANIFEST, key: key.slice(0, 42) }), 'link-key'],
      [linkText({ url: MANIFEST, key, flag: 'PU' }), 'link-format'],
      [linkText({ url: MANIFEST, key, flag: 'X' }), 'link-format'],
      [`${linkText({ url: MANIFEST, key })}\t`, 'link-format'],
      [linkText({ url: MANIFEST, key: `${key.slice(0, 42)}+` }), 'link-key'],
      [`shlink:/${b64url(utf8('[1]'))}`, 'link-format'],
    ];
    for (const [text, problem] of bad) {
      let got = 'ok';
      try {
        parseHealthLink(text);
      } catch (error) {
        got = (error as HealthLinkError).problem;
      }
      expect(got, text).to.equal(problem);
    }
  });

  it('asks for the passcode before any request, surfaces attempts left, and opens with the right one', async () => {
    const w = await world('P');
    expect(await problemOf(() => openHealthLink(w.link, { fetch: w.fetch, recipient: 'School nurse', cards: w.cards, now }))).to.equal('passcode-required');
    expect(w.requests).to.deep.equal([]);
    expect(await problemOf(() => openHealthLink(w.link, { fetch: w.fetch, recipient: 'School nurse', passcode: '0000', cards: w.cards, now }))).to.equal('passcode-wrong:2');
    expect(await problemOf(() => openHealthLink(w.link, { fetch: w.fetch, recipient: 'School nurse', passcode: '9999', cards: w.cards, now }))).to.equal('passcode-wrong:1');
    const files = await openHealthLink(w.link, { fetch: w.fetch, recipient: 'School nurse', passcode: '1234', cards: w.cards, now });
    expect(files.map((f) => f.contentType)).to.deep.equal(['application/smart-health-card', 'application/fhir+json']);
    expect(files[0].verdicts?.map((v) => v.kind)).to.deep.equal(['verified']);
    expect(files[1].resource).to.deep.equal({ resourceType: 'Patient' });
    expect(w.requests.filter((r) => r.method === 'POST').map((r) => r.body)).to.deep.equal([
      { recipient: 'School nurse', passcode: '0000' },
      { recipient: 'School nurse', passcode: '9999' },
      { recipient: 'School nurse', passcode: '1234' },
    ]);
    // The card's issuer was supplied offline: nothing was asked of it.
    expect(w.requests.every((r) => r.url.startsWith('https://links.test/'))).to.equal(true);
  });

  it('fetches a U link\'s one file directly, judges cards by the trust policy, and refuses an expired link', async () => {
    const w = await world('U');
    const files = await openHealthLink(w.link, { fetch: w.fetch, recipient: 'Camp', cards: { trusted: [], now }, now });
    expect(files[0].verdicts?.[0]).to.deep.include({ kind: 'untrusted-issuer', genuine: false });
    expect(w.requests.map((r) => `${r.method} ${r.url}`)).to.deep.equal([`GET ${MANIFEST}?recipient=Camp`]);
    expect(await problemOf(() => openHealthLink(w.link, { fetch: w.fetch, recipient: 'Camp', cards: w.cards, now: () => 2_000_000_000 }))).to.equal('link-expired');
  });

  it('decrypts only what the key and the protected header vouch for', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const jwe = await encrypt('{"a":1}', key, { cty: 'application/json' });
    expect(await decryptHealthLinkFile(jwe, key)).to.deep.equal({ text: '{"a":1}', cty: 'application/json' });
    expect((await decryptHealthLinkFile(await encrypt('hello', key, {}, true), key)).text).to.equal('hello');
    // Compressed past the ceiling: refused while inflating, not after.
    const big = await encrypt(' '.repeat(300_000), key, {}, true);
    expect(await problemOf(() => decryptHealthLinkFile(big, key, 100_000))).to.equal('decrypt');
    expect((await decryptHealthLinkFile(big, key, 400_000)).text).to.have.length(300_000);
    const other = crypto.getRandomValues(new Uint8Array(32));
    const [h, , iv, c, t] = jwe.split('.');
    const swapped = `${b64url(utf8(JSON.stringify({ alg: 'dir', enc: 'A256GCM', cty: 'text/html' })))}..${iv}.${c}.${t}`;
    for (const [name, value, k] of [['wrong key', jwe, other], ['header changed', swapped, key], ['not five parts', `${h}.${iv}.${c}.${t}`, key], ['other alg', `${b64url(utf8('{"alg":"A256KW","enc":"A256GCM"}'))}..${iv}.${c}.${t}`, key]] as const) {
      expect(await problemOf(() => decryptHealthLinkFile(value, k)), name).to.equal('decrypt');
    }
  });
});
