// Baseline of the main-thread bench: plain Lit with the labels a scheduler needs, 50 instants (this morning from
// 08:00, every 15 minutes) formatted in the clinic's zone with `Intl.DateTimeFormat`: the time on the button and
// day, time and zone in its accessible name. What any time list pays for showing times right.
import { html, LitElement } from 'lit';

const ZONE = 'America/New_York';
const HOUR_MS = 3_600_000;

class BenchIntlList extends LitElement {
  protected override render() {
    const time = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: 'numeric', minute: '2-digit' });
    const label = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, dateStyle: 'full', timeStyle: 'short' });
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'short' });
    // The bench pins the page clock to 01:00 in New York: seven hours on is 08:00 there.
    const first = Math.ceil(Date.now() / HOUR_MS) * HOUR_MS + 7 * HOUR_MS;
    return html`<ul part="list">
      ${Array.from({ length: 50 }, (_, i) => {
        const at = new Date(first + i * 15 * 60_000);
        const zoneName = zone.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
        return html`<li><button type="button" part="item" aria-label=${`${label.format(at)} ${zoneName}`}>${time.format(at)} ${zoneName}</button></li>`;
      })}
    </ul>`;
  }
}
customElements.define('bench-intl-list', BenchIntlList);
