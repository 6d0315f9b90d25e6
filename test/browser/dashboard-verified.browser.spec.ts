import type { Page } from 'playwright-core';
import request from 'supertest';
import { AUTH, orderBody } from '../support/dashboard';
import { Browser, describeWithChromium, launchChromium, screenshotPath } from '../support/browser';
import { startTestApp, TEST_TOKEN, TestApp } from '../support/test-app';
import { TOKEN_ENV, widgetToken } from '../support/widget-token';

/**
 * With WIDGET_TOKEN_SECRETS set, the page leads with the verified figures and shows the totals
 * beside them. Seed: Alex (rate 0.10) has GG-1 (100.00, a verified CSAT 5) and GG-2 (50.00, an
 * unverified CSAT 1): verified 1 sale, 100.00, 10.00 of 2, 150.00, 15.00; CSAT verified 100.0 % of
 * 1, all 50.0 % of 2.
 */
describeWithChromium('the dashboard with widget tokens configured', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(TOKEN_ENV);
    const placedAt = new Date().toISOString();
    await request(t.http).put('/api/creators/ALEX10').set(AUTH).send({ name: 'Alex', commissionRate: '0.10' }).expect(201);
    await request(t.http).put('/api/orders/GG-1').set(AUTH).send(orderBody({ total: '100.00', creatorCode: 'ALEX10', placedAt })).expect(201);
    await request(t.http).put('/api/orders/GG-2').set(AUTH).send(orderBody({ total: '50.00', creatorCode: 'ALEX10', placedAt })).expect(201);
    await request(t.http).post('/api/support/csat').set('X-Widget-Token', await widgetToken({ sessionId: 'w_1', orders: ['GG-1'] }))
      .send({ sessionId: 'w_1', rating: 5, orderNumber: 'GG-1' }).expect(201);
    await request(t.http).post('/api/support/csat').send({ sessionId: 'w_2', rating: 1, orderNumber: 'GG-2' }).expect(201);
    await t.app.listen(0, '127.0.0.1');
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${await t.app.getUrl()}/dashboard`);
    await page.getByLabel('Dashboard API token').fill(TEST_TOKEN);
    await page.keyboard.press('Enter');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the verified creator figures as the headline, the totals beside them', async () => {
    const table = page.locator('#creators-table');
    await table.locator('tfoot tr').waitFor();
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['CREATOR', 'VERIFIED SALES (ALL)', 'VERIFIED REVENUE (ALL)', 'VERIFIED COMMISSION (ALL)']);
    expect(await table.locator('tfoot tr').locator('th, td').allInnerTexts()).toEqual(['Total', '1 (2)', '100.00 USD (150.00 USD)', '10.00 USD (15.00 USD)']);
    expect(await table.locator('tbody tr[data-creator="ALEX10"] [data-verified="commission"]').innerText()).toBe('10.00 USD');
  });

  it('shows the verified CSAT as the headline KPI, all responses beside it', async () => {
    await page.locator('#kpi-responses', { hasText: '(all: 2)' }).waitFor();
    expect(await page.locator('#kpi-csat-title').innerText()).toMatch(/verified csat/i);
    expect(await page.locator('#kpi-csat').innerText()).toBe('100.0 % (all: 50.0 %)');
    expect(await page.locator('#kpi-responses').innerText()).toBe('1 (all: 2)');
    await page.locator('section[aria-labelledby="creators-title"]').screenshot({ path: screenshotPath('dashboard-verified-creators') });
    expect(problems).toEqual([]);
  });
});
