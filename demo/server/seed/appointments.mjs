// @ts-check
/**
 * Appointments: for each patient one or two upcoming `booked` visits, each holding a real seeded Slot (that
 * Slot is then published busy), and one past `fulfilled` visit (past days have no published slots, so it
 * names none). Daniel also has one `cancelled` visit whose slot went back on offer.
 *
 * Participants are what src/api/fhir/map/appointment.ts reads: the Patient, the clinician's PractitionerRole,
 * the Location and the HealthcareService, each with a display.
 */
import { SYSTEMS, concept, pick, ref } from './common.mjs';
import { CLINICIANS, PLACES, SERVICES, clinicianRef, locationRef, serviceRef, serviceTypeOf } from './places.mjs';
import { PATIENTS, onWeekday, patientRef } from './patients.mjs';
import { firstFreeSlot } from './slots.mjs';
import { addDays, formatInstant, zonedInstant } from './time.mjs';

/** @typedef {import('@medplum/fhirtypes').Appointment} Appointment */
/** @typedef {import('@medplum/fhirtypes').AppointmentParticipant} AppointmentParticipant */
/** @typedef {import('./patients.mjs').SeedPatient} SeedPatient */
/** @typedef {import('./places.mjs').Place} Place */
/** @typedef {import('./places.mjs').Clinician} Clinician */
/** @typedef {import('./places.mjs').ServiceDef} ServiceDef */

/**
 * @typedef {{ id: string, patient: SeedPatient, service: ServiceDef, type: 'ROUTINE' | 'CHECKUP' | 'FOLLOWUP',
 *   description: string, patientInstruction?: string, bookedDaysAgo: number }} Common
 * @typedef {Common & { status: 'booked' | 'cancelled', schedule: string, fromDay: number, hour: number }} Upcoming
 * @typedef {Common & { status: 'fulfilled', place: Place, clinician: Clinician, day: number, hour: number, minute: number, minutes: number }} Past
 */

const TYPES = {
  ROUTINE: 'Routine appointment - default if not valued',
  CHECKUP: 'A routine check-up, such as an annual physical',
  FOLLOWUP: 'A follow up visit from a previous appointment',
};

const { daniel, mia, maria } = PATIENTS;

/** @type {Upcoming[]} */
const UPCOMING = [
  {
    id: 'appt-daniel-follow-up', status: 'booked', patient: daniel, service: SERVICES.primaryCare, schedule: 'sched-hart-primary-care',
    fromDay: 6, hour: 10, type: 'FOLLOWUP', description: 'Diabetes and kidney follow-up', bookedDaysAgo: 20,
    patientInstruction: 'Please come fasting (water is fine): we will draw blood before your visit. Bring your glucose meter.',
  },
  {
    id: 'appt-daniel-flu', status: 'booked', patient: daniel, service: SERVICES.flu, schedule: 'sched-eastside-flu',
    fromDay: 10, hour: 9, type: 'ROUTINE', description: 'Flu vaccination', bookedDaysAgo: 1,
  },
  {
    // A video visit: at the virtual place, so the portal offers the link to join shortly before it starts.
    id: 'appt-daniel-video', status: 'booked', patient: daniel, service: SERVICES.primaryCare, schedule: 'sched-hart-video',
    fromDay: 2, hour: 17, type: 'FOLLOWUP', description: 'Blood pressure review by video', bookedDaysAgo: 3,
  },
  {
    id: 'appt-daniel-cancelled', status: 'cancelled', patient: daniel, service: SERVICES.primaryCare, schedule: 'sched-hart-primary-care',
    fromDay: 3, hour: 14, type: 'ROUTINE', description: 'Blood pressure check', bookedDaysAgo: 30,
  },
  {
    id: 'appt-mia-well-child', status: 'booked', patient: mia, service: SERVICES.wellChild, schedule: 'sched-patel-well-child',
    fromDay: 14, hour: 15, type: 'CHECKUP', description: 'Well-child visit (7 years)', bookedDaysAgo: 19,
    patientInstruction: 'Bring Mia’s vaccination card and any school forms that need a signature.',
  },
  {
    id: 'appt-maria-consulta', status: 'booked', patient: maria, service: SERVICES.primaryCare, schedule: 'sched-herrera-primary-care',
    fromDay: 8, hour: 15, type: 'FOLLOWUP', description: 'Control de anemia y vitamina D', bookedDaysAgo: 5,
  },
  {
    id: 'appt-maria-covid', status: 'booked', patient: maria, service: SERVICES.covid, schedule: 'sched-alvarez-covid-207',
    fromDay: 4, hour: 10, type: 'ROUTINE', description: 'COVID-19 vaccination', bookedDaysAgo: 2,
  },
];

/** @type {Past[]} */
const PAST = [
  {
    id: 'appt-daniel-past', status: 'fulfilled', patient: daniel, service: SERVICES.primaryCare, place: PLACES.downtown, clinician: CLINICIANS.hart,
    day: -20, hour: 9, minute: 30, minutes: 30, type: 'FOLLOWUP', description: 'Diabetes follow-up and blood tests', bookedDaysAgo: 60,
  },
  {
    id: 'appt-mia-past', status: 'fulfilled', patient: mia, service: SERVICES.wellChild, place: PLACES.downtown, clinician: CLINICIANS.patel,
    day: -365, hour: 15, minute: 30, minutes: 30, type: 'CHECKUP', description: 'Well-child visit (6 years)', bookedDaysAgo: 400,
  },
  {
    id: 'appt-maria-past', status: 'fulfilled', patient: maria, service: SERVICES.primaryCare, place: PLACES.lakeview, clinician: CLINICIANS.herrera,
    day: -45, hour: 9, minute: 0, minutes: 30, type: 'FOLLOWUP', description: 'Control de anemia', bookedDaysAgo: 75,
  },
];

/**
 * @param {SeedPatient} patient
 * @param {Place} place
 * @param {Clinician | undefined} clinician
 * @param {ServiceDef} service
 * @returns {AppointmentParticipant[]}
 */
function participants(patient, place, clinician, service) {
  const actorStatus = /** @type {const} */ ('accepted');
  return [
    { type: [concept(SYSTEMS.participantType, 'SBJ', 'subject')], actor: patientRef(patient), required: 'required', status: actorStatus },
    ...(clinician ? [{ type: [concept(SYSTEMS.participantType, 'PPRF', 'primary performer')], actor: clinicianRef(clinician), required: /** @type {const} */ ('required'), status: actorStatus }] : []),
    { type: [concept(SYSTEMS.participantType, 'LOC', 'location')], actor: locationRef(place), required: 'required', status: actorStatus },
    { actor: serviceRef(service), required: 'information-only', status: actorStatus },
  ];
}

/**
 * @param {Common} def
 * @param {{ start: string, end: string, minutes: number, zone: string }} when
 * @param {string} today
 * @returns {Appointment}
 */
function base(def, when, today) {
  /** @type {Appointment} */
  const appointment = {
    resourceType: 'Appointment',
    id: def.id,
    status: 'booked',
    serviceCategory: [concept(SYSTEMS.serviceCategory, def.service.category[0], def.service.category[1])],
    serviceType: [serviceTypeOf(def.service)],
    appointmentType: concept(SYSTEMS.appointmentType, def.type, TYPES[def.type]),
    description: def.description,
    start: when.start,
    end: when.end,
    minutesDuration: when.minutes,
    created: formatInstant(Date.parse(zonedInstant(when.zone, addDays(today, -def.bookedDaysAgo), 11, pick(def.id, 0, 59))), when.zone),
    participant: [],
  };
  if (def.patientInstruction) appointment.patientInstruction = def.patientInstruction;
  return appointment;
}

/**
 * @param {string} today
 * @returns {{ appointments: Appointment[], busySlotIds: string[] }}
 */
export function appointmentResources(today) {
  /** @type {Appointment[]} */
  const appointments = [];
  /** @type {string[]} */
  const busySlotIds = [];
  for (const def of UPCOMING) {
    const { slot, def: schedule } = firstFreeSlot(def.schedule, addDays(today, def.fromDay), def.hour);
    const start = /** @type {string} */ (slot.start);
    const end = /** @type {string} */ (slot.end);
    const appointment = base(def, { start, end, minutes: schedule.minutes, zone: schedule.place.zone }, today);
    appointment.status = def.status;
    appointment.slot = [ref('Slot', /** @type {string} */ (slot.id))];
    appointment.participant = participants(def.patient, schedule.place, schedule.clinician, def.service);
    if (def.status === 'cancelled') {
      appointment.cancelationReason = concept(SYSTEMS.cancelationReason, 'pat', 'Patient');
    } else {
      busySlotIds.push(/** @type {string} */ (slot.id));
    }
    appointments.push(appointment);
  }
  for (const def of PAST) {
    const ymd = onWeekday(addDays(today, def.day));
    const start = zonedInstant(def.place.zone, ymd, def.hour, def.minute);
    const end = zonedInstant(def.place.zone, ymd, def.hour, def.minute + def.minutes);
    const appointment = base(def, { start, end, minutes: def.minutes, zone: def.place.zone }, today);
    appointment.status = def.status;
    appointment.participant = participants(def.patient, def.place, def.clinician, def.service);
    appointments.push(appointment);
  }
  return { appointments, busySlotIds };
}
