import { createRandom, type Random } from '../random.js';
import { addDays, type Day } from '../../../time/days.js';
import { dayInZone, toInstant, wallTimeToEpochMs } from '../../../time/zones.js';

/**
 * The patient's home zone. "Today" for the seed is the calendar date here, so an adapter created at 08:00
 * and one created at 23:00 the same day hold the same data (a UTC date would flip at 19:00 New York time).
 */
export const HOME_ZONE = 'America/New_York';

/** Days of slots published from today on. */
export const SLOT_WINDOW_DAYS = 60;

export interface SeedContext {
  readonly seed: number;
  readonly patientId: string;
  /** Calendar date of "now" in `HOME_ZONE` when the adapter was created. */
  readonly today: Day;
  /** Independent generator per area, so areas do not reshuffle each other. */
  random(stream: string): Random;
  /** FHIR date `days` from today. */
  date(days: number): string;
  /** Instant (with the zone's offset then) at local `hour:minute`, `days` from today, in `zone`. */
  at(days: number, hour: number, minute?: number, zone?: string): string;
  /** `instant` moved by whole minutes, written with `zone`'s offset at the new moment. */
  plusMinutes(instant: string, minutes: number, zone?: string): string;
}

export function createSeedContext(seed: number, patientId: string, now: Date): SeedContext {
  const today = dayInZone(HOME_ZONE, now.getTime());
  return {
    seed,
    patientId,
    today,
    random: (stream) => createRandom(seed, stream),
    date: (days) => addDays(today, days),
    at: (days, hour, minute = 0, zone = HOME_ZONE) =>
      toInstant(wallTimeToEpochMs(zone, addDays(today, days), hour * 60 + minute), zone),
    plusMinutes: (instant, minutes, zone = HOME_ZONE) => toInstant(Date.parse(instant) + minutes * 60_000, zone),
  };
}
