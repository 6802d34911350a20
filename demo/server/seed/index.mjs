// @ts-check
/**
 * Deterministic synthetic seed data for the demo FHIR R4 server of "Riverside Community Health".
 *
 *   demoSeed(today)            every resource for a server started on local date `today` (America/New_York)
 *   seedSlots(first, last)     the Slots of every seeded Schedule for local dates first..last, to top up days
 *   SEED_PATIENTS              [{ id, name, language }] for the demo site's patient picker
 *   horizonDays                days of slots `demoSeed` publishes (today..today+59)
 *
 * Same input, same output, byte for byte: nothing reads the clock or a random source; dates are counted
 * from `today` (so ages and "3 days ago" stay true), and what looks random is a hash of an id.
 */
import { directoryResources } from './places.mjs';
import { patientResources } from './patients.mjs';
import { labResources } from './labs.mjs';
import { immunizationResources } from './immunizations.mjs';
import { messageResources } from './messages.mjs';
import { appointmentResources } from './appointments.mjs';
import { horizonDays, scheduleResources, seedSlots } from './slots.mjs';
import { addDays, parseYmd } from './time.mjs';

/** @typedef {import('@medplum/fhirtypes').Resource} Resource */

export { horizonDays, seedSlots } from './slots.mjs';
export { SEED_PATIENTS } from './patients.mjs';

/**
 * @param {string} today `YYYY-MM-DD`, the calendar date in America/New_York
 * @returns {Resource[]}
 */
export function demoSeed(today) {
  parseYmd(today);
  const { appointments, busySlotIds } = appointmentResources(today);
  const slots = seedSlots(today, addDays(today, horizonDays - 1));
  const taken = new Set(busySlotIds);
  for (const slot of slots) {
    if (slot.id !== undefined && taken.delete(slot.id)) slot.status = 'busy';
  }
  if (taken.size > 0) throw new Error(`Seeded appointments hold slots outside the horizon: ${[...taken].join(', ')}`);
  return [
    ...directoryResources(),
    ...scheduleResources(),
    ...slots,
    ...patientResources(today),
    ...labResources(today),
    ...immunizationResources(today),
    ...messageResources(today),
    ...appointments,
  ];
}
