// @ts-check
/**
 * The demo's FHIR R4 server: one FhirStore journaled to `demo/.data/`, seeded on first start with the demo
 * data of that day and topped up with slots as days pass, served under `/fhir` by `npm start`.
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

/**
 * Connect/Express-style middleware answering `/fhir/...` from `store`.
 * @param {Promise<FhirStore>} opening
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: (err?: unknown) => void) => void}
 */
export function fhirMiddleware(opening) {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== MOUNT && !url.pathname.startsWith(`${MOUNT}/`)) {
      next();
      return;
    }
    const base = `http://${req.headers.host ?? 'localhost'}${MOUNT}`;
    opening
      .then((store) => serveFhir(store, req, res, { path: url.pathname.slice(MOUNT.length), query: url.search.slice(1), base }))
      .catch(next);
  };
}
