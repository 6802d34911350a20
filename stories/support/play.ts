/**
 * Helpers for story `play` functions that walk an element into a state a person reaches by clicking (a
 * confirmation, an open question): wait for a part inside the element's shadow root, then press it.
 */

const TIMEOUT_MS = 8000;

/** The first element matching `selector` in `host`'s shadow root (and passing `accept`), once it renders. */
export async function shadowPart(host: Element, selector: string, accept: (found: HTMLElement) => boolean = () => true): Promise<HTMLElement> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const found = [...(host.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])].find(accept);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Story setup: ${selector} never rendered`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function pressPart(host: Element, selector: string, accept?: (found: HTMLElement) => boolean): Promise<void> {
  (await shadowPart(host, selector, accept)).click();
}

/** The story's element, once defined and in the canvas. */
export async function storyElement(canvas: HTMLElement, tag: string): Promise<HTMLElement> {
  await customElements.whenDefined(tag);
  const element = canvas.querySelector<HTMLElement>(tag);
  if (!element) throw new Error(`Story setup: no <${tag}> in the story`);
  return element;
}
