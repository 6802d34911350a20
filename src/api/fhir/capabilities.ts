import type { BookingMode } from '../../model/index.js';
import { isRecord } from './map/common.js';

function operationNames(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((operation) =>
    isRecord(operation) && typeof operation.name === 'string' ? [operation.name.replace(/^\$/, '').toLowerCase()] : [],
  );
}

/**
 * `operation` when the CapabilityStatement offers both `$hold` and `$book` on Appointment (or at system
 * level); otherwise booking is a conditional create. An unreadable statement means plain REST, which
 * every R4 server supports.
 */
export function bookingModeFrom(capabilityStatement: unknown): BookingMode {
  if (!isRecord(capabilityStatement) || capabilityStatement.resourceType !== 'CapabilityStatement') return 'rest';
  const rests = Array.isArray(capabilityStatement.rest) ? capabilityStatement.rest : [];
  const names = new Set<string>();
  for (const rest of rests) {
    if (!isRecord(rest)) continue;
    operationNames(rest.operation).forEach((name) => names.add(name));
    const resources = Array.isArray(rest.resource) ? rest.resource : [];
    for (const resource of resources) {
      if (isRecord(resource) && resource.type === 'Appointment') {
        operationNames(resource.operation).forEach((name) => names.add(name));
      }
    }
  }
  return names.has('hold') && names.has('book') ? 'operation' : 'rest';
}
