import { html, nothing, type TemplateResult } from 'lit';
import type { Translator } from '../../controllers/localize.js';
import type { Location } from '../../model/index.js';

/** One row of an appointment's details; a row without a value is left out rather than shown empty. */
export function detailRow(label: string, value: unknown): TemplateResult | typeof nothing {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing;
}

/** The place's name and, on a second line, its street and city. */
export function placeValue(location: Location | undefined): TemplateResult | undefined {
  if (!location) return undefined;
  const address = location.address ? [...location.address.lines, location.address.city].filter(Boolean).join(', ') : '';
  return html`${location.name}${address ? html`<br />${address}` : nothing}`;
}

/** The clinic's time, and the viewer's own below it when their zone differs. */
export function whenValue(l10n: Translator, clinicTime: string, viewerTime: string | undefined): TemplateResult {
  return html`${clinicTime}${viewerTime ? html`<br /><span class="muted">${l10n.t('time.localZoneNote', { time: viewerTime })}</span>` : nothing}`;
}
