import { html, nothing, type TemplateResult } from 'lit';
import { formatFhirDate } from '../../i18n/format.js';
import type { Recommendation } from '../../model/immunization.js';
import { aboutLink } from './history-view.js';
import { vaccineBookingValue, type EducationLinks } from './record-logic.js';
import { vaccineName, type VaccinesL10n } from './strings.js';

export interface DueContext {
  l10n: VaccinesL10n;
  due: readonly Recommendation[];
  education?: EducationLinks;
  /** The booking page's address for a vaccine (`vaccine=CVX:dose` set), when the host configured one. */
  bookingHref(vaccine: string): string | undefined;
  /** Asks the page to book (an event a `<portal-scheduler>` there may answer). */
  onBook(vaccine: string, recommendation: Recommendation): void;
}

function dueWords(l10n: VaccinesL10n, r: Recommendation): string {
  const date = r.dueDate ? formatFhirDate(r.dueDate, l10n.locale, 'long') : undefined;
  if (r.forecast === 'overdue') return date ? l10n.t('due.overdue', { date }) : l10n.t('due.overdueNoDate');
  if (!date) return l10n.t('due.dueNow');
  return l10n.t(r.dueDate!.length === 10 ? 'due.due' : 'due.dueIn', { date });
}

/** Due and overdue doses with their dates, each with its way to booking and, when the host has one, its information page. */
export function renderDue(ctx: DueContext): TemplateResult {
  const { l10n } = ctx;
  return html`<section class="due" part="due" aria-labelledby="due-title">
    <h2 class="title" id="due-title">${l10n.t('due.title')}</h2>
    ${ctx.due.length === 0
      ? html`<p class="notice" part="due-none">${l10n.t('due.none')}</p>`
      : html`<ul class="doses">
          ${ctx.due.map((r) => {
            const vaccine = vaccineBookingValue(r);
            const href = vaccine ? ctx.bookingHref(vaccine) : undefined;
            const name = vaccineName(l10n, r.vaccine);
            return html`<li class="dose" part="due-item" data-forecast=${r.forecast}>
              <h3 class="dose-name" part="dose-name">${name}</h3>
              <p class="due-date" part="due-date">${dueWords(l10n, r)}${r.doseNumber ? html` · ${l10n.t('due.dose', { dose: r.doseNumber })}` : nothing}</p>
              ${r.description ? html`<p class="meta">${r.description}</p>` : nothing}
              <div class="actions">
                ${vaccine
                  ? href
                    ? html`<a class="button" part="button book-link" href=${href}>${l10n.t('due.bookOnSite')}<span class="visually-hidden">: ${name}</span></a>`
                    : html`<button class="button" part="button book" type="button" @click=${() => ctx.onBook(vaccine, r)}>
                        ${l10n.t('due.book')}<span class="visually-hidden">: ${name}</span>
                      </button>`
                  : nothing}
                ${aboutLink(l10n, ctx.education, r.vaccine)}
              </div>
            </li>`;
          })}
        </ul>`}
  </section>`;
}
