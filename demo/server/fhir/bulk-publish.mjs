// @ts-check
/**
 * SMART Scheduling Links publishing: `GET <base>/$bulk-publish` answers a manifest, and the files it lists
 * (`<base>/$bulk-publish/Location.ndjson`, `Schedule.ndjson`, `Slot.ndjson`) hold the public schedules —
 * those that offer a vaccine product — with their locations and their slots from now on.
 *
 * Each published Slot carries a `booking-deep-link` into the demo site's vaccination page and the clinic's
 * `booking-phone`, so a visitor who is not signed in can follow the link to book.
 */
import { HttpError } from './http.mjs';

/** @typedef {import('@medplum/fhirtypes').Location} Location */
/** @typedef {import('@medplum/fhirtypes').Schedule} Schedule */
/** @typedef {import('@medplum/fhirtypes').Slot} Slot */
/** @typedef {import('./http.mjs').Reply} Reply */

const SCHEDULING_LINKS = 'http://fhir-registry.smarthealthit.org/StructureDefinition';
const VACCINE_PRODUCT = `${SCHEDULING_LINKS}/vaccine-product`;
const BOOKING_DEEP_LINK = `${SCHEDULING_LINKS}/booking-deep-link`;
const BOOKING_PHONE = `${SCHEDULING_LINKS}/booking-phone`;
const FILE_TYPES = /** @type {const} */ (['Location', 'Schedule', 'Slot']);
const NDJSON = 'application/fhir+ndjson; charset=utf-8';

/** Where a deep link lands: the demo site's public page, vaccination section. */
export const BOOKING_PAGE = '/demo/';

/**
 * @param {import('../store.mjs').FhirStore} store
 * @param {string} base absolute FHIR base of this store
 * @param {string | undefined} file `undefined` for the manifest, else e.g. `Slot.ndjson`
 * @returns {Promise<Reply>}
 */
export async function bulkPublish(store, base, file) {
  const places = await publicPlaces(store);
  if (file === undefined) {
    const states = [...new Set(places.locations.map((l) => l.address?.state).filter(Boolean))].sort();
    return {
      status: 200,
      body: {
        transactionTime: new Date().toISOString(),
        request: `${base}/$bulk-publish`,
        output: FILE_TYPES.map((type) => ({ type, url: `${base}/$bulk-publish/${type}.ndjson`, extension: { state: states } })),
        error: [],
      },
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    };
  }
  const type = FILE_TYPES.find((t) => file === `${t}.ndjson`);
  if (!type) {
    throw new HttpError(404, 'not-found', `No published file '${file}'; see ${base}/$bulk-publish`);
  }
  // Only the Slot file reads the slots (thousands); the manifest and the other files need the places alone.
  const resources = type === 'Location' ? places.locations : type === 'Schedule' ? places.schedules : await publicSlots(store, base, places);
  const lines = resources.map((resource) => JSON.stringify(resource));
  return { status: 200, body: lines.length ? `${lines.join('\n')}\n` : '', headers: { 'Content-Type': NDJSON } };
}

/** @param {Schedule} schedule */
const locationIdOf = (schedule) => schedule.actor.map((a) => /^Location\/(.+)$/.exec(a.reference ?? '')?.[1]).find((id) => id !== undefined);

/**
 * The public schedules (those offering a vaccine product), their locations, and each schedule's booking phone.
 * @param {import('../store.mjs').FhirStore} store
 */
async function publicPlaces(store) {
  const schedules = /** @type {Schedule[]} */ (await store.repo.searchResources({ resourceType: 'Schedule' })).filter(
    (schedule) => schedule.active !== false && schedule.extension?.some((e) => e.url === VACCINE_PRODUCT),
  );
  const locationIds = new Set(schedules.map(locationIdOf));
  const locations = /** @type {Location[]} */ (await store.repo.searchResources({ resourceType: 'Location' })).filter((location) =>
    locationIds.has(location.id),
  );
  const phoneOf = new Map(
    schedules.map((schedule) => {
      const location = locations.find((l) => l.id === locationIdOf(schedule));
      return [`Schedule/${schedule.id}`, location?.telecom?.find((t) => t.system === 'phone')?.value];
    }),
  );
  return { schedules, locations, phoneOf };
}

/**
 * Free and busy slots of the public schedules from now on, soonest first, with their booking links.
 * @param {import('../store.mjs').FhirStore} store
 * @param {string} base
 * @param {{ phoneOf: Map<string, string | undefined> }} places
 */
async function publicSlots(store, base, { phoneOf }) {
  const now = Date.now();
  return /** @type {Slot[]} */ (await store.repo.searchResources({ resourceType: 'Slot' }))
    .filter((slot) => phoneOf.has(slot.schedule.reference ?? '') && Date.parse(slot.start) >= now)
    .filter((slot) => slot.status === 'free' || slot.status === 'busy')
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map((slot) => withBookingLinks(slot, base, phoneOf.get(slot.schedule.reference ?? '')));
}

/**
 * @param {Slot} slot
 * @param {string} base
 * @param {string | undefined} phone
 * @returns {Slot}
 */
function withBookingLinks(slot, base, phone) {
  const link = new URL(BOOKING_PAGE, base);
  link.searchParams.set('slot', slot.id ?? '');
  link.hash = 'vaccines';
  const { meta: _meta, ...published } = slot;
  return {
    ...published,
    extension: [
      ...(slot.extension ?? []).filter((e) => e.url !== BOOKING_DEEP_LINK && e.url !== BOOKING_PHONE),
      { url: BOOKING_DEEP_LINK, valueUrl: link.href },
      ...(phone ? [{ url: BOOKING_PHONE, valueString: phone }] : []),
    ],
  };
}
