/**
 * The patient's own SMART Health Card, from the server's `$health-cards-issue`: shown as one QR code (a `shc:/`
 * byte segment, then the numeric one; version 22 or lower, so it scans at 40 mm square) drawn as an SVG path, and
 * offered as a `.smart-health-card` file. A card too long for one code is offered as the file only, saying why
 * (the specification no longer splits cards over several codes). Loaded on first use with its QR writer.
 */
import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { correction, generate, mode } from 'lean-qr';
import { toSvgPath } from 'lean-qr/extras/svg';
import type { PortalApi } from '../../api/portal-api.js';
import { jwsToNumeric, readHealthCardPayload } from '../../health-cards/index.js';
import { cardVaccineName } from './card-vaccines.js';
import type { VaccinesL10n } from './strings.js';

/** The longest JWS one version 22 code holds at error correction level L (the specification's QR FAQ). */
export const MAX_SINGLE_QR_JWS = 1195;

/** Four modules of light margin on every side, as QR readers need. */
const QUIET_ZONE = 4;

export interface CardCode {
  /** The SVG path of the dark modules, in module units. */
  path: string;
  /** Modules per side, quiet zone included. */
  size: number;
  version: number;
}

/** One QR code for a card's JWS, or undefined when it is too long for one version 22 code. */
export function cardCode(jws: string): CardCode | undefined {
  if (jws.length > MAX_SINGLE_QR_JWS) return undefined;
  const digits = jwsToNumeric(jws).slice('shc:/'.length);
  const code = generate(mode.multi(mode.bytes([...'shc:/'].map((c) => c.charCodeAt(0))), mode.numeric(digits)), {
    minCorrectionLevel: correction.L,
    maxCorrectionLevel: correction.L,
    maxVersion: 22,
  });
  return { path: toSvgPath(code), size: code.size + 2 * QUIET_ZONE, version: (code.size - 17) / 4 };
}

/** A vaccine a card holds, as coded on the card, with how many of its doses. */
export interface CardVaccine {
  concept: unknown;
  cvx?: string;
  doses: number;
}

const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';

/**
 * What a card from the patient's own server holds, read from its payload (no key needed to show it; the server is the
 * one the patient signed in to): each vaccine once, in the card's order. Nothing when the payload cannot be read.
 */
export async function vaccinesOn(jws: string): Promise<CardVaccine[]> {
  try {
    const payload = (await readHealthCardPayload(jws)) as { vc?: { credentialSubject?: { fhirBundle?: { entry?: Array<{ resource?: { resourceType?: string; vaccineCode?: { coding?: Array<{ system?: string; code?: string }> } } }> } } } };
    const held = new Map<string, CardVaccine>();
    for (const { resource } of payload.vc?.credentialSubject?.fhirBundle?.entry ?? []) {
      if (resource?.resourceType !== 'Immunization') continue;
      const coding = resource.vaccineCode?.coding?.[0];
      const key = `${coding?.system}|${coding?.code}`;
      const known = held.get(key);
      if (known) known.doses++;
      else held.set(key, { concept: resource.vaccineCode, doses: 1, ...(coding?.system === CVX_SYSTEM && coding.code ? { cvx: coding.code } : {}) });
    }
    return [...held.values()];
  } catch {
    return [];
  }
}

export interface IssuedCard {
  jws: string;
  code?: CardCode;
  /** What it holds, for telling several cards apart. */
  vaccines: CardVaccine[];
  /** A `blob:` address of the `.smart-health-card` file, made here (never from server text). */
  file: string;
}

type CardState = { status: 'idle' | 'loading' } | { status: 'ready'; cards: IssuedCard[] } | { status: 'error'; error: unknown };

/** Asks the server for the patient's cards once per opening, and frees the files' addresses when closed. */
export class MyCards implements ReactiveController {
  state: CardState = { status: 'idle' };
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { api: () => PortalApi | undefined; onError: (error: unknown) => void },
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.clear();
  }

  async load(): Promise<void> {
    const api = this.options.api();
    if (!api || this.state.status === 'loading') return;
    this.clear();
    const abort = (this.abort = new AbortController());
    this.state = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const issued = await api.immunizations.issueHealthCards(abort.signal);
      if (abort.signal.aborted) return;
      const held = await Promise.all(issued.map(vaccinesOn));
      if (abort.signal.aborted) return;
      this.state = {
        status: 'ready',
        cards: issued.map((jws, i) => ({
          jws,
          vaccines: held[i]!,
          ...withCode(jws),
          file: URL.createObjectURL(new Blob([JSON.stringify({ verifiableCredential: [jws] })], { type: 'application/smart-health-card' })),
        })),
      };
    } catch (error) {
      if (abort.signal.aborted) return;
      this.state = { status: 'error', error };
      this.options.onError(error);
    }
    this.host.requestUpdate();
  }

  clear(): void {
    this.abort?.abort();
    if (this.state.status === 'ready') for (const card of this.state.cards) URL.revokeObjectURL(card.file);
    this.state = { status: 'idle' };
  }
}

function withCode(jws: string): { code?: CardCode } {
  try {
    const code = cardCode(jws);
    return code ? { code } : {};
  } catch {
    // Not a JWS the QR writer can take: the file is still offered.
    return {};
  }
}

export interface MyCardViewContext {
  l10n: VaccinesL10n;
  /**
   * The record's names by CVX code, in the reader's language: a card's vaccines are named as the record names them.
   * Given by the element rather than imported: a lazy part that imports its element's code keeps that code in an
   * esbuild app's first load whatever `sideEffects` says (README, Performance).
   */
  recordedNames: ReadonlyMap<string, string>;
  cards: MyCards;
  renderLoading: () => TemplateResult;
  renderError: (error: unknown, retry: () => void) => TemplateResult;
}

/** "Hepatitis B (3 doses), MMR (2 doses) and Tdap", named as the record names each vaccine, else as the card codes it. */
function holdsWords(l10n: VaccinesL10n, vaccines: readonly CardVaccine[], names: ReadonlyMap<string, string>): string {
  const each = vaccines.map((v) => {
    const name = (v.cvx && names.get(v.cvx)) || cardVaccineName(v.concept, l10n.locale);
    return v.doses > 1 ? l10n.t('card.doses', { name, count: v.doses }) : name;
  });
  return l10n.t('card.holds', { vaccines: new Intl.ListFormat(l10n.locale, { type: 'conjunction' }).format(each) });
}

function renderCard(l10n: VaccinesL10n, card: IssuedCard, index: number, count: number, names: ReadonlyMap<string, string>): TemplateResult {
  const label = count > 1 ? l10n.t('card.qrNumbered', { number: index + 1, count }) : l10n.t('card.qr');
  return html`<li class="my-card" part="my-card">
    ${count > 1 ? html`<h3 class="card-number">${l10n.t('card.number', { number: index + 1, count })}</h3>` : nothing}
    ${card.vaccines.length > 0 ? html`<p class="meta" part="card-holds">${holdsWords(l10n, card.vaccines, names)}</p>` : nothing}
    ${card.code
      ? html`<figure class="qr" part="qr">
          <svg role="img" aria-label=${label} viewBox="${-QUIET_ZONE} ${-QUIET_ZONE} ${card.code.size} ${card.code.size}" shape-rendering="crispEdges">
            ${svg`<rect x=${-QUIET_ZONE} y=${-QUIET_ZONE} width=${card.code.size} height=${card.code.size} fill="#fff"></rect><path d=${card.code.path} fill="#000"></path>`}
          </svg>
          <figcaption class="meta">${l10n.t('card.scanHint')}</figcaption>
        </figure>`
      : html`<p class="notice" part="card-too-long">${l10n.t('card.tooLong')}</p>`}
    <!-- The address is a blob: made above from the card, never text from a server. -->
    <a class="button secondary" part="button download" href=${card.file} download=${count > 1 ? `vaccines-${index + 1}-of-${count}.smart-health-card` : 'vaccines.smart-health-card'}
      >${count > 1 ? l10n.t('card.downloadNumbered', { number: index + 1, count }) : l10n.t('card.download')}</a
    >
  </li>`;
}

/** The card section: loading, failed, none issued, or each card as a QR code (or the file only) with its download. */
export function renderMyCard({ l10n, cards, recordedNames, renderLoading, renderError }: MyCardViewContext): TemplateResult {
  const state = cards.state;
  return html`<section class="card-section" part="my-cards" aria-labelledby="card-title">
    <h2 class="title" id="card-title" tabindex="-1">${l10n.t('card.title')}</h2>
    <p class="meta">${l10n.t('card.intro')}</p>
    ${state.status === 'error'
      ? renderError(state.error, () => void cards.load())
      : state.status === 'ready'
        ? state.cards.length === 0
          ? html`<p class="notice" part="card-none">${l10n.t('card.none')}</p>`
          : html`${state.cards.length > 1 ? html`<p class="notice" part="card-several">${l10n.t('card.several', { count: state.cards.length })}</p>` : nothing}
              <ul class="my-cards">
                ${state.cards.map((card, i) => renderCard(l10n, card, i, state.cards.length, recordedNames))}
              </ul>`
        : renderLoading()}
  </section>`;
}

export function createMyCards(host: ReactiveControllerHost, options: { api: () => PortalApi | undefined; onError: (error: unknown) => void }) {
  return { cards: new MyCards(host, options), render: renderMyCard };
}
export type ShowingMyCard = ReturnType<typeof createMyCards>;
