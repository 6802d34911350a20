import { ContextRoot } from '@lit/context';

const ROOT_KEY = Symbol.for('portal-kit.context-root');

type RootHolder = { [ROOT_KEY]?: ContextRoot };

/**
 * Attaches one ContextRoot to the document, shared by every copy of portal-kit. It remembers context
 * requests nobody answered yet and replays them when a provider appears, so a `<portal-provider>` defined
 * or attached after the elements (or a late `providePortal`) still reaches them.
 */
export function ensureContextRoot(doc: Document = document): void {
  const holder = doc as unknown as RootHolder;
  if (holder[ROOT_KEY]) return;
  const root = new ContextRoot();
  root.attach(doc.documentElement);
  holder[ROOT_KEY] = root;
}
