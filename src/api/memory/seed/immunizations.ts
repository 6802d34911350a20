import type { Immunization, Recommendation, Vaccine } from '../../../model/index.js';
import type { SeedContext } from './context.js';
import { CVX_SYSTEM } from './directory.js';

/** Full CVX names as the CDC table (test/fixtures/shared/codes/cvx/cvx.tsv) spells them. */
const CVX_NAMES: Record<string, string> = {
  '03': 'measles, mumps and rubella virus vaccine',
  '43': 'hepatitis B vaccine, adult dosage',
  '115': 'tetanus toxoid, reduced diphtheria toxoid, and acellular pertussis vaccine, adsorbed',
  '140': 'Influenza, split virus, trivalent, injectable, preservative free',
  '187': 'zoster vaccine recombinant',
  '208': 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose',
  '309': 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, tris-sucrose, 30 mcg/0.3 mL dose',
};

/** A vaccine with plain words for the person and the CVX coding for machines. */
export function vaccine(cvx: string, text: string): Vaccine {
  const display = CVX_NAMES[cvx];
  return {
    text,
    cvx,
    concept: { text, codings: [display ? { system: CVX_SYSTEM, code: cvx, display } : { system: CVX_SYSTEM, code: cvx }] },
  };
}

const VACCINATION_CENTER = 'Riverside Community Vaccination Center';

/**
 * The vaccine record: newest first. Dates come at every precision a record carries (`2021-05-03`,
 * `2021-05`, `2021`, none but words), one entry is patient-reported and one was not given, so the vaccine
 * card has to show each honestly instead of inventing a day.
 */
export function seedImmunizations(ctx: SeedContext): Immunization[] {
  const records: Immunization[] = [
    {
      id: 'imm-flu-last-season',
      vaccine: vaccine('140', 'Flu vaccine'),
      status: 'completed',
      occurrenceDate: ctx.date(-200),
      lotNumber: 'UT7829AA',
      site: 'Right arm',
      siteCode: 'RA',
      route: 'Intramuscular',
      performer: VACCINATION_CENTER,
      location: VACCINATION_CENTER,
      primarySource: true,
    },
    {
      id: 'imm-zoster-not-given',
      vaccine: vaccine('187', 'Shingles vaccine (recombinant)'),
      status: 'not-done',
      statusReason: 'Vaccine out of stock',
      statusReasonCode: 'OSTOCK',
      occurrenceDate: ctx.date(-30),
      location: 'Riverside Health Downtown Clinic',
      primarySource: true,
      doseNumber: '1',
      seriesDoses: '2',
    },
    {
      id: 'imm-covid-dose-2',
      vaccine: vaccine('208', 'COVID-19 vaccine (Pfizer-BioNTech)'),
      status: 'completed',
      occurrenceDate: '2021-05-24',
      lotNumber: 'EW0196',
      site: 'Left arm',
      siteCode: 'LA',
      route: 'Intramuscular',
      performer: VACCINATION_CENTER,
      location: VACCINATION_CENTER,
      primarySource: true,
      doseNumber: '2',
      seriesDoses: '2',
    },
    {
      id: 'imm-covid-dose-1',
      vaccine: vaccine('208', 'COVID-19 vaccine (Pfizer-BioNTech)'),
      status: 'completed',
      occurrenceDate: '2021-05-03',
      lotNumber: 'EW0182',
      site: 'Left arm',
      siteCode: 'LA',
      route: 'Intramuscular',
      performer: VACCINATION_CENTER,
      location: VACCINATION_CENTER,
      primarySource: true,
      doseNumber: '1',
      seriesDoses: '2',
    },
    {
      // Told to the clinic by the patient: only the month is known, and nobody here vouches for it.
      id: 'imm-tdap-reported',
      vaccine: vaccine('115', 'Tdap (tetanus, diphtheria, whooping cough)'),
      status: 'completed',
      occurrenceDate: '2021-05',
      location: 'Community pharmacy',
      primarySource: false,
      reportOrigin: 'Parent/Guardian/Patient Recall',
      reportOriginCode: 'recall',
    },
    {
      id: 'imm-hepb-outside-record',
      vaccine: vaccine('43', 'Hepatitis B (adult)'),
      status: 'completed',
      occurrenceDate: '2021',
      primarySource: true,
      doseNumber: '3',
      seriesDoses: '3',
    },
    {
      id: 'imm-mmr-childhood',
      vaccine: vaccine('03', 'MMR (measles, mumps, rubella)'),
      status: 'completed',
      occurrenceText: 'In childhood (date not recorded)',
      primarySource: true,
    },
  ];
  return records;
}

/** Forecasts in every state a vaccine record draws: due, overdue, due years ahead, complete, immune. */
export function seedRecommendations(ctx: SeedContext): Recommendation[] {
  return [
    {
      id: 'rec-zoster',
      vaccine: vaccine('187', 'Shingles vaccine (recombinant)'),
      forecast: 'overdue',
      dueDate: ctx.date(-30),
      doseNumber: '1',
      series: '2-dose series',
      description: 'Recommended for adults 50 and older. The second dose follows 2 to 6 months after the first.',
    },
    {
      id: 'rec-flu',
      vaccine: vaccine('140', 'Flu vaccine'),
      forecast: 'due',
      dueDate: ctx.date(0),
      description: 'One dose every flu season.',
    },
    {
      id: 'rec-covid',
      vaccine: vaccine('309', 'COVID-19 vaccine (updated)'),
      forecast: 'due',
      dueDate: ctx.date(30),
      description: 'One dose of this season’s updated vaccine.',
    },
    {
      id: 'rec-tdap',
      vaccine: vaccine('115', 'Tdap (tetanus, diphtheria, whooping cough)'),
      forecast: 'due',
      // Ten years after the reported dose, at the precision that dose was recorded with.
      dueDate: '2031-05',
      description: 'A booster every 10 years.',
    },
    {
      id: 'rec-covid-primary',
      vaccine: vaccine('208', 'COVID-19 vaccine (Pfizer-BioNTech)'),
      forecast: 'complete',
      series: 'Primary series',
    },
    {
      id: 'rec-mmr',
      vaccine: vaccine('03', 'MMR (measles, mumps, rubella)'),
      forecast: 'immune',
      description: 'Evidence of immunity is on file.',
    },
  ];
}
