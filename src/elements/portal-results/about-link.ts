/**
 * "About this test": a link from a result's LOINC code to its plain-language explanation. By default MedlinePlus
 * Connect's web application (NLM), in the form its documentation gives for lab test requests: the base
 * `https://connect.medlineplus.gov/application`, the LOINC code system's OID in `mainSearchCriteria.v.cs`, the code in
 * `mainSearchCriteria.v.c`, and the reader's language in `informationRecipient.languageCode.c`. Nothing is fetched:
 * the patient follows the link. A host may turn it off or point it at its own pages (a template with `{code}` and
 * `{lang}`); every link must be an https URL, or none is shown.
 */
import type { Concept } from '../../model/common.js';
import type { Locale } from '../../model/values.js';

const LOINC = 'http://loinc.org';
/** LOINC's OID, as the Infobutton request names a code system. */
const LOINC_OID = '2.16.840.1.113883.6.1';
const MEDLINEPLUS_CONNECT = 'https://connect.medlineplus.gov/application';
/** LOINC codes: digits, a dash, a check digit (`2345-7`); LOINC parts and answers (`LP…`, `LA…`) are not tests. */
const LOINC_CODE = /^\d{1,7}-\d$/;

/** `off`, the default (`medlineplus`), or an https template for the host's own pages. */
export type AboutSetting = string | undefined;

/** The result's LOINC test code, if it has one. */
export function loincCode(code: Concept): string | undefined {
  return code.codings.find((c) => c.system === LOINC && LOINC_CODE.test(c.code))?.code;
}

/** Only an absolute https URL with a host passes: a data-driven href never becomes `javascript:` or `http:`. */
export function allowedHref(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' && url.hostname !== '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Where "About this test" goes for this code, or undefined (no LOINC code, turned off, or not an https link). */
export function aboutHref(code: Concept, locale: Locale, setting: AboutSetting): { href: string; medlinePlus: boolean } | undefined {
  const loinc = loincCode(code);
  if (!loinc || setting === 'off') return undefined;
  if (setting && setting !== 'medlineplus') {
    const href = allowedHref(setting.replaceAll('{code}', encodeURIComponent(loinc)).replaceAll('{lang}', locale));
    return href ? { href, medlinePlus: false } : undefined;
  }
  const query = new URLSearchParams({
    'mainSearchCriteria.v.cs': LOINC_OID,
    'mainSearchCriteria.v.c': loinc,
    'informationRecipient.languageCode.c': locale === 'es' ? 'es' : 'en',
  });
  return { href: `${MEDLINEPLUS_CONNECT}?${query.toString()}`, medlinePlus: true };
}
