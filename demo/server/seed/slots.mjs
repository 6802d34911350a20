// @ts-check
/**
 * Schedules and their Slots. Opening hours are local wall-clock times at each clinic; every Slot instant is
 * written with the clinic's UTC offset on that date (see time.mjs), so a 09:00 slot stays 09:00 across a
 * daylight-saving change.
 *
 * A Slot's id names its schedule, local date and local start (`slot-<schedule>-<yyyymmdd>-<hhmm>`), and
 * whether it is already taken is a hash of that id (about one in four). Regenerating any day therefore
 * gives the same slots, which is what lets the server top up days as they come into the horizon.
 */
import { PORTAL_KIT, SCHEDULING_LINKS, SYSTEMS, concept, hash32 } from './common.mjs';
import { CLINICIANS, PLACES, SERVICES, clinicianRef, locationRef, serviceRef } from './places.mjs';
import { addDays, compactTime, compactYmd, daysBetween, minutesOf, weekday, zonedInstant } from './time.mjs';

/** @typedef {import('@medplum/fhirtypes').Schedule} Schedule */
/** @typedef {import('@medplum/fhirtypes').Slot} Slot */
/** @typedef {import('./places.mjs').Place} Place */
/** @typedef {import('./places.mjs').Clinician} Clinician */
/** @typedef {import('./places.mjs').ServiceDef} ServiceDef */

/**
 * @typedef {{ id: string, place: Place, clinician?: Clinician, service: ServiceDef,
 *   vaccine?: { cvx: string, display: string, dose?: number, nextDoseDays?: number }, days: number[], blocks: [string, string][],
 *   minutes: number }} ScheduleDef
 */

/** Days of slots published from today on. */
export const horizonDays = 60;

/** Share of slots, in percent, that are already taken when a day is published. */
export const BUSY_PERCENT = 25;

const WEEKDAYS = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];
const CLINIC_BLOCKS = /** @type {[string, string][]} */ ([['09:00', '12:00'], ['13:00', '16:30']]);

export const VACCINES = {
  flu: { cvx: '140', display: 'Flu vaccine, trivalent, preservative-free' },
  pfizer: { cvx: '208', display: 'Pfizer-BioNTech COVID-19 vaccine' },
  moderna: { cvx: '207', display: 'Moderna COVID-19 vaccine' },
};

/** @type {ScheduleDef[]} */
export const SCHEDULES = [
  { id: 'sched-hart-primary-care', place: PLACES.downtown, clinician: CLINICIANS.hart, service: SERVICES.primaryCare, days: WEEKDAYS, blocks: CLINIC_BLOCKS, minutes: 30 },
  { id: 'sched-patel-well-child', place: PLACES.downtown, clinician: CLINICIANS.patel, service: SERVICES.wellChild, days: WEEKDAYS, blocks: CLINIC_BLOCKS, minutes: 30 },
  // Dr. Hart sees patients by video on weekday evenings, after the clinic closes.
  { id: 'sched-hart-video', place: PLACES.video, clinician: CLINICIANS.hart, service: SERVICES.primaryCare, days: WEEKDAYS, blocks: [['17:00', '19:00']], minutes: 20 },
  { id: 'sched-herrera-primary-care', place: PLACES.lakeview, clinician: CLINICIANS.herrera, service: SERVICES.primaryCare, days: WEEKDAYS, blocks: CLINIC_BLOCKS, minutes: 30 },
  // The vaccination center is open Monday to Saturday 08:00-18:00: a flu lane all week, COVID-19 on
  // weekdays, dose 1 in the morning and dose 2 in the afternoon. The two doses are separate Schedules
  // because SMART Scheduling Links puts the dose on the Schedule; dose 1 also says when dose 2 is due.
  { id: 'sched-eastside-flu', place: PLACES.eastside, service: SERVICES.flu, vaccine: VACCINES.flu, days: MON_SAT, blocks: [['08:00', '12:00'], ['13:00', '18:00']], minutes: 20 },
  { id: 'sched-eastside-covid-208-dose-1', place: PLACES.eastside, service: SERVICES.covid, vaccine: { ...VACCINES.pfizer, dose: 1, nextDoseDays: 21 }, days: WEEKDAYS, blocks: [['08:00', '12:00']], minutes: 20 },
  { id: 'sched-eastside-covid-208-dose-2', place: PLACES.eastside, service: SERVICES.covid, vaccine: { ...VACCINES.pfizer, dose: 2 }, days: WEEKDAYS, blocks: [['13:00', '17:00']], minutes: 20 },
  // Lakeview's nurse gives vaccines on Tuesdays and Thursdays; the Moderna lane takes any dose (no vaccine-dose),
  // so it names no next-dose interval: after a second dose there is none.
  { id: 'sched-alvarez-covid-207', place: PLACES.lakeview, clinician: CLINICIANS.alvarez, service: SERVICES.covid, vaccine: VACCINES.moderna, days: [2, 4], blocks: [['09:00', '12:00']], minutes: 20 },
  { id: 'sched-alvarez-flu', place: PLACES.lakeview, clinician: CLINICIANS.alvarez, service: SERVICES.flu, vaccine: VACCINES.flu, days: [2, 4], blocks: [['13:00', '16:00']], minutes: 20 },
];

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon-Fri 09:00-12:00, 13:00-16:30 (America/New_York)". @param {ScheduleDef} def */
function hoursText(def) {
  const days = def.days.length > 2 ? `${DAY_NAMES[def.days[0]]}-${DAY_NAMES[def.days[def.days.length - 1]]}` : def.days.map((d) => DAY_NAMES[d]).join(' and ');
  return `${days} ${def.blocks.map(([a, b]) => `${a}-${b}`).join(', ')} (${def.place.zone}), ${def.minutes}-minute appointments`;
}

/** @returns {Schedule[]} */
export function scheduleResources() {
  return SCHEDULES.map((def) => {
    /** @type {Schedule} */
    const schedule = {
      resourceType: 'Schedule',
      id: def.id,
      active: true,
      actor: [locationRef(def.place), ...(def.clinician ? [clinicianRef(def.clinician)] : []), serviceRef(def.service)],
      comment: hoursText(def),
    };
    if (def.vaccine) {
      // serviceType only names the kind of visit; the products are the bookable services.
      schedule.serviceType = [concept(SYSTEMS.serviceType, '57', 'Immunization', def.service.name)];
      schedule.extension = [{ url: SCHEDULING_LINKS.vaccineProduct, valueCoding: { system: SYSTEMS.cvx, code: def.vaccine.cvx, display: def.vaccine.display } }];
      if (def.vaccine.dose !== undefined) schedule.extension.push({ url: SCHEDULING_LINKS.vaccineDose, valueInteger: def.vaccine.dose });
      if (def.vaccine.nextDoseDays !== undefined) schedule.extension.push({ url: PORTAL_KIT.nextDoseInterval, valueInteger: def.vaccine.nextDoseDays });
    }
    return schedule;
  });
}

/** Whether a seeded slot is taken when published: a hash of its id, so the same for every regeneration. @param {string} id */
export function busyById(id) {
  return hash32(id) % 100 < BUSY_PERCENT;
}

/**
 * The slots of one schedule on one local date (none on closed days), in time order.
 * @param {ScheduleDef} def
 * @param {string} ymd
 * @returns {Slot[]}
 */
export function slotsOfDay(def, ymd) {
  if (!def.days.includes(weekday(ymd))) return [];
  /** @type {Slot[]} */
  const out = [];
  for (const [from, to] of def.blocks) {
    for (let minute = minutesOf(from); minute + def.minutes <= minutesOf(to); minute += def.minutes) {
      const id = `slot-${def.id}-${compactYmd(ymd)}-${compactTime(minute)}`;
      out.push({
        resourceType: 'Slot',
        id,
        schedule: { reference: `Schedule/${def.id}` },
        status: busyById(id) ? 'busy' : 'free',
        start: zonedInstant(def.place.zone, ymd, 0, minute),
        end: zonedInstant(def.place.zone, ymd, 0, minute + def.minutes),
      });
    }
  }
  return out;
}

/**
 * The slots of every seeded Schedule for local dates firstDay..lastDay inclusive, day by day.
 * @param {string} firstDay YYYY-MM-DD
 * @param {string} lastDay YYYY-MM-DD
 * @returns {Slot[]}
 */
export function seedSlots(firstDay, lastDay) {
  const days = daysBetween(firstDay, lastDay);
  /** @type {Slot[]} */
  const out = [];
  for (let i = 0; i <= days; i++) {
    const ymd = addDays(firstDay, i);
    for (const def of SCHEDULES) out.push(...slotsOfDay(def, ymd));
  }
  return out;
}

/**
 * The first slot of `scheduleId` that is free when published, on or after local `hour` of `fromDay` (later
 * days when that day has none), within two weeks. Used to give seeded appointments a real slot.
 * @param {string} scheduleId
 * @param {string} fromDay
 * @param {number} hour
 * @returns {{ slot: Slot, def: ScheduleDef }}
 */
export function firstFreeSlot(scheduleId, fromDay, hour) {
  const def = SCHEDULES.find((s) => s.id === scheduleId);
  if (!def) throw new Error(`No seeded schedule ${scheduleId}`);
  for (let i = 0; i < 14; i++) {
    const ymd = addDays(fromDay, i);
    const slot = slotsOfDay(def, ymd).find((s) => s.status === 'free' && (i > 0 || Number(s.start.slice(11, 13)) >= hour));
    if (slot) return { slot, def };
  }
  throw new Error(`No free slot of ${scheduleId} in the two weeks from ${fromDay}`);
}
