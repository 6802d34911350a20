import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { pressPart, shadowPart, storyElement } from './support/play.js';
import { resultsStoryApi, type ResultsStoryData } from './support/results-data.js';
import type { PortalParameters } from './support/with-portal.js';

/** Opened reports are remembered in memory only, so every story starts with its reports marked new. */
const storySeen = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
};

const meta: Meta = {
  title: 'Elements/portal-results',
  component: 'portal-results',
  tags: ['autodocs'],
  render: () => html`<portal-results .seenStorage=${storySeen()}></portal-results>`,
};
export default meta;

type Story = StoryObj;
const portal = (parameters: PortalParameters) => ({ portal: parameters });
const data = (name: ResultsStoryData) => portal({ api: resultsStoryApi(name) });

const results = (canvas: HTMLElement) => storyElement(canvas, 'portal-results');
const openReport = async (canvas: HTMLElement, name: string) => {
  const element = await results(canvas);
  await pressPart(element, 'button[part~="report-item"]', (button) => button.textContent!.includes(name));
  return element;
};
const openFirst = (canvas: HTMLElement) => openReport(canvas, '');
const openTrend = async (canvas: HTMLElement, report: string, test: string) => {
  const element = await openReport(canvas, report);
  await pressPart(element, '[part~="trend-toggle"]', (button) => button.textContent!.includes(test));
  return element;
};

/** Reports newest first: status in words, flagged results counted, reports not opened yet marked "New". */
export const List: Story = {};
/** A report with normal and abnormal values: each value as the lab wrote it, its unit, range and flag in words. */
export const NormalAndAbnormal: Story = { play: async ({ canvasElement }) => void (await openReport(canvasElement, 'Lipid panel')) };
/** A critical value (potassium "Critical: very high"), preliminary, with the lab's note. */
export const Critical: Story = { play: async ({ canvasElement }) => void (await openReport(canvasElement, 'Basic metabolic panel')) };
/** A panel: its members nested under it (coded, measured and flagged). */
export const Panel: Story = { parameters: data('panel'), play: async ({ canvasElement }) => void (await openFirst(canvasElement)) };
/** Blood pressure: the components labelled together ("Systolic 107 mmHg, Diastolic 60 mmHg"). */
export const BloodPressure: Story = { parameters: data('blood-pressure'), play: async ({ canvasElement }) => void (await openFirst(canvasElement)) };
/** Text and coded values in words, and a very small number written readably (1 × 10⁻²²). */
export const TextAndCoded: Story = { parameters: data('text-coded'), play: async ({ canvasElement }) => void (await openFirst(canvasElement)) };
/** A value that could not be measured, and why (the platelet count of a clotted sample). */
export const DataAbsent: Story = { play: async ({ canvasElement }) => void (await openReport(canvasElement, 'Complete blood count')) };
/** A report withdrawn by the lab: struck through, labelled, never shown as a result. */
export const EnteredInError: Story = { parameters: data('entered-in-error') };
/** An amended report: said in words, with the lab's note on what changed. */
export const Amended: Story = { parameters: data('amended'), play: async ({ canvasElement }) => void (await openFirst(canvasElement)) };
/** LDL over two years: the change in words, the chart with the normal range, the same points as a table. */
export const TrendWithRange: Story = { play: async ({ canvasElement }) => void (await openTrend(canvasElement, 'Lipid panel', 'LDL')) };
/** Glucose in mg/dL and mmol/L: one unit on the chart, the other listed, never on one axis. */
export const TrendMixedUnits: Story = { parameters: data('mixed-units'), play: async ({ canvasElement }) => void (await openTrend(canvasElement, 'Glucose', 'Glucose')) };
/** With `allow-readings`: the home reading form. */
export const HomeReadingForm: Story = {
  render: () => html`<portal-results allow-readings .seenStorage=${storySeen()}></portal-results>`,
  play: async ({ canvasElement }) => void (await pressPart(await results(canvasElement), '[part~="add-reading"]')),
};
/** A home reading saved: the outcome from the server's answer. */
export const HomeReadingSaved: Story = {
  render: () => html`<portal-results allow-readings .seenStorage=${storySeen()}></portal-results>`,
  play: async ({ canvasElement }) => {
    const element = await results(canvasElement);
    await pressPart(element, '[part~="add-reading"]');
    for (const [selector, value] of [['#reading-systolic', '128'], ['#reading-diastolic', '82']]) {
      const field = (await shadowPart(element, selector)) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    await pressPart(element, '[part~="save-reading"]');
  },
};
/** A result in a host-listed sensitive category opens behind the patient's choice. */
export const Sensitive: Story = {
  parameters: data('sensitive'),
  render: () => html`<portal-results sensitive-categories="Genetics" .seenStorage=${storySeen()}></portal-results>`,
  play: async ({ canvasElement }) => void (await openFirst(canvasElement)),
};
/** A report as it prints (use the browser's print preview): buttons and filters left out, links written out. */
export const Print: Story = { play: async ({ canvasElement }) => void (await openReport(canvasElement, 'Lipid panel')) };
export const Empty: Story = { parameters: portal({ memory: { empty: true } }) };
export const Loading: Story = { parameters: portal({ memory: { latencyMs: 1e9 } }) };
export const ServerError: Story = { parameters: portal({ memory: { fail: 'server' } }) };
export const NetworkError: Story = { parameters: portal({ memory: { fail: 'network' } }) };
export const SignedOut: Story = { parameters: portal({ session: 'signed-out' }) };
export const SessionExpired: Story = { parameters: portal({ session: 'expired' }) };
/** Signed in, but results were not granted: "not available", and no request. */
export const NotPermitted: Story = { parameters: portal({ grantedScopes: ['launch/patient', 'patient/Patient.r'] }) };
export const NotConfigured: Story = { parameters: portal({ noApi: true }) };
export const Spanish: Story = { globals: { locale: 'es' }, play: async ({ canvasElement }) => void (await openReport(canvasElement, 'Basic metabolic panel')) };
export const Dark: Story = { globals: { theme: 'dark' }, play: async ({ canvasElement }) => void (await openReport(canvasElement, 'Basic metabolic panel')) };
export const WhiteLabel: Story = { globals: { theme: 'white-label' } };
export const Compact: Story = {
  parameters: { viewport: { defaultViewport: 'mobile1' } },
  render: () => html`<div style="max-width:320px"><portal-results .seenStorage=${storySeen()}></portal-results></div>`,
  play: async ({ canvasElement }) => void (await openTrend(canvasElement, 'Lipid panel', 'LDL')),
};
