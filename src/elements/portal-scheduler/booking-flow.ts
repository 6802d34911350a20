import { AppointmentsController, type AppointmentsHost } from '../../controllers/appointments.js';
import { BookingController, type BookingHost } from '../../controllers/booking.js';
import { bookingDeepLink, type Slot } from '../../model/index.js';
import { renderBookingStep } from './booking-steps.js';
import { canRescheduleHere, renderFollowUpNote, renderManage, renderRescheduleNote } from './manage-view.js';

export type BookingFlowHost = BookingHost & AppointmentsHost;

/**
 * Everything after a time is picked (review, hold, booking, confirmation, calendar file) and the signed-in
 * patient's appointments (list, cancel, reschedule). One chunk, loaded when someone reaches for it, so a
 * public page that only shows times does not download it before its first times show.
 */
export function createBookingFlow(host: BookingFlowHost) {
  /** One opaque referral handle per chosen published time, so the publisher can tell referrals apart. */
  let referral: { slotId: string; id: string } | undefined;
  return {
    /** A published time's booking link with `source` (who refers the visitor) and this time's referral handle. */
    publisherLink(slot: Slot, source: string): string | undefined {
      if (!slot.bookingLink) return undefined;
      if (referral?.slotId !== slot.id) referral = { slotId: slot.id, id: crypto.randomUUID() };
      return bookingDeepLink(slot.bookingLink, { source, bookingReferral: referral.id });
    },
    booking: new BookingController(host),
    appointments: new AppointmentsController(host),
    renderBookingStep,
    renderManage,
    renderRescheduleNote,
    renderFollowUpNote,
    canRescheduleHere,
  };
}

export type BookingFlow = ReturnType<typeof createBookingFlow>;
