import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { PortalApi } from '../../api/portal-api.js';
import type { HomeReading, Result } from '../../model/results.js';
import { toInstantWithOffset } from '../../time/zones.js';
import { quantityText } from './result-text.js';
import type { ResultsKey, ResultsL10n } from './strings.js';

export const READING_KINDS = ['blood-pressure', 'glucose', 'weight'] as const;
type Kind = (typeof READING_KINDS)[number];
const UNITS = { glucose: ['mg/dL', 'mmol/L'], weight: ['kg', '[lb_av]'] } as const;
const UNIT_WORDS: Record<string, string> = { 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L', kg: 'kg', '[lb_av]': 'lb' };
/** Plausible bounds, to catch a slip of the finger (120 typed as 1200), not to judge the reading. */
const LIMITS: Record<string, readonly [number, number]> = {
  systolic: [50, 300],
  diastolic: [30, 200],
  'mg/dL': [10, 1000],
  'mmol/L': [0.5, 60],
  kg: [1, 500],
  '[lb_av]': [2, 1100],
};
const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

interface Draft {
  kind: Kind;
  systolic: string;
  diastolic: string;
  value: string;
  unit: string;
  takenAt: string;
}

type Phase = { name: 'editing' } | { name: 'saving' } | { name: 'failed' } | { name: 'saved'; result: Result };

/** `YYYY-MM-DDTHH:MM` of the reader's own clock, as a datetime-local field takes it. */
function localInput(ms: number): string {
  const offset = -new Date(ms).getTimezoneOffset() * 60_000;
  return toInstantWithOffset(ms, offset).slice(0, 16);
}

export interface ReadingOptions {
  api(): PortalApi | undefined;
  onError(error: unknown): void;
  onSaved(result: Result): void;
  now?: () => number;
}

/**
 * A home reading (blood pressure, glucose, weight): typed as decimal text, checked, and saved once through
 * `results.addReading` with one key per reading kept across retries, so a resend never stores it twice.
 */
export class ReadingForm {
  draft: Draft;
  phase: Phase = { name: 'editing' };
  showProblems = false;
  private key: string = crypto.randomUUID();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ReadingOptions,
  ) {
    this.draft = this.fresh();
  }

  private fresh(): Draft {
    return { kind: 'blood-pressure', systolic: '', diastolic: '', value: '', unit: 'mg/dL', takenAt: localInput((this.options.now ?? Date.now)()) };
  }

  edit(change: Partial<Draft>): void {
    const next = { ...this.draft, ...change };
    if (change.kind && change.kind !== 'blood-pressure') next.unit = UNITS[change.kind][0];
    this.draft = next;
    if (this.phase.name === 'failed') this.phase = { name: 'editing' };
    this.host.requestUpdate();
  }

  /** Problems by field, in the patient's words. */
  problems(l10n: ResultsL10n): Partial<Record<'systolic' | 'diastolic' | 'value' | 'takenAt', string>> {
    const out: Partial<Record<'systolic' | 'diastolic' | 'value' | 'takenAt', string>> = {};
    const check = (field: 'systolic' | 'diastolic' | 'value', text: string, limit: string) => {
      const [min, max] = LIMITS[limit];
      const n = Number(text.trim());
      if (!DECIMAL.test(text.trim()) || n < min || n > max) out[field] = l10n.t('reading.invalid', { min, max });
    };
    const d = this.draft;
    if (d.kind === 'blood-pressure') {
      check('systolic', d.systolic, 'systolic');
      check('diastolic', d.diastolic, 'diastolic');
      if (!out.systolic && !out.diastolic && Number(d.systolic) <= Number(d.diastolic)) out.diastolic = l10n.t('reading.invalidOrder');
    } else {
      check('value', d.value, d.unit);
    }
    const taken = Date.parse(d.takenAt);
    if (Number.isNaN(taken) || taken > (this.options.now ?? Date.now)() + 60_000) out.takenAt = l10n.t('reading.invalidTime');
    return out;
  }

  private reading(): HomeReading {
    const d = this.draft;
    const ms = Date.parse(d.takenAt);
    const takenAt = toInstantWithOffset(ms, -new Date(ms).getTimezoneOffset() * 60_000);
    const base = { takenAt, clientRequestId: this.key };
    if (d.kind === 'blood-pressure') return { ...base, kind: 'blood-pressure', systolic: d.systolic.trim(), diastolic: d.diastolic.trim() };
    if (d.kind === 'glucose') return { ...base, kind: 'glucose', value: d.value.trim(), unit: d.unit as 'mg/dL' | 'mmol/L' };
    return { ...base, kind: 'weight', value: d.value.trim(), unit: d.unit as 'kg' | '[lb_av]' };
  }

  /** One press, at most one write: ignored while saving; a failed save is retried with the same key. */
  async save(l10n: ResultsL10n): Promise<boolean> {
    if (this.phase.name === 'saving') return false;
    if (Object.keys(this.problems(l10n)).length > 0) {
      this.showProblems = true;
      this.host.requestUpdate();
      return false;
    }
    const api = this.options.api();
    if (!api) return false;
    this.phase = { name: 'saving' };
    this.host.requestUpdate();
    try {
      const result = await api.results.addReading(this.reading(), new AbortController().signal);
      this.phase = { name: 'saved', result };
      this.options.onSaved(result);
      return true;
    } catch (error) {
      this.phase = { name: 'failed' };
      this.options.onError(error);
      return false;
    } finally {
      this.host.requestUpdate();
    }
  }

  /** A new, empty reading with its own key. */
  reset(): void {
    this.key = crypto.randomUUID();
    this.draft = this.fresh();
    this.phase = { name: 'editing' };
    this.showProblems = false;
    this.host.requestUpdate();
  }
}

function savedWords(l10n: ResultsL10n, result: Result): string {
  if (result.components.length > 0) {
    return result.components.map((c) => (c.value.kind === 'quantity' ? c.value.quantity.value : '')).join('/') + ' mmHg';
  }
  return result.value.kind === 'quantity' ? quantityText(result.value.quantity, l10n.locale) : '';
}

export interface ReadingViewContext {
  l10n: ResultsL10n;
  form: ReadingForm;
  onCancel(): void;
}

/** The form: what was measured, the numbers, when; problems beside their fields; the outcome from the server's answer. */
export function renderReadingForm({ l10n, form, onCancel }: ReadingViewContext): TemplateResult {
  const d = form.draft;
  const problems = form.showProblems ? form.problems(l10n) : {};
  const phase = form.phase;
  if (phase.name === 'saved') {
    return html`<section part="readings" aria-labelledby="reading-title">
      <h2 class="title" id="reading-title" tabindex="-1">${l10n.t('reading.title')}</h2>
      <p class="notice" part="reading-state" role="status">${l10n.t('reading.saved', { reading: savedWords(l10n, phase.result) })}</p>
      <div class="choice">
        <button class="button" part="button another" type="button" @click=${() => form.reset()}>${l10n.t('reading.another')}</button>
        <button class="button secondary" part="button done" type="button" @click=${onCancel}>${l10n.t('report.back')}</button>
      </div>
    </section>`;
  }
  const field = (name: 'systolic' | 'diastolic' | 'value', label: ResultsKey, value: string) => html`<label class="field"
    ><span>${l10n.t(label)}</span>
    <input id=${`reading-${name}`} part="reading-input" inputmode="decimal" autocomplete="off" .value=${value} aria-invalid=${problems[name] ? 'true' : 'false'}
      aria-describedby=${problems[name] ? `reading-${name}-problem` : nothing} @input=${(e: Event) => form.edit({ [name]: (e.target as HTMLInputElement).value })} />
    ${problems[name] ? html`<span class="problem" id=${`reading-${name}-problem`} role="alert">${problems[name]}</span>` : nothing}</label
  >`;
  const saving = phase.name === 'saving';
  return html`<form part="readings" aria-labelledby="reading-title" novalidate @submit=${(e: Event) => (e.preventDefault(), void form.save(l10n))}>
    <h2 class="title" id="reading-title" tabindex="-1">${l10n.t('reading.title')}</h2>
    <p class="notice">${l10n.t('reading.notice')}</p>
    <label class="field"
      ><span>${l10n.t('reading.kind')}</span>
      <select part="reading-kind" @change=${(e: Event) => form.edit({ kind: (e.target as HTMLSelectElement).value as Kind })}>
        ${READING_KINDS.map((kind) => html`<option value=${kind} ?selected=${d.kind === kind}>${l10n.t(`reading.kind.${kind}`)}</option>`)}
      </select></label
    >
    ${d.kind === 'blood-pressure'
      ? html`${field('systolic', 'reading.systolic', d.systolic)} ${field('diastolic', 'reading.diastolic', d.diastolic)}`
      : html`${field('value', 'reading.value', d.value)}
          <label class="field"
            ><span>${l10n.t('reading.unit')}</span>
            <select part="reading-unit" @change=${(e: Event) => form.edit({ unit: (e.target as HTMLSelectElement).value })}>
              ${UNITS[d.kind].map((unit) => html`<option value=${unit} ?selected=${d.unit === unit}>${UNIT_WORDS[unit]}</option>`)}
            </select></label
          >`}
    <label class="field"
      ><span>${l10n.t('reading.takenAt')}</span>
      <input id="reading-takenAt" part="reading-input" type="datetime-local" .value=${d.takenAt} aria-invalid=${problems.takenAt ? 'true' : 'false'}
        @input=${(e: Event) => form.edit({ takenAt: (e.target as HTMLInputElement).value })} />
      ${problems.takenAt ? html`<span class="problem" role="alert">${problems.takenAt}</span>` : nothing}</label
    >
    ${phase.name === 'failed' ? html`<p class="notice" part="reading-state" role="alert">${l10n.t('reading.failed')}</p>` : nothing}
    <div class="choice">
      <button class="button" part="button save-reading" type="submit" ?disabled=${saving}>${saving ? l10n.t('reading.saving') : l10n.t('reading.save')}</button>
      <button class="button secondary" part="button cancel" type="button" @click=${onCancel}>${l10n.t('reading.cancel')}</button>
    </div>
  </form>`;
}

/** The lazy part: the form's state and its view, loaded when the patient first opens it. */
export function createReadings(host: ReactiveControllerHost, options: ReadingOptions) {
  return { form: new ReadingForm(host, options), render: renderReadingForm };
}
export type Readings = ReturnType<typeof createReadings>;
