import { html, type TemplateResult } from 'lit';
import type { Translator } from '../../controllers/localize.js';
import type { MessageKey } from '../../i18n/index.js';

export type SchedulerView = 'book' | 'manage';

/** The Book / Your appointments switch a signed-in patient sees above either view. */
export function renderViewSwitch(l10n: Translator, view: SchedulerView, show: (view: SchedulerView) => void): TemplateResult {
  const button = (value: SchedulerView, label: MessageKey) =>
    html`<button type="button" part="view" aria-pressed=${view === value ? 'true' : 'false'} @click=${() => show(value)}>${l10n.t(label)}</button>`;
  return html`<div class="views" part="views" role="group" aria-label=${l10n.t('scheduler.views')}>
    ${button('book', 'scheduler.viewBook')} ${button('manage', 'scheduler.viewAppointments')}
  </div>`;
}
