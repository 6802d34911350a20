import { html, nothing, type TemplateResult } from 'lit';
import { formatFhirDate } from '../../i18n/format.js';
import type { Immunization } from '../../model/immunization.js';
import { educationLink, type EducationLinks } from './record-logic.js';
import { vaccineName, vaccineStrings, type VaccinesKey, type VaccinesL10n } from './strings.js';
import { groupImmunizations, type VaccineGroupKey } from './vaccine-groups.js';

export const HISTORY_ORDERS = ['date', 'group'] as const;
export type HistoryOrder = (typeof HISTORY_ORDERS)[number];

export interface HistoryContext {
  l10n: VaccinesL10n;
  records: readonly Immunization[];
  order: HistoryOrder;
  education?: EducationLinks;
  onOrder(order: HistoryOrder): void;
  onPrint(): void;
}

/** The date as precise as recorded ("2021", "May 2021", "May 3, 2021"), from its parts: the same day in every zone. */
function when(l10n: VaccinesL10n, record: Immunization): string {
  if (record.occurrenceDate) return formatFhirDate(record.occurrenceDate, l10n.locale, 'long');
  return record.occurrenceText ?? l10n.t('vaccines.noDate');
}

/**
 * The link to a vaccine's information page from the host's table, opening in a new tab; a page in another language
 * than the reader's (the host had none in theirs) says so before it is opened.
 */
export function aboutLink(l10n: VaccinesL10n, education: EducationLinks | undefined, vaccine: { cvx?: string; text: string }): TemplateResult | typeof nothing {
  const link = educationLink(education, vaccine.cvx, l10n.locale);
  if (!link) return nothing;
  const elsewhere = link.lang !== undefined && link.lang !== l10n.locale;
  return html`<a class="about" part="about" href=${link.href} hreflang=${link.lang ?? nothing} target="_blank" rel="noopener noreferrer"
    >${l10n.t(elsewhere ? 'vaccines.aboutInEnglish' : 'vaccines.about')}<span class="visually-hidden">: ${vaccineName(l10n, vaccine)}</span></a
  >`;
}

/**
 * The element's own words for a standard code (a v3-ActSite site, an immunization-origin), in the reader's language;
 * undefined for a code it has no words for, so the server's words are shown instead.
 */
function codeWords(l10n: VaccinesL10n, kind: 'site' | 'origin' | 'reason', code: string | undefined): string | undefined {
  const key = `${kind}.${code}`;
  return code && key in vaccineStrings.en ? l10n.t(key as VaccinesKey) : undefined;
}

function doseWords(l10n: VaccinesL10n, record: Immunization): string[] {
  const protocols = record.protocolApplied?.length
    ? record.protocolApplied
    : record.doseNumber
      ? [{ doseNumber: record.doseNumber, seriesDoses: record.seriesDoses }]
      : [];
  return protocols.flatMap((p) => {
    const words: string[] = [];
    if (p.doseNumber) words.push(p.seriesDoses ? l10n.t('vaccines.doseOf', { dose: p.doseNumber, doses: p.seriesDoses }) : l10n.t('vaccines.dose', { dose: p.doseNumber }));
    if ('series' in p && p.series) words.push(l10n.t('vaccines.series', { series: p.series }));
    if ('targetDiseases' in p && p.targetDiseases?.length) words.push(l10n.t('vaccines.against', { diseases: p.targetDiseases.join(', ') }));
    return words.length > 0 ? [words.join(' · ')] : [];
  });
}

function renderDose(ctx: HistoryContext, record: Immunization, grouped = false): TemplateResult {
  const { l10n } = ctx;
  const notDone = record.status === 'not-done';
  const date = when(l10n, record);
  const origin = codeWords(l10n, 'origin', record.reportOriginCode) ?? record.reportOrigin;
  const reason = codeWords(l10n, 'reason', record.statusReasonCode) ?? record.statusReason;
  const details: Array<string | undefined> = [
    ...doseWords(l10n, record),
    record.lotNumber ? l10n.t('vaccines.lot', { lot: record.lotNumber }) : undefined,
    record.site || record.siteCode ? l10n.t('vaccines.site', { site: codeWords(l10n, 'site', record.siteCode) ?? record.site ?? '' }) : undefined,
    record.performer && record.performer !== record.location ? l10n.t('vaccines.by', { performer: record.performer }) : undefined,
    record.location ? l10n.t('vaccines.at', { place: record.location }) : undefined,
  ];
  return html`<li class="dose" part="dose" data-status=${record.status} ?data-reported=${!record.primarySource}>
    ${grouped
      ? html`<h4 class="dose-name" part="dose-name">${vaccineName(l10n, record.vaccine)}</h4>`
      : html`<h3 class="dose-name" part="dose-name">${vaccineName(l10n, record.vaccine)}</h3>`}
    <p class="dose-date" part="dose-date">
      ${notDone ? (record.occurrenceDate || record.occurrenceText ? l10n.t('vaccines.notGivenOn', { date }) : l10n.t('vaccines.notGiven')) : record.occurrenceDate ? l10n.t(record.occurrenceDate.length === 10 ? 'vaccines.given' : 'vaccines.givenIn', { date }) : date}
    </p>
    ${notDone && reason ? html`<p class="meta" part="not-given-reason">${l10n.t('vaccines.reason', { reason })}</p>` : nothing}
    ${!record.primarySource
      ? html`<p class="reported" part="reported">${l10n.t('vaccines.reported')}${origin ? html`<span class="meta"> · ${l10n.t('vaccines.reportedHow', { origin })}</span>` : nothing}</p>`
      : nothing}
    <ul class="details" part="dose-details">
      ${details.filter((d): d is string => Boolean(d)).map((d) => html`<li>${d}</li>`)}
    </ul>
    ${aboutLink(l10n, ctx.education, record.vaccine)}
  </li>`;
}

function renderGrouped(ctx: HistoryContext): TemplateResult {
  const { l10n } = ctx;
  const groups = groupImmunizations(
    ctx.records,
    (key: VaccineGroupKey) => l10n.t(`group.${key}` as VaccinesKey),
    (record) => vaccineName(l10n, record.vaccine),
  );
  return html`<div class="groups" part="groups">
    ${groups.map(
      (group) => html`<section class="group" part="group" aria-labelledby=${`group-${group.key}`}>
        <h3 class="group-name" id=${`group-${group.key}`}>${group.label}</h3>
        <p class="meta" part="group-progress">
          ${group.progress
            ? l10n.t('vaccines.progress', { group: group.label, dose: group.progress.dose, doses: group.progress.doses })
            : group.doses.length === 1
              ? l10n.t('vaccines.groupCountOne')
              : l10n.t('vaccines.groupCount', { count: group.doses.length })}
        </p>
        <ul class="doses">${group.doses.map((record) => renderDose(ctx, record, true))}</ul>
      </section>`,
    )}
  </div>`;
}

/** The record: newest first, or grouped by vaccine with each series' progress; a print button beside the choice. */
export function renderHistory(ctx: HistoryContext): TemplateResult {
  const { l10n } = ctx;
  return html`<section class="history" part="history" aria-labelledby="history-title">
    <h2 class="title" id="history-title" tabindex="-1">${l10n.t('vaccines.title')}</h2>
    ${ctx.records.length === 0
      ? html`<p class="notice" part="empty">${l10n.t('vaccines.empty')}</p>`
      : html`<div class="toolbar" part="toolbar">
            <fieldset class="order" part="order">
              <legend>${l10n.t('vaccines.order')}</legend>
              ${HISTORY_ORDERS.map(
                (order) => html`<label class="choice"
                  ><input type="radio" name="order" value=${order} .checked=${ctx.order === order} @change=${() => ctx.onOrder(order)} />
                  ${l10n.t(`vaccines.order.${order}`)}</label
                >`,
              )}
            </fieldset>
            <button class="link-button" part="print" type="button" @click=${ctx.onPrint}>${l10n.t('vaccines.print')}</button>
          </div>
          ${ctx.order === 'group' ? renderGrouped(ctx) : html`<ul class="doses" part="doses">${ctx.records.map((record) => renderDose(ctx, record))}</ul>`}`}
  </section>`;
}
