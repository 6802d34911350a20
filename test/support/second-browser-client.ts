// The test-side handle on test/support/second-browser.mjs: a page in a fresh browser context (another computer),
// driven through Playwright's selectors, which see into open shadow roots.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createTenant, deleteTenant, type Tenant } from './fhir-tenant.js';

export interface Page {
  id: string;
}
export interface Inspection {
  url: string;
  sessionStorage: Record<string, string>;
  localStorage: Record<string, string>;
  databases: string[];
  cookies: Array<{ name: string; value: string }>;
  text: string;
}
export interface SeenRequest {
  url: string;
  method: string;
  authorization: string | null;
  body: string | null;
}

const command = (payload: Record<string, unknown>) => executeServerCommand('second-browser', payload);
const TIMEOUT = 20_000;

export const browser = {
  open: async (url: string) => (await command({ action: 'open', url })) as Page,
  click: (page: Page, selector: string) => command({ action: 'click', id: page.id, selector, timeout: TIMEOUT }),
  waitFor: (page: Page, selector: string) => command({ action: 'waitFor', id: page.id, selector, timeout: TIMEOUT }),
  fill: (page: Page, selector: string, text: string) => command({ action: 'fill', id: page.id, selector, text, timeout: TIMEOUT }),
  value: async (page: Page, selector: string) => ((await command({ action: 'value', id: page.id, selector, timeout: TIMEOUT })) as { value: string }).value,
  text: async (page: Page, selector: string) => ((await command({ action: 'text', id: page.id, selector, timeout: TIMEOUT })) as { text: string }).text,
  count: async (page: Page, selector: string) => ((await command({ action: 'count', id: page.id, selector })) as { count: number }).count,
  offline: (page: Page, offline: boolean) => command({ action: 'offline', id: page.id, offline }),
  call: (page: Page, name: string, arg: unknown) => command({ action: 'call', id: page.id, name, arg }),
  inspect: async (page: Page) => (await command({ action: 'inspect', id: page.id })) as Inspection,
  requests: async (page: Page) => ((await command({ action: 'requests', id: page.id })) as { requests: SeenRequest[] }).requests,
  close: (page: Page) => command({ action: 'close', id: page.id }),
};

/**
 * Signs in through the real pages as the demo patient named `patientName` (picked on the authorization server's
 * patient page, no password) and returns the newest access token the page's FHIR requests carried.
 */
export async function signIn(page: Page, patientName: string): Promise<string> {
  await browser.click(page, 'portal-sign-in [part~="sign-in"]');
  await browser.click(page, `button:has-text("${patientName}")`);
  await browser.waitFor(page, 'portal-sign-in [part~="name"]');
  const bearer = [...(await browser.requests(page))].reverse().find((r) => r.authorization?.startsWith('Bearer '))?.authorization;
  expect(bearer, 'a FHIR request carried a token').to.be.a('string');
  return bearer!.slice('Bearer '.length);
}

/**
 * For a `describe` block: a SMART-enabled demo tenant seeded for the hospital's today, made before its tests and
 * deleted after them with every page they opened. `tenant()` is the tenant; `open(url)` opens and remembers a page.
 */
export function smartDemoTenant(): { tenant(): Tenant; open(url: string): Promise<Page> } {
  const hospitalToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  let tenant: Tenant | undefined;
  const pages: Page[] = [];
  before(async () => {
    tenant = await createTenant({ options: { demoSeed: hospitalToday(), smart: true } } as Parameters<typeof createTenant>[0]);
  });
  after(async () => {
    await Promise.all(pages.map((page) => browser.close(page)));
    if (tenant) await deleteTenant(tenant);
  });
  return {
    tenant: () => tenant!,
    open: async (url) => {
      const page = await browser.open(url);
      pages.push(page);
      return page;
    },
  };
}
