// Reading and pressing inside an element's shadow root, shared by every element test.

/** The first match inside the element's shadow root. */
export function shadow<E extends Element = HTMLElement>(element: Element, selector: string): E | null {
  return element.shadowRoot!.querySelector<E>(selector);
}

/** Every match inside the element's shadow root. */
export function all<E extends Element = HTMLElement>(element: Element, selector: string): E[] {
  return [...element.shadowRoot!.querySelectorAll<E>(selector)];
}

/** Clicks the first match inside the shadow root (a pointer click, as a person's press would be). */
export function click(element: Element, selector: string): void {
  shadow(element, selector)!.click();
}

/** A node's text with every run of white space (narrow no-break spaces in times too) made one space, trimmed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** All text of the element's shadow root, white space made single. */
export function shadowText(element: Element): string {
  return textOf(element.shadowRoot);
}

/** What is on screen, part by part (the parts hold no white space between them), skipping the `base` wrapper. */
export function partsText(element: Element): string {
  return all(element, '[part]:not([part="base"])')
    .map((part) => part.textContent!.trim())
    .filter(Boolean)
    .join(' ');
}

/** The text of every shadow root under `root`, nested ones included: where patient data could hide on a page. */
export function deepShadowText(root: ParentNode): string {
  return [...root.querySelectorAll('*')].map((el) => (el.shadowRoot ? `${el.shadowRoot.textContent} ${deepShadowText(el.shadowRoot)}` : '')).join(' ');
}
