// @ts-check
// The FHIR server the main-thread bench pages talk to. Each bench run seeds the demo server's store (the demo's
// own directory: organization, clinics, clinicians, services) with two bench schedules, lets one page load per
// scenario hit it through the real FHIR adapter while every answer is recorded, then switches to replaying those
// answers byte for byte. Measured loads pay for fetching, parsing, mapping and validating real FHIR bundles, and
// nothing for the server's search (a hospital's server does that on its own machine, not on the patient's).
import { createServer } from 'node:http';
import { answer, pathSegments, readCall } from '../../demo/server/endpoint.mjs';
import { FhirStore } from '../../demo/server/store.mjs';
import { SCHEDULING_LINKS, SYSTEMS, concept, ref } from '../../demo/server/seed/common.mjs';
import { ORG, PLACES, SERVICES, directoryResources, locationRef, serviceRef } from '../../demo/server/seed/places.mjs';
import { addDays, compactTime, compactYmd, zonedInstant } from '../../demo/server/seed/time.mjs';

/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {{ status: number, type: string, body: Buffer }} Recorded */

/** The clinics' zone, and the visitor's: a local patient, so each time shows one zone's label. */
export const BENCH_ZONE = 'America/New_York';
const FHIR = '/fhir';

/** A clinic with 48 times a day: every 15 minutes 08:00-19:45, every day. 48 is the most a day lists as time buttons. */
export const CLINIC = { locationId: PLACES.eastside.id, perDay: 48, firstMinute: 8 * 60, stepMinutes: 15 };
/** A mass-vaccination day: 100 start times (every 6 minutes from 08:00) with 50 places each, on the first day only. */
export const MASS_SITE = { locationId: 'loc-bench-arena', starts: 100, lanes: 50, firstMinute: 8 * 60, stepMinutes: 6 };
/** Days of clinic slots published from the first day: the month the scheduler opens on, and its margin. */
const CLINIC_DAYS = 35;
const CVX_FLU = '140';

/**
 * The page clock of every bench load: 01:00 in New York on the 1st of the next April, June or September (30-day
 * months with no clock change), so the day the scheduler opens on is a whole one and its month search always
 * covers the same span: 30 days and the next month's first day (the search's day margin), 1,488 clinic times.
 * Pinned per page (see `pinClockScript`): the adapter's clock is the page's.
 * @param {Date} [now]
 * @returns {{ iso: string, epoch: number, today: string }}
 */
export function benchClock(now = new Date()) {
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth() + 2; // 1-based, starting with next month
  while (![4, 6, 9].includes(month)) {
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  const today = `${year}-${String(month).padStart(2, '0')}-01`;
  const iso = zonedInstant(BENCH_ZONE, today, 1, 0);
  return { iso, epoch: Date.parse(iso), today };
}

/**
 * An init script that makes the page's clock start at `epoch` and run at real speed from there. Every load
 * starts a minute's first second, and the scheduler searches from "now" to the minute, so the recorded search
 * URLs are the ones each replayed load asks for.
 * @param {number} epoch
 */
export function pinClockScript(epoch) {
  return `(() => {
  const RealDate = Date;
  const shift = ${epoch} - RealDate.now();
  class PinnedDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(RealDate.now() + shift); else super(...args); }
    static now() { return RealDate.now() + shift; }
  }
  globalThis.Date = PinnedDate;
})();`;
}

/**
 * The demo directory plus the bench's two schedules and their free slots.
 * @param {string} today YYYY-MM-DD (the pinned clock's New York date)
 * @returns {Resource[]}
 */
export function benchResources(today) {
  const flu = SERVICES.flu;
  const arena = {
    resourceType: 'Location', id: MASS_SITE.locationId, status: 'active', mode: 'instance', name: 'Riverside Arena Vaccination Site',
    description: 'Enter through gate B. Bring a photo ID.',
    extension: [{ url: SYSTEMS.timezone, valueCode: BENCH_ZONE }],
    address: { use: 'work', type: 'physical', line: ['1 Arena Plaza'], city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    managingOrganization: ref('Organization', ORG.id, ORG.name),
  };
  /** @param {string} id @param {import('@medplum/fhirtypes').Reference} location */
  const schedule = (id, location) => ({
    resourceType: 'Schedule', id, active: true,
    actor: [location, serviceRef(flu)],
    serviceType: [concept(SYSTEMS.serviceType, '57', 'Immunization', flu.name)],
    extension: [{ url: SCHEDULING_LINKS.vaccineProduct, valueCoding: { system: SYSTEMS.cvx, code: CVX_FLU, display: 'Flu vaccine, trivalent, preservative-free' } }],
  });
  /** @param {string} scheduleId @param {string} ymd @param {number} minute @param {number} minutes @param {number} lane */
  const slot = (scheduleId, ymd, minute, minutes, lane) => ({
    resourceType: 'Slot', id: `slot-${scheduleId}-${compactYmd(ymd)}-${compactTime(minute)}${lane ? `-${lane}` : ''}`,
    schedule: { reference: `Schedule/${scheduleId}` }, status: 'free',
    start: zonedInstant(BENCH_ZONE, ymd, 0, minute), end: zonedInstant(BENCH_ZONE, ymd, 0, minute + minutes),
  });
  /** @type {any[]} */
  const out = [
    ...directoryResources(),
    arena,
    schedule('sched-bench-clinic-flu', locationRef(PLACES.eastside)),
    schedule('sched-bench-arena-flu', ref('Location', MASS_SITE.locationId, arena.name)),
  ];
  for (let d = 0; d < CLINIC_DAYS; d++) {
    const ymd = addDays(today, d);
    for (let i = 0; i < CLINIC.perDay; i++) out.push(slot('sched-bench-clinic-flu', ymd, CLINIC.firstMinute + i * CLINIC.stepMinutes, CLINIC.stepMinutes, 0));
  }
  for (let i = 0; i < MASS_SITE.starts; i++) {
    for (let lane = 1; lane <= MASS_SITE.lanes; lane++) out.push(slot('sched-bench-arena-flu', today, MASS_SITE.firstMinute + i * MASS_SITE.stepMinutes, 5, lane));
  }
  return /** @type {Resource[]} */ (out);
}

/**
 * A throwaway server on an OS-chosen port: `pages` (path -> [content type, body]) as static files, and under
 * /fhir first the demo store seeded by `benchResources` (recording each answer), then after `replay()` the
 * recorded answers only. One origin for both, so the absolute `Bundle.link[next]` URLs recorded stay valid.
 * The store is served without the demo's SMART guard: the bench pages read public scheduling data only.
 * @param {{ today: string, pages: Map<string, [string, Buffer | string]> }} options
 */
export async function startFhirReplay({ today, pages }) {
  const store = new FhirStore({ bookingMode: 'operation', pageSize: 50, holdMinutes: 5 }, { label: 'portal-kit bench' });
  await store.load(benchResources(today));
  /** @type {Map<string, Recorded>} */
  const recorded = new Map();
  /** Requests the replay could not answer (a recording that misses what a load asks for is a broken bench). */
  const misses = new Set(/** @type {string[]} */ ([]));
  let replaying = false;
  let origin = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const key = `${url.pathname}${url.search}`;
    const send = (/** @type {number} */ status, /** @type {string} */ type, /** @type {Buffer | string} */ body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (!(url.pathname === FHIR || url.pathname.startsWith(`${FHIR}/`))) {
      const page = pages.get(url.pathname);
      if (page) send(200, page[0], page[1]);
      else send(404, 'text/plain', 'not found');
      return;
    }
    if (replaying) {
      const hit = req.method === 'GET' ? recorded.get(key) : undefined;
      if (hit) send(hit.status, hit.type, hit.body);
      else {
        misses.add(`${req.method} ${key}`);
        send(404, 'text/plain', 'not recorded');
      }
      return;
    }
    readCall(req, pathSegments(url.pathname.slice(FHIR.length)), url.search.slice(1), `${origin}${FHIR}`)
      .then((call) => answer(store, call))
      .then((reply) => {
        const type = reply.headers?.['Content-Type'] ?? 'application/fhir+json; charset=utf-8';
        const body = Buffer.from(reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
        if (req.method === 'GET') recorded.set(key, { status: reply.status, type, body });
        send(reply.status, type, body);
      })
      .catch((error) => send(500, 'text/plain', String(error)));
  });
  await new Promise((/** @type {(v?: unknown) => void} */ done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    recorded,
    misses,
    /** From now on /fhir answers from the recording only. */
    replay: async () => {
      replaying = true;
      await store.close();
    },
    /** Free slots in the recorded Slot answers whose URL contains `scheduleId`. @param {string} scheduleId */
    recordedSlots: (scheduleId) => {
      let n = 0;
      for (const [key, { body }] of recorded) {
        if (!key.startsWith(`${FHIR}/Slot?`) || !decodeURIComponent(key).includes(scheduleId)) continue;
        const bundle = JSON.parse(body.toString('utf8'));
        n += (bundle.entry ?? []).filter((/** @type {any} */ e) => e.resource?.resourceType === 'Slot' && e.resource.status === 'free').length;
      }
      return n;
    },
    close: () => new Promise((/** @type {(v?: unknown) => void} */ done) => server.close(() => done())),
  };
}
