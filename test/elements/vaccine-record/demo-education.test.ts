// The demo's vaccine information table covers every vaccine the demo seeds (given or recommended) and every one
// a patient can report, or says it has no seen address for it: a vaccine added to the demo must get a decision.
// Each of them also has a Spanish name, so a Spanish reader of the demo never meets an English vaccine name.
import { expect } from '@open-wc/testing';
import { CVX_CHOICES } from '../../../src/elements/vaccine-record/cvx-choices.js';
import { educationLink } from '../../../src/elements/vaccine-record/record-logic.js';
import { VACCINE_NAMES_ES } from '../../../src/elements/vaccine-record/vaccine-names.es.js';
import { DEMO_VACCINE_EDUCATION, UNLINKED_CVX } from '../../../demo/vaccine-education.js';
import { immunizationResources } from '../../../demo/server/seed/immunizations.mjs';

type Coding = { system?: string; code?: string };
type SeedResource = { resourceType: string; vaccineCode?: { coding?: Coding[] }; recommendation?: { vaccineCode?: { coding?: Coding[] }[] }[] };

const cvxOf = (codings: Coding[] | undefined) => (codings ?? []).filter((c) => c.system === 'http://hl7.org/fhir/sid/cvx').map((c) => c.code!);

/** Every CVX code the demo seeds, given or recommended. */
function seededCvx(): string[] {
  const seeded = (immunizationResources(new Date().toISOString().slice(0, 10)) as SeedResource[]).flatMap((resource) =>
    resource.resourceType === 'Immunization' ? cvxOf(resource.vaccineCode?.coding) : (resource.recommendation ?? []).flatMap((r) => (r.vaccineCode ?? []).flatMap((c) => cvxOf(c.coding))),
  );
  expect(seeded.length).to.be.greaterThan(10);
  return seeded;
}

describe('Spanish vaccine names', () => {
  it('name every vaccine the demo seeds and every one a patient can report, the report choices in the same words', () => {
    const unnamed = [...new Set(seededCvx())].filter((cvx) => !VACCINE_NAMES_ES[cvx]);
    expect(unnamed, 'seeded vaccines a Spanish reader would see in English').to.deep.equal([]);
    for (const choice of CVX_CHOICES) {
      expect(choice.es, choice.cvx).to.not.equal(choice.en);
      // Only the choices that speak as the patient ("no sé cuál") word it differently from the record.
      if (!choice.es.includes('no sé cuál')) expect(choice.es, choice.cvx).to.equal(VACCINE_NAMES_ES[choice.cvx]);
    }
  });
});

describe('the demo vaccine information table', () => {
  it('links every vaccine the demo knows, or lists it as having no seen address', () => {
    const seeded = seededCvx();
    const known = new Set([...seeded, ...CVX_CHOICES.map((choice) => choice.cvx)]);
    const undecided = [...known].filter((cvx) => !educationLink(DEMO_VACCINE_EDUCATION, cvx, 'en') && !UNLINKED_CVX.includes(cvx));
    expect(undecided, 'vaccines with neither a link nor a reason').to.deep.equal([]);
    const linkedAndUnlinked = UNLINKED_CVX.filter((cvx) => cvx in DEMO_VACCINE_EDUCATION);
    expect(linkedAndUnlinked).to.deep.equal([]);
  });

  it('lists only CDC statement addresses, each marked English', () => {
    for (const [cvx, entry] of Object.entries(DEMO_VACCINE_EDUCATION)) {
      expect(entry, cvx).to.have.keys(['en']);
      expect((entry as { en: string }).en, cvx).to.match(/^https:\/\/www\.cdc\.gov\/vaccines\/hcp\/(vis\/vis-statements|current-vis)\/[a-z0-9-]+\.html$/);
      expect(educationLink(DEMO_VACCINE_EDUCATION, cvx, 'es')?.lang, cvx).to.equal('en');
    }
  });
});
