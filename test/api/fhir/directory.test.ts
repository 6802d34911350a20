import { expect } from '@open-wc/testing';
import { createDirectory, DIRECTORY_FRESH_MS } from '../../../src/api/fhir/directory.js';

const clinic = { resourceType: 'Location', id: 'ny-clinic', name: 'Riverside Midtown Clinic' };
const schedules = [
  { resourceType: 'Schedule', id: 'flu', active: true, actor: [{ reference: 'https://fhir.example.org/r4/Location/ny-clinic' }] },
  { resourceType: 'Schedule', id: 'ortiz', active: true, actor: [{ reference: 'Location/ny-clinic' }, { reference: 'Practitioner/dr-ortiz' }] },
  { resourceType: 'Schedule', id: 'elsewhere', active: true, actor: [{ reference: 'Location/uptown' }] },
];

describe('directory (what the catalog read, for the slot searches after it)', () => {
  it('names the schedules of a place or clinician from the whole list, however the reference is written', () => {
    const directory = createDirectory(() => 0);
    expect(directory.activeScheduleIds('Location/ny-clinic')).to.equal(undefined);
    directory.rememberActiveSchedules(schedules);
    expect(directory.activeScheduleIds('Location/ny-clinic')).to.deep.equal(['flu', 'ortiz']);
    expect(directory.activeScheduleIds('Practitioner/dr-ortiz')).to.deep.equal(['ortiz']);
    expect(directory.activeScheduleIds('Location/nowhere')).to.deep.equal([]);
  });

  it('forgets what it read after a few minutes, so a later search asks the server again', () => {
    let now = 1_000;
    const directory = createDirectory(() => now);
    directory.remember([clinic]);
    directory.rememberActiveSchedules(schedules);
    now += DIRECTORY_FRESH_MS - 1;
    expect(directory.get('Location/ny-clinic')).to.equal(clinic);
    expect(directory.activeScheduleIds('Location/ny-clinic')).to.have.length(2);
    now += 1;
    expect(directory.get('Location/ny-clinic')).to.equal(undefined);
    expect(directory.activeScheduleIds('Location/ny-clinic')).to.equal(undefined);
  });
});
