/**
 * Registers a tag unless it already is. Two copies of portal-kit on one page (a CMS bundle and an app
 * build) would otherwise throw on the second `define`; instead the first wins and a warning says so.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(tag);
  if (existing === undefined) {
    registry.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(`portal-kit: <${tag}> is already defined by another copy of portal-kit; keeping the first one.`);
  }
}
