// @ts-check
/**
 * wtr plugin: a second person at the same time. `second-browser` opens a fresh browser context (its own
 * storage, cookies and session, like another computer) in the Chromium that runs the tests, and drives a page
 * in it with Playwright (whose selectors see into open shadow roots). Tests use it for races a single page
 * cannot stage honestly, such as two patients confirming the same time.
 *
 * Payload: { action: 'open', url } -> { id } · { action: 'click' | 'waitFor' | 'text' | 'count', id, selector }
 * · { action: 'press', id, key } · { action: 'fill', id, selector, text } (types into a field, firing its input
 * events) · { action: 'value', id, selector } -> { value } · { action: 'offline', id, offline } (the whole context's
 * network goes or returns, with the browser's offline and online events) · { action: 'call', id, name, arg } (a
 * function the page put on `window.portalTest`)
 * · { action: 'inspect', id } -> what the page keeps: storage, cookies, IndexedDB names, and every text and
 * attribute in the document and its shadow roots · { action: 'requests', id } -> every request the context made
 * (url, method, Authorization header, body) · { action: 'close', id }. Every context a test file opened is closed
 * when its session ends.
 */

/** @typedef {{ url: string, method: string, authorization: string | null, body: string | null }} SeenRequest */
/** @type {Map<string, { context: import('playwright').BrowserContext, page: import('playwright').Page, session: string, requests: SeenRequest[] }>} */
const opened = new Map();
let next = 0;

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function secondBrowserPlugin() {
  return {
    name: 'second-browser',
    async executeCommand({ command, payload, session }) {
      if (command !== 'second-browser') return undefined;
      const request = /** @type {{ action: string, id?: string, url?: string, selector?: string, timeout?: number, key?: string, text?: string, offline?: boolean, name?: string, arg?: unknown }} */ (payload);
      if (request.action === 'open') {
        const launcher = /** @type {{ getPage?: (id: string) => import('playwright').Page }} */ (/** @type {unknown} */ (session.browser));
        const testPage = launcher.getPage?.(session.id);
        const browser = testPage?.context().browser();
        if (!testPage || !browser || !request.url) throw new Error('second-browser needs the Playwright launcher and a url');
        const context = await browser.newContext();
        /** @type {SeenRequest[]} */
        const requests = [];
        context.on('request', (seen) => {
          requests.push({ url: seen.url(), method: seen.method(), authorization: seen.headers().authorization ?? null, body: seen.postData() });
        });
        const page = await context.newPage();
        await page.goto(new URL(request.url, testPage.url()).href);
        const id = `second-${++next}`;
        opened.set(id, { context, page, session: session.id, requests });
        return { id };
      }
      const entry = request.id ? opened.get(request.id) : undefined;
      if (!entry) throw new Error(`second-browser: no open context ${request.id}`);
      const timeout = request.timeout ?? 10_000;
      switch (request.action) {
        case 'click':
          await entry.page.locator(/** @type {string} */ (request.selector)).first().click({ timeout });
          return {};
        case 'waitFor':
          await entry.page.locator(/** @type {string} */ (request.selector)).first().waitFor({ timeout });
          return {};
        case 'count':
          return { count: await entry.page.locator(/** @type {string} */ (request.selector)).count() };
        case 'text':
          return { text: await entry.page.locator(/** @type {string} */ (request.selector)).first().textContent({ timeout }) };
        case 'press':
          await entry.page.keyboard.press(/** @type {string} */ (request.key));
          return {};
        case 'fill':
          await entry.page.locator(/** @type {string} */ (request.selector)).first().fill(request.text ?? '', { timeout });
          return {};
        case 'value':
          return { value: await entry.page.locator(/** @type {string} */ (request.selector)).first().inputValue({ timeout }) };
        case 'offline':
          await entry.context.setOffline(Boolean(request.offline));
          return {};
        case 'call':
          return {
            result: await entry.page.evaluate(
              ([name, arg]) => /** @type {any} */ (window).portalTest[/** @type {string} */ (name)](arg),
              [request.name, request.arg],
            ),
          };
        case 'inspect':
          return { ...(await entry.page.evaluate(inspectPage)), cookies: await entry.context.cookies() };
        case 'requests':
          return { requests: entry.requests };
        case 'close':
          opened.delete(request.id ?? '');
          await entry.context.close();
          return {};
        default:
          throw new Error(`second-browser: unknown action ${request.action}`);
      }
    },
    async serverStop() {
      await Promise.all([...opened.values()].map((entry) => entry.context.close().catch(() => undefined)));
      opened.clear();
    },
  };
}

/** Runs in the page: everything it keeps where a token or patient data could hide. */
async function inspectPage() {
  /** @param {Storage} storage */
  const entries = (storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)]));
  /** @type {string[]} */
  const texts = [];
  /** @param {Document | ShadowRoot} root */
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.attributes) texts.push(attr.value);
      if (el.shadowRoot) {
        texts.push(el.shadowRoot.textContent ?? '');
        walk(el.shadowRoot);
      }
    }
  };
  texts.push(document.documentElement.textContent ?? '');
  walk(document);
  const databases = indexedDB.databases ? (await indexedDB.databases()).map((db) => db.name) : [];
  return { url: location.href, sessionStorage: entries(sessionStorage), localStorage: entries(localStorage), databases, text: texts.join('\n') };
}
