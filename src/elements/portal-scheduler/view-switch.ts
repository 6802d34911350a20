import { html, type TemplateResult } from 'lit';
import type { SchedulerKey, SchedulerTranslator } from './strings.js';

export type SchedulerView = 'book' | 'manage';

/** The Book / Your appointments switch a signed-in patient sees above either view. */
export function renderViewSwitch(l10n: SchedulerTranslator, view: SchedulerView, show: (view: SchedulerView) => void): TemplateResult {
  const button = (value: SchedulerView, label: SchedulerKey) =>
    html`<button type="button" part="view" aria-pressed=${view === value ? 'true' : 'false'} @click=${() => show(value)}>${l10n.t(label)}</button>`;
  return html`<div class="views" part="views" role="group" aria-label=${l10n.t('scheduler.views')}>
    ${button('book', 'scheduler.viewBook')} ${button('manage', 'scheduler.viewAppointments')}
  </div>`;
}
