import type { ReactiveControllerHost } from 'lit';
import { AppointmentsController, type AppointmentsOptions } from './appointments-controller.js';
import { BookingController, type BookingOptions } from './booking-controller.js';
import { bookingDeepLink, type Slot } from '../../model/index.js';
import { renderBookingStep, type StepContext } from './booking-steps.js';
import { JoinWindowController } from './join-window.js';
import { canRescheduleHere, renderFollowUpNote, renderManage, renderRescheduleNote, type ManageContext } from './manage-view.js';

/**
 * Everything after a time is picked (review, hold, booking, confirmation, calendar file) and the signed-in
 * patient's appointments (list, cancel, reschedule). One chunk, loaded when someone reaches for it, so a
 * public page that only shows times does not download it before its first times show.
 */
export function createBookingFlow(host: ReactiveControllerHost, options: { booking: BookingOptions; appointments: AppointmentsOptions; videoJoinMinutes(): number }) {
  /** One opaque referral handle per chosen published time, so the publisher can tell referrals apart. */
  let referral: { slotId: string; id: string } | undefined;
  const booking = new BookingController(host, options.booking);
  const appointments = new AppointmentsController(host, options.appointments);
  new JoinWindowController(host, {
    minutes: options.videoJoinMinutes,
    shown: () => {
      const confirmed = booking.state.step === 'confirmed' ? [booking.state.appointment] : [];
      const listed = appointments.state.status === 'ready' ? appointments.state.value : [];
      return [...confirmed, ...listed];
    },
  });
  return {
    /** A published time's booking link with `source` (who refers the visitor) and this time's referral handle. */
    publisherLink(slot: Slot, source: string): string | undefined {
      if (!slot.bookingLink) return undefined;
      if (referral?.slotId !== slot.id) referral = { slotId: slot.id, id: crypto.randomUUID() };
      return bookingDeepLink(slot.bookingLink, { source, bookingReferral: referral.id });
    },
    booking,
    appointments,
    // Both views offer a video visit's join link from the host's chosen minutes before its start.
    renderBookingStep: (ctx: Omit<StepContext, 'videoJoinMinutes'>) => renderBookingStep({ ...ctx, videoJoinMinutes: options.videoJoinMinutes() }),
    renderManage: (ctx: Omit<ManageContext, 'videoJoinMinutes'>) => renderManage({ ...ctx, videoJoinMinutes: options.videoJoinMinutes() }),
    renderRescheduleNote,
    renderFollowUpNote,
    canRescheduleHere,
  };
}

export type BookingFlow = ReturnType<typeof createBookingFlow>;
