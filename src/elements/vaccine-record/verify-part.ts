import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { formatFhirDate } from '../../i18n/format.js';
import { cardPatient, type Verdict, type VerdictKind } from '../../health-cards/index.js';
import { cardVaccineName } from './card-vaccines.js';
import { CardChecker, type Checked, type VerifyOptions } from './card-checker.js';
import type { VaccinesL10n } from './strings.js';

export type { QrDetector, VerifyOptions, VerifySettings } from './card-checker.js';

function verdictWords(l10n: VaccinesL10n, verdict: Verdict): string {
  const issuer = ('issuerName' in verdict && verdict.issuerName) || verdict.issuer || '';
  if (verdict.kind === 'untrusted-issuer' && !verdict.genuine) return l10n.t('verdict.untrusted-unchecked', { issuer });
  return l10n.t(`verdict.${verdict.kind}` as const, { issuer });
}

const TONE: Record<VerdictKind, 'success' | 'warning' | 'danger'> = {
  verified: 'success',
  'untrusted-issuer': 'warning',
  expired: 'warning',
  revoked: 'danger',
  'altered-or-forged': 'danger',
  unreadable: 'danger',
};

interface CardDose {
  name: string;
  date?: string;
  lot?: string;
}

function dosesOf(l10n: VaccinesL10n, bundle: Record<string, unknown>): CardDose[] {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  return entries.flatMap((entry) => {
    const resource = (entry as { resource?: Record<string, unknown> } | null)?.resource;
    if (!resource || resource.resourceType !== 'Immunization' || resource.status === 'entered-in-error') return [];
    const when = typeof resource.occurrenceDateTime === 'string' ? resource.occurrenceDateTime.split('T')[0] : undefined;
    return [
      {
        name: cardVaccineName(resource.vaccineCode, l10n.locale),
        ...(when && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(when) ? { date: formatFhirDate(when, l10n.locale, 'long') } : {}),
        ...(typeof resource.lotNumber === 'string' ? { lot: resource.lotNumber } : {}),
      },
    ];
  });
}

function renderResult(l10n: VaccinesL10n, { verdict, wrongPatient }: Checked): TemplateResult {
  const card = 'card' in verdict ? verdict.card : undefined;
  const first = card ? cardPatient(card)?.names[0] : undefined;
  const holder = first ? `${first.given} ${first.family}`.trim() : '';
  return html`<li class="verdict" part="verdict" data-verdict=${verdict.kind} data-tone=${TONE[verdict.kind]}>
    <p class="verdict-words" part="verdict-words">${verdictWords(l10n, verdict)}</p>
    ${wrongPatient ? html`<p class="wrong-patient" part="wrong-patient" role="alert">${l10n.t('verdict.wrongPatient')}</p>` : nothing}
    ${card && verdict.kind !== 'altered-or-forged'
      ? html`${holder ? html`<p part="card-holder">${l10n.t('verdict.holder', { name: holder })}</p>` : nothing}
          <ul class="details" aria-label=${l10n.t('verdict.doses')}>
            ${dosesOf(l10n, card.bundle).map(
              (dose) => html`<li>${dose.name}${dose.date ? html` · ${dose.date}` : nothing}${dose.lot ? html` · ${l10n.t('vaccines.lot', { lot: dose.lot })}` : nothing}</li>`,
            )}
          </ul>`
      : nothing}
  </li>`;
}

export interface VerifyViewContext {
  l10n: VaccinesL10n;
  checker: CardChecker;
}

/** Paste or pick, a passcode when a link asks for one, and a verdict in words for each card. */
export function renderVerify({ l10n, checker }: VerifyViewContext): TemplateResult {
  const askPasscode = checker.linkProblem === 'passcode-required' || checker.linkProblem === 'passcode-wrong';
  return html`<section class="verify" part="verify" aria-labelledby="verify-title">
    <h2 class="title" id="verify-title" tabindex="-1">${l10n.t('verify.title')}</h2>
    <form novalidate @submit=${(e: Event) => (e.preventDefault(), void checker.check())}>
      <p class="meta" id="verify-intro">${l10n.t('verify.intro')}</p>
      <div class="field">
        <label for="verify-text">${l10n.t('verify.text')}</label>
        <textarea id="verify-text" part="card-input" rows="3" spellcheck="false" autocomplete="off" aria-describedby="verify-intro"
          .value=${checker.text} @input=${(e: Event) => checker.edit({ text: (e.target as HTMLTextAreaElement).value })}></textarea>
      </div>
      <!-- The browser's own file button speaks the browser's language: a label in the element's is the button. -->
      <div class="files">
        <input id="verify-file" class="file-input" part="card-file" type="file" accept=".smart-health-card,application/smart-health-card,application/json,text/plain"
          @change=${(e: Event) => void checker.pickFile((e.target as HTMLInputElement).files?.[0])} />
        <label class="file-button" for="verify-file">${l10n.t('verify.file')}</label>
        <input id="verify-image" class="file-input" part="card-image" type="file" accept="image/*"
          @change=${(e: Event) => void checker.pickImage((e.target as HTMLInputElement).files?.[0])} />
        <label class="file-button" for="verify-image">${l10n.t('verify.image')}</label>
      </div>
      ${askPasscode
        ? html`<div class="field" part="passcode">
            <p id="verify-passcode-why" role=${checker.linkProblem === 'passcode-wrong' ? 'alert' : nothing}>
              ${checker.linkProblem === 'passcode-wrong' ? l10n.t('verify.passcodeWrong') : l10n.t('verify.passcodeNeeded')}
              ${checker.attemptsLeft !== undefined
                ? checker.attemptsLeft === 1
                  ? l10n.t('verify.attemptsLeftOne')
                  : l10n.t('verify.attemptsLeft', { count: checker.attemptsLeft })
                : nothing}
            </p>
            <label for="verify-passcode">${l10n.t('verify.passcode')}</label>
            <input id="verify-passcode" part="passcode-input" type="password" autocomplete="off" aria-describedby="verify-passcode-why"
              .value=${checker.passcode} @input=${(e: Event) => checker.edit({ passcode: (e.target as HTMLInputElement).value })} />
          </div>`
        : nothing}
      ${checker.canScan
        ? checker.scanning
          ? html`<div class="field" part="camera">
              <video part="camera-view" muted playsinline aria-label=${l10n.t('verify.cameraView')} ${ref((video) => checker.attachVideo(video))}></video>
              <p class="meta" role="status">${l10n.t('verify.scanning')}</p>
              <button class="link-button" part="stop-camera" type="button" @click=${() => checker.stopScan()}>${l10n.t('verify.stopCamera')}</button>
            </div>`
          : html`<button class="button secondary" part="button scan" type="button" @click=${() => void checker.startScan()}>${l10n.t('verify.scan')}</button>`
        : nothing}
      ${checker.imageProblem ? html`<p class="failed" part="image-problem" role="alert">${l10n.t(`verify.image.${checker.imageProblem}`)}</p>` : nothing}
      ${checker.linkProblem === 'link' ? html`<p class="failed" role="alert">${l10n.t('verify.linkProblem')}</p>` : nothing}
      ${checker.nothingGiven ? html`<p class="failed" role="alert">${l10n.t('verify.nothing')}</p>` : nothing}
      <button class="button" part="button check" type="submit" ?disabled=${checker.checking}>${checker.checking ? l10n.t('verify.checking') : l10n.t('verify.check')}</button>
    </form>
    <div role="status" aria-live="polite">
      ${checker.results.length > 0 ? html`<ul class="verdicts" part="verdicts">${checker.results.map((r) => renderResult(l10n, r))}</ul>` : nothing}
    </div>
  </section>`;
}

/** The verifier part: loaded the first time the person opens it (WebCrypto, inflating, links and their decryption). */
export function createVerifying(host: ReactiveControllerHost, options: VerifyOptions) {
  return { checker: new CardChecker(host, options), render: renderVerify };
}
export type Verifying = ReturnType<typeof createVerifying>;
