import { html, nothing, type TemplateResult } from 'lit';
import type { Appointment, Location } from '../../model/index.js';
import type { SchedulerTranslator } from './strings.js';

/** One row of an appointment's details; a row without a value is left out rather than shown empty. */
export function detailRow(label: string, value: unknown): TemplateResult | typeof nothing {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing;
}

/** The place's name and, on a second line, its street and city; for a video visit, that it is one and how it is joined. */
export function placeValue(l10n: SchedulerTranslator, location: Location | undefined): TemplateResult | undefined {
  if (!location) return undefined;
  if (location.virtual) return html`${l10n.t('visit.video')}<br /><span class="muted">${l10n.t('visit.fromDevice')}</span>`;
  const address = location.address ? [...location.address.lines, location.address.city].filter(Boolean).join(', ') : '';
  return html`${location.name}${address ? html`<br />${address}` : nothing}`;
}

/**
 * How to join a video visit: the link (https, checked when read; a new tab, so the portal stays open) from
 * `joinMinutes` before the start, before then the time it opens, and without a link, that the clinic sends one.
 * Nothing for a visit in person.
 */
export function joinValue(
  l10n: SchedulerTranslator,
  appointment: Pick<Appointment, 'video' | 'start' | 'end'>,
  { joinMinutes, opensAt, now = Date.now() }: { joinMinutes: number; opensAt: (epochMs: number) => string; now?: number },
): TemplateResult | string | undefined {
  const video = appointment.video;
  if (!video) return undefined;
  if (!video.joinUrl) return l10n.t('visit.linkLater');
  const start = appointment.start ? Date.parse(appointment.start) : Number.NaN;
  const opens = start - joinMinutes * 60_000;
  if (!Number.isNaN(opens) && now < opens) return l10n.t('visit.joinFrom', { time: opensAt(opens) });
  return html`<a class="button primary" part="button join-video" href=${video.joinUrl} target="_blank" rel="noopener noreferrer">${l10n.t('visit.joinNow')}</a>`;
}

/** The clinic's time, and the viewer's own below it when their zone differs. */
export function whenValue(l10n: SchedulerTranslator, clinicTime: string, viewerTime: string | undefined): TemplateResult {
  return html`${clinicTime}${viewerTime ? html`<br /><span class="muted">${l10n.t('time.localZoneNote', { time: viewerTime })}</span>` : nothing}`;
}
