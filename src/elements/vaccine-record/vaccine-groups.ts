import type { Immunization } from '../../model/immunization.js';

/**
 * Vaccine groups by CVX code, so the record can count a series across products ("COVID-19: dose 2 of 2" whether
 * the doses were one brand or two). Derived from the CDC CVX table in the shared fixtures (codes/cvx/cvx.tsv): each
 * group is an "unspecified formulation" code and every code that names it as a parent. A combination vaccine
 * (Twinrix, Pediarix) sits in each group it protects in. Codes as space-separated text: the table ships with the
 * first render, and this is its smallest readable form.
 */
const GROUPS = {
  covid: '207 208 210 211 212 213 217 218 219 221 225 226 227 228 229 230 300 301 302 308 309 310 311 312 313 334 500 501 502 503 504 505 506 507 508 509 510 511 512 513 514 515 516 517 518 519 520 521',
  flu: '15 16 88 111 135 140 141 144 149 150 151 153 155 158 161 166 168 171 185 186 194 197 200 201 202 205 231 320 331 333',
  hepB: '08 42 43 44 45 51 102 104 110 132 146 189 193 220',
  hepA: '31 52 83 84 85 104 193',
  pneumo: '33 100 109 133 152 177 215 216 327',
  menACWY: '32 103 108 114 136 147 148 203 316 328',
  menB: '162 163 164 316 328',
  tetanus: '09 20 22 28 35 50 102 106 107 110 113 115 120 130 132 138 139 146 170 195 196',
  mmr: '03 04 05 06 07 38 94',
  varicella: '21 94',
  polio: '02 10 89 110 120 130 132 146 170 195 324',
  hib: '17 22 46 47 48 49 50 51 102 120 132 146 148 170',
  hpv: '62 118 137 165',
  zoster: '121 187 188',
  rsv: '303 304 305 306 307 314 315 326 332',
  rotavirus: '74 116 119 122',
} as const;

export type VaccineGroupKey = keyof typeof GROUPS;
export const VACCINE_GROUP_KEYS = Object.keys(GROUPS) as VaccineGroupKey[];

let byCode: Map<string, VaccineGroupKey[]> | undefined;

/** The groups a CVX code counts in (none for a code outside the table). */
export function groupsOfCvx(cvx: string | undefined): VaccineGroupKey[] {
  if (!cvx) return [];
  if (!byCode) {
    byCode = new Map();
    for (const key of VACCINE_GROUP_KEYS) for (const code of GROUPS[key].split(' ')) byCode.set(code, [...(byCode.get(code) ?? []), key]);
  }
  // CVX codes are written with and without a leading zero ("3" and "03").
  return byCode.get(cvx) ?? byCode.get(cvx.padStart(2, '0')) ?? [];
}

/** One group of the record: a known group (named from the strings) or a vaccine's own words when it has none. */
export interface VaccineGroup {
  key: string;
  known?: VaccineGroupKey;
  label: string;
  doses: Immunization[];
  /** The highest dose of a series recorded in this group, when the record says how many the series has. */
  progress?: { dose: string; doses: string };
}

/**
 * Groups shown doses by vaccine group, each group's doses newest first (the input order), groups by name. A vaccine in
 * no group is a group of its own, labelled by `vaccineLabel` (its name in the reader's language).
 */
export function groupImmunizations(
  shown: readonly Immunization[],
  nameOf: (key: VaccineGroupKey) => string,
  vaccineLabel: (record: Immunization) => string = (record) => record.vaccine.text,
): VaccineGroup[] {
  const groups = new Map<string, VaccineGroup>();
  for (const record of shown) {
    const known = groupsOfCvx(record.vaccine.cvx);
    const keys: Array<{ key: string; known?: VaccineGroupKey; label: string }> =
      known.length > 0 ? known.map((key) => ({ key, known: key, label: nameOf(key) })) : [{ key: `text:${record.vaccine.text}`, label: vaccineLabel(record) }];
    for (const { key, known: knownKey, label } of keys) {
      const group: VaccineGroup = groups.get(key) ?? { key, label, doses: [], ...(knownKey ? { known: knownKey } : {}) };
      group.doses.push(record);
      groups.set(key, group);
    }
  }
  for (const group of groups.values()) {
    const counted = group.doses.filter((dose) => dose.status === 'completed' && dose.doseNumber && dose.seriesDoses);
    const best = counted.sort((a, b) => Number(b.doseNumber) - Number(a.doseNumber))[0];
    if (best) group.progress = { dose: best.doseNumber!, doses: best.seriesDoses! };
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}
