/**
 * The demo practice's table of vaccine information pages by CVX code, handed to `<vaccine-record>`: the CDC's
 * Vaccine Information Statement for each vaccine the demo records, recommends or lets a patient report. Only
 * addresses seen in published material are listed; the demo has seen no Spanish address for these statements,
 * so each is marked English and a Spanish reader is told so on the link. A vaccine without a seen statement
 * (the nasal flu spray, PPSV23, adult RSV, Twinrix, travel vaccines) has no link rather than a guessed one.
 */
import type { EducationLinks } from '../src/elements/vaccine-record/record-logic.js';

const VIS = 'https://www.cdc.gov/vaccines/hcp/vis/vis-statements/';

/** Each statement, with the CVX codes it covers. */
const STATEMENTS: ReadonlyArray<readonly [page: string, cvx: readonly string[]]> = [
  ['covid-19.html', ['207', '208', '212', '213', '309', '312', '313']],
  ['flu.html', ['140', '141', '150', '161', '197']],
  ['tdap.html', ['115']],
  ['dtap.html', ['20']],
  ['shingles-recombinant.html', ['187']],
  ['hep-b.html', ['08', '43', '189']],
  ['hep-a.html', ['83', '52']],
  ['mmr.html', ['03']],
  ['varicella.html', ['21']],
  ['hpv.html', ['165']],
  ['mening.html', ['114', '147']],
  ['mening-serogroup.html', ['163']],
  ['ipv.html', ['10']],
  ['pcv.html', ['133', '215', '216']],
  ['hib.html', ['48']],
  ['rotavirus.html', ['116']],
];

/** Vaccines the demo knows that get no link: no statement address for them has been seen. */
export const UNLINKED_CVX: readonly string[] = ['88', '149', '33', '104', '305', '25', '184'];

export const DEMO_VACCINE_EDUCATION: EducationLinks = Object.fromEntries([
  ...STATEMENTS.flatMap(([page, codes]) => codes.map((cvx) => [cvx, { en: `${VIS}${page}` }] as const)),
  // Td has its own statement, seen at the CDC's current address.
  ['113', { en: 'https://www.cdc.gov/vaccines/hcp/current-vis/td.html' }],
]);
