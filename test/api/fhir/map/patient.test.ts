import { expect } from '@open-wc/testing';
import { mapPatient } from '../../../../src/api/fhir/map/index.js';
import { XSS, find, loadShared, resourcesIn } from './fixtures.js';

describe('map/patient', () => {
  it('keeps the Synthea patient "Mejía" with the non-ASCII name and Spanish as the one listed language', async () => {
    const bundle = resourcesIn(await loadShared('fhir-r4/synthea/Gustavo_Mejia_59a8543c-e24f-4a01-b28b-47ccde6bc11d.json'));
    const result = mapPatient(find(bundle, 'Patient', 'cdf500b9-7cc4-424d-a86c-a18e6620d6e7'));
    expect(result).to.deep.equal({
      ok: true,
      value: {
        id: 'cdf500b9-7cc4-424d-a86c-a18e6620d6e7',
        displayName: 'Gustavo Mejía',
        givenName: 'Gustavo',
        familyName: 'Mejía',
        birthDate: '1986-11-27',
        gender: 'male',
        // Synthea never sets `preferred`; a single listed language is taken as the preferred one.
        preferredLanguage: 'es',
      },
    });
  });

  it('prefers the official name and uses its text when written (Patient-f201 "Roel")', async () => {
    const result = mapPatient(await loadShared('fhir-r4/r4-spec-examples/people/Patient-f201.json'));
    expect(result.ok && result.value).to.include({ displayName: 'Roel', givenName: 'Roelof Olaf', familyName: 'Bor', preferredLanguage: 'nl-NL' });
  });

  it('uses official over usual/maiden names (Patient-example: Peter James Chalmers, not Jim or Windsor)', async () => {
    const result = mapPatient(await loadShared('fhir-r4/r4-spec-examples/people/Patient-example.json'));
    expect(result.ok && result.value.displayName).to.equal('Peter James Chalmers');
  });

  it('skips an old name for the usual one (US Core patient-example: Baxter, not Shaw) and reads the preferred language', async () => {
    const result = mapPatient(await loadShared('fhir-r4/us-core/people/patient-example.json'));
    expect(result.ok && result.value).to.include({ displayName: 'Amy V. Baxter', familyName: 'Baxter', preferredLanguage: 'es' });
  });

  it('maps a newborn without a name with an empty displayName instead of dropping the patient', async () => {
    const result = mapPatient(await loadShared('fhir-r4/r4-spec-examples/people/Patient-newborn.json'));
    expect(result).to.deep.equal({ ok: true, value: { id: 'newborn', displayName: '', gender: 'male', birthDate: '2017-09-05' } });
  });

  it('carries XSS payloads in names as plain text, untouched', () => {
    const result = mapPatient({ resourceType: 'Patient', id: 'x', name: [{ use: 'official', given: [XSS[0]], family: XSS[1] }] });
    expect(result.ok && result.value.displayName).to.equal(`${XSS[0]} ${XSS[1]}`);
    expect(result.ok && result.value.givenName).to.equal(XSS[0]);
  });

  it('leaves out a gender or birthDate outside FHIR instead of failing the sign-in', () => {
    const result = mapPatient({ resourceType: 'Patient', id: 'x', gender: 'M', birthDate: '27/11/1986', name: [{ text: 'A' }] });
    expect(result).to.deep.equal({ ok: true, value: { id: 'x', displayName: 'A' } });
  });

  it('rejects what is not a Patient or has no id, with a reason code', () => {
    expect(mapPatient({ resourceType: 'Practitioner', id: 'x' })).to.deep.equal({ ok: false, reason: 'wrong-type' });
    expect(mapPatient({ resourceType: 'Patient', name: [{ text: 'Secret Name' }] })).to.deep.equal({ ok: false, reason: 'missing-id' });
  });
});
