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
