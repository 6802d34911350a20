/**
 * Registers a tag unless it already is. Two copies of portal-kit on one page (a CMS bundle and an app
 * build) would otherwise throw on the second `define`; instead the first wins and a warning says so, naming
 * both versions. A class may also be registered under a vendor's own tag besides its default one: the
 * registry takes a constructor once only, so the second tag gets an anonymous subclass of it.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(tag);
  if (existing === undefined) {
    registry.define(tag, registry.getName(ctor) === null ? ctor : class extends ctor {});
  } else if (existing !== ctor && Object.getPrototypeOf(existing) !== ctor) {
    const versions = [versionOf(existing), versionOf(ctor)].map((version) => version ?? 'unknown version');
    console.warn(`portal-kit: <${tag}> is already defined by another copy of portal-kit (${versions[0]}); keeping it and ignoring this one (${versions[1]}).`);
  }
}

function versionOf(ctor: CustomElementConstructor): string | undefined {
  const version = (ctor as { version?: unknown }).version;
  return typeof version === 'string' ? version : undefined;
}
