// @ts-check
/**
 * The demo's FHIR R4 server: one FhirStore journaled to `demo/.data/`, seeded on first start with the demo
 * data of that day and topped up with slots as days pass, served under `/fhir` by `npm start`, with its SMART
 * authorization server under `/oauth` (demo/server/auth): patient data needs a signed-in patient's token.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FhirStore } from './store.mjs';
import { serveFhir } from './endpoint.mjs';
import { ensureDefinitions } from './fhir/definitions.mjs';

/** @typedef {import('./store.mjs').StoreOptions} StoreOptions */

/** `$hold`/`$book`, so the demo shows a hold's countdown; holds last five minutes. */
export const DEMO_OPTIONS = /** @type {StoreOptions} */ ({ bookingMode: 'operation', pageSize: 50, holdMinutes: 5 });
export const DATA_DIR = fileURLToPath(new URL('../.data/', import.meta.url));
export const JOURNAL_FILE = 'store.journal';
export const MOUNT = '/fhir';
/** The seed's "today" is the calendar day at the hospital, not on the visitor's or the server's clock. */
const HOSPITAL_ZONE = 'America/New_York';

/**
 * @param {string} zone
 * @param {Date} [at]
 * @returns {string} YYYY-MM-DD
 */
export function localDay(zone, at = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Calendar arithmetic on a YYYY-MM-DD day (UTC noon, so no clock change can move it).
 * @param {string} day
 * @param {number} days
 */
export function addDays(day, days) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Opens (or seeds) the demo store. When the slots it holds end before today's horizon, the missing days are
 * added, so a store seeded weeks ago still offers the next 60 days.
 * @param {{ dataDir?: string, today?: string, label?: string, bookingMode?: StoreOptions['bookingMode'] }} [where] `bookingMode`
 *   lets tests run the same data on a server without `$hold`/`$book` (conditional create only).
 */
export async function openDemoStore({ dataDir = DATA_DIR, today = localDay(HOSPITAL_ZONE), label = 'Riverside Community Health (portal-kit demo)', bookingMode = DEMO_OPTIONS.bookingMode } = {}) {
  await ensureDefinitions();
  const { demoSeed, seedSlots, horizonDays } = await import('./seed/index.mjs');
  const lastDay = addDays(today, horizonDays - 1);
  const store = await FhirStore.open(
    join(dataDir, JOURNAL_FILE),
    { ...DEMO_OPTIONS, bookingMode },
    () => ({ resources: demoSeed(today), slotsThrough: lastDay }),
    label,
  );
  if (store.slotsThrough && store.slotsThrough < lastDay) {
    const firstDay = store.slotsThrough < today ? today : addDays(store.slotsThrough, 1);
    await store.load(seedSlots(firstDay, lastDay), lastDay);
  }
  return store;
}

/** The SMART authorization server's mount: its issuer is `<origin>/oauth`. */
export const OAUTH_MOUNT = '/oauth';
/** The demo's sign-in: redirect URIs below `/demo/` on the same origin, access tokens for five minutes. */
export const DEMO_SIGN_IN = { redirectPath: '/demo/', accessTokenSeconds: 300 };
const MAX_ORIGINS = 8;

/** @type {Map<string, Promise<import('./auth/index.mjs').SmartSignIn>>} */
const signIns = new Map();

/**
 * The sign-in of one origin (an issuer is one URL, and the demo may be opened as localhost or 127.0.0.1).
 * @param {string} origin
 * @param {Promise<FhirStore>} opening
 */
function signInFor(origin, opening) {
  let signIn = signIns.get(origin);
  if (!signIn) {
    if (signIns.size >= MAX_ORIGINS) signIns.delete(/** @type {string} */ (signIns.keys().next().value));
    signIn = Promise.all([import('./auth/index.mjs'), opening]).then(([{ smartSignIn }, store]) =>
      smartSignIn(() => store, { issuer: `${origin}${OAUTH_MOUNT}`, fhirBase: `${origin}${MOUNT}`, ...DEMO_SIGN_IN }),
    );
    signIns.set(origin, signIn);
  }
  return signIn;
}

/**
 * The origin the browser used, from the Host header (undefined when it is not a plain host[:port]).
 * @param {import('node:http').IncomingMessage} req
 */
function requestOrigin(req) {
  const host = req.headers.host ?? '';
  if (!/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return undefined;
  const secure = /** @type {{ encrypted?: boolean }} */ (req.socket).encrypted;
  return `${secure ? 'https' : 'http'}://${host}`;
}

/**
 * Connect/Express-style middleware answering `/fhir/...` from `store`, behind SMART sign-in, and the
 * authorization server at `/oauth/...`.
 * @param {Promise<FhirStore>} opening
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: (err?: unknown) => void) => void}
 */
export function fhirMiddleware(opening) {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    /** @param {string} mount */
    const under = (mount) => url.pathname === mount || url.pathname.startsWith(`${mount}/`);
    if (!under(MOUNT) && !under(OAUTH_MOUNT)) {
      next();
      return;
    }
    const origin = requestOrigin(req);
    if (!origin) {
      res.statusCode = 400;
      res.end('Bad Host header');
      return;
    }
    Promise.all([opening, signInFor(origin, opening)])
      .then(([store, { auth, guard }]) =>
        under(MOUNT)
          ? serveFhir(store, req, res, { path: url.pathname.slice(MOUNT.length), query: url.search.slice(1), base: `${origin}${MOUNT}`, guard })
          : auth.handle(req, res, (req.url ?? '').slice(OAUTH_MOUNT.length)),
      )
      .catch(next);
  };
}
