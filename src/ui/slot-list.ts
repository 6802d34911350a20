import { css, html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../controllers/localize.js';
import { formatFhirDate } from '../i18n/index.js';
import { localDayOf, slotAccessibleName, slotTimeLabels } from '../i18n/slot-time.js';
import type { Location, Practitioner, Service, Slot } from '../model/index.js';
import { token } from '../styles/tokens.js';

/** Above this many times in a day, the list first offers the hours (a mass-vaccination day has thousands). */
export const HOUR_GROUPING_THRESHOLD = 48;

export interface SlotListOptions {
  l10n: Pick<LocalizeController, 'locale' | 't'>;
  /** The day's slots, in time order. */
  slots: readonly Slot[];
  locations: Readonly<Record<string, Location>>;
  practitioners: Readonly<Record<string, Practitioner>>;
  services: Readonly<Record<string, Service>>;
  viewerZone?: string;
  /** Hour (clinic clock, "09") whose times are shown when the day is grouped by hour. */
  openHour?: string;
  onHour(hour: string): void;
  onChoose(slot: Slot): void;
}

/**
 * The free times of one day as buttons: clinic time with its zone label, the viewer's own time as a second
 * line when it differs, and an accessible name with day, time, zone, clinician and place. A day with more
 * than {@link HOUR_GROUPING_THRESHOLD} times shows its hours first and renders only the chosen hour's times.
 */
export function renderSlotList(options: SlotListOptions): TemplateResult {
  const { slots, l10n } = options;
  if (slots.length <= HOUR_GROUPING_THRESHOLD) return timeButtons(slots, options);
  const hours = groupByHour(slots, options.locations);
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
            ${hourLabel(inHour[0], options)} <span class="count">${l10n.t('scheduler.freeCount', { count: inHour.length })}</span>
          </button>`,
      )}
    </div>
    ${open ? timeButtons(hours.get(open) ?? [], options) : nothing}`;
}

function timeButtons(slots: readonly Slot[], options: SlotListOptions): TemplateResult {
  const { l10n, viewerZone } = options;
  return html`<ul class="times" part="times" role="list">
    ${slots.map((slot) => {
      const location = slot.locationId ? options.locations[slot.locationId] : undefined;
      const practitioner = slot.practitionerId ? options.practitioners[slot.practitionerId] : undefined;
      return html`<li>
        <button type="button" part="slot" @click=${() => options.onChoose(slot)}>
          ${slotButtonContent(slot, { l10n, location, practitioner, viewerZone })}
        </button>
      </li>`;
    })}
  </ul>`;
}

/**
 * What a time button says. Screen readers get one sentence from `slotAccessibleName` (day, time, zone,
 * clinician, place; it begins with the day, which the calendar shows instead); sighted people get the
 * compact face. The visible time and zone are part of that sentence, so speech input can name the button
 * by what it shows (WCAG 2.5.3).
 */
export function slotButtonContent(
  slot: Slot,
  { l10n, location, practitioner, viewerZone, showDay = false }: { l10n: SlotListOptions['l10n']; location?: Location; practitioner?: Practitioner; viewerZone?: string; showDay?: boolean },
): TemplateResult {
  const labels = slotTimeLabels(slot, { locale: l10n.locale, location, viewerZone });
  const name = slotAccessibleName(slot, { locale: l10n.locale, location, practitioner, viewerZone });
  const day = showDay ? formatFhirDate(localDayOf(slot.start, location?.timeZone), l10n.locale) : undefined;
  return html`<span class="visually-hidden">${name}</span
    ><span class="face" aria-hidden="true">
      ${day ? html`<span class="day">${day}</span>` : nothing}
      <span class="time">${labels.time} <span class="zone">${labels.zone}</span></span>
      ${labels.viewerTime ? html`<span class="viewer-time">${l10n.t('time.localZoneNote', { time: labels.viewerTime })}</span>` : nothing}
      ${practitioner || location ? html`<span class="where">${[practitioner?.name, location?.name].filter(Boolean).join(' · ')}</span>` : nothing}
    </span>`;
}

/** Slots by the hour of their start on the clinic's clock ("08", "09", …), in time order. */
function groupByHour(slots: readonly Slot[], locations: Readonly<Record<string, Location>>): Map<string, Slot[]> {
  const hours = new Map<string, Slot[]>();
  for (const slot of slots) {
    const zone = slot.locationId ? locations[slot.locationId]?.timeZone : undefined;
    // Without a zone the instant's own written clock is the clinic's ("…T09:30:00-05:00" → "09").
    const hour = zone
      ? new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(slot.start))
      : slot.start.slice(11, 13);
    hours.set(hour, [...(hours.get(hour) ?? []), slot]);
  }
  return hours;
}

function hourLabel(first: Slot, options: SlotListOptions): string {
  const location = first.locationId ? options.locations[first.locationId] : undefined;
  const { time, zone } = slotTimeLabels(first, { locale: options.l10n.locale, location });
  return `${time.replace(/:\d{2}/, '')} ${zone}`;
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
