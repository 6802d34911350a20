import { expect } from '@open-wc/testing';
import { ApiError, isConflict, kindForStatus } from '../../src/api/errors.js';

describe('isConflict', () => {
  it('holds for a conflict ApiError (409, 412) only', () => {
    expect(isConflict(new ApiError(kindForStatus(409), { operation: 'scheduling.book' }))).to.equal(true);
    expect(isConflict(new ApiError(kindForStatus(412), { operation: 'scheduling.cancelAppointment' }))).to.equal(true);
    // An ApiError that crossed a realm or a bundle copy is recognised by its name and kind.
    expect(isConflict(Object.assign(new Error('x'), { name: 'ApiError', kind: 'conflict' }))).to.equal(true);
    for (const other of [new ApiError('server', { operation: 'scheduling.book' }), new Error('conflict'), { kind: 'conflict' }, undefined]) {
      expect(isConflict(other), String(other)).to.equal(false);
    }
  });
});
