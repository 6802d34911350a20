/// <reference types="vite/client" />
// dist/portal-kit.js, the file a page names in `<script type="module" src=".../portal-kit.js">`: a small loader
// that defines each portal-kit tag the first time it appears in the document, fetching only that element's code.
// The element chunks sit beside this file and are imported by relative URL, so the folder can be served from any
// CDN path. A `<portal-provider>` is loaded like any other tag, when it appears: a page that wires its elements
// with `providePortal` (from dist/portal-kit-api.js, same folder, same chunks) has no provider tag and needs none.
import { ELEMENT_TAGS, type ElementTag } from './portal-kit-elements.js';

// One lazily imported module per element folder; ELEMENT_TAGS says which of them the loader offers.
const DEFINES = import.meta.glob('./elements/*/define.ts');
const KNOWN = new Set<string>(ELEMENT_TAGS);
const loading = new Map<string, Promise<void>>();

function load(tag: ElementTag): Promise<void> {
  let done = loading.get(tag);
  if (done) return done;
  // Already defined (by an app's own copy of portal-kit, say): a second copy would only warn and cost bytes.
  if (customElements.get(tag)) done = Promise.resolve();
  else {
    const importer = DEFINES[`./elements/${tag}/define.ts`];
    done = importer().then(
      () => undefined,
      (error: unknown) => {
        // Forget the failure (a dropped connection), so the next appearance or define() tries again.
        loading.delete(tag);
        throw error;
      },
    );
  }
  loading.set(tag, done);
  return done;
}

/** What the observer loads on its own has nobody to hand an error to but the console. */
function loadSeen(tag: ElementTag): void {
  load(tag).catch((error: unknown) => console.error(`portal-kit: could not load <${tag}>`, error));
}

function scan(node: Element | Document): void {
  const waiting = ELEMENT_TAGS.filter((tag) => !loading.has(tag));
  if (waiting.length === 0) return;
  if (node instanceof Element && KNOWN.has(node.localName)) loadSeen(node.localName as ElementTag);
  for (const found of node.querySelectorAll(waiting.join(','))) loadSeen(found.localName as ElementTag);
}

// Parsed already (a module script runs after parsing, unless async) and whatever is added later.
const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
  // Every tag defined: nothing left to watch for (a failed load keeps the observer, to try again).
  if (ELEMENT_TAGS.every((tag) => customElements.get(tag))) observer.disconnect();
});
observer.observe(document, { childList: true, subtree: true });
scan(document);

/**
 * Defines the given tags now, or every tag when none is named, and resolves once they are defined. The loader
 * watches the document only: call this for elements it cannot see, those inside another component's shadow
 * root, or created with `document.createElement` and used before they are attached.
 */
export function define(...tags: string[]): Promise<void> {
  const unknown = tags.filter((tag) => !KNOWN.has(tag));
  if (unknown.length) return Promise.reject(new TypeError(`portal-kit: no element <${unknown.join('>, <')}>; known: ${ELEMENT_TAGS.join(', ')}`));
  return Promise.all((tags.length ? (tags as ElementTag[]) : ELEMENT_TAGS).map(load)).then(() => undefined);
}
