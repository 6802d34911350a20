import {
  FhirDateSchema,
  type Immunization,
  type NewImmunizationReport,
  type Recommendation,
} from '../../model/index.js';
import type { ImmunizationsApi } from '../portal-api.js';
import { apiError, type Runtime } from './runtime.js';
import { vaccine } from './seed/immunizations.js';
import type { MemoryStore } from './store.js';

/**
 * Newest first. FHIR dates of mixed precision sort correctly as text ("2021" < "2021-05" < "2021-05-03");
 * records with only words ("In childhood") go last.
 */
function byDateDescending(a: Immunization, b: Immunization): number {
  if (a.occurrenceDate === b.occurrenceDate) return a.id < b.id ? -1 : 1;
  if (a.occurrenceDate === undefined) return 1;
  if (b.occurrenceDate === undefined) return -1;
  return a.occurrenceDate < b.occurrenceDate ? 1 : -1;
}

/** Soonest due first; forecasts with no due date (complete, immune) after them. */
function byDueDate(a: Recommendation, b: Recommendation): number {
  if (a.dueDate === b.dueDate) return 0;
  if (a.dueDate === undefined) return 1;
  if (b.dueDate === undefined) return -1;
  return a.dueDate < b.dueDate ? -1 : 1;
}

/** `healthCards`: the signed cards this server issues the patient (compact JWS); absent, it issues none (no `$health-cards-issue`). */
export function createImmunizationsApi(store: MemoryStore, runtime: Runtime, healthCards?: readonly string[]): ImmunizationsApi {
  function report(input: NewImmunizationReport): Immunization {
    const op = 'immunizations.report';
    // What a server would refuse with 400/422, which the FHIR adapter reports as `invalid-response`.
    if (
      !input.clientRequestId ||
      !/^\d{1,3}$/.test(input.cvx) ||
      !input.vaccineText.trim() ||
      !FhirDateSchema.safeParse(input.occurrenceDate).success
    ) {
      throw apiError('invalid-response', op);
    }
    const earlier = store.immunizationKeys.get(input.clientRequestId);
    const earlierRecord = earlier === undefined ? undefined : store.immunizations.find((i) => i.id === earlier);
    if (earlierRecord) return earlierRecord;

    const record: Immunization = {
      id: store.nextId('imm-reported'),
      vaccine: vaccine(input.cvx, input.vaccineText.trim()),
      status: 'completed',
      // Kept at the precision the person gave: "2019" stays a year.
      occurrenceDate: input.occurrenceDate,
      primarySource: false,
      reportOrigin: input.source === 'record' ? 'Written Record' : 'Parent/Guardian/Patient Recall',
      reportOriginCode: input.source === 'record' ? 'record' : 'recall',
    };
    if (input.lotNumber) record.lotNumber = input.lotNumber;
    if (input.location) record.location = input.location;
    store.immunizations.push(record);
    store.immunizationKeys.set(input.clientRequestId, record.id);
    if (runtime.switches().loseReportAnswer) throw apiError('network', op);
    return record;
  }

  return {
    list: (signal) =>
      runtime.call('immunizations.list', signal, undefined, () => runtime.list([...store.immunizations].sort(byDateDescending))),
    recommendations: (signal) =>
      runtime.call('immunizations.recommendations', signal, undefined, () =>
        runtime.list([...store.recommendations].sort(byDueDate)),
      ),
    report: (input, signal) => runtime.call('immunizations.report', signal, input, report),
    healthCardsOffered: (signal) => runtime.call('immunizations.healthCardsOffered', signal, undefined, () => healthCards !== undefined),
    issueHealthCards: (signal) =>
      runtime.call('immunizations.issueHealthCards', signal, undefined, () => {
        if (!healthCards) throw apiError('not-found', 'immunizations.issueHealthCards');
        return runtime.switches().empty ? [] : [...healthCards];
      }),
  };
}
