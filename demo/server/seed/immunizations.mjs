// @ts-check
/**
 * Vaccine records (CVX coded, dated by age or flu season relative to `today`) and forecasts.
 * - Mia has the full CDC childhood series to age 7 (29 doses) plus a flu shot every season from 6 months.
 * - María José has one patient-reported flu shot: `primarySource: false` and `reportOrigin` "recall", dated
 *   only to the month she remembers.
 */
import { SYSTEMS, concept, pick, quantity, ref } from './common.mjs';
import { CLINICIANS, ORG, PLACES, locationRef, practitionerRef } from './places.mjs';
import { PATIENTS, birthDate, onWeekday, patientRef } from './patients.mjs';
import { addDays, addYears, daysBetween, weekday, zonedInstant } from './time.mjs';

/** @typedef {import('@medplum/fhirtypes').Immunization} Immunization */
/** @typedef {import('@medplum/fhirtypes').ImmunizationRecommendation} ImmunizationRecommendation */
/** @typedef {import('@medplum/fhirtypes').ImmunizationRecommendationRecommendation} RecommendationEntry */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {import('./patients.mjs').SeedPatient} SeedPatient */
/** @typedef {import('./places.mjs').Place} Place */
/** @typedef {import('./places.mjs').Clinician} Clinician */

/** CVX code → [words for the patient, CDC short description, lot prefix, route, mL]. */
const CVX = /** @type {Record<string, [string, string, string, 'IM' | 'SQ' | 'PO', number]>} */ ({
  '03': ['MMR (measles, mumps, rubella)', 'measles, mumps and rubella virus vaccine', 'MR', 'SQ', 0.5],
  '08': ['Hepatitis B (pediatric)', 'hepatitis B vaccine, pediatric or pediatric/adolescent dosage', 'HB', 'IM', 0.5],
  '10': ['Polio (IPV)', 'poliovirus vaccine, inactivated', 'IP', 'IM', 0.5],
  '20': ['DTaP (diphtheria, tetanus, whooping cough)', 'diphtheria, tetanus toxoids and acellular pertussis vaccine', 'DT', 'IM', 0.5],
  '21': ['Chickenpox (varicella)', 'varicella virus vaccine', 'VA', 'SQ', 0.5],
  '48': ['Hib (Haemophilus influenzae type b)', 'Haemophilus influenzae type b vaccine, PRP-T conjugate', 'HI', 'IM', 0.5],
  '83': ['Hepatitis A (pediatric)', 'hepatitis A vaccine, pediatric/adolescent dosage, 2 dose schedule', 'HA', 'IM', 0.5],
  '115': ['Tdap (tetanus, diphtheria, whooping cough)', 'tetanus toxoid, reduced diphtheria toxoid, and acellular pertussis vaccine, adsorbed', 'TD', 'IM', 0.5],
  '116': ['Rotavirus (RV5, by mouth)', 'rotavirus, live, pentavalent vaccine', 'RV', 'PO', 2],
  '133': ['Pneumococcal conjugate (PCV13)', 'pneumococcal conjugate vaccine, 13 valent', 'PC', 'IM', 0.5],
  '140': ['Flu vaccine', 'Influenza, split virus, trivalent, injectable, preservative free', 'FL', 'IM', 0.5],
  '150': ['Flu vaccine', 'Influenza, split virus, quadrivalent, injectable, preservative free', 'FQ', 'IM', 0.5],
  '161': ['Flu vaccine (pediatric)', 'Influenza, injectable,quadrivalent, preservative free, pediatric', 'FP', 'IM', 0.25],
  '165': ['HPV vaccine', 'Human Papillomavirus 9-valent vaccine', 'HP', 'IM', 0.5],
  '187': ['Shingles vaccine (recombinant)', 'zoster vaccine recombinant', 'ZR', 'IM', 0.5],
  '207': ['COVID-19 vaccine (Moderna)', 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 100 mcg/0.5mL dose or 50 mcg/0.25mL dose', 'MO', 'IM', 0.5],
  '208': ['COVID-19 vaccine (Pfizer-BioNTech)', 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose', 'EW', 'IM', 0.3],
  '309': ['COVID-19 vaccine (updated)', 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, tris-sucrose, 30 mcg/0.3 mL dose', 'PF', 'IM', 0.3],
  '114': ['Meningococcal ACWY (MenACWY)', 'meningococcal polysaccharide (groups A, C, Y and W-135) diphtheria toxoid conjugate vaccine (MCV4P)', 'MN', 'IM', 0.5],
});

const ROUTES = { IM: 'Injection, intramuscular', SQ: 'Injection, subcutaneous', PO: 'Swallow, oral' };
const SITES = { LT: 'left thigh', RT: 'right thigh', LA: 'left arm', RA: 'right arm' };

/** @param {string} cvx */
const vaccineCode = (cvx) => concept(SYSTEMS.cvx, cvx, CVX[cvx][1], CVX[cvx][0]);

/** The date itself on Mon-Fri, else the Monday after (a dose is never moved before its minimum age). @param {string} ymd */
const nextWeekday = (ymd) => (weekday(ymd) === 6 ? addDays(ymd, 2) : weekday(ymd) === 0 ? addDays(ymd, 1) : ymd);

/**
 * The flu-shot date `seasonsAgo` seasons before the latest one that is safely over by today (mid-October).
 * @param {string} today
 * @param {number} seasonsAgo
 * @param {string} key
 */
function fluDate(today, seasonsAgo, key) {
  const year = Number(today.slice(0, 4));
  const latest = `${year}-10-01` <= addDays(today, -21) ? year : year - 1;
  return onWeekday(`${latest - seasonsAgo}-10-${String(pick(key, 1, 18)).padStart(2, '0')}`);
}

/**
 * @typedef {{ id: string, patient: SeedPatient, cvx: string, ymd: string, place: Place, by: Clinician,
 *   dose?: [number, number?], site?: keyof typeof SITES, minute?: number }} Given
 */

/** A dose given here: performer, place, lot, site and route as a clinic records them. @param {Given} g @returns {Immunization} */
function given(g) {
  const [, , lotPrefix, route, ml] = CVX[g.cvx];
  const occurrence = zonedInstant(g.place.zone, g.ymd, 10, g.minute ?? pick(g.id, 0, 40));
  /** @type {Immunization} */
  const imm = {
    resourceType: 'Immunization', id: g.id, status: 'completed', vaccineCode: vaccineCode(g.cvx), patient: patientRef(g.patient),
    occurrenceDateTime: occurrence, recorded: occurrence, primarySource: true, location: locationRef(g.place),
    lotNumber: `${lotPrefix}${pick(`lot-${g.cvx}-${g.ymd}`, 1000, 9999)}`, expirationDate: addYears(g.ymd, 1),
    route: concept(SYSTEMS.route, route, ROUTES[route]), doseQuantity: quantity(ml, 'mL'),
    performer: [{ function: concept(SYSTEMS.immunizationFunction, 'AP', 'Administering Provider'), actor: practitionerRef(g.by) }],
  };
  if (route !== 'PO') {
    const site = g.site ?? 'LA';
    imm.site = concept(SYSTEMS.actSite, site, SITES[site]);
  }
  if (g.dose) {
    imm.protocolApplied = [{ doseNumberPositiveInt: g.dose[0], ...(g.dose[1] ? { seriesDosesPositiveInt: g.dose[1] } : {}) }];
  }
  return imm;
}

/** Mia's routine series: [age in days, CVX, dose, doses in series]. Ages follow the CDC schedule. */
const MIA_SERIES = /** @type {[number, string, number, number][]} */ ([
  [35, '08', 2, 3],
  [61, '20', 1, 5], [61, '48', 1, 4], [61, '133', 1, 4], [61, '10', 1, 4], [61, '116', 1, 3],
  [122, '20', 2, 5], [122, '48', 2, 4], [122, '133', 2, 4], [122, '10', 2, 4], [122, '116', 2, 3],
  [183, '20', 3, 5], [183, '48', 3, 4], [183, '133', 3, 4], [183, '10', 3, 4], [183, '116', 3, 3], [183, '08', 3, 3],
  [366, '03', 1, 2], [366, '21', 1, 2], [366, '83', 1, 2], [366, '133', 4, 4],
  [456, '20', 4, 5], [456, '48', 4, 4],
  [548, '83', 2, 2],
  [1520, '20', 5, 5], [1520, '10', 4, 4], [1520, '03', 2, 2], [1520, '21', 2, 2],
]);

const CVX_KEY = /** @type {Record<string, string>} */ ({ '03': 'mmr', '08': 'hepb', '10': 'ipv', '20': 'dtap', '21': 'var', '48': 'hib', '83': 'hepa', '116': 'rv', '133': 'pcv' });

/** @param {string} today @returns {Immunization[]} */
function miaImmunizations(today) {
  const mia = PATIENTS.mia;
  const born = birthDate(mia, today);
  const nurse = CLINICIANS.bell;
  /** @type {Immunization[]} */
  const out = [
    {
      // Birth dose at the hospital where she was born: known place, no performer on file.
      resourceType: 'Immunization', id: 'imm-mia-hepb-1', status: 'completed', vaccineCode: vaccineCode('08'), patient: patientRef(mia),
      occurrenceDateTime: zonedInstant(mia.zone, born, 18, 5), primarySource: true,
      location: { display: 'Hudson River Women’s and Children’s Hospital' }, lotNumber: `HB${pick('lot-08-birth', 1000, 9999)}`,
      site: concept(SYSTEMS.actSite, 'RT', SITES.RT), route: concept(SYSTEMS.route, 'IM', ROUTES.IM), doseQuantity: quantity(0.5, 'mL'),
      protocolApplied: [{ doseNumberPositiveInt: 1, seriesDosesPositiveInt: 3 }],
    },
  ];
  /** @type {Record<number, number>} */
  const shotsThatDay = {};
  for (const [age, cvx, dose, of] of MIA_SERIES) {
    const index = (shotsThatDay[age] = (shotsThatDay[age] ?? -1) + 1);
    const infant = age < 1095;
    /** @type {keyof typeof SITES} */
    const site = infant ? (index % 2 ? 'RT' : 'LT') : index % 2 ? 'RA' : 'LA';
    out.push(given({ id: `imm-mia-${CVX_KEY[cvx]}-${dose}`, patient: mia, cvx, ymd: nextWeekday(addDays(born, age)), place: PLACES.downtown, by: nurse, dose: [dose, of], site, minute: 5 + index * 3 }));
  }
  // A flu shot every season from 6 months; the first season takes two doses four weeks apart.
  /** @type {string[]} */
  const seasons = [];
  for (let ago = 0; ago < 10; ago++) {
    const ymd = fluDate(today, ago, `mia-flu-${ago}`);
    if (daysBetween(born, ymd) < 183) break;
    seasons.unshift(ymd);
  }
  seasons.forEach((ymd, i) => {
    const cvx = daysBetween(born, ymd) < 1095 ? '161' : '150';
    /** @type {keyof typeof SITES} */
    const site = cvx === '161' ? 'LT' : 'LA';
    out.push(given({ id: `imm-mia-flu-${i + 1}`, patient: mia, cvx, ymd, place: PLACES.downtown, by: nurse, site, ...(i === 0 ? { dose: [1, 2] } : {}) }));
    const second = nextWeekday(addDays(ymd, 28));
    if (i === 0 && second <= addDays(today, -7)) {
      out.push(given({ id: `imm-mia-flu-1b`, patient: mia, cvx, ymd: second, place: PLACES.downtown, by: nurse, site: 'RT', dose: [2, 2] }));
    }
  });
  return out;
}

/**
 * @param {string} today
 * @returns {Resource[]}
 */
export function immunizationResources(today) {
  const { daniel, maria } = PATIENTS;
  const { liu, bell, alvarez } = CLINICIANS;
  const danielCovid1 = onWeekday(addDays(today, -1600));
  const mariaCovid1 = onWeekday(addDays(today, -1550));
  const zoster1 = onWeekday(addDays(today, -210));
  /** @type {Immunization[]} */
  const records = [
    ...miaImmunizations(today),
    given({ id: 'imm-daniel-covid-1', patient: daniel, cvx: '208', ymd: danielCovid1, place: PLACES.eastside, by: liu, dose: [1, 2] }),
    given({ id: 'imm-daniel-covid-2', patient: daniel, cvx: '208', ymd: addDays(danielCovid1, 21), place: PLACES.eastside, by: liu, dose: [2, 2] }),
    given({ id: 'imm-daniel-tdap', patient: daniel, cvx: '115', ymd: onWeekday(addDays(today, -2400)), place: PLACES.downtown, by: bell, site: 'RA' }),
    given({ id: 'imm-daniel-flu-1', patient: daniel, cvx: '140', ymd: fluDate(today, 1, 'daniel-flu-1'), place: PLACES.eastside, by: liu }),
    given({ id: 'imm-daniel-flu-2', patient: daniel, cvx: '140', ymd: fluDate(today, 0, 'daniel-flu-2'), place: PLACES.eastside, by: liu }),
    given({ id: 'imm-daniel-zoster-1', patient: daniel, cvx: '187', ymd: zoster1, place: PLACES.downtown, by: bell, dose: [1, 2] }),
    given({ id: 'imm-maria-covid-1', patient: maria, cvx: '207', ymd: mariaCovid1, place: PLACES.lakeview, by: alvarez, dose: [1, 2] }),
    given({ id: 'imm-maria-covid-2', patient: maria, cvx: '207', ymd: nextWeekday(addDays(mariaCovid1, 28)), place: PLACES.lakeview, by: alvarez, dose: [2, 2] }),
    given({ id: 'imm-maria-tdap', patient: maria, cvx: '115', ymd: onWeekday(addDays(today, -1900)), place: PLACES.lakeview, by: alvarez }),
    given({ id: 'imm-maria-flu-1', patient: maria, cvx: '140', ymd: fluDate(today, 1, 'maria-flu-1'), place: PLACES.lakeview, by: alvarez }),
    {
      // Told to the clinic by the patient: she remembers the month and the pharmacy, not the day or lot.
      resourceType: 'Immunization', id: 'imm-maria-flu-2-reported', status: 'completed', vaccineCode: vaccineCode('140'), patient: patientRef(maria),
      occurrenceDateTime: fluDate(today, 0, 'maria-flu-2').slice(0, 7), recorded: zonedInstant(maria.zone, onWeekday(addDays(today, -45)), 9, 20),
      primarySource: false, reportOrigin: concept(SYSTEMS.immunizationOrigin, 'recall', 'Parent/Guardian/Patient Recall'),
      location: { display: 'Farmacia Logan Square, Chicago' },
      note: [{ text: 'La paciente recibió la vacuna en la farmacia; fecha aproximada (mes).' }],
    },
  ];
  return [...records, ...recommendations(today, records)];
}

/**
 * @param {string} cvx
 * @param {'due' | 'overdue' | 'complete' | 'immune'} status
 * @param {string | undefined} due
 * @param {Partial<RecommendationEntry>} [extra]
 * @returns {RecommendationEntry}
 */
function entry(cvx, status, due, extra = {}) {
  /** @type {RecommendationEntry} */
  const out = {
    vaccineCode: [vaccineCode(cvx)],
    forecastStatus: concept(SYSTEMS.recommendationStatus, status, status[0].toUpperCase() + status.slice(1)),
    ...extra,
  };
  if (due) out.dateCriterion = [{ code: concept(SYSTEMS.loinc, '30980-7', 'Date vaccine due'), value: due }];
  return out;
}

/** @param {string} today @param {Immunization[]} records @returns {ImmunizationRecommendation[]} */
function recommendations(today, records) {
  const { daniel, mia } = PATIENTS;
  const ids = (/** @type {string} */ prefix) => records.filter((r) => r.id?.startsWith(prefix)).map((r) => ref('Immunization', /** @type {string} */ (r.id)));
  const eleven = addYears(birthDate(mia, today), 11);
  /** The next 1 September after today's latest flu shot: when this season's vaccine is due. */
  const nextFlu = (/** @type {string} */ last) => `${Number(last.slice(0, 4)) + 1}-09-01`;
  const miaFlu = records.filter((r) => r.id?.startsWith('imm-mia-flu-')).map((r) => /** @type {string} */ (r.occurrenceDateTime).slice(0, 10)).sort();
  const authority = ref('Organization', ORG.id, ORG.name);
  const zosterDue = addDays(/** @type {string} */ (records.find((r) => r.id === 'imm-daniel-zoster-1')?.occurrenceDateTime).slice(0, 10), 60);
  const flu = (/** @type {string} */ due) => entry('140', due <= addDays(today, -60) ? 'overdue' : 'due', due, { description: 'One dose every flu season, from September.' });
  return [
    {
      resourceType: 'ImmunizationRecommendation', id: 'imrec-mia-thompson', patient: patientRef(mia), date: today, authority,
      recommendation: [
        flu(nextFlu(miaFlu[miaFlu.length - 1])),
        entry('165', 'due', eleven, { doseNumberPositiveInt: 1, seriesDosesPositiveInt: 2, series: '2-dose series', description: 'HPV vaccine at age 11 or 12.' }),
        entry('115', 'due', eleven, { doseNumberPositiveInt: 1, description: 'Tdap booster at age 11 or 12.' }),
        entry('114', 'due', eleven, { doseNumberPositiveInt: 1, seriesDosesPositiveInt: 2, description: 'MenACWY at age 11 or 12, booster at 16.' }),
        entry('20', 'complete', undefined, { series: 'DTaP childhood series', supportingImmunization: ids('imm-mia-dtap-') }),
        entry('10', 'complete', undefined, { series: 'Polio childhood series', supportingImmunization: ids('imm-mia-ipv-') }),
        entry('03', 'complete', undefined, { series: 'MMR childhood series', supportingImmunization: ids('imm-mia-mmr-') }),
        entry('21', 'complete', undefined, { series: 'Varicella childhood series', supportingImmunization: ids('imm-mia-var-') }),
        entry('08', 'complete', undefined, { series: 'Hepatitis B series', supportingImmunization: ids('imm-mia-hepb-') }),
        entry('83', 'complete', undefined, { series: 'Hepatitis A series', supportingImmunization: ids('imm-mia-hepa-') }),
      ],
    },
    {
      resourceType: 'ImmunizationRecommendation', id: 'imrec-daniel-okafor', patient: patientRef(daniel), date: today, authority,
      recommendation: [
        entry('187', zosterDue < today ? 'overdue' : 'due', zosterDue, {
          doseNumberPositiveInt: 2, seriesDosesPositiveInt: 2, series: '2-dose series',
          description: 'Second shingles dose 2 to 6 months after the first.', supportingImmunization: ids('imm-daniel-zoster-'),
        }),
        flu(nextFlu(fluDate(today, 0, 'daniel-flu-2'))),
        entry('309', 'due', today, { description: 'One dose of this season’s updated COVID-19 vaccine.' }),
      ],
    },
  ];
}
