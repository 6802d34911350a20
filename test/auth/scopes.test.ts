import { expect } from '@open-wc/testing';
import { scopeList, scopesCover, unionScopes } from '../../src/auth/scopes.js';

describe('SMART scopes', () => {
  it('lists and unites scopes once each, in first-seen order', () => {
    expect(scopeList('  launch/patient  openid launch/patient ')).to.deep.equal(['launch/patient', 'openid']);
    expect(unionScopes(['a', 'b'], 'b c', undefined, ['a'])).to.deep.equal(['a', 'b', 'c']);
  });

  const cases: Array<[string[], string[], boolean]> = [
    [['patient/Appointment.crus'], ['patient/Appointment.crus'], true],
    [['patient/Appointment.rs'], ['patient/Appointment.crus'], false],
    [['patient/Appointment.rs', 'patient/Appointment.cu'], ['patient/Appointment.crus'], true],
    [['patient/*.cruds'], ['patient/Appointment.crus', 'patient/Patient.r'], true],
    [['patient/Appointment.read', 'patient/Appointment.write'], ['patient/Appointment.crus'], true],
    [['patient/Appointment.read'], ['patient/Appointment.crus'], false],
    [['patient/Appointment.*'], ['patient/Appointment.crus'], true],
    [['user/Appointment.cruds'], ['patient/Appointment.crus'], true],
    [['patient/Appointment.cruds'], ['user/Appointment.rs'], false],
    [['patient/Observation.rs'], ['patient/Appointment.rs'], false],
    // A narrowed grant covers only what it names: never an unnarrowed need.
    [['patient/Appointment.crus?status=booked'], ['patient/Appointment.crus'], false],
    // Letters out of order are no v2 scope at all.
    [['patient/Appointment.src'], ['patient/Appointment.rs'], false],
    [['launch/patient'], ['launch/patient'], true],
    [[], ['patient/Patient.r'], false],
    [[], [], true],
  ];
  for (const [granted, needed, covered] of cases) {
    it(`${JSON.stringify(granted)} ${covered ? 'covers' : 'does not cover'} ${JSON.stringify(needed)}`, () => {
      expect(scopesCover(granted, needed)).to.equal(covered);
    });
  }
});
