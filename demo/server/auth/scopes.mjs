// @ts-check
/**
 * The SMART App Launch scopes the demo authorization server accepts, what each one permits, and how the
 * authorize page names them for a person. Patient-level scopes only (no `user/` or `system/`):
 *
 * - SMART v2: `patient/<Type>.<perms>`, perms a non-empty subsequence of `cruds` (c create, r read,
 *   u update, d delete, s search), e.g. `patient/Appointment.rs`, `patient/*.cruds`;
 * - SMART v1: `patient/<Type>.read` (= rs), `.write` (= cud), `.*` (= cruds);
 * - `launch/patient`, `online_access`, `offline_access`, and `openid fhirUser` (an ID token naming the patient).
 */

/** Resource types a scope may name (and `*`). Data outside them is reachable only with `patient/*`. */
export const SCOPE_TYPES = [
  'Patient', 'Appointment', 'Slot', 'Schedule', 'Location', 'Practitioner', 'PractitionerRole',
  'HealthcareService', 'Organization', 'Communication', 'DiagnosticReport', 'Observation', 'Immunization',
  'ImmunizationRecommendation', 'CareTeam',
];

/** Scheduling directory data anyone may read without a token (the FHIR guard serves it openly). */
export const PUBLIC_TYPES = new Set([
  'Slot', 'Schedule', 'Location', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Organization',
]);

/** Scopes that are not about data; the page shows them as facts, not as choices. */
export const CONTEXT_SCOPES = ['launch/patient', 'openid', 'fhirUser'];
export const SESSION_SCOPES = ['online_access', 'offline_access'];

const PERMS = 'cruds';
const V1 = /** @type {Record<string, string>} */ ({ read: 'rs', write: 'cud', '*': 'cruds' });

/** Every non-empty subsequence of `cruds`, in order: c, cr, cru, ..., s (31 of them). */
const SUBSEQUENCES = Array.from({ length: 31 }, (_, i) =>
  [...PERMS].filter((_, bit) => ((i + 1) >> (4 - bit)) & 1).join(''),
);

/** Every scope string the server accepts, for the provider's scope list. */
export const ACCEPTED_SCOPES = [
  ...CONTEXT_SCOPES,
  ...SESSION_SCOPES,
  ...[...SCOPE_TYPES, '*'].flatMap((type) => [...SUBSEQUENCES, ...Object.keys(V1)].map((perms) => `patient/${type}.${perms}`)),
];

/** What discovery advertises: one full and one read-only scope per type, and the others. */
export const ADVERTISED_SCOPES = [
  ...CONTEXT_SCOPES,
  ...SESSION_SCOPES,
  ...[...SCOPE_TYPES, '*'].flatMap((type) => [`patient/${type}.rs`, `patient/${type}.cruds`]),
];

/**
 * @typedef {'c' | 'r' | 'u' | 'd' | 's'} Perm
 * @typedef {{ type: string, perms: Set<Perm> }} DataScope
 */

/**
 * @param {string} scope
 * @returns {DataScope | undefined} undefined for anything but an accepted `patient/` scope
 */
export function parseDataScope(scope) {
  const match = /^patient\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(scope);
  if (!match || !(match[1] === '*' || SCOPE_TYPES.includes(match[1]))) return undefined;
  const perms = V1[match[2]] ?? (SUBSEQUENCES.includes(match[2]) ? match[2] : undefined);
  return perms ? { type: match[1], perms: new Set(/** @type {Perm[]} */ ([...perms])) } : undefined;
}

/**
 * Whether the granted scopes allow `perm` on `type`.
 * @param {Iterable<string>} scopes
 * @param {string} type
 * @param {Perm} perm
 */
export function allows(scopes, type, perm) {
  for (const scope of scopes) {
    const parsed = parseDataScope(scope);
    if (parsed && (parsed.type === type || parsed.type === '*') && parsed.perms.has(perm)) return true;
  }
  return false;
}

/** @typedef {'en' | 'es'} Lang */

const TYPE_LABELS = /** @type {Record<string, Record<Lang, string>>} */ ({
  '*': { en: 'All your health records', es: 'Todos sus datos de salud' },
  Patient: { en: 'Your name, date of birth and contact details', es: 'Su nombre, fecha de nacimiento y datos de contacto' },
  Appointment: { en: 'Your appointments', es: 'Sus citas' },
  Communication: { en: 'Your messages with your care team', es: 'Sus mensajes con su equipo de atención' },
  DiagnosticReport: { en: 'Your lab reports', es: 'Sus informes de laboratorio' },
  Observation: { en: 'Your test results and measurements', es: 'Sus resultados y mediciones' },
  Immunization: { en: 'Your vaccinations', es: 'Sus vacunas' },
  ImmunizationRecommendation: { en: 'Vaccinations recommended for you', es: 'Vacunas recomendadas para usted' },
  CareTeam: { en: 'Your care team', es: 'Su equipo de atención' },
  Slot: { en: 'Open appointment times', es: 'Horarios de cita disponibles' },
  Schedule: { en: 'Clinic schedules', es: 'Agendas de las clínicas' },
  Location: { en: 'Clinic locations', es: 'Ubicaciones de las clínicas' },
  Practitioner: { en: 'Clinicians', es: 'Profesionales de salud' },
  PractitionerRole: { en: 'Clinicians’ roles and clinics', es: 'Funciones y clínicas de los profesionales' },
  HealthcareService: { en: 'Services the clinics offer', es: 'Servicios de las clínicas' },
  Organization: { en: 'The hospital and its laboratory', es: 'El hospital y su laboratorio' },
});

const VERBS = /** @type {Record<Lang, Record<'see' | 'add' | 'book' | 'send' | 'change' | 'delete', string>>} */ ({
  en: { see: 'see', add: 'add', book: 'book', send: 'send', change: 'change', delete: 'delete' },
  es: { see: 'ver', add: 'añadir', book: 'reservar', send: 'enviar', change: 'cambiar', delete: 'borrar' },
});

const SESSION_LABELS = /** @type {Record<string, Record<Lang, string>>} */ ({
  online_access: { en: 'Stay signed in while you use the app', es: 'Mantener la sesión mientras usa la aplicación' },
  offline_access: { en: 'Stay signed in, even after you close the app', es: 'Mantener la sesión aunque cierre la aplicación' },
});

/**
 * A person's words for one scope, e.g. "Your appointments (see, book, change)".
 * @param {string} scope
 * @param {Lang} lang
 * @returns {{ group: 'health' | 'public' | 'session', text: string } | undefined} undefined for context
 *   scopes and scopes the server does not grant
 */
export function describeScope(scope, lang) {
  if (SESSION_LABELS[scope]) return { group: 'session', text: SESSION_LABELS[scope][lang] };
  const parsed = parseDataScope(scope);
  if (!parsed) return undefined;
  const verbs = VERBS[lang];
  const create = parsed.type === 'Appointment' ? verbs.book : parsed.type === 'Communication' ? verbs.send : verbs.add;
  const words = [
    ...(parsed.perms.has('r') || parsed.perms.has('s') ? [verbs.see] : []),
    ...(parsed.perms.has('c') ? [create] : []),
    ...(parsed.perms.has('u') ? [verbs.change] : []),
    ...(parsed.perms.has('d') ? [verbs.delete] : []),
  ];
  return {
    group: PUBLIC_TYPES.has(parsed.type) ? 'public' : 'health',
    text: `${TYPE_LABELS[parsed.type][lang]} (${words.join(', ')})`,
  };
}
