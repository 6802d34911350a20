// The script-tag loader's logic, apart from the build-time table of chunks (src/portal-kit.ts) so it can be run
// against a test's own document, registry and importers.

export interface LoaderOptions<Tag extends string> {
  /** The tags to watch for, and the module that defines each. */
  importers: Readonly<Record<Tag, () => Promise<unknown>>>;
  /** The document to watch (its shadow roots are out of sight: `define()` covers those). */
  document: Document;
  registry: CustomElementRegistry;
  /** Where a load the observer started reports its failure, having nobody else to tell. */
  onError(tag: Tag, error: unknown): void;
}

export interface Loader {
  /**
   * Defines the given tags now, or every tag when none is named, and resolves once they are defined; an unknown
   * name is refused. For elements the observer cannot see: inside another component's shadow root, or created
   * with `document.createElement` and used before they are attached.
   */
  define(...tags: string[]): Promise<void>;
}

/** Defines each tag the first time it appears in `document` (already parsed, or added later), loading only its module. */
export function startLoader<Tag extends string>({ importers, document, registry, onError }: LoaderOptions<Tag>): Loader {
  const tags = Object.keys(importers) as Tag[];
  const known = new Set<string>(tags);
  const loading = new Map<Tag, Promise<void>>();

  const load = (tag: Tag): Promise<void> => {
    let done = loading.get(tag);
    if (done) return done;
    // Already defined (by an app's own copy of portal-kit, say): a second copy would only warn and cost bytes.
    done = registry.get(tag)
      ? Promise.resolve()
      : importers[tag]().then(
          () => undefined,
          (error: unknown) => {
            // Forget the failure (a dropped connection), so the next appearance or define() tries again.
            loading.delete(tag);
            throw error;
          },
        );
    loading.set(tag, done);
    return done;
  };

  const scan = (node: Element | Document): void => {
    const waiting = tags.filter((tag) => !loading.has(tag));
    if (waiting.length === 0) return;
    const found = node.querySelectorAll(waiting.join(','));
    const seen = node.nodeType === 1 && known.has((node as Element).localName) ? [node as Element, ...found] : found;
    for (const element of seen) {
      const tag = element.localName as Tag;
      load(tag).catch((error: unknown) => onError(tag, error));
    }
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) scan(node as Element);
    // Every tag defined: nothing left to watch for (a failed load keeps the observer, to try again).
    if (tags.every((tag) => registry.get(tag))) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
  scan(document);

  return {
    define(...names) {
      const unknown = names.filter((name) => !known.has(name));
      if (unknown.length) return Promise.reject(new TypeError(`portal-kit: no element <${unknown.join('>, <')}>; known: ${tags.join(', ')}`));
      return Promise.all((names.length ? (names as Tag[]) : tags).map(load)).then(() => undefined);
    },
  };
}
