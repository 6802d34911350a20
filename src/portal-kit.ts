/// <reference types="vite/client" />
// dist/portal-kit.js, the file a page names in `<script type="module" src=".../portal-kit.js">`: a small loader
// that defines each portal-kit tag the first time it appears in the document, fetching only that element's code.
// The element chunks sit beside this file and are imported by relative URL, so the folder can be served from any
// CDN path. A `<portal-provider>` is loaded like any other tag, when it appears: a page that wires its elements
// with `providePortal` (from dist/portal-kit-api.js, same folder, same chunks) has no provider tag and needs none.
import { startLoader } from './loader.js';
import { ELEMENT_TAGS, type ElementTag } from './portal-kit-elements.js';

// One lazily imported module per element folder, found at build time; ELEMENT_TAGS says which the loader offers.
const DEFINES = import.meta.glob('./elements/*/define.ts');

const loader = startLoader({
  importers: Object.fromEntries(ELEMENT_TAGS.map((tag) => [tag, DEFINES[`./elements/${tag}/define.ts`]])) as Record<ElementTag, () => Promise<unknown>>,
  document,
  registry: customElements,
  onError: (tag, error) => console.error(`portal-kit: could not load <${tag}>`, error),
});

/**
 * Defines the given tags now, or every tag when none is named, and resolves once they are defined. The loader
 * watches the document only: call this for elements it cannot see, those inside another component's shadow
 * root, or created with `document.createElement` and used before they are attached.
 */
export function define(...tags: string[]): Promise<void> {
  return loader.define(...tags);
}
