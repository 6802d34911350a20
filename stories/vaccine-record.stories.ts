import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createMemoryAdapter } from '../src/api/memory/index.js';
import type { PortalApi } from '../src/api/portal-api.js';
import type { Immunization } from '../src/model/immunization.js';
import { pressPart, shadowPart, storyElement } from './support/play.js';
import { ownCard, storyCard, type StoryCard } from './support/vaccine-cards.js';
import { STORY_PATIENT_ID, type PortalParameters } from './support/with-portal.js';

const meta: Meta = {
  title: 'Elements/vaccine-record',
  component: 'vaccine-record',
  tags: ['autodocs'],
  render: () => html`<vaccine-record></vaccine-record>`,
};
export default meta;

type Story = StoryObj;
const portal = (parameters: PortalParameters) => ({ portal: parameters });
const record = (canvas: HTMLElement) => storyElement(canvas, 'vaccine-record');
const type = (field: HTMLElement, value: string) => {
  (field as HTMLInputElement).value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
};

const cvx = (code: string, text: string): Immunization['vaccine'] => ({ text, cvx: code, concept: { text, codings: [{ system: 'http://hl7.org/fhir/sid/cvx', code }] } });
/** The memory adapter with these immunizations instead of the seed's. */
const withRecord = (items: Immunization[]) => (): PortalApi => {
  const base = createMemoryAdapter({ patientId: STORY_PATIENT_ID });
  return { ...base, immunizations: { ...base.immunizations, list: async () => ({ items, dropped: 0, truncated: false }) } };
};
const given = (id: string, fields: Partial<Immunization>): Immunization => ({ id, vaccine: cvx('140', 'Flu vaccine'), status: 'completed', primarySource: true, ...fields });

/** The record newest first: names in words, dates as precise as recorded, dose, lot, site, who and where. */
export const History: Story = {};
/** Grouped by vaccine, each series' progress ("Hepatitis B: dose 3 of 3"). */
export const GroupedByVaccine: Story = { render: () => html`<vaccine-record order="group"></vaccine-record>` };
/** Dates kept as precise as recorded: a day, a month, a year, and words only. */
export const PartialDates: Story = {
  parameters: portal({
    api: withRecord([
      given('day', { occurrenceDate: '2024-10-03', lotNumber: 'FL1234' }),
      given('month', { vaccine: cvx('115', 'Tdap (tetanus, diphtheria, whooping cough)'), occurrenceDate: '2019-06' }),
      given('year', { vaccine: cvx('43', 'Hepatitis B (adult)'), occurrenceDate: '2010', doseNumber: '3', seriesDoses: '3' }),
      given('words', { vaccine: cvx('03', 'MMR (measles, mumps, rubella)'), occurrenceText: 'In childhood (date not recorded)' }),
    ]),
  }),
};
/** A vaccine not given, with its reason. */
export const NotDone: Story = {
  parameters: portal({ api: withRecord([given('no', { vaccine: cvx('187', 'Shingles vaccine (recombinant)'), status: 'not-done', statusReason: 'Vaccine out of stock', occurrenceDate: '2025-11-02', doseNumber: '1', seriesDoses: '2' })]) }),
};
/** A dose the patient reported: "You reported — not yet confirmed", with where it comes from. */
export const PatientReported: Story = {
  parameters: portal({
    api: withRecord([given('mine', { vaccine: cvx('197', 'Flu shot, high dose'), occurrenceDate: '2025-10', location: 'Pharmacy on Elm St', primarySource: false, reportOrigin: 'Written Record' })]),
  }),
};
/** Due and overdue doses, overdue first; "Book this vaccine" asks a scheduler on the page. */
export const DueAndOverdue: Story = {
  play: async ({ canvasElement }) => (await shadowPart(await record(canvasElement), '[part~="due"]')).scrollIntoView({ block: 'start' }),
};
/** With a booking page configured, "Book" is a link carrying vaccine=CVX:dose, which <portal-scheduler> reads; education links from the host's table. */
export const BookingHandOff: Story = {
  render: () => html`<vaccine-record booking-url="https://www.example.org/book-a-vaccine" .education=${{ '187': 'https://www.example.org/vaccines/shingles' }}></vaccine-record>`,
  play: async ({ canvasElement }) => (await shadowPart(await record(canvasElement), '[part~="due"]')).scrollIntoView({ block: 'start' }),
};
/** Education links where the host has a page only in English: a Spanish reader is told so before opening it. */
export const EducationOnlyInEnglish: Story = {
  globals: { locale: 'es' },
  render: () => html`<vaccine-record .education=${{ '187': { en: 'https://www.example.org/vaccines/shingles' }, '140': { en: 'https://www.example.org/vaccines/flu', es: 'https://www.example.org/es/vacunas/gripe' } }}></vaccine-record>`,
};
/** The form to add a dose given elsewhere, pressed with problems: each in words, beside its field, and linked. */
export const ReportFormWithErrors: Story = {
  play: async ({ canvasElement }) => {
    const element = await record(canvasElement);
    await pressPart(element, '[part~="report"][part~="button"]');
    type(await shadowPart(element, '#report-year'), '2099');
    type(await shadowPart(element, '#report-day'), '31');
    await pressPart(element, '[part~="save"]');
  },
};
/** The form filled in: vaccine by name, month and year, lot, place, from a record. */
export const ReportForm: Story = {
  play: async ({ canvasElement }) => {
    const element = await record(canvasElement);
    await pressPart(element, '[part~="report"][part~="button"]');
    type(await shadowPart(element, '#report-vaccine'), 'Flu shot, high dose (65 and older)');
    type(await shadowPart(element, '#report-year'), '2025');
    type(await shadowPart(element, '#report-month'), '10');
    type(await shadowPart(element, '[part~="place-input"]'), 'Pharmacy on Elm St');
  },
};

/** Opens the checker on a card made for the story, with its issuer trusted (or not) and the story's clock. */
const verdict = (kind: StoryCard, passcode?: string): Story => ({
  play: async ({ canvasElement }) => {
    const element = (await record(canvasElement)) as HTMLElement & Record<string, unknown>;
    const world = await storyCard(kind);
    Object.assign(element, { trustedIssuers: world.trusted, cardFetch: world.fetch, clock: world.now, linkRecipient: 'Riverside Health portal' });
    await pressPart(element, '[part~="verify"][part~="button"]');
    type(await shadowPart(element, '[part~="card-input"]'), world.text);
    await pressPart(element, '[part~="check"]');
    if (passcode) {
      type(await shadowPart(element, '[part~="passcode-input"]'), passcode);
      await pressPart(element, '[part~="check"]');
    }
    (await shadowPart(element, '[part~="verify"]')).scrollIntoView({ block: 'start' });
  },
});
export const CardVerified: Story = verdict('verified');
export const CardSomeoneElses: Story = verdict('wrong-patient');
export const CardIssuerNotTrusted: Story = verdict('untrusted');
export const CardRevoked: Story = verdict('revoked');
export const CardExpired: Story = verdict('expired');
export const CardAlteredOrForged: Story = verdict('altered');
export const CardUnreadable: Story = verdict('unreadable');
/** A passcode-protected SMART Health Link: asked, one wrong try (attempts left shown). */
export const PasscodeProtectedLink: Story = verdict('link', '0000');
/** The same link with the right passcode: the card inside verified. */
export const PasscodeLinkOpened: Story = verdict('link', '2468');

/** Where the server issues SMART Health Cards: "Show my SMART Health Card" signs one and shows it as one QR code, with its file. */
const myCard = (long: boolean): Story => ({
  parameters: portal({
    api: () => {
      const base = createMemoryAdapter({ patientId: STORY_PATIENT_ID });
      return { ...base, immunizations: { ...base.immunizations, healthCardsOffered: async () => true, issueHealthCards: async () => [await ownCard(long)] } };
    },
  }),
  play: async ({ canvasElement }) => {
    const element = await record(canvasElement);
    await pressPart(element, '[part~="my-card"][part~="button"]');
    (await shadowPart(element, '[part~="my-card"]:not(button)')).scrollIntoView({ block: 'start' });
  },
});
export const MyCardQr: Story = myCard(false);
/** A card too long for one QR code (the specification no longer splits one over several): the file only, and why. */
export const CardTooLongForOneQr: Story = myCard(true);

export const Empty: Story = { parameters: portal({ memory: { empty: true } }) };
export const Loading: Story = { parameters: portal({ memory: { latencyMs: 1e9 } }) };
export const ServerError: Story = { parameters: portal({ memory: { fail: 'server' } }) };
export const NetworkError: Story = { parameters: portal({ memory: { fail: 'network' } }) };
export const SignedOut: Story = { parameters: portal({ session: 'signed-out' }) };
export const SessionExpired: Story = { parameters: portal({ session: 'expired' }) };
/** The server granted no vaccine scopes: "not available", without a single request. */
export const NotPermitted: Story = { parameters: portal({ grantedScopes: ['launch/patient', 'patient/Patient.r'] }) };
export const NotConfigured: Story = { parameters: portal({ noApi: true }) };
/** The print view is the page's print styles: use the browser's print preview on this story. */
export const Print: Story = { parameters: { docs: { description: { story: 'Printing hides the buttons and forms and keeps one dose per line.' } } } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const WhiteLabel: Story = { globals: { theme: 'white-label' } };
/** 320 px wide: no horizontal scroll. */
export const Compact: Story = { parameters: { viewport: { defaultViewport: 'mobile1' } } };
