/**
 * Checking what a person hands over: pasted or scanned text, a card file, a photo of QR codes, or the camera; cards
 * judged by the health-cards layer under the host's trust list, and a Health Link opened with its passcode.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  checkCardInput,
  comparePatient,
  HealthLinkError,
  openHealthLink,
  parseHealthLink,
  type FetchLike,
  type HealthLink,
  type TrustedIssuer,
  type Verdict,
} from '../../health-cards/index.js';
import type { PatientSummary } from '../../model/patient.js';

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

/** The picture reader that needs no `BarcodeDetector` (loaded on first use); undefined if its code cannot load. */
async function pictureReader(): Promise<QrDetector | undefined> {
  try {
    return (await import('./qr-image/reader.js')).pictureQrReader();
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
/** The largest picture file read for QR codes. */
const MAX_PICTURE_BYTES = 30_000_000;

export interface VerifyOptions {
  settings(): VerifySettings;
  /** The signed-in patient, for the wrong-patient warning (undefined when none). */
  patient(): Promise<PatientSummary | undefined>;
  onVerdict(verdict: Verdict): void;
}

export interface Checked {
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
  imageProblem?: 'no-reader' | 'no-code' | 'no-camera' | 'too-large';
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
    // Phone photos are a few megabytes; a file far past that is refused before its pixels are unpacked.
    if (file.size > MAX_PICTURE_BYTES) {
      this.imageProblem = 'too-large';
      return this.host.requestUpdate();
    }
    const detector = this.options.settings().detector ?? (await browserDetector()) ?? (await pictureReader());
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
