import { css, html, nothing, type TemplateResult } from 'lit';
import { formatFhirDate } from '../../i18n/index.js';
import { slotAccessibleName, slotTimeLabels } from './slot-time.js';
import type { Location, Practitioner, Service, Slot } from '../../model/index.js';
import { token } from '../../styles/tokens.js';
import { dateTimeFormat } from '../../time/intl.js';
import { localDayOf } from '../../time/zones.js';
import { renderClinicGroups } from './clinic-groups.js';
import type { SchedulerTranslator } from './strings.js';

/**
 * Above this many free places (slots) in a day, the list first offers the hours, each with its count of
 * places, and renders only the chosen hour's times. Counted in places, not in buttons after
 * {@link groupSameTime}, so a busy day keeps the same two steps however its lanes line up.
 */
export const HOUR_GROUPING_THRESHOLD = 48;

export interface SlotListOptions {
  l10n: SchedulerTranslator;
  /** The day's slots, in time order; a new array when they change (the grouping is kept per array). */
  slots: readonly Slot[];
  locations: Readonly<Record<string, Location>>;
  practitioners: Readonly<Record<string, Practitioner>>;
  services: Readonly<Record<string, Service>>;
  viewerZone?: string;
  /** Hour (clinic clock, "09") whose times are shown when the day is grouped by hour. */
  openHour?: string;
  onHour(hour: string): void;
  /** Gets the first slot of the chosen time. */
  onChoose(slot: Slot): void;
}

/** Slots a person cannot tell apart (same start instant, place and clinician), in time order; never empty. */
export type SlotGroup = readonly [Slot, ...Slot[]];

/**
 * The free times of one day as buttons: clinic time with its zone label, the viewer's own time as a second
 * line when it differs, and an accessible name with day, time, zone, clinician and place. Places that only
 * differ by lane are one button with their count. A day with more than {@link HOUR_GROUPING_THRESHOLD} places
 * shows its hours first.
 */
export function renderSlotList(options: SlotListOptions): TemplateResult {
  const { l10n } = options;
  const { groups, hours } = arrange(options.slots, options.locations);
  if (!hours) return timeButtons(groups, options);
  const open = options.openHour && hours.has(options.openHour) ? options.openHour : [...hours.keys()][0];
  return html`<div class="hours" part="hours" role="group" aria-label=${l10n.t('scheduler.hours')}>
      ${[...hours].map(
        ([hour, inHour]) =>
          html`<button
            type="button"
            part="hour"
            aria-pressed=${hour === open ? 'true' : 'false'}
            @click=${() => options.onHour(hour)}
          >
            ${hourLabel(inHour[0][0], options)} <span class="count">${freeCount(l10n, placesIn(inHour))}</span>
          </button>`,
      )}
    </div>
    ${open ? timeButtons(hours.get(open) ?? [], options) : nothing}`;
}

interface Arranged {
  locations: Readonly<Record<string, Location>>;
  groups: SlotGroup[];
  /** Present when the day has more places than {@link HOUR_GROUPING_THRESHOLD}. */
  hours?: Map<string, SlotGroup[]>;
}

/**
 * A day's slots stay the same array while the person clicks through hours (the scheduler buckets a search
 * once), so the grouping is kept with it rather than redone for thousands of slots on every render.
 */
const arranged = new WeakMap<readonly Slot[], Arranged>();

function arrange(slots: readonly Slot[], locations: Readonly<Record<string, Location>>): Arranged {
  let found = arranged.get(slots);
  if (!found || found.locations !== locations) {
    const groups = groupSameTime(slots);
    found = { locations, groups, hours: slots.length > HOUR_GROUPING_THRESHOLD ? groupByHour(groups, locations) : undefined };
    arranged.set(slots, found);
  }
  return found;
}

/**
 * Slots with the same start instant, location and clinician (a missing one matches a missing one), in the
 * order of their first member. A mass-vaccination site publishes hundreds of lanes at 8:00; to the person
 * they are one time with many places, and any of them books the same visit.
 */
export function groupSameTime(slots: readonly Slot[]): SlotGroup[] {
  const byKey = new Map<string, Slot[]>();
  for (const slot of slots) {
    const key = sameTimeKey(slot);
    const group = byKey.get(key);
    if (group) group.push(slot);
    else byKey.set(key, [slot]);
  }
  return [...byKey.values()] as unknown as SlotGroup[];
}

/** Equal for slots that {@link groupSameTime} puts together. */
export function sameTimeKey(slot: Pick<Slot, 'start' | 'locationId' | 'practitionerId'>): string {
  // The instant, not the text: "13:00Z" and "08:00-05:00" are the same start. Unparseable text keys as written.
  const epoch = Date.parse(slot.start);
  return `${Number.isNaN(epoch) ? slot.start : epoch}|${slot.locationId ?? ''}|${slot.practitionerId ?? ''}`;
}

/** Places a group of same-time slots offers: each slot's published capacity (a mass site's lane of 10), else one. */
const placesOf = (group: SlotGroup): number => group.reduce((sum, slot) => sum + (slot.capacity ?? 1), 0);
const placesIn = (groups: readonly SlotGroup[]): number => groups.reduce((sum, group) => sum + placesOf(group), 0);

/** The times as buttons; at several places (any location), grouped by place and by part of the day. */
function timeButtons(groups: readonly SlotGroup[], options: SlotListOptions): TemplateResult {
  const places = new Set(groups.map((group) => group[0].locationId));
  if (places.size < 2) return timeList(groups, options, true);
  // Under a clinic's heading its buttons leave out its name (their accessible names keep it).
  return renderClinicGroups(groups, { l10n: options.l10n, locations: options.locations, viewerZone: options.viewerZone, list: (inGroup, face) => timeList(inGroup, options, face, false) });
}

function timeList(groups: readonly SlotGroup[], options: SlotListOptions, viewerTimeOnFace: boolean, placeOnFace = true): TemplateResult {
  const { l10n, viewerZone } = options;
  return html`<ul class="times" part="times" role="list">
    ${groups.map((group) => {
      const slot = group[0];
      const location = slot.locationId ? options.locations[slot.locationId] : undefined;
      const practitioner = slot.practitionerId ? options.practitioners[slot.practitionerId] : undefined;
      const count = placesOf(group);
      const places = count > 1 ? count : undefined;
      return html`<li>
        <button type="button" part="slot" @click=${() => options.onChoose(slot)}>
          ${slotButtonContent(slot, { l10n, location, practitioner, viewerZone, places, viewerTimeOnFace, placeOnFace })}
        </button>
      </li>`;
    })}
  </ul>`;
}

export interface SlotButtonOptions {
  l10n: SlotListOptions['l10n'];
  location?: Location;
  practitioner?: Practitioner;
  viewerZone?: string;
  showDay?: boolean;
  /** How many places this button stands for, when more than one. */
  places?: number;
  /** Whether the face shows the viewer's own time (false when a heading above says the difference once). */
  viewerTimeOnFace?: boolean;
  /** Whether the face names the place (false under the place's own heading). */
  placeOnFace?: boolean;
}

/**
 * What a time button says. Screen readers get one sentence from `slotAccessibleName` (day, time, zone,
 * clinician, place; it begins with the day, which the calendar shows instead); sighted people get the
 * compact face. The visible time, zone and count are part of that sentence, so speech input can name the
 * button by what it shows (WCAG 2.5.3).
 */
export function slotButtonContent(
  slot: Slot,
  { l10n, location, practitioner, viewerZone, showDay = false, places, viewerTimeOnFace = true, placeOnFace = true }: SlotButtonOptions,
): TemplateResult {
  const locale = l10n.locale;
  const labels = slotTimeLabels(slot, { locale, location, viewerZone });
  const name = slotAccessibleName(slot, { locale, location, practitioner, viewerZone, places }, labels);
  const day = showDay ? formatFhirDate(localDayOf(slot.start, location?.timeZone), locale) : undefined;
  const many = places !== undefined && places > 1;
  return html`<span class="visually-hidden">${name}</span
    ><span class="face" aria-hidden="true">
      ${day ? html`<span class="day">${day}</span>` : nothing}
      <span class="time">${labels.time} <span class="zone">${labels.zone}</span></span>
      ${labels.viewerTime && viewerTimeOnFace ? html`<span class="viewer-time">${l10n.t('time.localZoneNote', { time: labels.viewerTime })}</span>` : nothing}
      ${many ? html`<span class="places">${l10n.t('slotTime.places', { count: places })}</span>` : nothing}
      ${practitioner || (location && placeOnFace)
        ? html`<span class="where">${[practitioner?.name, placeOnFace ? (location?.virtual ? l10n.t('visit.video') : location?.name) : undefined].filter(Boolean).join(' · ')}</span>`
        : nothing}
    </span>`;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const HOUR = { hour: '2-digit', hourCycle: 'h23' } as const;

/** The hour ("08") an instant starts in on a zone's clock. */
function hourIn(zone: string, epoch: number): string {
  return dateTimeFormat('en-US', zone, HOUR).format(epoch);
}

/** Times by the hour of their start on the clinic's clock ("08", "09", …), in time order. */
function groupByHour(groups: readonly SlotGroup[], locations: Readonly<Record<string, Location>>): Map<string, SlotGroup[]> {
  const hours = new Map<string, SlotGroup[]>();
  // Offsets are whole quarter hours and change only on a quarter hour, so every instant in one UTC quarter
  // hour has the same local hour: one `Intl` call per zone and quarter hour, not per time.
  const known = new Map<string, string>();
  for (const group of groups) {
    const slot = group[0];
    const zone = slot.locationId ? locations[slot.locationId]?.timeZone : undefined;
    const epoch = Date.parse(slot.start);
    let hour: string | undefined;
    if (!zone || Number.isNaN(epoch)) {
      // Without a zone the instant's own written clock is the clinic's ("…T09:30:00-05:00" → "09").
      hour = slot.start.slice(11, 13);
    } else {
      const key = `${zone}|${Math.floor(epoch / QUARTER_HOUR_MS)}`;
      hour = known.get(key);
      if (hour === undefined) known.set(key, (hour = hourIn(zone, epoch)));
    }
    const inHour = hours.get(hour);
    if (inHour) inHour.push(group);
    else hours.set(hour, [group]);
  }
  return hours;
}

function hourLabel(first: Slot, options: SlotListOptions): string {
  const location = first.locationId ? options.locations[first.locationId] : undefined;
  const { time, zone } = slotTimeLabels(first, { locale: options.l10n.locale, location });
  return `${time.replace(/:\d{2}/, '')} ${zone}`;
}

/** "1 free" / "20 free": Spanish agrees in number ("1 libre", "20 libres"); both languages single out only one. */
function freeCount(l10n: SchedulerTranslator, count: number): string {
  return count === 1 ? l10n.t('scheduler.freeCountOne') : l10n.t('scheduler.freeCount', { count });
}

export const slotListStyles = css`
  .times {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
    gap: ${token('--portal-space')};
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .times button,
  .hours button {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.1rem;
    width: 100%;
    min-height: max(${token('--portal-target-size')}, 2.75rem);
    padding: 0.4rem 0.6rem;
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .times button:hover,
  .hours button:hover {
    border-color: ${token('--portal-color-accent')};
  }
  .time {
    font-weight: 600;
  }
  .zone,
  .viewer-time,
  .places,
  .where,
  .count {
    font-size: 0.85em;
    font-weight: 400;
    color: ${token('--portal-color-text-muted')};
  }
  .hours {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
    margin-bottom: ${token('--portal-space')};
  }
  .hours button {
    width: auto;
  }
  .clinic-group + .clinic-group {
    margin-top: calc(2 * ${token('--portal-space')});
  }
  .clinic-name {
    margin: 0;
    font-size: 1.05em;
  }
  .clinic-facts {
    margin: 0.15rem 0 0;
    font-size: 0.9em;
    color: ${token('--portal-color-text-muted')};
  }
  .period {
    margin: ${token('--portal-space')} 0 0.35rem;
    font-size: 0.9em;
    font-weight: 600;
  }
  .face {
    display: contents;
  }
  /* Also used by the scheduler's own views (its styles include these). */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .hours button[aria-pressed='true'] {
    border-width: 2px;
    border-color: ${token('--portal-color-accent')};
    font-weight: 600;
  }
`;
