/**
 * SMART scopes: what a page asks for and whether what the server granted covers what an element needs.
 * Elements state their needs in v2 syntax (`patient/Appointment.crus`); servers may grant v1
 * (`patient/Appointment.read`) or v2, narrower than asked, or `user/` scopes.
 */

/** Always asked for: the patient picker of a standalone launch, and a refresh token while the tab is open. */
export const SESSION_SCOPES = ['launch/patient', 'online_access'] as const;

/**
 * What the elements' patient features need, in SMART v2 syntax: each written once here and named in an element's
 * `static access` declaration, so sign-in asks for exactly the union of what a page's elements use.
 */
export const SCOPES = {
  /** The patient's own record: name, birth date, sex (the banner, the signed-in name). */
  patient: 'patient/Patient.r',
  /** Find, book, list, cancel and reschedule the patient's appointments. */
  appointments: 'patient/Appointment.crus',
  /** Read and search the patient's conversations, send messages and mark them read (read state is an update). */
  messages: 'patient/Communication.crus',
  /** The patient's care teams: who may be messaged, beside the clinicians. */
  careTeams: 'patient/CareTeam.rs',
  /** Read and search the patient's reports (DiagnosticReport). */
  results: 'patient/DiagnosticReport.rs',
  /** Read and search the patient's results and their history (Observation). */
  observations: 'patient/Observation.rs',
  /** Save a reading the patient took at home (asked for only where the host allows readings). */
  readings: 'patient/Observation.c',
  /** Read and search the patient's vaccines. */
  immunizations: 'patient/Immunization.rs',
  /** Add a vaccine the patient reports (create): a grant without it still shows the record, without the form. */
  reportImmunization: 'patient/Immunization.c',
  /** Read and search what vaccines are due (ImmunizationRecommendation). */
  immunizationRecommendations: 'patient/ImmunizationRecommendation.rs',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

const V2_ORDER = 'cruds';
const V1_PERMISSIONS: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

interface ResourceScope {
  context: 'patient' | 'user' | 'system';
  type: string;
  permissions: string;
  /** v2 scopes may narrow themselves with a query (`?category=…`): such a grant never covers an unnarrowed need. */
  narrowed: boolean;
}

/** Space-separated scope string (or list) to a list without blanks or repeats, in first-seen order. */
export function scopeList(value: string | readonly string[] | undefined): string[] {
  const items = typeof value === 'string' ? value.split(/\s+/) : (value ?? []);
  return [...new Set(items.map((item) => item.trim()).filter(Boolean))];
}

/** The union of several lists, each scope once. */
export function unionScopes(...lists: ReadonlyArray<string | readonly string[] | undefined>): string[] {
  return scopeList(lists.flatMap((list) => scopeList(list)));
}

function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(\?.*)?$/.exec(scope);
  if (!match) return undefined;
  const [, context, type, raw, query] = match;
  const v1 = V1_PERMISSIONS[raw];
  let permissions: string;
  if (v1 !== undefined && !query) {
    permissions = v1;
  } else {
    // v2 letters must appear in c-r-u-d-s order, each once.
    let at = -1;
    for (const letter of raw) {
      const next = V2_ORDER.indexOf(letter, at + 1);
      if (next < 0) return undefined;
      at = next;
    }
    permissions = raw;
  }
  return { context: context as ResourceScope['context'], type, permissions, narrowed: Boolean(query) };
}

/** Whether one granted scope allows everything `needed` asks for. */
function covers(granted: string, needed: string): boolean {
  if (granted === needed) return true;
  const need = parseResourceScope(needed);
  const grant = parseResourceScope(granted);
  if (!need || !grant || grant.narrowed) return false;
  // A user-level grant reaches at least the patient's own compartment; a patient-level one no further.
  const contextOk = grant.context === need.context || (need.context === 'patient' && grant.context === 'user');
  const typeOk = grant.type === '*' || grant.type === need.type;
  return contextOk && typeOk;
}

/**
 * Whether the granted scopes allow every needed one. Permissions may be spread over several grants
 * (`patient/Appointment.rs` + `patient/Appointment.cu` cover `patient/Appointment.crus`).
 */
export function scopesCover(granted: readonly string[], needed: readonly string[]): boolean {
  return needed.every((scope) => {
    const need = parseResourceScope(scope);
    if (!need) return granted.includes(scope);
    const letters = new Set<string>();
    for (const grant of granted) {
      if (covers(grant, scope)) for (const letter of parseResourceScope(grant)?.permissions ?? V2_ORDER) letters.add(letter);
    }
    return [...need.permissions].every((letter) => letters.has(letter));
  });
}
