import { expect, html, waitUntil } from '@open-wc/testing';
import { PENDING_CHOICE_KEY } from '../../../src/elements/portal-scheduler/pending-choice-controller.js';
import type { PortalScheduler } from '../../../src/elements/portal-scheduler/portal-scheduler.js';
import { LOCATION_IDS } from '../../../src/api/memory/seed/directory.js';
import { mount } from '../../contract/element-contract.js';
import { all, click, shadow } from '../../support/dom.js';

const subject = { tag: 'portal-scheduler', template: () => html`<portal-scheduler></portal-scheduler>`, readySelector: '[part~="slot"]', loadOperation: 'scheduling.listServices' };

async function mountWith(template: ReturnType<typeof html>) {
  const mounted = await mount<PortalScheduler>({ ...subject, template: () => template }, { memory: { bookingMode: 'rest' } });
  await waitUntil(() => shadow(mounted.element, '[part~="slot"]'), 'no times shown', { timeout: 4000 });
  return mounted;
}

const filter = (element: Element, label: string) =>
  all(element, '[part~="filters"] label').find((l) => l.querySelector('.filter-label')!.textContent === label)?.querySelector('select');

function pick(select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

const where = (element: Element) => all(element, '[part~="slot"] .where').map((w) => w.textContent!.trim());

async function bookFirstTime(element: PortalScheduler) {
  click(element, '[part~="slot"]');
  await waitUntil(() => shadow(element, '[part~="confirm"]'), 'no review');
  click(element, '[part~="confirm"]');
  await waitUntil(() => shadow(element, '[part~="confirmation"]'), 'never confirmed');
}

const row = (element: Element, scope: string, label: string) =>
  all(element, `${scope} dt`).find((dt) => dt.textContent === label)?.nextElementSibling as HTMLElement | undefined;

describe('<portal-scheduler> video visits', () => {
  afterEach(() => sessionStorage.removeItem(PENDING_CHOICE_KEY));

  it('offers "In person / Video" when both exist, and shows only the kind asked for, named as a video visit', async () => {
    const { element } = await mountWith(html`<portal-scheduler service="svc-primary-care"></portal-scheduler>`);
    const how = filter(element, 'How')!;
    expect([...how.options].map((o) => o.textContent!.trim())).to.deep.equal(['In person or video', 'In person', 'Video visit']);
    pick(how, 'video');
    await waitUntil(() => where(element).length > 0 && where(element).every((w) => w.endsWith('Video visit')), 'video times never alone');
    const places = [...filter(element, 'Where')!.options].map((o) => o.value);
    expect(places).to.deep.equal(['', LOCATION_IDS.video]);
    const button = shadow(element, '[part~="slot"]')!;
    expect(button.querySelector('.visually-hidden')!.textContent).to.contain('Video visit');
    pick(how, 'in-person');
    await waitUntil(() => where(element).length > 0 && where(element).every((w) => !w.includes('Video visit')), 'in-person times never alone');
    await expect(element).to.be.accessible();
  });

  it('offers no "In person / Video" for a service nobody gives by video', async () => {
    const { element } = await mountWith(html`<portal-scheduler service="svc-flu"></portal-scheduler>`);
    expect(filter(element, 'How')).to.equal(undefined);
  });

  it('confirms a video visit with how it is joined, the link from the configured minutes before, and the link in the calendar file', async () => {
    // From the start itself: every time offered is still ahead, so the link is not open yet.
    const { element } = await mountWith(html`<portal-scheduler location=${LOCATION_IDS.video} video-join-minutes="0"></portal-scheduler>`);
    expect(filter(element, 'How'), 'no mode choice with the place fixed').to.equal(undefined);
    await bookFirstTime(element);
    expect(row(element, '[part~="confirmation"]', 'Where')!.textContent).to.contain('Video visit');
    // Hours ahead of the visit: when the link opens, not the link.
    const join = row(element, '[part~="confirmation"]', 'Join')!;
    expect(join.textContent).to.match(/The link to join opens at \d{1,2}:\d{2}\s?[AP]M E[SD]T\./);
    expect(join.querySelector('a')).to.equal(null);
    const ics = decodeURIComponent(shadow(element, '[part~="calendar-file"]')!.getAttribute('href')!);
    expect(ics).to.contain('URL:https://video.riverside.example/rooms/primary-care').and.to.contain('LOCATION:Video visit');
    await expect(element).to.be.accessible();
  });

  it('shows the join link at the moment its window opens, on a confirmation left open', async () => {
    const { element } = await mountWith(html`<portal-scheduler location=${LOCATION_IDS.video} video-join-minutes="0"></portal-scheduler>`);
    await bookFirstTime(element);
    const join = () => row(element, '[part~="confirmation"]', 'Join')!;
    expect(join().querySelector('a')).to.equal(null);
    // The host moves the window so that it opens in a second and a half: the page redraws itself then.
    // The visit's start as the calendar file gives it (DTSTART:20261201T222000Z).
    const ics = decodeURIComponent(shadow(element, '[part~="calendar-file"]')!.getAttribute('href')!);
    const [, y, mo, d, h, mi] = /DTSTART:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}Z/.exec(ics)!;
    const start = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    element.videoJoinMinutes = (start - Date.now() - 1_500) / 60_000;
    await element.updateComplete;
    expect(join().querySelector('a'), 'not yet').to.equal(null);
    await waitUntil(() => join().querySelector('a'), 'the link never appeared', { timeout: 4000 });
    expect(join().querySelector('a')!.getAttribute('href')).to.equal('https://video.riverside.example/rooms/primary-care');
  });

  it('offers the join link, opening in a new tab, once the window opens (here: a week ahead)', async () => {
    const { element } = await mountWith(html`<portal-scheduler location=${LOCATION_IDS.video} video-join-minutes="10080"></portal-scheduler>`);
    await bookFirstTime(element);
    const link = row(element, '[part~="confirmation"]', 'Join')!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://video.riverside.example/rooms/primary-care');
    expect([link.target, link.rel]).to.deep.equal(['_blank', 'noopener noreferrer']);
    expect(link.textContent!.trim()).to.equal('Join the video visit');
    // And in the patient's list of appointments.
    all(element, '[part~="view"]').find((b) => b.textContent!.includes('Your appointments'))!.click();
    await waitUntil(() => all(element, '[part~="appointment"]').length > 0, 'list never shown', { timeout: 4000 });
    const video = all(element, '[part~="appointment"]').find((li) => li.textContent!.includes('Video visit'))!;
    expect(video.querySelector<HTMLAnchorElement>('[part~="join-video"]')!.href).to.equal('https://video.riverside.example/rooms/primary-care');
    await expect(element).to.be.accessible();
  });
});
