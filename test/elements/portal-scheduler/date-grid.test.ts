import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { LocalizeController } from '../../../src/controllers/localize.js';
import { loadLocale } from '../../../src/i18n/index.js';
import { schedulerStrings, type SchedulerKey } from '../../../src/elements/portal-scheduler/strings.js';
import { hostStyles } from '../../../src/styles/tokens.js';
import { DateGridController, type DateGridOptions } from '../../../src/elements/portal-scheduler/date-grid-controller.js';
import { dateGridStyles, renderDateGrid } from '../../../src/elements/portal-scheduler/date-grid.js';
import { all, shadow } from '../../support/dom.js';

/** A stand-in for `<portal-scheduler>`: hosts the grid and its live region, records callbacks. */
class DateGridTestHost extends LitElement {
  static override styles = [
    hostStyles,
    dateGridStyles,
    css`
      :host {
        width: 320px;
      }
    `,
  ];

  options: Partial<DateGridOptions> = {};
  readonly l10n = new LocalizeController<SchedulerKey>(this, { element: this, strings: schedulerStrings });
  readonly selections: string[] = [];
  readonly months: string[] = [];
  grid!: DateGridController;

  override connectedCallback(): void {
    super.connectedCallback();
    this.grid ??= new DateGridController(this, {
      l10n: this.l10n,
      today: '2026-11-05',
      root: () => this.renderRoot,
      onSelect: (day) => this.selections.push(day),
      onMonthChange: (month) => this.months.push(month),
      ...this.options,
    });
  }

  protected override render() {
    return html`${renderDateGrid(this.grid, { id: 'test' })}
      <p class="visually-hidden" role="status">${this.grid.announcement}</p>`;
  }
}
customElements.define('date-grid-test-host', DateGridTestHost);

/** Booking horizon Nov 5, 2026 (today) to Feb 10, 2027, with a few free days and Nov 10 selected. */
const BOOKING: Partial<DateGridOptions> = {
  min: '2026-11-05',
  max: '2027-02-10',
  available: ['2026-11-06', '2026-11-10', '2026-11-30', '2026-12-01', '2027-01-04'],
  selected: '2026-11-10',
};

async function mount(options: Partial<DateGridOptions> = BOOKING, lang = 'en'): Promise<DateGridTestHost> {
  return fixture<DateGridTestHost>(html`<date-grid-test-host lang=${lang} .options=${options}></date-grid-test-host>`);
}

const cell = (host: DateGridTestHost, day: string) => shadow(host, `[data-day="${day}"]`)!;
const heading = (host: DateGridTestHost) => shadow(host, '[part~="calendar-heading"]')!.textContent!.trim();
const [previous, next] = [0, 1].map((index) => (host: DateGridTestHost) => all(host, '[part~="calendar-nav"]')[index] as HTMLButtonElement);

/** The one day with tabindex=0, after checking there is exactly one and that it holds DOM focus when expected. */
function rovingDay(host: DateGridTestHost, { focused = true } = {}): string {
  const tabbable = all(host, '[data-day][tabindex="0"]');
  expect(tabbable, 'exactly one tabbable day').to.have.length(1);
  expect(all(host, '[data-day]').every((day) => day.getAttribute('tabindex') === (day === tabbable[0] ? '0' : '-1'))).to.equal(true);
  if (focused) expect(host.shadowRoot!.activeElement, 'focus follows the tabbable day').to.equal(tabbable[0]);
  return tabbable[0].dataset.day!;
}

async function press(host: DateGridTestHost, key: string): Promise<string> {
  await sendKeys({ press: key });
  await host.updateComplete;
  return rovingDay(host);
}

async function startAt(host: DateGridTestHost, day: string): Promise<void> {
  host.grid.focusDay(day);
  await host.updateComplete;
  expect(rovingDay(host)).to.equal(day);
}

describe('date grid', () => {
  // The bare test host is no PortalElement, so it does not wait for a language to load by itself.
  before(() => Promise.all([loadLocale('es'), schedulerStrings.load('es')]));

  it('renders the month as a labelled grid with Sunday-first weekday headers and one tabbable day', async () => {
    const host = await mount();
    expect(heading(host)).to.equal('November 2026');
    const grid = shadow(host, 'table')!;
    expect(grid.getAttribute('role')).to.equal('grid');
    expect(grid.getAttribute('aria-labelledby')).to.equal('test-heading');
    expect(shadow(host, '#test-heading')!.getAttribute('role')).to.equal('heading');
    const headers = all(host, 'th');
    expect(headers.map((th) => th.getAttribute('abbr'))).to.deep.equal(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
    expect(headers[0].innerText.trim()).to.equal('Sun');
    expect(all(host, '[data-day]')).to.have.length(30);
    expect(all(host, 'tbody tr')[0].querySelector<HTMLElement>('[data-day]')!.dataset.day).to.equal('2026-11-01');
    // Focus starts on the selected day; nothing is focused until the person tabs in.
    expect(rovingDay(host, { focused: false })).to.equal('2026-11-10');
  });

  it('heads the columns with one letter when the grid is too narrow for short names, and keeps the full name', async () => {
    const host = await mount(BOOKING, 'es');
    const visible = () => all(host, 'th').map((th) => th.innerText.trim());
    expect(visible()).to.deep.equal(['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom']);
    host.style.width = '200px';
    expect(visible()).to.deep.equal(['L', 'M', 'X', 'J', 'V', 'S', 'D']);
    expect(all(host, 'th')[2].getAttribute('abbr')).to.equal('miércoles');
  });

  it('names each day with its full date, today and whether it has free times', async () => {
    const host = await mount();
    expect(cell(host, '2026-11-06').getAttribute('aria-label')).to.equal('Friday, November 6, 2026, free times available');
    expect(cell(host, '2026-11-05').getAttribute('aria-label')).to.equal('Thursday, November 5, 2026, today, no free times');
    expect(cell(host, '2026-11-04').getAttribute('aria-label')).to.equal('Wednesday, November 4, 2026, outside the booking period');
    expect(all(host, '[aria-current]').map((day) => [day.dataset.day, day.getAttribute('aria-current')])).to.deep.equal([['2026-11-05', 'date']]);
    expect(all(host, '[aria-selected]').map((day) => [day.dataset.day, day.getAttribute('aria-selected')])).to.deep.equal([['2026-11-10', 'true']]);
    // Days without free times and days outside the horizon are disabled but stay in the grid.
    expect(cell(host, '2026-11-06').hasAttribute('aria-disabled')).to.equal(false);
    expect(cell(host, '2026-11-11').getAttribute('aria-disabled')).to.equal('true');
    expect(cell(host, '2026-11-04').getAttribute('aria-disabled')).to.equal('true');
    expect(cell(host, '2026-11-06').getAttribute('part')).to.equal('day day-available');
    expect(cell(host, '2026-11-10').getAttribute('part')).to.equal('day day-available day-selected');
    expect(cell(host, '2026-11-05').getAttribute('part')).to.equal('day day-today day-disabled');
  });

  it('moves by day and week with the arrows and to the week ends with Home/End, focus following', async () => {
    const host = await mount();
    await startAt(host, '2026-11-10');
    expect(await press(host, 'ArrowRight')).to.equal('2026-11-11');
    expect(await press(host, 'ArrowLeft')).to.equal('2026-11-10');
    expect(await press(host, 'ArrowDown')).to.equal('2026-11-17');
    expect(await press(host, 'ArrowUp')).to.equal('2026-11-10');
    expect(await press(host, 'Home')).to.equal('2026-11-08');
    expect(await press(host, 'End')).to.equal('2026-11-14');
    // Disabled days are still focusable for navigation (APG).
    expect(cell(host, '2026-11-14').getAttribute('aria-disabled')).to.equal('true');
    expect(host.months).to.deep.equal([]);
    expect(host.grid.announcement).to.equal('');
  });

  it('changes and announces the month when focus crosses a month boundary', async () => {
    const host = await mount();
    await startAt(host, '2026-11-30');
    expect(await press(host, 'ArrowRight')).to.equal('2026-12-01');
    expect(heading(host)).to.equal('December 2026');
    expect(host.grid.announcement).to.equal('December 2026');
    expect(shadow(host, '[role="status"]')!.textContent).to.equal('December 2026');
    expect(await press(host, 'ArrowUp')).to.equal('2026-11-24');
    expect(heading(host)).to.equal('November 2026');
    expect(shadow(host, '[role="status"]')!.textContent).to.equal('November 2026');
    expect(host.months).to.deep.equal(['2026-12', '2026-11']);
  });

  it('pages by month with PageUp/PageDown and by year with Shift, clamping to the month end', async () => {
    const host = await mount({ available: [] });
    await startAt(host, '2027-01-31');
    expect(await press(host, 'PageDown')).to.equal('2027-02-28');
    expect(heading(host)).to.equal('February 2027');
    expect(await press(host, 'PageUp')).to.equal('2027-01-28');
    await startAt(host, '2028-02-29');
    expect(await press(host, 'Shift+PageDown')).to.equal('2029-02-28');
    expect(await press(host, 'Shift+PageUp')).to.equal('2028-02-28');
    expect(host.grid.announcement).to.equal('February 2028');
    expect(await press(host, 'Shift+PageUp')).to.equal('2027-02-28');
  });

  it('cannot move before the first or past the last bookable day', async () => {
    const host = await mount();
    await startAt(host, '2026-11-05');
    expect(await press(host, 'ArrowLeft')).to.equal('2026-11-05');
    expect(await press(host, 'ArrowUp')).to.equal('2026-11-05');
    expect(await press(host, 'Home')).to.equal('2026-11-05');
    expect(await press(host, 'PageUp')).to.equal('2026-11-05');
    expect(await press(host, 'Shift+PageUp')).to.equal('2026-11-05');
    expect(previous(host).getAttribute('aria-disabled')).to.equal('true');
    expect(next(host).hasAttribute('aria-disabled')).to.equal(false);
    // Clicking a day before the horizon does nothing.
    cell(host, '2026-11-02').click();
    await host.updateComplete;
    expect(rovingDay(host, { focused: false })).to.equal('2026-11-05');

    await startAt(host, '2027-02-08');
    expect(await press(host, 'ArrowDown')).to.equal('2027-02-10');
    expect(await press(host, 'End')).to.equal('2027-02-10');
    expect(await press(host, 'Shift+PageDown')).to.equal('2027-02-10');
    expect(next(host).getAttribute('aria-disabled')).to.equal('true');
    next(host).click();
    await host.updateComplete;
    expect(heading(host)).to.equal('February 2027');
    expect(cell(host, '2027-02-11').getAttribute('aria-label')).to.contain('outside the booking period');
  });

  it('moves the month with the previous/next buttons, keeping focus on the button', async () => {
    const host = await mount();
    next(host).focus();
    await sendKeys({ press: 'Enter' });
    await host.updateComplete;
    expect(heading(host)).to.equal('December 2026');
    expect(host.grid.announcement).to.equal('December 2026');
    expect(host.shadowRoot!.activeElement).to.equal(next(host));
    expect(rovingDay(host, { focused: false })).to.equal('2026-12-10');
    expect(next(host).getAttribute('aria-label')).to.equal('Next month');
    expect(previous(host).getAttribute('aria-label')).to.equal('Previous month');
    previous(host).click();
    await host.updateComplete;
    expect(heading(host)).to.equal('November 2026');
    expect(host.months).to.deep.equal(['2026-12', '2026-11']);
  });

  it('lets a person choose a day the search did not reach, and says its times are not checked yet', async () => {
    const host = await mount({ ...BOOKING, uncheckedFrom: '2026-11-20' });
    expect(cell(host, '2026-11-24').getAttribute('aria-label')).to.equal('Tuesday, November 24, 2026, free times not checked yet, choose to see them');
    expect(cell(host, '2026-11-24').getAttribute('part')).to.contain('day-unchecked');
    // Days before the cut are known: without free times they stay closed.
    expect(cell(host, '2026-11-19').getAttribute('aria-disabled')).to.equal('true');
    // A known free day past the cut is simply available.
    expect(cell(host, '2026-11-30').getAttribute('part')).not.to.contain('day-unchecked');
    await startAt(host, '2026-11-24');
    await press(host, 'Enter');
    cell(host, '2026-11-19').click();
    await host.updateComplete;
    expect(host.selections).to.deep.equal(['2026-11-24']);
    host.grid.configure({ uncheckedFrom: undefined });
    await host.updateComplete;
    expect(cell(host, '2026-11-24').getAttribute('aria-disabled')).to.equal('true');
  });

  it('selects an available day with Enter, Space or a click, and never a day without free times', async () => {
    const host = await mount();
    await startAt(host, '2026-11-06');
    await press(host, 'Enter');
    expect(host.selections).to.deep.equal(['2026-11-06']);
    expect(all(host, '[aria-selected="true"]').map((day) => day.dataset.day)).to.deep.equal(['2026-11-06']);

    await startAt(host, '2026-11-30');
    await press(host, ' ');
    expect(host.selections).to.deep.equal(['2026-11-06', '2026-11-30']);

    await startAt(host, '2026-11-11');
    await press(host, 'Enter');
    await press(host, ' ');
    cell(host, '2026-11-12').click();
    await host.updateComplete;
    expect(host.selections).to.deep.equal(['2026-11-06', '2026-11-30']);
    expect(host.grid.selected).to.equal('2026-11-30');
    // A click on a day without free times still moves the roving focus there.
    expect(rovingDay(host)).to.equal('2026-11-12');

    cell(host, '2026-11-10').click();
    await host.updateComplete;
    expect(host.selections).to.deep.equal(['2026-11-06', '2026-11-30', '2026-11-10']);
    expect(host.grid.select('2026-11-04')).to.equal(false);
  });

  it('takes new availability and bounds from configure(), keeping focus inside the bounds', async () => {
    const host = await mount();
    expect(host.grid.isSelectable('2026-11-11')).to.equal(false);
    host.grid.configure({ available: ['2026-11-11'], min: '2026-11-12' });
    await host.updateComplete;
    expect(host.grid.isSelectable('2026-11-11')).to.equal(false);
    expect(rovingDay(host, { focused: false })).to.equal('2026-11-12');
    host.grid.configure({ min: undefined, selected: undefined });
    await host.updateComplete;
    expect(cell(host, '2026-11-11').getAttribute('part')).to.equal('day day-available');
    expect(all(host, '[aria-selected]')).to.have.length(0);
  });

  it('speaks Spanish with Monday-first weeks', async () => {
    const host = await mount(BOOKING, 'es');
    expect(heading(host)).to.equal('noviembre de 2026');
    expect(all(host, 'th').map((th) => th.getAttribute('abbr'))).to.deep.equal(['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo']);
    expect(all(host, 'tbody tr')[0].querySelectorAll('td')[6].dataset.day).to.equal('2026-11-01');
    expect(previous(host).getAttribute('aria-label')).to.equal('Mes anterior');
    expect(next(host).getAttribute('aria-label')).to.equal('Mes siguiente');
    expect(cell(host, '2026-11-06').getAttribute('aria-label')).to.equal('viernes, 6 de noviembre de 2026, hay horarios disponibles');
    expect(cell(host, '2026-11-05').getAttribute('aria-label')).to.equal('jueves, 5 de noviembre de 2026, hoy, sin horarios disponibles');
    await startAt(host, '2026-11-10');
    expect(await press(host, 'Home')).to.equal('2026-11-09');
    expect(await press(host, 'End')).to.equal('2026-11-15');
    await startAt(host, '2026-11-30');
    await press(host, 'ArrowRight');
    expect(host.grid.announcement).to.equal('diciembre de 2026');
  });

  it('swaps ArrowLeft and ArrowRight in right-to-left pages', async () => {
    const host = await mount();
    host.setAttribute('dir', 'rtl');
    await startAt(host, '2026-11-10');
    expect(await press(host, 'ArrowLeft')).to.equal('2026-11-11');
    expect(await press(host, 'ArrowRight')).to.equal('2026-11-10');
  });

  it('has no axe violations with selected, available, today and disabled days (en and es)', async () => {
    const host = await mount();
    await expect(host).to.be.accessible();
    await expect(await mount(BOOKING, 'es')).to.be.accessible();
  });

  it('keeps every target at least 24×24 px and fits 320 px without horizontal scroll', async () => {
    for (const lang of ['en', 'es']) {
      const host = await mount(BOOKING, lang);
      const targets = [...all(host, '[data-day]'), ...all(host, '[part~="calendar-nav"]')];
      expect(targets).to.have.length(32);
      for (const target of targets) {
        const { width, height } = target.getBoundingClientRect();
        expect(Math.min(width, height), `${lang} ${target.dataset.day ?? target.getAttribute('aria-label')}`).to.be.at.least(24);
      }
      const calendar = shadow(host, '[part~="calendar"]')!;
      expect(calendar.getBoundingClientRect().width).to.be.at.most(320);
      expect(calendar.scrollWidth).to.be.at.most(calendar.clientWidth);
    }
  });

  it('marks free days with a dot and bold text, not colour alone', async () => {
    const host = await mount();
    const marker = (day: string) => getComputedStyle(cell(host, day).querySelector('.day-marker')!);
    expect(marker('2026-11-06').borderTopColor).to.equal(getComputedStyle(cell(host, '2026-11-06')).color);
    expect(parseFloat(marker('2026-11-06').borderTopWidth)).to.be.at.least(2);
    expect(marker('2026-11-11').visibility).to.equal('hidden');
    expect(marker('2026-11-06').visibility).to.equal('visible');
    expect(Number(getComputedStyle(cell(host, '2026-11-06')).fontWeight)).to.be.at.least(700);
    expect(Number(getComputedStyle(cell(host, '2026-11-11')).fontWeight)).to.be.below(600);
  });

  it('keeps the free-day dot and the selection visible in forced-colors mode', async () => {
    await emulateMedia({ forcedColors: 'active' });
    try {
      const host = await mount();
      const style = (day: string, selector?: string) => {
        const target = selector ? cell(host, day).querySelector(selector)! : cell(host, day);
        return getComputedStyle(target);
      };
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      for (const day of ['2026-11-06', '2026-11-10']) {
        const marker = style(day, '.day-marker');
        expect(marker.borderTopColor, day).to.not.equal('rgba(0, 0, 0, 0)');
        expect(marker.borderTopColor, day).to.equal(style(day).color);
        expect(marker.borderTopColor, day).to.not.equal(style(day).backgroundColor);
      }
      // The selected day is painted with the system Highlight pair (otherwise it would be plain Canvas).
      const probe = document.body.appendChild(document.createElement('div'));
      probe.style.backgroundColor = 'Highlight';
      probe.style.color = 'HighlightText';
      const highlight = { backgroundColor: getComputedStyle(probe).backgroundColor, color: getComputedStyle(probe).color };
      probe.remove();
      expect([style('2026-11-10').backgroundColor, style('2026-11-10').color]).to.deep.equal([highlight.backgroundColor, highlight.color]);
      expect(style('2026-11-06').backgroundColor).to.not.equal(highlight.backgroundColor);
      expect(style('2026-11-11', '.day-marker').visibility).to.equal('hidden');
      expect(style('2026-11-06', '.day-marker').visibility).to.equal('visible');
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
  });
});
