import type { Location, Slot } from '../../model/index.js';
import { localDayOf } from '../../time/zones.js';
import type { BookingFlowPart } from './flow-part.js';
import type { DateGridController } from './date-grid-controller.js';
import type { PendingChoice } from './pending-choice-controller.js';
import type { SlotSearchController } from './slot-search-controller.js';

/** What resuming a choice needs of the scheduler. */
export interface ResumeHost {
  flow: BookingFlowPart;
  search: SlotSearchController;
  calendar: DateGridController;
  places(): readonly Location[];
  /** Back to plain booking on the choice's service and place (no reschedule, no next dose). */
  bookOn(filters: { service?: string; location?: string }): void;
  rendered(): Promise<unknown>;
}

/**
 * A time chosen before sign-in: its day is looked up again with a search made for the signed-in patient, then it is
 * reviewed (held first where the server holds), or, when it went meanwhile, the nearest free times are offered.
 */
export async function resumeChoice(host: ResumeHost, choice: PendingChoice, again: () => void): Promise<void> {
  const flow = await host.flow.ready(again);
  if (!flow) return;
  const { booking } = flow;
  const zone = host.places().find((l) => l.id === choice.locationId)?.timeZone;
  const wanted: Slot = { id: choice.slotId, start: choice.start, end: choice.start, status: 'busy', serviceIds: choice.serviceId ? [choice.serviceId] : [], locationId: choice.locationId };
  host.bookOn({ service: choice.serviceId, location: choice.locationId });
  booking.check(wanted);
  let pool: Slot[];
  try {
    const day = localDayOf(choice.start, zone);
    host.calendar.configure({ selected: day });
    host.calendar.focusDay(day, false);
    pool = await host.search.freshTimes(host.rendered);
  } catch {
    if (booking.state.step === 'checking') booking.reset();
    return;
  }
  if (booking.state.step !== 'checking') return;
  const slot = pool.find((s) => s.id === choice.slotId);
  if (slot) void booking.choose(slot, { resumed: true });
  else booking.unavailable(wanted);
}
