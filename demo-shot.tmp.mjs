import { chromium } from 'playwright';
const [out, width = '1280', scheme = 'light', lang = 'en', patient = ''] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 1000 }, colorScheme: scheme });
page.on('pageerror', (e) => console.log('pageerror:', String(e).slice(0, 300)));
await page.goto(`http://127.0.0.1:5199/demo/my-health.html?lang=${lang}`);
await page.waitForTimeout(3000);
await page.locator('portal-sign-in button').first().click();
await page.waitForTimeout(3000);
const buttons = page.locator('button');
console.log('auth page buttons:', (await buttons.allTextContents()).join(' | ').slice(0, 400));
const pick = patient ? page.getByRole('button', { name: new RegExp(patient) }) : buttons.first();
await pick.first().click();
await page.waitForTimeout(6000);
const record = page.locator('vaccine-record');
if (process.env.CARD) {
  await record.locator('[part~="my-card"][part~="button"]').click();
  await page.waitForTimeout(4000);
  await record.locator('[part~="my-cards"]').screenshot({ path: out });
} else {
  await record.scrollIntoViewIfNeeded();
  await record.screenshot({ path: out });
}
await browser.close();
