import type { BookingMode } from '../../model/index.js';
import { isRecord } from './map/common.js';

/** Where the IHE ITI Scheduling profile publishes its OperationDefinitions (`appointment-find`, `-hold`, `-book`). */
const IHE_DEFINITIONS = 'https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-';

/**
 * How a server books, as its CapabilityStatement says. `ihe` names the IHE ITI Scheduling operations it offers
 * (named by the profile's canonicals, so a `$book` of another design is never sent IHE parameters); `hold`/`book`
 * are the portal-kit style `$hold`/`$book` with an `appt-resource`. `conditionalCreate` is Appointment's flag
 * (FHIR's default when absent: no).
 */
export interface BookingPlan {
  mode: BookingMode;
  ihe: { find: boolean; hold: boolean; book: boolean };
  operations: boolean;
  conditionalCreate: boolean;
}

const REST: BookingPlan = { mode: 'rest', ihe: { find: false, hold: false, book: false }, operations: false, conditionalCreate: true };

/**
 * An unreadable statement means plain REST with conditional create (every R4 server creates; a server that
 * ignores `If-None-Exist` is caught by looking before any second attempt).
 */
export function bookingPlanFrom(capabilityStatement: unknown): BookingPlan {
  if (!isRecord(capabilityStatement) || capabilityStatement.resourceType !== 'CapabilityStatement') return REST;
  const rests = Array.isArray(capabilityStatement.rest) ? capabilityStatement.rest : [];
  const names = new Set<string>();
  const ihe = new Set<string>();
  let conditionalCreate = false;
  const collect = (list: unknown) => {
    for (const operation of Array.isArray(list) ? list : []) {
      if (!isRecord(operation) || typeof operation.name !== 'string') continue;
      const name = operation.name.replace(/^\$/, '').toLowerCase();
      const definition = typeof operation.definition === 'string' ? operation.definition.split('|')[0] : '';
      if (definition === `${IHE_DEFINITIONS}${name}`) ihe.add(name);
      else names.add(name);
    }
  };
  for (const rest of rests) {
    if (!isRecord(rest)) continue;
    collect(rest.operation);
    for (const resource of Array.isArray(rest.resource) ? rest.resource : []) {
      if (isRecord(resource) && resource.type === 'Appointment') {
        collect(resource.operation);
        conditionalCreate ||= resource.conditionalCreate === true;
      }
    }
  }
  const operations = names.has('hold') && names.has('book');
  const plan = { find: ihe.has('find'), hold: ihe.has('hold'), book: ihe.has('book') };
  return { mode: operations || (plan.hold && plan.book) ? 'operation' : 'rest', ihe: plan, operations, conditionalCreate };
}

/**
 * `operation` when the CapabilityStatement offers both a `$hold` and a `$book` on Appointment (or at system
 * level), portal-kit's or IHE's: the person then gets a hold before confirming. Otherwise booking is one step.
 */
export function bookingModeFrom(capabilityStatement: unknown): BookingMode {
  return bookingPlanFrom(capabilityStatement).mode;
}

/** Parameters only the IHE form of each operation has (its OperationDefinitions appointment-find, -hold, -book). */
const IHE_PARAMETERS: Record<string, string[]> = {
  find: ['location-reference', 'visit-type', 'patient-reference'],
  hold: ['appointment-reference'],
  book: ['appointment-reference', 'appointment-resource'],
};

/**
 * Whether an OperationDefinition a server names is the IHE operation: it is the profile's own (`url`), declares
 * it as its base (`base`, a server's profile of it), or takes the parameters only the IHE form has.
 */
export function isIheDefinition(definition: unknown, name: string): boolean {
  if (!isRecord(definition) || definition.resourceType !== 'OperationDefinition') return false;
  const canonical = (value: unknown) => (typeof value === 'string' ? value.split('|')[0] : undefined);
  if (canonical(definition.url) === `${IHE_DEFINITIONS}${name}` || canonical(definition.base) === `${IHE_DEFINITIONS}${name}`) return true;
  const parameters = new Set(
    (Array.isArray(definition.parameter) ? definition.parameter : []).flatMap((p) => (isRecord(p) && typeof p.name === 'string' && p.use !== 'out' ? [p.name] : [])),
  );
  return (IHE_PARAMETERS[name] ?? []).some((parameter) => parameters.has(parameter));
}

/** The Appointment operations named find, hold or book whose definition is neither IHE's canonical nor portal-kit's: their OperationDefinitions say which design they follow. */
export function definitionsToRead(capabilityStatement: unknown): Array<{ name: string; definition: string }> {
  const found: Array<{ name: string; definition: string }> = [];
  const rests = isRecord(capabilityStatement) && Array.isArray(capabilityStatement.rest) ? capabilityStatement.rest : [];
  for (const rest of rests) {
    for (const resource of isRecord(rest) && Array.isArray(rest.resource) ? rest.resource : []) {
      if (!isRecord(resource) || resource.type !== 'Appointment') continue;
      for (const operation of Array.isArray(resource.operation) ? resource.operation : []) {
        if (!isRecord(operation) || typeof operation.name !== 'string' || typeof operation.definition !== 'string') continue;
        const name = operation.name.replace(/^\$/, '').toLowerCase();
        const definition = operation.definition.split('|')[0];
        if (name in IHE_PARAMETERS && definition !== `${IHE_DEFINITIONS}${name}` && !definition.startsWith('urn:portal-kit:')) found.push({ name, definition });
      }
    }
  }
  return found;
}

/**
 * The booking plan with the OperationDefinitions a statement names read where its canonicals do not tell: an
 * operation whose definition turns out to be IHE's (a server's own profile of it) is used as IHE; one that cannot
 * be read keeps the meaning its name has.
 */
export async function resolvedBookingPlan(
  capabilityStatement: unknown,
  readDefinition: (canonical: string) => Promise<unknown>,
): Promise<BookingPlan> {
  const plan = bookingPlanFrom(capabilityStatement);
  const unknown = definitionsToRead(capabilityStatement);
  if (unknown.length === 0) return plan;
  const ihe = { ...plan.ihe };
  const turned = new Set<string>();
  await Promise.all(
    unknown.map(async ({ name, definition }) => {
      if (isIheDefinition(await readDefinition(definition).catch(() => undefined), name)) {
        ihe[name as keyof typeof ihe] = true;
        turned.add(name);
      }
    }),
  );
  const operations = plan.operations && !turned.has('hold') && !turned.has('book');
  return { ...plan, ihe, operations, mode: operations || (ihe.hold && ihe.book) ? 'operation' : 'rest' };
}

/** Whether a CapabilityStatement offers `Patient/<id>/$health-cards-issue` (by name: servers cite older canonicals too). */
export function offersHealthCards(capabilityStatement: unknown): boolean {
  const rests = isRecord(capabilityStatement) && Array.isArray(capabilityStatement.rest) ? capabilityStatement.rest : [];
  return rests.some(
    (rest) =>
      isRecord(rest) &&
      (Array.isArray(rest.resource) ? rest.resource : []).some(
        (resource) =>
          isRecord(resource) &&
          resource.type === 'Patient' &&
          (Array.isArray(resource.operation) ? resource.operation : []).some((op) => isRecord(op) && typeof op.name === 'string' && op.name.replace(/^\$/, '') === 'health-cards-issue'),
      ),
  );
}
