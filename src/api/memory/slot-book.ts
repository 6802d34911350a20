import type { Slot, SlotStatus } from '../../model/index.js';
import { SLOT_WINDOW_DAYS } from './seed/context.js';
import { generateDay, parseSlotId, SCHEDULES, type DaySlot, type SiteSchedule } from './seed/schedules.js';
import { addDays, compareDays, fromDayKey, toDayKey, type Day } from '../../time/days.js';
import { dayInZone, wallTimeToEpochMs } from '../../time/zones.js';

/** What bookings changed on a slot since it was published. */
interface SlotChange {
  status: SlotStatus;
  capacity?: number;
}

interface HoldRecord {
  readonly id: string;
  readonly slotId: string;
  readonly expiresAtMs: number;
}

/** Generated days kept around; past this, the oldest are dropped and regenerated on demand. */
const MAX_CACHED_SLOTS = 50_000;

/**
 * The slot inventory: published days are generated on demand from the seed (pure), and only what bookings,
 * cancellations and holds changed is stored. That keeps 60 days × 5,000 slots a day affordable.
 */
export class SlotBook {
  private readonly cache = new Map<string, DaySlot[]>();
  private cachedSlots = 0;
  private readonly changes = new Map<string, SlotChange>();
  private readonly holds = new Map<string, HoldRecord>();
  private holdCount = 0;
  private readonly lastDay: Day;

  constructor(
    private readonly seed: number,
    private readonly firstDay: Day,
    private readonly slotsPerDay: number | undefined,
  ) {
    this.lastDay = addDays(firstDay, SLOT_WINDOW_DAYS - 1);
  }

  /** The published slots of one site and local day, as generated (no bookings applied). */
  day(schedule: SiteSchedule, date: Day): readonly DaySlot[] {
    if (compareDays(date, this.firstDay) < 0 || compareDays(date, this.lastDay) > 0) return [];
    const key = `${schedule.short}:${toDayKey(date)}`;
    let slots = this.cache.get(key);
    if (!slots) {
      slots = generateDay(schedule, date, this.seed, this.slotsPerDay);
      this.cache.set(key, slots);
      this.cachedSlots += slots.length;
      for (const [oldKey, old] of this.cache) {
        if (this.cachedSlots <= MAX_CACHED_SLOTS || oldKey === key) break;
        this.cache.delete(oldKey);
        this.cachedSlots -= old.length;
      }
    }
    return slots;
  }

  private published(slotId: string): DaySlot | undefined {
    const parsed = parseSlotId(slotId);
    const date = parsed && fromDayKey(parsed.dateKey);
    if (!parsed || !date) return undefined;
    return this.day(parsed.schedule, date).find((entry) => entry.slot.id === slotId);
  }

  private activeHolds(slotId: string, nowMs: number, except?: string): number {
    let count = 0;
    for (const hold of this.holds.values()) {
      if (hold.expiresAtMs <= nowMs) this.holds.delete(hold.id);
      else if (hold.slotId === slotId && hold.id !== except) count++;
    }
    return count;
  }

  /** The slot as it stands now: bookings applied, places under someone's hold shown as tentative. */
  private current(entry: DaySlot, nowMs: number, exceptHold?: string): Slot {
    const slot: Slot = { ...entry.slot, serviceIds: [...entry.slot.serviceIds], ...this.changes.get(entry.slot.id) };
    if (slot.status !== 'free') return slot;
    const held = this.activeHolds(slot.id, nowMs, exceptHold);
    if (held === 0) return slot;
    const places = (slot.capacity ?? 1) - held;
    if (slot.capacity !== undefined) slot.capacity = Math.max(0, places);
    if (places <= 0) slot.status = 'busy-tentative';
    return slot;
  }

  /** A slot by id with its start, or undefined when no site published it. */
  get(slotId: string, nowMs: number, exceptHold?: string): { slot: Slot; startMs: number } | undefined {
    const entry = this.published(slotId);
    return entry && { slot: this.current(entry, nowMs, exceptHold), startMs: entry.startMs };
  }

  /** Free slots starting in [fromMs, toMs) and not yet begun, soonest first. */
  /**
   * Free slots in the range that `accept` takes, soonest first, at most `limit` of them. Like a FHIR server
   * paging through results, it stops early: days are walked in order and generation ends once a whole day
   * has pushed the count past the limit, so a month at a 5,000-a-day site costs about one day, not thirty.
   */
  search(
    range: { fromMs: number; toMs: number; nowMs: number; locationId?: string; limit?: number },
    accept: (slot: Slot) => boolean,
  ): { slots: Slot[]; truncated: boolean } {
    const { toMs, nowMs, locationId, limit = Number.POSITIVE_INFINITY } = range;
    const lower = Math.max(range.fromMs, nowMs);
    let out: Array<{ slot: Slot; startMs: number }> = [];
    const sites = SCHEDULES.filter((schedule) => locationId === undefined || schedule.locationId === locationId).map((schedule) => ({
      schedule,
      first: latest(dayInZone(schedule.zone, lower), this.firstDay),
      end: earliest(dayInZone(schedule.zone, toMs), this.lastDay),
    }));
    let truncated = false;
    // Sites in different zones are at most a day apart, so walking "day n of each site" keeps days in order.
    for (let n = 0; sites.some((site) => compareDays(addDays(site.first, n), site.end) <= 0); n++) {
      for (const site of sites) {
        const date = addDays(site.first, n);
        if (compareDays(date, site.end) > 0) continue;
        for (const entry of this.day(site.schedule, date)) {
          if (entry.startMs < lower || entry.startMs >= toMs) continue;
          const slot = this.current(entry, nowMs);
          if (slot.status === 'free' && accept(slot)) out.push({ slot, startMs: entry.startMs });
        }
      }
      if (out.length > limit) {
        // Complete only up to the earliest site's next midnight: a site a zone ahead has not been walked past it.
        const frontier = Math.min(...sites.map((site) => wallTimeToEpochMs(site.schedule.zone, addDays(site.first, n + 1), 0)));
        out = out.filter((entry) => entry.startMs < frontier);
        truncated = true;
        break;
      }
    }
    out.sort((a, b) => a.startMs - b.startMs || (a.slot.id < b.slot.id ? -1 : 1));
    return { slots: out.slice(0, limit).map((entry) => entry.slot), truncated };
  }

  /** One place is taken (a booking); a slot with no places left turns busy. */
  take(slotId: string): void {
    const entry = this.published(slotId);
    if (!entry) return;
    if (entry.slot.capacity === undefined) {
      this.changes.set(slotId, { status: 'busy' });
      return;
    }
    const capacity = Math.max(0, (this.changes.get(slotId)?.capacity ?? entry.slot.capacity) - 1);
    this.changes.set(slotId, { status: capacity > 0 ? 'free' : 'busy', capacity });
  }

  /** Someone else took every place (the `conflictOnBook` switch). */
  takeAll(slotId: string): void {
    const entry = this.published(slotId);
    if (!entry) return;
    this.changes.set(slotId, entry.slot.capacity === undefined ? { status: 'busy' } : { status: 'busy', capacity: 0 });
  }

  /** A cancellation gives its place back. */
  release(slotId: string): void {
    const entry = this.published(slotId);
    if (!entry) return;
    const change = this.changes.get(slotId);
    if (entry.slot.capacity === undefined) {
      this.changes.set(slotId, { status: 'free' });
    } else {
      const capacity = (change?.capacity ?? entry.slot.capacity) + 1;
      this.changes.set(slotId, { status: 'free', capacity });
    }
  }

  hold(slotId: string, nowMs: number, minutes: number): HoldRecord {
    this.holdCount += 1;
    const hold: HoldRecord = { id: `hold-${this.holdCount}`, slotId, expiresAtMs: nowMs + minutes * 60_000 };
    this.holds.set(hold.id, hold);
    return hold;
  }

  /** A hold that is still running, or undefined once it lapsed or was used. */
  findHold(holdId: string, nowMs: number): HoldRecord | undefined {
    const hold = this.holds.get(holdId);
    if (hold && hold.expiresAtMs <= nowMs) this.holds.delete(holdId);
    return hold && hold.expiresAtMs > nowMs ? hold : undefined;
  }

  releaseHold(holdId: string): void {
    this.holds.delete(holdId);
  }
}

const latest = (a: Day, b: Day): Day => (compareDays(a, b) >= 0 ? a : b);
const earliest = (a: Day, b: Day): Day => (compareDays(a, b) <= 0 ? a : b);
