import { SlotBook } from '../slot-book.js';
import type { MemoryStore } from '../store.js';
import { seedAppointments } from './appointments.js';
import { createSeedContext } from './context.js';
import { byId, LOCATIONS, PRACTITIONERS, SERVICES } from './directory.js';
import { seedImmunizations, seedRecommendations } from './immunizations.js';
import { RECIPIENTS, seedThreads } from './messages.js';
import { seedPatient } from './patient.js';
import { seedReports } from './results.js';

export { HOME_ZONE, SLOT_WINDOW_DAYS } from './context.js';
export { LOCATION_IDS, PRACTITIONER_IDS, SERVICE_IDS } from './directory.js';

export interface SeedOptions {
  seed: number;
  patientId: string;
  now: Date;
  slotsPerDay?: number;
}

/**
 * A fresh store for one adapter. Everything is built from the seed and the calendar day of `now`, and
 * copied out of the module constants, so two adapters never share a mutable object.
 */
export function buildStore(options: SeedOptions): MemoryStore {
  const ctx = createSeedContext(options.seed, options.patientId, options.now);
  const patient = seedPatient(options.patientId);
  const directory = {
    services: byId(structuredClone(SERVICES)),
    locations: byId(structuredClone(LOCATIONS)),
    practitioners: byId(structuredClone(PRACTITIONERS)),
  };
  const slots = new SlotBook(options.seed, ctx.today, options.slotsPerDay);
  const counters = new Map<string, number>();

  return {
    patient,
    ...directory,
    slots,
    appointments: byId(seedAppointments(ctx, slots, directory)),
    bookingKeys: new Map(),
    recipients: structuredClone([...RECIPIENTS]),
    threads: byId(seedThreads(ctx, patient.displayName)),
    messageKeys: new Map(),
    reports: seedReports(ctx),
    immunizations: seedImmunizations(ctx),
    immunizationKeys: new Map(),
    recommendations: seedRecommendations(ctx),
    nextId(prefix) {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      return `${prefix}-${next}`;
    },
  };
}
