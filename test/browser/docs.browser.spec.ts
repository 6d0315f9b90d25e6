import type { AddressInfo } from 'node:net';
import { Browser, describeWithChromium, launchChromium } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

describeWithChromium('the API docs in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders Swagger UI under its Content-Security-Policy, with no blocked resource', async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const response = await page.goto(`http://127.0.0.1:${port}/docs`);
    expect(response?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    // The operations come from /docs/json, fetched and rendered by the UI's own script.
    await page.locator('.opblock-summary-path', { hasText: '/api/support/csat' }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(5);
    expect(problems).toEqual([]);
    await page.close();
  });
});
