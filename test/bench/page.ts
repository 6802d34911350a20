// Browser side of `npm run bench` (bundled self-contained by test/bench/render.mjs, never shipped).
// Each page load reads one scenario from `?s=<json>`, builds the element, and resolves `window.benchResult` with
// `performance.now()` (ms since navigation start) at the moment the element's shadow root shows real content.
import { html, LitElement } from 'lit';
import '../../src/define.js';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/api/memory/index.js';
import { providePortal } from '../../src/elements/portal-provider/provide-portal.js';
import type { SlotSearchResult } from '../../src/model/index.js';

// Exported so the bench bundle carries the same wiring a page scripting the memory adapter would; also handy
// when poking at the bench page by hand.
export { createMemoryAdapter, providePortal };

export interface Scenario {
  tag: string;
  /** Attributes for the element (strings only, as a CMS page would set them). */
  attrs?: Record<string, string>;
  /** Memory adapter options; none for the plain-Lit baseline, which needs no provider. */
  adapter?: Pick<MemoryAdapterOptions, 'slotsPerDay' | 'latencyMs' | 'seed'> & {
    /** The adapter's clock (an instant), e.g. the small hours of tomorrow so today's partial day is past. */
    nowIso?: string;
  };
  /** Count as items the free slots the element was given for the day it shows (scheduler). */
  countDaySlots?: boolean;
  /** Baseline only: how many buttons to render. */
  count?: number;
  /** Selector inside the shadow root that means "rendered with data"; absent: the generic rule below. */
  ready?: string;
  /** Selector counted at ready time, to check the element showed as many items as the scenario expects. */
  items?: string;
}

export interface BenchResult {
  ms?: number;
  items?: number;
  error?: string;
}

declare global {
  interface Window {
    benchResult: Promise<BenchResult>;
  }
}

/** The comparison point: plain Lit, no context, no data layer, `count` simple buttons. */
class BenchPlainList extends LitElement {
  static override properties = { count: { type: Number } };
  count = 0;

  protected override render() {
    return html`<ul part="list">
      ${Array.from({ length: this.count }, (_, i) => html`<li><button type="button" part="item">Slot ${i + 1}</button></li>`)}
    </ul>`;
  }
}
customElements.define('bench-plain-list', BenchPlainList);

// Generic "ready": content and no shared state box. `state` covers loading, but also the notice/error boxes an
// element can flash before the provider's values arrive; none of those is "real data".
function genericReady(root: ShadowRoot): boolean {
  return !root.querySelector('[part~="state"]') && root.querySelector(':not(style)') !== null;
}

let lastSearch: SlotSearchResult | undefined;

/** Free slots of the last search on the day the date grid has selected, in each slot's clinic zone. */
function daySlotCount(root: ShadowRoot): number | undefined {
  const day = root.querySelector<HTMLElement>('[aria-selected="true"][data-day]')?.dataset.day;
  if (!day || !lastSearch) return undefined;
  const result = lastSearch;
  return result.slots.filter((slot) => {
    const zone = (slot.locationId && result.locations[slot.locationId]?.timeZone) || 'UTC';
    return slot.status === 'free' && new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(slot.start)) === day;
  }).length;
}

function whenReady(el: HTMLElement, scenario: Scenario): Promise<BenchResult> {
  const root = el.shadowRoot;
  if (!root) return Promise.resolve({ error: `<${scenario.tag}> has no shadow root` });
  const isReady = scenario.ready ? (r: ShadowRoot) => r.querySelector(scenario.ready!) !== null : genericReady;
  return new Promise((resolve) => {
    const finish = (result: BenchResult) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(result);
    };
    const check = () => {
      // Time first: counting 5,000 items must not be billed to the element.
      const ms = performance.now();
      if (isReady(root)) {
        const items = scenario.countDaySlots ? daySlotCount(root) : scenario.items ? root.querySelectorAll(scenario.items).length : undefined;
        finish({ ms, items });
      }
      else if (root.querySelector('[part~="error"]')) finish({ error: `<${scenario.tag}> rendered its error state` });
    };
    // A MutationObserver fires in the microtask after Lit commits, so the time is not rounded to a frame.
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    const timer = setTimeout(() => finish({ error: `<${scenario.tag}> not ready after 20 s (ready selector: ${scenario.ready ?? 'generic'})` }), 20_000);
    check();
  });
}

function run(scenario: Scenario): Promise<BenchResult> {
  if (!customElements.get(scenario.tag)) return Promise.resolve({ error: `<${scenario.tag}> is not defined by src/define.ts` });
  const el = document.createElement(scenario.tag);
  for (const [name, value] of Object.entries(scenario.attrs ?? {})) el.setAttribute(name, value);
  if (scenario.count !== undefined) (el as BenchPlainList).count = scenario.count;
  if (!scenario.adapter) {
    document.body.append(el);
    return whenReady(el, scenario);
  }
  const provider = document.createElement('portal-provider');
  const { nowIso, ...adapterOptions } = scenario.adapter;
  const memory = createMemoryAdapter({ patientId: 'patient-ana-mejia', ...adapterOptions, ...(nowIso ? { now: () => new Date(nowIso) } : {}) });
  // The adapter's objects are frozen; a copy listens in on what the search hands the element.
  const { scheduling } = memory;
  provider.api = scheduling && scenario.countDaySlots
    ? { ...memory, scheduling: { ...scheduling, searchSlots: async (query, signal) => (lastSearch = await scheduling.searchSlots(query, signal)) } }
    : memory;
  provider.session = { status: 'signed-in', patientId: 'patient-ana-mejia' };
  provider.append(el);
  document.body.append(provider);
  return whenReady(el, scenario);
}

const param = new URLSearchParams(location.search).get('s');
window.benchResult = param ? run(JSON.parse(param) as Scenario) : Promise.resolve({ error: 'no ?s= scenario' });
