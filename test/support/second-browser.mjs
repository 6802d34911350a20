// @ts-check
/**
 * wtr plugin: a second person at the same time. `second-browser` opens a fresh browser context (its own
 * storage, cookies and session, like another computer) in the Chromium that runs the tests, and drives a page
 * in it with Playwright (whose selectors see into open shadow roots). Tests use it for races a single page
 * cannot stage honestly, such as two patients confirming the same time.
 *
 * Payload: { action: 'open', url } -> { id } · { action: 'click' | 'waitFor' | 'text' | 'count', id, selector }
 * · { action: 'close', id }. Every context a test file opened is closed when its session ends.
 */

/** @type {Map<string, { context: import('playwright').BrowserContext, page: import('playwright').Page, session: string }>} */
const opened = new Map();
let next = 0;

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function secondBrowserPlugin() {
  return {
    name: 'second-browser',
    async executeCommand({ command, payload, session }) {
      if (command !== 'second-browser') return undefined;
      const request = /** @type {{ action: string, id?: string, url?: string, selector?: string, timeout?: number }} */ (payload);
      if (request.action === 'open') {
        const launcher = /** @type {{ getPage?: (id: string) => import('playwright').Page }} */ (/** @type {unknown} */ (session.browser));
        const testPage = launcher.getPage?.(session.id);
        const browser = testPage?.context().browser();
        if (!testPage || !browser || !request.url) throw new Error('second-browser needs the Playwright launcher and a url');
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(new URL(request.url, testPage.url()).href);
        const id = `second-${++next}`;
        opened.set(id, { context, page, session: session.id });
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
