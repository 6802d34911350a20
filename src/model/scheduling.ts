import { AddressSchema, CodingSchema, IdSchema, InstantSchema, TimeZoneSchema, type ListResult } from './common.js';
import * as z from './z.js';
import { APPOINTMENT_STATUSES, SLOT_STATUSES } from './values.js';

export {
  ACTIVE_APPOINTMENT_STATUSES,
  APPOINTMENT_STATUSES,
  SLOT_STATUSES,
  type AppointmentStatus,
  type SlotStatus,
} from './values.js';

/** A vaccine product and where this visit sits in its series. */
export const VaccineProductSchema = /* @__PURE__ */ z.object({
  /** CDC CVX code, e.g. `208`. */
  cvx: /* @__PURE__ */ z.string().check(z.regex(/^\d{1,3}$/)),
  display: z.optional(z.string()),
  /** 1-based dose this visit gives; absent when any dose may be booked. */
  doseNumber: z.optional(/* @__PURE__ */ z.number().check(z.int(), z.positive())),
  /** Days to the next dose of the series, when the product has one. */
  nextDoseIntervalDays: z.optional(/* @__PURE__ */ z.number().check(z.int(), z.positive())),
});
export type VaccineProduct = z.infer<typeof VaccineProductSchema>;

/** What the person is booking: a visit type or service, maybe a vaccination. */
export const ServiceSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  name: /* @__PURE__ */ z.string().check(z.minLength(1)),
  code: z.optional(CodingSchema),
  description: z.optional(z.string()),
  vaccine: z.optional(VaccineProductSchema),
});
export type Service = z.infer<typeof ServiceSchema>;

export const LocationSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  name: /* @__PURE__ */ z.string().check(z.minLength(1)),
  address: z.optional(AddressSchema),
  phone: z.optional(z.string()),
  /** IANA zone the clinic keeps its clock in. Absent: fall back to each slot's own offset, and say so. */
  timeZone: z.optional(TimeZoneSchema),
  /** Free text the person needs before coming ("Bring your vaccination card"). */
  instructions: z.optional(z.string()),
  /** A video connection, not a building: visits here are video visits (R4 `Location.physicalType` "vi", Virtual). */
  virtual: z.optional(z.boolean()),
  /** The https address of the standing video room of a virtual place, when it has one. */
  videoLink: z.optional(z.string()),
});
export type Location = z.infer<typeof LocationSchema>;

export const PractitionerSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  name: /* @__PURE__ */ z.string().check(z.minLength(1)),
  /** Role or specialty in words ("Family medicine"). */
  role: z.optional(z.string()),
});
export type Practitioner = z.infer<typeof PractitionerSchema>;

export const SlotSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  /** Instants with the server's offset, kept verbatim; display converts them to the location's zone. */
  start: InstantSchema,
  end: InstantSchema,
  status: z.enum(SLOT_STATUSES),
  scheduleId: z.optional(IdSchema),
  serviceIds: z.array(IdSchema),
  locationId: z.optional(IdSchema),
  practitionerId: z.optional(IdSchema),
  /** Remaining places at this time (mass vaccination sites publish capacity > 1). */
  capacity: z.optional(/* @__PURE__ */ z.number().check(z.int(), z.nonnegative())),
  /** Where a public visitor books this slot on the publisher's site (SMART Scheduling Links). */
  bookingLink: z.optional(z.string()),
  bookingPhone: z.optional(z.string()),
});
export type Slot = z.infer<typeof SlotSchema>;

export interface SlotQuery {
  /** Inclusive lower bound (instant). */
  from: string;
  /** Exclusive upper bound (instant). */
  to: string;
  serviceId?: string;
  locationId?: string;
  practitionerId?: string;
  /** Only slots that give this CVX product (and dose, when given). */
  vaccine?: { cvx: string; doseNumber?: number };
}

/** Slots plus the things they point at, so an element never has to resolve references itself. */
export interface SlotSearchResult {
  slots: Slot[];
  services: Record<string, Service>;
  locations: Record<string, Location>;
  practitioners: Record<string, Practitioner>;
  dropped: number;
  truncated: boolean;
}

export const AppointmentSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  status: z.enum(APPOINTMENT_STATUSES),
  start: z.optional(InstantSchema),
  end: z.optional(InstantSchema),
  service: z.optional(ServiceSchema),
  location: z.optional(LocationSchema),
  practitioner: z.optional(PractitionerSchema),
  slotIds: z.array(IdSchema),
  /** Patient-facing instructions for this visit (from the appointment or its location). */
  instructions: z.optional(z.string()),
  /** The server allows the patient to cancel (status and policy both permit it). */
  cancellable: z.boolean(),
  /** Version for `If-Match` on update; absent when the server does not version. */
  version: z.optional(z.string()),
  /** The idempotency key the booking was made with, when the server echoes it. */
  clientRequestId: z.optional(z.string()),
  /** A video visit; `joinUrl` is the https link to join it, when the server gave one. */
  video: z.optional(z.object({ joinUrl: z.optional(z.string()) })),
});
export type Appointment = z.infer<typeof AppointmentSchema>;

export interface BookingRequest {
  slotId: string;
  serviceId?: string;
  /** Idempotency key: the same key books at most once, however often the request is repeated. */
  clientRequestId: string;
  /** From a hold, when the server offers holds. */
  holdId?: string;
  /** Free-text reason the patient gave. */
  comment?: string;
}

export const HoldSchema = /* @__PURE__ */ z.object({
  id: IdSchema,
  slotId: IdSchema,
  /** Until when the slot is held; absent when the server does not say (then no countdown is shown). */
  expiresAt: z.optional(InstantSchema),
});
export type Hold = z.infer<typeof HoldSchema>;

/** What a SMART Scheduling Links publication offers: its places, and the services its schedules give. */
export interface PublishedCatalog {
  services: ListResult<Service>;
  locations: ListResult<Location>;
}

/** How this server books: `operation` offers `$hold`/`$book`; `rest` means conditional create. */
export type BookingMode = 'operation' | 'rest';
