// Baseline of the main-thread bench: plain Lit, no context, no data layer, 50 buttons with fixed labels.
import { html, LitElement } from 'lit';

class BenchPlainList extends LitElement {
  protected override render() {
    return html`<ul part="list">
      ${Array.from({ length: 50 }, (_, i) => html`<li><button type="button" part="item">Slot ${i + 1}</button></li>`)}
    </ul>`;
  }
}
customElements.define('bench-plain-list', BenchPlainList);
