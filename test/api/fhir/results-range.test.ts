/** Choosing the reference range for a patient: real ranges from the R4 examples, and sex/age variants of them. */
import { expect } from '@open-wc/testing';
import { mapObservation } from '../../../src/api/fhir/map/index.js';
import { chooseReferenceRange, type ReferenceRange } from '../../../src/model/index.js';
import { loadShared } from './map/fixtures.js';

const GENDER = 'http://hl7.org/fhir/administrative-gender';
const q = (value: string, code = 'g/dL') => ({ value, unit: code, system: 'http://unitsofmeasure.org', code });
const years = (value: string) => ({ value, unit: 'yrs', system: 'http://unitsofmeasure.org', code: 'a' });
const women: ReferenceRange = { low: q('12.0'), high: q('15.5'), appliesTo: [{ text: 'Women', codings: [{ system: GENDER, code: 'female' }] }], age: { low: years('18') } };
const men: ReferenceRange = { low: q('13.5'), high: q('17.5'), appliesTo: [{ text: 'Men', codings: [{ system: GENDER, code: 'male' }] }], age: { low: years('18') } };
const children: ReferenceRange = { low: q('10.5'), high: q('13.5'), age: { low: years('1'), high: years('17') } };
const hemoglobin = [women, men, children];

describe('chooseReferenceRange', () => {
  it('one range from the source is chosen as the only one (f001 glucose, f205 eGFR)', async () => {
    const f001 = mapObservation(await loadShared('fhir-r4/r4-spec-examples/observations/Observation-f001.json'));
    if (!f001.ok) throw new Error(f001.reason);
    expect(chooseReferenceRange(f001.value.referenceRanges, {}, f001.value.effective)).to.deep.include({ kind: 'chosen', index: 0, because: ['only-range'] });
    expect(chooseReferenceRange([], {}, undefined)).to.deep.equal({ kind: 'none' });
  });

  it('f205 eGFR: the two ranges differ by race, which it cannot judge, so both are given', async () => {
    const f205 = mapObservation(await loadShared('fhir-r4/r4-spec-examples/observations/Observation-f205.json'));
    if (!f205.ok) throw new Error(f205.reason);
    const both = f205.value.components.flatMap((c) => c.referenceRanges);
    expect(both).to.have.length(2);
    // f205 has no effective time; its issued day stands in for it.
    expect(f205.value.effective).to.equal(undefined);
    const choice = chooseReferenceRange(both, { birthDate: '1944-11-17', gender: 'male' }, f205.value.issued);
    expect(choice).to.deep.equal({ kind: 'several', ranges: both, because: 'criteria-unknown' });
    // Too young for either (age ≥ 18 on both): none applies, and both are given.
    expect(chooseReferenceRange(both, { birthDate: '2000-01-01' }, '2013-04-04')).to.deep.equal({ kind: 'several', ranges: both, because: 'none-applies' });
  });

  it('by sex and age at the time of the observation', () => {
    expect(chooseReferenceRange(hemoglobin, { birthDate: '1980-05-03', gender: 'female' }, '2024-01-10T08:00:00-05:00')).to.deep.equal({
      kind: 'chosen',
      range: women,
      index: 0,
      because: ['age', 'sex'],
    });
    expect(chooseReferenceRange(hemoglobin, { birthDate: '1980-05-03', gender: 'male' }, '2024-01-10')).to.include({ range: men, index: 1 });
    // A child's range, whatever the sex; age counted at the observation, not today.
    expect(chooseReferenceRange(hemoglobin, { birthDate: '2010-06-15', gender: 'female' }, '2020-01-01')).to.deep.include({ range: children, because: ['age'] });
    // Eighteen on the birthday itself (bounds inclusive, completed years), seventeen the day before.
    expect(chooseReferenceRange(hemoglobin, { birthDate: '2006-03-15', gender: 'male' }, '2024-03-15')).to.include({ range: men });
    expect(chooseReferenceRange(hemoglobin, { birthDate: '2006-03-15', gender: 'male' }, '2024-03-14')).to.include({ range: children });
  });

  it('gives every candidate, and why, when it cannot choose', () => {
    expect(chooseReferenceRange(hemoglobin, { birthDate: '1980-05-03' }, '2024-01-10')).to.deep.equal({ kind: 'several', ranges: [women, men], because: 'sex-unknown' });
    // The men's range is out by sex; age decides between the other two, and is not known.
    expect(chooseReferenceRange(hemoglobin, { gender: 'female' }, '2024-01-10')).to.deep.equal({ kind: 'several', ranges: [women, children], because: 'age-unknown' });
    // Born in 2006, observed in 2024: 17 or 18 depending on the day, so the year alone cannot decide.
    expect(chooseReferenceRange(hemoglobin, { birthDate: '2006', gender: 'female' }, '2024-06-01')).to.deep.include({ kind: 'several', because: 'age-unknown' });
    // A month is enough when the observation is later in the year than the whole birth month.
    expect(chooseReferenceRange(hemoglobin, { birthDate: '2006-03', gender: 'female' }, '2024-06-01')).to.include({ range: women });
    const plain = { low: q('1'), high: q('2') };
    expect(chooseReferenceRange([plain, { ...plain }], {}, undefined)).to.deep.include({ kind: 'several', because: 'ambiguous' });
  });

  it('prefers the normal range over a differently typed one', () => {
    const meaning = 'http://terminology.hl7.org/CodeSystem/referencerange-meaning';
    const normal = { high: q('5.2', 'mmol/L'), type: { text: 'Normal Range', codings: [{ system: meaning, code: 'normal' }] } };
    const therapeutic = { high: q('4.0', 'mmol/L'), type: { text: 'Therapeutic', codings: [{ system: meaning, code: 'therapeutic' }] } };
    expect(chooseReferenceRange([therapeutic, normal], {}, undefined)).to.deep.equal({ kind: 'chosen', range: normal, index: 1, because: ['type'] });
  });
});
