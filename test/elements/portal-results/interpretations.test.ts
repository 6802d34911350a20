import { expect } from '@open-wc/testing';
import { INTERPRETATIONS, interpretationWords, rangePosition } from '../../../src/elements/portal-results/interpretations.js';

interface Concept {
  code: string;
  property?: Array<{ code: string; valueBoolean?: boolean }>;
  concept?: Concept[];
}

/** The selectable codes of the R4 ObservationInterpretation code system (the shared fixture). */
async function selectableCodes(): Promise<string[]> {
  const system = await (await fetch('/test/fixtures/shared/codes/fhir-r4-core/CodeSystem-v3-ObservationInterpretation.json')).json();
  const out: string[] = [];
  const walk = (concepts: Concept[] = []) => {
    for (const concept of concepts) {
      if (!concept.property?.some((p) => p.code === 'notSelectable' && p.valueBoolean)) out.push(concept.code);
      walk(concept.concept);
    }
  };
  walk(system.concept);
  return out;
}

describe('result interpretations in words', () => {
  it('has an English and a Spanish word for each of the 49 selectable codes, and no others', async () => {
    const codes = await selectableCodes();
    expect(codes).to.have.length(49);
    expect(Object.keys(INTERPRETATIONS)).to.have.members(codes);
    for (const code of codes) {
      expect(interpretationWords(code, 'en')?.text, code).to.match(/\S/);
      expect(interpretationWords(code, 'es')?.text, code).to.match(/\S/);
    }
  });

  it('says critical for AA, HH and LL, held for review for HM, and names susceptibility', () => {
    expect(['AA', 'HH', 'LL'].map((code) => interpretationWords(code, 'en')?.tone)).to.deep.equal(['critical', 'critical', 'critical']);
    expect(interpretationWords('HM', 'en')?.text).to.match(/held for review/i);
    expect(['S', 'R', 'I'].map((code) => interpretationWords(code, 'es')?.text)).to.deep.equal(['Sensible', 'Resistente', 'Intermedio']);
    expect(interpretationWords('constructor', 'en'), 'no inherited names').to.equal(undefined);
    expect(interpretationWords('XYZ', 'en')).to.equal(undefined);
  });

  it('places a value against its range, bounds included, from the decimals as written', () => {
    expect(rangePosition('4.0', '4.0', '5.5')).to.equal('within');
    expect(rangePosition('5.50', '4.0', '5.5')).to.equal('within');
    expect(rangePosition('3.99', '4.0', '5.5')).to.equal('below');
    expect(rangePosition('5.51', '4.0', '5.5')).to.equal('above');
    expect(rangePosition('1E-22', '0')).to.equal('within');
    expect(rangePosition('7', undefined, '6')).to.equal('above');
    expect(rangePosition('high', '1', '2')).to.equal(undefined);
    expect(rangePosition('3', undefined, undefined)).to.equal(undefined);
  });
});
