import { html, nothing, type TemplateResult } from 'lit';
import type { Location, Slot } from '../../model/index.js';
import { dateTimeFormat } from '../../time/intl.js';
import { zoneOffsetMs } from '../../time/zones.js';
import type { SchedulerKey, SchedulerTranslator } from './strings.js';

/** Same-time slots as the slot list keeps them: never empty, in time order. */
type Group = readonly [Slot, ...Slot[]];

export type DayPeriod = 'morning' | 'afternoon' | 'evening';

const HOUR = { hour: '2-digit', hourCycle: 'h23' } as const;
const ZONE_NAME = { timeZoneName: 'longGeneric' } as const;

/** Morning before noon, afternoon before 5 PM, evening after, on the clinic's own clock. */
export function periodOf(slot: Slot, zone: string | undefined): DayPeriod {
  // Without a zone the instant's written clock is the clinic's ("…T17:30:00-05:00" → 17).
  const hour = zone ? Number(dateTimeFormat('en-US', zone, HOUR).format(Date.parse(slot.start))) : Number(slot.start.slice(11, 13));
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

/** A day's times by the place they are at, in the order the places first appear; times without a place last. */
export function byPlace(groups: readonly Group[]): Map<string, Group[]> {
  const out = new Map<string, Group[]>();
  for (const group of groups) {
    const key = group[0].locationId ?? '';
    const list = out.get(key);
    if (list) list.push(group);
    else out.set(key, [group]);
  }
  const unplaced = out.get('');
  if (unplaced) {
    out.delete('');
    out.set('', unplaced);
  }
  return out;
}

/** "5 hours 30 minutes": a difference between two clocks in words. */
function duration(l10n: SchedulerTranslator, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    ...(hours === 1 ? [l10n.t('zoneDiff.hour')] : hours > 1 ? [l10n.t('zoneDiff.hours', { count: hours })] : []),
    ...(rest > 0 ? [l10n.t('zoneDiff.minutes', { count: rest })] : []),
  ];
  return parts.join(' ');
}

/**
 * Said once per clinic instead of a second time on every button: "Eastern Time: 1 hour ahead of yours". Undefined
 * when the clinic's clock and the viewer's agree on that day (or either zone is unknown).
 */
export function zoneDifference(l10n: SchedulerTranslator, zone: string | undefined, viewerZone: string | undefined, at: number): string | undefined {
  if (!zone || !viewerZone || Number.isNaN(at)) return undefined;
  const minutes = Math.round((zoneOffsetMs(zone, at) - zoneOffsetMs(viewerZone, at)) / 60_000);
  if (minutes === 0) return undefined;
  const name = dateTimeFormat(l10n.locale === 'es' ? 'es-US' : 'en-US', zone, ZONE_NAME)
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const diff = duration(l10n, Math.abs(minutes));
  // It opens the line: "Hora oriental", not "hora oriental".
  const named = name ? name.charAt(0).toLocaleUpperCase(l10n.locale) + name.slice(1) : zone;
  return l10n.t(minutes > 0 ? 'zoneDiff.ahead' : 'zoneDiff.behind', { zone: named, diff });
}

export interface ClinicGroupOptions {
  l10n: SchedulerTranslator;
  locations: Readonly<Record<string, Location>>;
  viewerZone?: string;
  /** The buttons of some times; `viewerTimeOnFace` false when the group's heading already says the difference. */
  list(groups: readonly Group[], viewerTimeOnFace: boolean): TemplateResult;
}

/**
 * Times at several places, one section per place: its name, street and city once, the difference between its clock
 * and the viewer's once, then its morning, afternoon and evening times. Each button's accessible name still
 * carries both clocks, so nothing is lost to a screen reader; the reading and tab order is place by place.
 */
export function renderClinicGroups(groups: readonly Group[], options: ClinicGroupOptions): TemplateResult {
  const { l10n } = options;
  return html`${[...byPlace(groups)].map(([id, inPlace], index) => {
    const place = id ? options.locations[id] : undefined;
    const zone = place?.timeZone;
    const note = zoneDifference(l10n, zone, options.viewerZone, Date.parse(inPlace[0][0].start));
    const address = place?.address ? [...place.address.lines, place.address.city].filter(Boolean).join(', ') : undefined;
    const periods = new Map<DayPeriod, Group[]>();
    for (const group of inPlace) {
      const period = periodOf(group[0], zone);
      periods.set(period, [...(periods.get(period) ?? []), group]);
    }
    const headingId = `clinic-${index}`;
    return html`<section class="clinic-group" part="clinic-group" aria-labelledby=${headingId}>
      <h3 class="clinic-name" id=${headingId}>${place ? (place.virtual ? l10n.t('visit.video') : place.name) : l10n.t('scheduler.otherPlaces')}</h3>
      ${address || note ? html`<p class="clinic-facts">${[address, note].filter(Boolean).join(' · ')}</p>` : nothing}
      ${[...periods].map(
        ([period, inPeriod]) =>
          html`<h4 class="period">${l10n.t(`scheduler.period.${period}` as SchedulerKey)}</h4>
            ${options.list(inPeriod, note === undefined)}`,
      )}
    </section>`;
  })}`;
}
