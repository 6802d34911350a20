import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { formatFhirDate } from '../../i18n/format.js';
import {
  cardPatient,
  checkCardInput,
  comparePatient,
  HealthLinkError,
  openHealthLink,
  parseHealthLink,
  type FetchLike,
  type HealthLink,
  type TrustedIssuer,
  type Verdict,
  type VerdictKind,
} from '../../health-cards/index.js';
import type { PatientSummary } from '../../model/patient.js';
import { cardVaccineName } from './card-vaccines.js';
import type { VaccinesL10n } from './strings.js';

/** What the host supplies for checking cards: whom it trusts, keys it holds, and how (or whether) to reach issuers. */
/** What the checker needs of a `BarcodeDetector` (the browser's, or one a test or host injects). */
export interface QrDetector {
  detect(image: ImageBitmapSource): Promise<Array<{ rawValue: string }>>;
}

/** The browser's QR reader where it has one (Chromium on Linux has none). */
async function browserDetector(): Promise<QrDetector | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: { new (o: { formats: string[] }): QrDetector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : undefined;
  } catch {
    return undefined;
  }
}

export interface VerifySettings {
  trusted: readonly TrustedIssuer[];
  knownKeys?: Readonly<Record<string, unknown>>;
  /** For trusted issuers' keys and lists and for a link's server; absent: the page's fetch. */
  fetch?: FetchLike;
  /** Who asks, as a link's server records it (the site's name, never the patient's). */
  recipient: string;
  /** Now, in epoch seconds (tests and stories). */
  now?: () => number;
  /** A QR reader to use instead of the browser's. */
  detector?: QrDetector;
  /** The camera's stream (tests inject one); the browser's rear camera when absent. */
  camera?: () => Promise<MediaStream>;
}

/** Whether the codes seen so far make a whole card: one unchunked code, a link, or every chunk of a chunked one. */
export function completeScan(codes: readonly string[]): boolean {
  if (codes.some((code) => /shlink:\//.test(code) || /^shc:\/\d+$/.test(code))) return true;
  const chunks = codes.map((code) => /^shc:\/(\d+)\/(\d+)\//.exec(code)).filter((m): m is RegExpExecArray => m !== null);
  const total = Number(chunks[0]?.[2] ?? 0);
  return total > 0 && new Set(chunks.filter((m) => Number(m[2]) === total).map((m) => m[1])).size === total;
}

const SCAN_EVERY_MS = 250;

export interface VerifyOptions {
  settings(): VerifySettings;
  /** The signed-in patient, for the wrong-patient warning (undefined when none). */
  patient(): Promise<PatientSummary | undefined>;
  onVerdict(verdict: Verdict): void;
}

interface Checked {
  verdict: Verdict;
  wrongPatient: boolean;
}

/** Checking what a person pasted or picked: cards or a Health Link (with its passcode), one verdict per card. */
export class CardChecker implements ReactiveController {
  text = '';
  passcode = '';
  checking = false;
  results: Checked[] = [];
  /** A link waiting for its passcode, and what the server said about the last try. */
  pendingLink?: HealthLink;
  linkProblem?: 'passcode-required' | 'passcode-wrong' | 'link';
  attemptsLeft?: number;
  nothingGiven = false;
  /** A photo in which no QR code could be read, or a browser that cannot read one. */
  imageProblem?: 'no-reader' | 'no-code' | 'no-camera';
  /** The camera while scanning, and the codes it has seen. */
  scanning = false;
  private stream?: MediaStream;
  private video?: HTMLVideoElement;
  private timer?: ReturnType<typeof setTimeout>;
  private seen = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VerifyOptions,
  ) {
    host.addController(this);
  }

  /** The camera goes off when the element leaves the page. */
  hostDisconnected(): void {
    this.stopScan();
  }

  /** Whether a camera scan can be offered: a QR reader, and a camera to ask for. */
  get canScan(): boolean {
    const settings = this.options.settings();
    return Boolean((settings.detector || 'BarcodeDetector' in globalThis) && (settings.camera || globalThis.navigator?.mediaDevices?.getUserMedia));
  }

  async startScan(): Promise<void> {
    if (this.scanning) return;
    this.imageProblem = undefined;
    const settings = this.options.settings();
    const detector = settings.detector ?? (await browserDetector());
    try {
      if (!detector) throw new Error('no reader');
      this.stream = await (settings.camera ? settings.camera() : navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }));
    } catch {
      this.imageProblem = detector ? 'no-camera' : 'no-reader';
      return this.host.requestUpdate();
    }
    this.scanning = true;
    this.seen.clear();
    this.host.requestUpdate();
    const tick = async () => {
      if (!this.scanning) return;
      if (this.video && this.video.readyState >= 2) {
        try {
          for (const { rawValue } of await detector.detect(this.video)) if (/^(shc|shlink):\/|#shlink:\//.test(rawValue)) this.seen.add(rawValue);
        } catch {
          // A frame the reader could not take; the next one may do.
        }
        if (completeScan([...this.seen])) {
          const text = [...this.seen].join('\n');
          this.stopScan();
          this.edit({ text });
          return void this.check();
        }
      }
      this.timer = setTimeout(() => void tick(), SCAN_EVERY_MS);
    };
    void tick();
  }

  stopScan(): void {
    clearTimeout(this.timer);
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = undefined;
    if (this.scanning) {
      this.scanning = false;
      this.host.requestUpdate();
    }
  }

  /** The video element the camera plays in (the view hands it over as it renders). */
  attachVideo(video: Element | undefined): void {
    this.video = video as HTMLVideoElement | undefined;
    if (this.video && this.stream && this.video.srcObject !== this.stream) {
      this.video.srcObject = this.stream;
      void this.video.play().catch(() => undefined);
    }
  }

  edit(change: { text?: string; passcode?: string }): void {
    if (change.text !== undefined) {
      this.text = change.text;
      this.pendingLink = undefined;
      this.linkProblem = undefined;
    }
    if (change.passcode !== undefined) this.passcode = change.passcode;
    this.host.requestUpdate();
  }

  async pickFile(file: File | undefined): Promise<void> {
    if (!file) return;
    // A card file is a small JSON text; a larger one is refused unread.
    if (file.size > 1_000_000) return this.finish([{ verdict: { kind: 'unreadable', problem: 'payload' }, wrongPatient: false }]);
    this.edit({ text: await file.text() });
    await this.check();
  }

  /** A photo or screenshot of the QR code(s): read with the QR reader, every code found (chunks in any order), then checked. */
  async pickImage(file: File | undefined): Promise<void> {
    if (!file) return;
    this.imageProblem = undefined;
    const detector = this.options.settings().detector ?? (await browserDetector());
    if (!detector) {
      this.imageProblem = 'no-reader';
      return this.host.requestUpdate();
    }
    let codes: string[] = [];
    try {
      const bitmap = await createImageBitmap(file);
      codes = (await detector.detect(bitmap)).map((code) => code.rawValue).filter((value) => /^(shc|shlink):\/|#shlink:\//.test(value));
      bitmap.close();
    } catch {
      codes = [];
    }
    if (codes.length === 0) {
      this.imageProblem = 'no-code';
      return this.host.requestUpdate();
    }
    this.edit({ text: codes.join('\n') });
    await this.check();
  }

  async check(): Promise<void> {
    if (this.checking) return;
    const text = this.text.trim();
    this.nothingGiven = text === '';
    if (this.nothingGiven) return this.host.requestUpdate();
    const settings = this.options.settings();
    const fetcher: FetchLike = settings.fetch ?? ((url, init) => fetch(url, init));
    const cards = { trusted: settings.trusted, fetch: fetcher, ...(settings.knownKeys ? { knownKeys: settings.knownKeys } : {}), ...(settings.now ? { now: settings.now } : {}) };
    this.checking = true;
    this.results = [];
    this.host.requestUpdate();
    try {
      let verdicts: Verdict[];
      if (/shlink:\//.test(text)) {
        const link = this.pendingLink ?? parseHealthLink(text);
        this.pendingLink = link;
        const files = await openHealthLink(link, {
          fetch: fetcher,
          recipient: settings.recipient,
          cards,
          ...(this.passcode ? { passcode: this.passcode } : {}),
          ...(settings.now ? { now: settings.now } : {}),
        });
        this.pendingLink = undefined;
        this.linkProblem = undefined;
        verdicts = files.flatMap((file) => file.verdicts ?? []);
      } else {
        verdicts = await checkCardInput(text, cards);
      }
      const patient = verdicts.some((v) => v.kind === 'verified') ? await this.options.patient().catch(() => undefined) : undefined;
      this.finish(
        verdicts.map((verdict) => ({
          verdict,
          wrongPatient: Boolean(patient && verdict.kind === 'verified' && !comparePatient(verdict.card, patient).matches),
        })),
      );
    } catch (error) {
      if (error instanceof HealthLinkError) {
        if (error.problem === 'passcode-required' || error.problem === 'passcode-wrong') {
          this.linkProblem = error.problem;
          this.attemptsLeft = error.remainingAttempts;
        } else {
          this.pendingLink = undefined;
          this.linkProblem = 'link';
        }
        this.finish([]);
      } else {
        this.finish([{ verdict: { kind: 'unreadable', problem: 'payload' }, wrongPatient: false }]);
      }
    }
  }

  private finish(results: Checked[]): void {
    this.results = results;
    this.checking = false;
    for (const { verdict } of results) this.options.onVerdict(verdict);
    this.host.requestUpdate();
  }
}

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
