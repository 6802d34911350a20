import type { Immunization, Recommendation } from '../../model/immunization.js';
import type { Locale } from '../../model/values.js';

/**
 * Vaccine information by CVX code, supplied by the host (the demo supplies one for its vaccines): one https address,
 * or one per language. Nothing is made up here: a vaccine without an entry has no link.
 */
export type EducationLinks = Readonly<Record<string, string | Partial<Record<Locale, string>>>>;

/** Only absolute https addresses become a link; anything else (javascript:, data:, relative) is dropped. */
export function allowedHref(candidate: string | undefined): string | undefined {
  if (!candidate) return undefined;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** An education page for a vaccine: its address, and the language it is in when the host said so. */
export interface EducationLink {
  href: string;
  /** The page's language; absent when the host gave one address for every language. */
  lang?: Locale;
}

/** The education page for a vaccine in the reader's language, else in English; undefined when the host gave none. */
export function educationLink(links: EducationLinks | undefined, cvx: string | undefined, locale: Locale): EducationLink | undefined {
  if (!links || !cvx) return undefined;
  const entry = links[cvx] ?? links[cvx.replace(/^0+(?=\d)/, '')] ?? links[cvx.padStart(2, '0')];
  if (typeof entry === 'string') {
    const href = allowedHref(entry);
    return href ? { href } : undefined;
  }
  for (const lang of [locale, 'en'] as const) {
    const href = allowedHref(entry?.[lang]);
    if (href) return { href, lang };
  }
  return undefined;
}

/** Two FHIR dates agree as far as the less precise one goes ("2021-05" and "2021-05-24"). */
function datesAgree(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const length = Math.min(a.length, b.length);
  return a.slice(0, length) === b.slice(0, length);
}

/**
 * What the record shows: entered-in-error never (it was a mistake, not a vaccine), and a dose the patient reported
 * only until a clinician-recorded dose of the same vaccine on an agreeing date replaces it.
 */
export function shownImmunizations(items: readonly Immunization[]): Immunization[] {
  const confirmed = items.filter((item) => item.primarySource && item.status === 'completed');
  return items.filter((item) => {
    if (item.status === 'entered-in-error') return false;
    if (item.primarySource) return true;
    return !confirmed.some((c) => sameVaccine(c, item) && datesAgree(c.occurrenceDate, item.occurrenceDate));
  });
}

function sameVaccine(a: Immunization, b: Immunization): boolean {
  if (a.vaccine.cvx && b.vaccine.cvx) return a.vaccine.cvx.replace(/^0+/, '') === b.vaccine.cvx.replace(/^0+/, '');
  return a.vaccine.text.trim().toLowerCase() === b.vaccine.text.trim().toLowerCase();
}

/** The forecasts a person acts on: due and overdue, overdue first, then by due date (FHIR dates compare as text). */
export function dueRecommendations(items: readonly Recommendation[]): Recommendation[] {
  const rank = (r: Recommendation) => (r.forecast === 'overdue' ? 0 : 1);
  return items
    .filter((r) => r.forecast === 'due' || r.forecast === 'overdue')
    .sort((a, b) => rank(a) - rank(b) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
}

/** `vaccine=CVX:dose` as the scheduler's `vaccine` attribute reads it (`208:2`, or `140` when no dose is named). */
export function vaccineBookingValue(recommendation: Recommendation): string | undefined {
  const cvx = recommendation.vaccine.cvx;
  if (!cvx || !/^\d+$/.test(cvx)) return undefined;
  const dose = recommendation.doseNumber && /^\d+$/.test(recommendation.doseNumber) ? `:${recommendation.doseNumber}` : '';
  return `${cvx}${dose}`;
}

/** The host's booking page with `vaccine=CVX:dose` set (any earlier `vaccine` replaced); https or same-site paths only. */
export function bookingHref(base: string | undefined, vaccine: string, pageUrl: string): string | undefined {
  if (!base) return undefined;
  let url: URL;
  try {
    url = new URL(base, pageUrl);
  } catch {
    return undefined;
  }
  const samePage = new URL(pageUrl);
  if (url.protocol !== 'https:' && url.origin !== samePage.origin) return undefined;
  url.searchParams.set('vaccine', vaccine);
  // The colon is what the scheduler's links carry; URLSearchParams would write %3A.
  url.search = url.search.replace(/vaccine=(\d+)%3A(\d+)/, 'vaccine=$1:$2');
  return url.href;
}
