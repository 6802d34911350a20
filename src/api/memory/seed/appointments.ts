import type { AppointmentStatus, Location, Practitioner, Service } from '../../../model/index.js';
import type { SlotBook } from '../slot-book.js';
import type { AppointmentRecord } from '../store.js';
import { addDays } from '../../../time/days.js';
import { wallTimeToEpochMs } from '../../../time/zones.js';
import type { SeedContext } from './context.js';
import { LOCATION_IDS, PRACTITIONER_IDS, SERVICE_IDS } from './directory.js';
import { SCHEDULE_BY_LOCATION } from './schedules.js';

export interface Directory {
  services: Map<string, Service>;
  locations: Map<string, Location>;
  practitioners: Map<string, Practitioner>;
}

/** What every seeded appointment names. */
interface SeedAppointment {
  id: string;
  status: AppointmentStatus;
  version: string;
  locationId: string;
  serviceId: string;
  practitionerId?: string;
}

interface Upcoming extends SeedAppointment {
  /** Earliest day from today, and earliest local time that day (the first free slot after wins). */
  fromDay: number;
  hour: number;
  /** Whether the appointment holds its slot (a cancelled one gave it back). */
  holdsSlot: boolean;
}

interface Past extends SeedAppointment {
  day: number;
  hour: number;
  minute: number;
  minutes: number;
}

// One of each state a scheduler or appointment list must draw. Versions count the updates each went
// through (booked → arrived → fulfilled is 3), as a FHIR server's `meta.versionId` would.
const UPCOMING: readonly Upcoming[] = [
  {
    id: 'appt-checkup',
    status: 'booked',
    version: '1',
    locationId: LOCATION_IDS.downtown,
    serviceId: SERVICE_IDS.primaryCare,
    practitionerId: PRACTITIONER_IDS.okafor,
    fromDay: 5,
    hour: 10,
    holdsSlot: true,
  },
  {
    id: 'appt-flu-shot',
    status: 'booked',
    version: '1',
    locationId: LOCATION_IDS.vaccination,
    serviceId: SERVICE_IDS.flu,
    fromDay: 9,
    hour: 11,
    holdsSlot: true,
  },
  {
    id: 'appt-follow-up',
    status: 'pending',
    version: '1',
    locationId: LOCATION_IDS.lakeview,
    serviceId: SERVICE_IDS.primaryCare,
    practitionerId: PRACTITIONER_IDS.nguyen,
    fromDay: 33,
    hour: 14,
    holdsSlot: true,
  },
  {
    id: 'appt-cancelled-upcoming',
    status: 'cancelled',
    version: '2',
    locationId: LOCATION_IDS.lakeview,
    serviceId: SERVICE_IDS.primaryCare,
    practitionerId: PRACTITIONER_IDS.herrera,
    fromDay: 20,
    hour: 9,
    holdsSlot: false,
  },
];

const PAST: readonly Past[] = [
  {
    id: 'appt-past-visit',
    status: 'fulfilled',
    version: '3',
    locationId: LOCATION_IDS.downtown,
    serviceId: SERVICE_IDS.primaryCare,
    practitionerId: PRACTITIONER_IDS.okafor,
    day: -30,
    hour: 9,
    minute: 30,
    minutes: 30,
  },
  {
    id: 'appt-past-cancelled',
    status: 'cancelled',
    version: '2',
    locationId: LOCATION_IDS.downtown,
    serviceId: SERVICE_IDS.primaryCare,
    practitionerId: PRACTITIONER_IDS.lindqvist,
    day: -50,
    hour: 11,
    minute: 0,
    minutes: 30,
  },
  {
    id: 'appt-past-noshow',
    status: 'noshow',
    version: '2',
    locationId: LOCATION_IDS.lakeview,
    serviceId: SERVICE_IDS.primaryCare,
    practitionerId: PRACTITIONER_IDS.nguyen,
    day: -75,
    hour: 14,
    minute: 20,
    minutes: 20,
  },
  {
    id: 'appt-past-flu-shot',
    status: 'fulfilled',
    version: '3',
    locationId: LOCATION_IDS.vaccination,
    serviceId: SERVICE_IDS.flu,
    day: -200,
    hour: 10,
    minute: 15,
    minutes: 15,
  },
];

/** The embedded service, location, clinician, instructions and video link; absent ones are left out, not `undefined`. */
export function embedVisit(
  directory: Directory,
  entry: { locationId: string; serviceId: string; practitionerId?: string },
): Pick<AppointmentRecord, 'service' | 'location' | 'practitioner' | 'instructions' | 'video'> {
  const out: Pick<AppointmentRecord, 'service' | 'location' | 'practitioner' | 'instructions' | 'video'> = {};
  const location = directory.locations.get(entry.locationId);
  const service = directory.services.get(entry.serviceId);
  const practitioner = entry.practitionerId === undefined ? undefined : directory.practitioners.get(entry.practitionerId);
  if (service) out.service = service;
  if (location) out.location = location;
  if (practitioner) out.practitioner = practitioner;
  if (location?.instructions) out.instructions = location.instructions;
  // A visit at a virtual place is a video visit, joined in the place's standing room.
  if (location?.virtual) out.video = location.videoLink ? { joinUrl: location.videoLink } : {};
  return out;
}

/** The first free published slot that fits, searching forward up to two weeks from the wanted day. */
function findSlot(ctx: SeedContext, slots: SlotBook, entry: Upcoming) {
  const schedule = SCHEDULE_BY_LOCATION.get(entry.locationId);
  if (!schedule) return undefined;
  for (let offset = 0; offset < 14; offset++) {
    const date = addDays(ctx.today, entry.fromDay + offset);
    const earliest = wallTimeToEpochMs(schedule.zone, date, entry.hour * 60);
    const found = slots
      .day(schedule, date)
      .find(
        ({ slot, startMs }) =>
          startMs >= earliest &&
          slot.status === 'free' &&
          slot.serviceIds.includes(entry.serviceId) &&
          (entry.practitionerId === undefined || slot.practitionerId === entry.practitionerId),
      );
    if (found) return found.slot;
  }
  return undefined;
}

export function seedAppointments(ctx: SeedContext, slots: SlotBook, directory: Directory): AppointmentRecord[] {
  const records: AppointmentRecord[] = [];
  for (const entry of UPCOMING) {
    const slot = findSlot(ctx, slots, entry);
    if (!slot) continue;
    if (entry.holdsSlot) slots.take(slot.id);
    records.push({
      id: entry.id,
      status: entry.status,
      start: slot.start,
      end: slot.end,
      ...embedVisit(directory, entry),
      // A cancelled appointment still names its slot (as in FHIR), but the slot went back on offer.
      slotIds: [slot.id],
      version: entry.version,
    });
  }
  for (const entry of PAST) {
    const zone = directory.locations.get(entry.locationId)?.timeZone;
    const start = ctx.at(entry.day, entry.hour, entry.minute, zone);
    records.push({
      id: entry.id,
      status: entry.status,
      start,
      end: ctx.plusMinutes(start, entry.minutes, zone),
      ...embedVisit(directory, entry),
      // Slots of past days are no longer published; the appointment keeps its times.
      slotIds: [],
      version: entry.version,
    });
  }
  return records;
}
