import type { Service, Slot, SlotQuery } from '../../model/index.js';

/**
 * Whether a mapped slot answers a query: free, starting in `[from, to)`, at the asked-for place, with the
 * asked-for clinician, offering the service or the vaccine product and dose. Servers filter by some of
 * these already, and a Scheduling Links publication by none, so the adapter checks them all itself. A
 * service open to any dose (no `doseNumber`) gives whichever dose is asked for.
 */
export function slotMatchesQuery(slot: Slot, query: SlotQuery, services: Readonly<Record<string, Service>>): boolean {
  if (slot.status !== 'free') return false;
  if (query.locationId && slot.locationId !== query.locationId) return false;
  if (query.practitionerId && slot.practitionerId !== query.practitionerId) return false;
  if (query.serviceId && !slot.serviceIds.includes(query.serviceId)) return false;
  if (query.vaccine) {
    const { cvx, doseNumber } = query.vaccine;
    const gives = slot.serviceIds.some((id) => {
      const vaccine = services[id]?.vaccine;
      return vaccine?.cvx === cvx && (doseNumber === undefined || vaccine.doseNumber === undefined || vaccine.doseNumber === doseNumber);
    });
    if (!gives) return false;
  }
  const start = Date.parse(slot.start);
  return start >= Date.parse(query.from) && start < Date.parse(query.to);
}
