import { createImmunizationsApi } from './immunizations.js';
import { createMessagingApi } from './messaging.js';
import { DEFAULT_PATIENT_ID, DEFAULT_SEED, type MemoryAdapter, type MemoryAdapterOptions } from './options.js';
import { createResultsApi } from './results.js';
import { createRuntime } from './runtime.js';
import { createSchedulingApi } from './scheduling.js';
import { buildStore } from './seed/index.js';

/**
 * A `PortalApi` over deterministic, seeded data for stories, fast element tests and offline demos. It
 * answers with the semantics of a real server (idempotent writes, conflicts, versions, abortable waits)
 * so an element that works here has met every state before it meets the FHIR adapter; it is no stand-in
 * for integration tests against the demo server.
 *
 * The data is built once, from `seed` and the calendar day of `now()` in New York; later calls read the
 * clock again, so holds expire and appointments pass as `now` moves on.
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const now = options.now ?? (() => new Date());
  const store = buildStore({
    seed: options.seed ?? DEFAULT_SEED,
    patientId: options.patientId ?? DEFAULT_PATIENT_ID,
    now: now(),
    slotsPerDay: options.slotsPerDay,
  });
  const runtime = createRuntime(now, options);
  return Object.freeze({
    scheduling: Object.freeze(createSchedulingApi(store, runtime)),
    messaging: Object.freeze(createMessagingApi(store, runtime)),
    results: Object.freeze(createResultsApi(store, runtime)),
    immunizations: Object.freeze(createImmunizationsApi(store, runtime, options.healthCards)),
    patient: Object.freeze({
      current: (signal: AbortSignal) => runtime.call('patient.current', signal, undefined, () => store.patient),
    }),
    controls: runtime.controls,
  });
}
