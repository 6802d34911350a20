import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { FakeClock } from '../../support/fake-clock.js';
import { shadow, textOf } from '../../support/dom.js';
import { quietPeriod } from '../../support/wait.js';
import { PortalIdleWarning } from '../../../src/elements/portal-provider/idle-warning.js';

PortalIdleWarning.define();

interface Mounted {
  element: PortalIdleWarning;
  clock: FakeClock;
  events: Event[];
  outside: HTMLButtonElement;
}

async function mount(options: { lang?: string; remainingMs?: number | null } = {}): Promise<Mounted> {
  const clock = new FakeClock();
  const events: Event[] = [];
  const remaining = options.remainingMs === undefined ? 120_000 : options.remainingMs;
  const page = await fixture<HTMLElement>(html`<div>
    <button class="outside" type="button">Something on the page</button>
    <portal-idle-warning lang=${options.lang ?? 'en'} .clock=${clock} .deadline=${remaining === null ? undefined : clock.now() + remaining}></portal-idle-warning>
  </div>`);
  const element = page.querySelector('portal-idle-warning')!;
  const outside = page.querySelector<HTMLButtonElement>('.outside')!;
  for (const type of ['portal-idle-stay', 'portal-idle-sign-out']) {
    element.addEventListener(type, (event) => events.push(event));
    // Nothing should reach the page: these are the provider's business.
    page.addEventListener(type, () => events.push(new Event(`leaked:${type}`)));
  }
  await element.updateComplete;
  return { element, clock, events, outside };
}

async function open(mounted: Mounted): Promise<HTMLDialogElement> {
  mounted.outside.focus();
  mounted.element.open = true;
  await mounted.element.updateComplete;
  return dialogOf(mounted.element);
}

const dialogOf = (element: PortalIdleWarning) => shadow<HTMLDialogElement>(element, 'dialog')!;
const part = (element: PortalIdleWarning, name: string) => shadow(element, `[part~="${name}"]`)!;
const types = (events: Event[]) => events.map((event) => event.type);

describe('<portal-idle-warning>', () => {
  it('stays closed until open, then shows as a modal dialog with focus on "Stay signed in"', async () => {
    const mounted = await mount();
    expect(dialogOf(mounted.element).open).to.equal(false);
    const dialog = await open(mounted);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal'), 'modal').to.equal(true);
    expect(mounted.element.shadowRoot!.activeElement).to.equal(part(mounted.element, 'stay'));
    expect(part(mounted.element, 'title').textContent).to.equal('Are you still there?');
    expect(dialog.getAttribute('aria-labelledby')).to.equal(part(mounted.element, 'title').id);
    expect(dialog.getAttribute('aria-describedby')).to.equal(part(mounted.element, 'text').id);
    expect(part(mounted.element, 'sign-out').textContent).to.equal('Sign out now');
  });

  it('is accessible while open', async () => {
    const mounted = await mount();
    await open(mounted);
    await expect(mounted.element).to.be.accessible();
  });

  it('counts any keystroke on the dialog as "stay" (once per opening), without letting it bubble out', async () => {
    const mounted = await mount();
    const dialog = await open(mounted);
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'b', bubbles: true, composed: true }));
    expect(types(mounted.events)).to.deep.equal(['portal-idle-stay']);
    expect(mounted.events[0].bubbles || mounted.events[0].composed).to.equal(false);
  });

  it('a real key press (space, on the focused "stay") fires idle-stay', async () => {
    const mounted = await mount();
    await open(mounted);
    await sendKeys({ press: 'x' });
    expect(types(mounted.events)).to.deep.equal(['portal-idle-stay']);
  });

  it('Escape means stay: the event fires and the dialog is not left closed behind the host’s back', async () => {
    const mounted = await mount();
    const dialog = await open(mounted);
    await sendKeys({ press: 'Escape' });
    await mounted.element.updateComplete;
    expect(types(mounted.events)).to.deep.equal(['portal-idle-stay']);
    expect(dialog.open, 'still open until the host closes it').to.equal(true);
    // Browsers may close a dialog on a repeated Escape regardless; then `open` follows and no second answer is sent.
    await sendKeys({ press: 'Escape' });
    await quietPeriod(50);
    await mounted.element.updateComplete;
    expect(mounted.element.open).to.equal(dialog.open);
    expect(types(mounted.events)).to.deep.equal(['portal-idle-stay']);
  });

  it('Tab reaches "Sign out now" without counting as stay, and Enter there signs out', async () => {
    const mounted = await mount();
    await open(mounted);
    await sendKeys({ press: 'Tab' });
    expect(mounted.element.shadowRoot!.activeElement).to.equal(part(mounted.element, 'sign-out'));
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Tab' });
    expect(types(mounted.events), 'moving between buttons is no answer').to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    expect(types(mounted.events)).to.deep.equal(['portal-idle-sign-out']);
  });

  it('"Sign out now" fires idle-sign-out (once, however often it is clicked)', async () => {
    const mounted = await mount();
    await open(mounted);
    part(mounted.element, 'sign-out').click();
    part(mounted.element, 'sign-out').click();
    expect(types(mounted.events)).to.deep.equal(['portal-idle-sign-out']);
  });

  it('"Stay signed in" fires idle-stay', async () => {
    const mounted = await mount();
    await open(mounted);
    part(mounted.element, 'stay').click();
    expect(types(mounted.events)).to.deep.equal(['portal-idle-stay']);
  });

  it('counts down each second from the clock, and speaks politely only at one minute and thirty seconds', async () => {
    const mounted = await mount();
    await open(mounted);
    const text = () => textOf(part(mounted.element, 'text'));
    const status = () => mounted.element.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
    expect(text()).to.equal('For your privacy you will be signed out in 2:00.');
    expect(status()).to.equal('');
    mounted.clock.advance(1000);
    await mounted.element.updateComplete;
    expect(text()).to.contain('1:59');
    expect(status()).to.equal('');
    mounted.clock.advance(58_000);
    await mounted.element.updateComplete;
    expect(text()).to.contain('1:01');
    expect(status()).to.equal('');
    mounted.clock.advance(1000);
    await mounted.element.updateComplete;
    expect(text()).to.contain('1:00');
    expect(status()).to.equal('For your privacy you will be signed out in 1 minute.');
    mounted.clock.advance(20_000);
    await mounted.element.updateComplete;
    expect(text()).to.contain('0:40');
    expect(status(), 'no per-second chatter').to.equal('For your privacy you will be signed out in 1 minute.');
    mounted.clock.advance(10_000);
    await mounted.element.updateComplete;
    expect(status()).to.equal('For your privacy you will be signed out in 30 seconds.');
    mounted.clock.advance(60_000);
    await mounted.element.updateComplete;
    expect(text()).to.contain('0:00');
  });

  it('without a deadline says "soon" and runs no countdown', async () => {
    const mounted = await mount({ remainingMs: null });
    await open(mounted);
    expect(part(mounted.element, 'text').textContent).to.equal('For your privacy you will be signed out soon.');
  });

  it('closing (open = false) closes the dialog and returns focus where it was; reopening asks again', async () => {
    const mounted = await mount();
    const dialog = await open(mounted);
    part(mounted.element, 'stay').click();
    mounted.element.open = false;
    await mounted.element.updateComplete;
    expect(dialog.open).to.equal(false);
    expect(document.activeElement).to.equal(mounted.outside);
    await open(mounted);
    part(mounted.element, 'stay').click();
    expect(types(mounted.events)).to.deep.equal(['portal-idle-stay', 'portal-idle-stay']);
  });

  it('fits a 320 px screen, with targets of at least 24 px', async () => {
    const before = { width: window.innerWidth, height: window.innerHeight };
    await setViewport({ width: 320, height: 568 });
    try {
      const mounted = await mount({ lang: 'es' });
      const dialog = await open(mounted);
      const box = dialog.getBoundingClientRect();
      expect(box.left).to.be.at.least(0);
      expect(box.right).to.be.at.most(320);
      expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
      for (const name of ['stay', 'sign-out']) {
        const rect = part(mounted.element, name).getBoundingClientRect();
        expect(Math.min(rect.width, rect.height), name).to.be.at.least(24);
        expect(rect.right, name).to.be.at.most(box.right);
      }
    } finally {
      await setViewport(before);
    }
  });

  it('speaks Spanish', async () => {
    const mounted = await mount({ lang: 'es', remainingMs: 61_000 });
    await open(mounted);
    expect(part(mounted.element, 'title').textContent).to.equal('¿Sigue ahí?');
    expect(part(mounted.element, 'stay').textContent).to.equal('Mantener la sesión');
    expect(part(mounted.element, 'sign-out').textContent).to.equal('Cerrar sesión ahora');
    expect(part(mounted.element, 'text').textContent!.replace(/\s+/g, ' ')).to.equal('Por su privacidad, cerraremos su sesión en 1:01.');
    mounted.clock.advance(1000);
    await mounted.element.updateComplete;
    expect(mounted.element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Por su privacidad, cerraremos su sesión en 1 minuto.');
    await expect(mounted.element).to.be.accessible();
  });
});
