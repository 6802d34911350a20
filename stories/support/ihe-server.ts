/**
 * A demo stand-in for a FHIR server that offers availability only through IHE ITI Scheduling, answered in the
 * browser so a story can run the real FHIR adapter without a server. It is not a server and checks almost
 * nothing: it answers what `<portal-scheduler>` asks before anyone books — `metadata` (a CapabilityStatement
 * naming IHE's `$find`, `$hold` and `$book` on Appointment, by the profile's canonicals), the catalogue searches
 * (HealthcareService, Schedule, Location, PractitionerRole) and `Appointment/$find`, whose proposed Appointments
 * are computed from today: weekdays of the next two weeks at one New York clinic, with one clinician and one
 * named service. `$hold` and `$book` are named because an IHE server's statement names them, but refused here.
 */
import { addDays, weekday } from '../../src/time/days.js';
import { dayInZone, zonedInstant } from '../../src/time/zones.js';
import { json, outcome, requestOf, searchset as searchsetOn, type Resource } from './fhir-stand-in.js';

export const IHE_STORY_BASE = 'https://ihe-scheduling.example.org/fhir';

const IHE = 'https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-';
const ZONE = 'America/New_York';
const LOCATION = 'Location/loc-hudson';
const ROLE = 'PractitionerRole/role-okafor';
const SERVICE = 'HealthcareService/hs-primary-care';
const VISIT_MINUTES = 30;

const location = {
  resourceType: 'Location',
  id: 'loc-hudson',
  status: 'active',
  name: 'Hudson Street Clinic',
  extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: ZONE }],
  address: { line: ['120 Hudson Street'], city: 'New York', state: 'NY', postalCode: '10013' },
  telecom: [{ system: 'phone', value: '+1 212 555 0142' }],
};
const practitioner = {
  resourceType: 'Practitioner',
  id: 'pr-okafor',
  name: [{ prefix: ['Dr.'], given: ['Amara'], family: 'Okafor' }],
};
const role = {
  resourceType: 'PractitionerRole',
  id: 'role-okafor',
  active: true,
  practitioner: { reference: 'Practitioner/pr-okafor' },
  specialty: [{ text: 'Family medicine' }],
  location: [{ reference: LOCATION }],
  healthcareService: [{ reference: SERVICE }],
};
const service = {
  resourceType: 'HealthcareService',
  id: 'hs-primary-care',
  active: true,
  name: 'Primary care visit',
  location: [{ reference: LOCATION }],
};

const capabilityStatement = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [
    {
      mode: 'server',
      resource: [
        { type: 'Appointment', operation: ['find', 'hold', 'book'].map((name) => ({ name, definition: `${IHE}${name}` })) },
        ...['HealthcareService', 'Schedule', 'Location', 'PractitionerRole', 'Practitioner'].map((type) => ({ type })),
      ],
    },
  ],
};

const searchset = (matches: Resource[], included: Resource[] = []) => searchsetOn(IHE_STORY_BASE, matches, included);

/** Proposed Appointments: every half hour 9:00–16:30 New York time (not over lunch), weekdays, from now for 14 days. */
function proposals(fromMs: number, toMs: number, now = Date.now()): Resource[] {
  const today = dayInZone(ZONE, now);
  const found: Resource[] = [];
  for (let offset = 0; offset < 14; offset++) {
    const day = addDays(today, offset);
    if (weekday(day) === 0 || weekday(day) === 6) continue;
    for (let minute = 9 * 60; minute < 17 * 60; minute += VISIT_MINUTES) {
      if (minute >= 12 * 60 && minute < 13 * 60) continue;
      const start = zonedInstant(ZONE, day, minute);
      const startMs = Date.parse(start);
      if (startMs < now || startMs < fromMs || startMs >= toMs) continue;
      const key = `${day.replaceAll('-', '')}-${String(minute).padStart(4, '0')}`;
      found.push({
        resourceType: 'Appointment',
        id: `proposed-${key}`,
        status: 'proposed',
        start,
        end: zonedInstant(ZONE, day, minute + VISIT_MINUTES),
        slot: [{ reference: `Slot/slot-${key}` }],
        participant: [LOCATION, ROLE, SERVICE].map((reference) => ({ actor: { reference }, required: 'required', status: 'needs-action' })),
      } as Resource);
    }
  }
  return found;
}

type Parameter = { name?: string; valueDateTime?: string; valueReference?: { reference?: string } };

/** `$find` [ITI-115]: `start`/`end` bound the times; a `location-reference` or `practitioner` other than ours finds none. */
function find(body: unknown) {
  const parameters = ((body as { parameter?: Parameter[] } | undefined)?.parameter ?? []).filter((p) => p.name);
  const value = (name: string) => parameters.find((p) => p.name === name);
  const from = Date.parse(value('start')?.valueDateTime ?? '');
  const to = Date.parse(value('end')?.valueDateTime ?? '');
  if (Number.isNaN(from) || Number.isNaN(to)) return outcome(400, 'required', "$find needs 'start' and 'end'");
  const place = value('location-reference')?.valueReference?.reference;
  const clinician = value('practitioner')?.valueReference?.reference;
  const ours = (place === undefined || place === LOCATION) && (clinician === undefined || clinician === ROLE);
  return json(searchset(ours ? proposals(from, to) : [], [location, role, practitioner, service]));
}

/** A `fetch` for `createFhirAdapter({ baseUrl: IHE_STORY_BASE, fetch })` that answers from the stand-in above. */
export const iheServerFetch: typeof fetch = async (input, init = {}) => {
  const { method, path, body } = requestOf(IHE_STORY_BASE, input, init);
  if (method === 'GET' && path === 'metadata') return json(capabilityStatement);
  if (method === 'GET' && path === 'HealthcareService') return json(searchset([service]));
  if (method === 'GET' && path === 'Schedule') return json(searchset([]));
  if (method === 'GET' && path === 'Location') return json(searchset([location]));
  if (method === 'GET' && path === 'PractitionerRole') return json(searchset([role], [practitioner]));
  if (method === 'POST' && path === 'Appointment/$find') return find(body);
  if (path === 'Appointment/$hold' || path === 'Appointment/$book') return outcome(501, 'not-supported', 'This stand-in only finds times');
  return outcome(404, 'not-found', `The stand-in does not answer ${method} ${path}`);
};
