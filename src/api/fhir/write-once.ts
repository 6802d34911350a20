/**
 * One patient-authored resource written exactly once, also on a server without conditional create. A browser
 * resends a POST by itself when a reused connection closes before any answer (Chromium does, several times), and
 * without `If-None-Exist` each copy is stored: so where the CapabilityStatement offers update as create and not
 * conditional create, the resource is PUT under an id made from the client key, and a resend rewrites the same one.
 * Otherwise: POST with `If-None-Exist` and a look for the key before any second try (FhirClient.createOnce).
 * `results.addReading` follows the same plan with its own copy (src/api/fhir/results.ts).
 */
import { ApiError, isApiError } from '../errors.js';
import type { FhirClient } from './client.js';
import { clientRequestIdOf, isRecord, referenceIdOf } from './map/common.js';

/** Whether the server honours If-None-Exist and creates on a PUT to a new id, for `type` (from its statement). */
export function writePlan(statement: unknown, type: string): { conditionalCreate: boolean; updateCreate: boolean } {
  const plan = { conditionalCreate: true, updateCreate: false };
  if (!isRecord(statement) || !Array.isArray(statement.rest)) return plan;
  for (const rest of statement.rest) {
    for (const resource of isRecord(rest) && Array.isArray(rest.resource) ? rest.resource : []) {
      if (isRecord(resource) && resource.type === type) return { conditionalCreate: resource.conditionalCreate === true, updateCreate: resource.updateCreate === true };
    }
  }
  return plan;
}

export interface WriteOnce {
  type: string;
  resource: Record<string, unknown>;
  key: string;
  /** The id prefix for update as create (`pk-imm-`). */
  idPrefix: string;
  /** The patient the resource belongs to, and the element that names them (`patient`, `subject`). */
  patientId: string;
  patientElement: string;
  operation: string;
}

export async function writeOnce(fhir: FhirClient, write: WriteOnce, signal: AbortSignal): Promise<Record<string, unknown>> {
  const { type, resource, key, operation } = write;
  const create = () => fhir.createOnce(type, resource, key, operation, signal);
  const { conditionalCreate, updateCreate } = await fhir.capabilities(signal).then(
    (statement) => writePlan(statement, type),
    () => writePlan(undefined, type),
  );
  const id = `${write.idPrefix}${key}`;
  if (conditionalCreate || !updateCreate || !/^[A-Za-z0-9\-.]{1,64}$/.test(id)) return create();
  // Something else already at that id (another key, another patient) is no place to write.
  const earlier = async () => {
    try {
      const found = (await fhir.read(type, id, operation, signal)).body;
      if (clientRequestIdOf(found) !== key || referenceIdOf(found[write.patientElement], ['Patient']) !== write.patientId) throw new ApiError('conflict', { operation });
      return found;
    } catch (error) {
      if (isApiError(error) && (error.status === 404 || error.status === 410)) return undefined;
      throw error;
    }
  };
  const put = () => fhir.update(type, { ...resource, id }, undefined, operation, signal);
  try {
    return (await earlier()) ?? (await put());
  } catch (error) {
    if (isApiError(error) && (error.kind === 'network' || error.kind === 'server')) return (await earlier()) ?? (await put());
    // Update as create refused before anything was stored: a create is the one write.
    if (isApiError(error) && (error.kind === 'forbidden' || error.status === 405 || error.status === 400 || error.status === 422)) return create();
    throw error;
  }
}
