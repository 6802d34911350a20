// "Your appointments" from a real FHIR server: a visit stays listed until it is over, not only until it starts.
import { expect } from '@open-wc/testing';
import { createFhirAdapter } from '../../src/api/fhir/adapter.js';
import { createTenant, deleteTenant, type Tenant } from '../support/fhir-tenant.js';

const PATIENT = 'patient-list-1';
const MINUTE = 60_000;

function visit(id: string, startOffsetMin: number, minutes: number, status = 'booked') {
  const start = new Date(Date.now() + startOffsetMin * MINUTE);
  return {
    resourceType: 'Appointment',
    id,
    status,
    start: start.toISOString(),
    end: new Date(start.getTime() + minutes * MINUTE).toISOString(),
    serviceType: [{ text: `Visit ${id}` }],
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  };
}

describe('FHIR adapter: upcoming appointments', function () {
  this.timeout(30_000);
  let tenant: Tenant;

  before(async () => {
    tenant = await createTenant({
      resources: [
        { resourceType: 'Patient', id: PATIENT, name: [{ given: ['Ana'], family: 'Ruiz' }] },
        visit('in-progress', -30, 60),
        visit('just-ended', -70, 60),
        visit('tomorrow', 24 * 60, 30),
        visit('cancelled-later', 60, 30, 'cancelled'),
      ],
    });
  });

  after(async () => deleteTenant(tenant));

  it('keeps a visit in progress until it ends, and leaves out ended and cancelled ones', async () => {
    const api = createFhirAdapter({ baseUrl: tenant.baseUrl, auth: { getAccessToken: async () => 'token', patientId: PATIENT } });
    const upcoming = await api.scheduling.listAppointments({ upcomingOnly: true }, new AbortController().signal);
    expect(upcoming.items.map((a) => a.id)).to.deep.equal(['in-progress', 'tomorrow']);
    expect(upcoming.items[0].service?.name).to.equal('Visit in-progress');
  });
});
