import type { Slot } from '../../../model/index.js';
import { createRandom } from '../random.js';
import { dayAsUtcMs, toDayKey, weekday, type Day } from '../../../time/days.js';
import { toInstantWithOffset, wallTimeToEpochMs, zoneOffsetMs } from '../../../time/zones.js';
import { LOCATION_IDS, PRACTITIONER_IDS, SERVICE_IDS } from './directory.js';

/** Opening hours as [from, to) minutes after local midnight. */
type Hours = readonly (readonly [number, number])[];

/** One bookable column of a schedule: a clinician, or an anonymous lane at a mass-vaccination site. */
interface Stream {
  readonly key: string;
  readonly practitionerId?: string;
  readonly minutes: number;
  /** Services offered at a given local minute (the vaccination site switches products at 14:00). */
  services(minuteOfDay: number): readonly string[];
}

export interface SiteSchedule {
  readonly locationId: string;
  /** Short name inside slot ids. */
  readonly short: string;
  readonly zone: string;
  readonly phone?: string;
  hours(weekday: number): Hours;
  readonly streams: readonly Stream[];
  /** Share of slots already taken when the day is published. */
  readonly busyRate: number;
  /** Mass-vaccination sites publish places per slot (SMART Scheduling Links `slot-capacity`). */
  readonly capacity?: readonly [number, number];
  /** Site whose slot count the `slotsPerDay` option sets. */
  readonly scalable?: boolean;
}

const h = (hour: number, minute = 0): number => hour * 60 + minute;
const CLINIC_WEEKDAY: Hours = [
  [h(8), h(12)],
  [h(13), h(17)],
];

export const SCHEDULES: readonly SiteSchedule[] = [
  {
    locationId: LOCATION_IDS.downtown,
    short: 'downtown',
    zone: 'America/New_York',
    hours: (day) => (day >= 1 && day <= 5 ? CLINIC_WEEKDAY : day === 6 ? [[h(9), h(13)]] : []),
    streams: [
      { key: 'okafor', practitionerId: PRACTITIONER_IDS.okafor, minutes: 30, services: () => [SERVICE_IDS.primaryCare] },
      { key: 'lindqvist', practitionerId: PRACTITIONER_IDS.lindqvist, minutes: 30, services: () => [SERVICE_IDS.primaryCare] },
      { key: 'patel', practitionerId: PRACTITIONER_IDS.patel, minutes: 15, services: () => [SERVICE_IDS.flu] },
    ],
    busyRate: 0.35,
  },
  {
    locationId: LOCATION_IDS.lakeview,
    short: 'lakeview',
    zone: 'America/Chicago',
    hours: (day) =>
      day >= 1 && day <= 5
        ? [
            [h(9), h(12)],
            [h(13), h(17)],
          ]
        : day === 6
          ? [[h(9), h(12)]]
          : [],
    streams: [
      { key: 'herrera', practitionerId: PRACTITIONER_IDS.herrera, minutes: 30, services: () => [SERVICE_IDS.primaryCare] },
      {
        key: 'nguyen',
        practitionerId: PRACTITIONER_IDS.nguyen,
        minutes: 20,
        services: () => [SERVICE_IDS.primaryCare, SERVICE_IDS.flu],
      },
    ],
    busyRate: 0.3,
  },
  {
    // Open every day, Sundays included, so the days clocks change carry slots.
    locationId: LOCATION_IDS.vaccination,
    short: 'vax',
    zone: 'America/New_York',
    phone: '(718) 555-0123',
    hours: () => [[h(8), h(20)]],
    streams: [
      {
        key: 'l',
        minutes: 15,
        services: (minute) =>
          minute < h(14)
            ? [SERVICE_IDS.covidPfizerDose1, SERVICE_IDS.covidPfizerDose2, SERVICE_IDS.flu]
            : [SERVICE_IDS.covidModernaDose1, SERVICE_IDS.covidModernaDose2, SERVICE_IDS.flu],
      },
    ],
    busyRate: 0.25,
    capacity: [1, 6],
    scalable: true,
  },
  {
    // Video visits on weekday evenings, after the clinics close.
    locationId: LOCATION_IDS.video,
    short: 'video',
    zone: 'America/New_York',
    hours: (day) => (day >= 1 && day <= 5 ? [[h(17), h(20)]] : []),
    streams: [{ key: 'okafor', practitionerId: PRACTITIONER_IDS.okafor, minutes: 20, services: () => [SERVICE_IDS.primaryCare] }],
    busyRate: 0.3,
  },
];

const SCHEDULE_BY_SHORT = new Map(SCHEDULES.map((schedule) => [schedule.short, schedule]));
export const SCHEDULE_BY_LOCATION = new Map(SCHEDULES.map((schedule) => [schedule.locationId, schedule]));

const SLOT_ID = /^slot-([a-z]+)-(\d{8})-\d{4}-[a-z0-9]+$/;

/** Which site and day a slot id belongs to, so a slot can be found without keeping every day in memory. */
export function parseSlotId(id: string): { schedule: SiteSchedule; dateKey: string } | undefined {
  const match = SLOT_ID.exec(id);
  const schedule = match ? SCHEDULE_BY_SHORT.get(match[1]) : undefined;
  return match && schedule ? { schedule, dateKey: match[2] } : undefined;
}

/** A generated slot with its start as a number, so range filters need no re-parsing. */
export interface DaySlot {
  readonly slot: Slot;
  readonly startMs: number;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The slots one site publishes for one local day, as first published (before any booking). Pure: the same
 * seed, site and date always give the same list, which lets the store generate days lazily and drop them.
 */
export function generateDay(schedule: SiteSchedule, date: Day, seed: number, slotsPerDay?: number): DaySlot[] {
  const hours = schedule.hours(weekday(date));
  if (hours.length === 0) return [];
  const dateKey = toDayKey(date);
  const random = createRandom(seed, `slots:${schedule.short}:${dateKey}`);

  // Offsets at opening and closing. US zones change clocks at 02:00, never inside opening hours, so when
  // the two agree the whole day shares one offset and each slot needs no `Intl` lookup of its own (that
  // matters at 5,000 slots a day). If they ever differ, every slot is converted on its own.
  const first = hours[0][0];
  const last = hours[hours.length - 1][1];
  const openOffset = zoneOffsetMs(schedule.zone, wallTimeToEpochMs(schedule.zone, date, first));
  const closeOffset = zoneOffsetMs(schedule.zone, wallTimeToEpochMs(schedule.zone, date, last));
  const midnightAsUtc = dayAsUtcMs(date);
  const toEpoch = (minute: number): number =>
    openOffset === closeOffset ? midnightAsUtc + minute * 60_000 - openOffset : wallTimeToEpochMs(schedule.zone, date, minute);
  const format = (epoch: number): string =>
    openOffset === closeOffset ? toInstantWithOffset(epoch, openOffset) : toInstantWithOffset(epoch, zoneOffsetMs(schedule.zone, epoch));

  const out: DaySlot[] = [];
  for (const stream of schedule.streams) {
    const starts: number[] = [];
    for (const [from, to] of hours) {
      for (let minute = from; minute + stream.minutes <= to; minute += stream.minutes) starts.push(minute);
    }
    // Parallel lanes: enough to reach `slotsPerDay`, filled interval by interval so times stay sorted.
    const wanted = schedule.scalable && slotsPerDay !== undefined ? Math.max(0, Math.floor(slotsPerDay)) : starts.length;
    const lanes = Math.max(1, Math.ceil(wanted / Math.max(1, starts.length)));
    let made = 0;
    for (const minute of starts) {
      const startMs = toEpoch(minute);
      const start = format(startMs);
      const end = format(toEpoch(minute + stream.minutes));
      const serviceIds = stream.services(minute);
      for (let lane = 0; lane < lanes && made < wanted; lane++, made++) {
        // An explicit `slotsPerDay` publishes every slot free, so a one-day search returns exactly that many.
        const busy = random.chance(schedule.busyRate) && !(schedule.scalable && slotsPerDay !== undefined);
        const slot: Slot = {
          id: `slot-${schedule.short}-${dateKey}-${pad(Math.floor(minute / 60))}${pad(minute % 60)}-${stream.key}${schedule.scalable ? lane : ''}`,
          start,
          end,
          status: busy ? 'busy' : 'free',
          scheduleId: `sched-${schedule.short}-${stream.key}`,
          serviceIds: [...serviceIds],
          locationId: schedule.locationId,
        };
        if (stream.practitionerId) slot.practitionerId = stream.practitionerId;
        if (schedule.capacity) slot.capacity = busy ? 0 : random.int(schedule.capacity[0], schedule.capacity[1]);
        if (schedule.phone) slot.bookingPhone = schedule.phone;
        out.push({ slot, startMs });
      }
    }
  }
  out.sort((a, b) => a.startMs - b.startMs || (a.slot.id < b.slot.id ? -1 : a.slot.id > b.slot.id ? 1 : 0));
  return out;
}
