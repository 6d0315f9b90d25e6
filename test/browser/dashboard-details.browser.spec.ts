import type { Page } from 'playwright-core';
import request from 'supertest';
import { DEFAULT_BACKFILL_OPTIONS } from '../../src/legacy/backfill.service';
import { AUTH, orderBody } from '../support/dashboard';
import { Browser, describeWithChromium, launchChromium, pageValue, screenshotPath } from '../support/browser';
import { LegacyTest, runImport, startLegacyTest } from '../support/legacy';
import { startTestApp, TEST_TOKEN, TestApp } from '../support/test-app';

const usDay = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const dayText = (day: string) => usDay.format(new Date(day));

/**
 * A shop whose widget data all comes from the old app (the legacy fixture, imported and
 * backfilled: March 2024), plus two rows linked the ways the live widget links them. Nothing falls
 * in the dashboard's default window (the last 30 days).
 */
async function seed(t: TestApp, legacy: LegacyTest): Promise<void> {
  await runImport(legacy);
  await legacy.backfill.run(DEFAULT_BACKFILL_OPTIONS);
  const put = (path: string, body: object) => request(t.http).put(path).set(AUTH).send(body).expect(201);
  await put('/api/orders/GG-3001', orderBody({ total: '20.00', creatorCode: 'ALEX10', placedAt: '2024-03-07T09:00:00Z' }));
  const csat = (orderNumber: string, linkSource: string, createdAt: string) =>
    t.prisma.csatFeedback.create({
      data: { sessionId: `w_${linkSource}`, rating: 'great', score: 5, claimedOrderNumber: orderNumber, orderNumber, linkSource, linkedAt: new Date(createdAt), createdAt: new Date(createdAt) },
    });
  await csat('GG-3001', 'widget', '2024-03-07T09:30:00Z');
  await csat('GG-3001', 'order_sync', '2024-03-06T18:00:00Z');
}

describeWithChromium('dashboard details for a newcomer (order rows, link sources, empty windows)', () => {
  let t: TestApp;
  let legacy: LegacyTest;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    legacy = await startLegacyTest(t.databaseUrl);
    await seed(t, legacy);
    await t.app.listen(0, '127.0.0.1');
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${await t.app.getUrl()}/dashboard/`);
    await page.getByLabel('Dashboard API token').fill(TEST_TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#orders-table tbody tr').first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await legacy?.close();
    await t?.close();
  });

  const dialog = () => page.getByRole('dialog');
  const row = (orderNumber: string) => page.locator(`#orders-table tbody tr[data-order="${orderNumber}"]`);

  it('opens an order from a click anywhere on its row, and from the keyboard', async () => {
    await row('GG-1002').locator('td[data-label="Total"]').click();
    await page.getByRole('dialog', { name: 'Order GG-1002' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    // Focus is back on the row's own button: Tab order and screen readers reach each row through it.
    expect(await page.locator(':focus').textContent()).toBe('GG-1002');

    await row('GG-1003').locator('td[data-label="Customer"]').click();
    await page.getByRole('dialog', { name: 'Order GG-1003' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });

    await page.keyboard.press('Tab'); // from GG-1003's button to the next row's, GG-1002 (newest first)
    expect(await page.locator(':focus').textContent()).toBe('GG-1002');
    await page.keyboard.press('Space');
    await page.getByRole('dialog', { name: 'Order GG-1002' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
  });

  it('does not open an order when a click ends a text selection in its row', async () => {
    const email = row('GG-1004').locator('td[data-label="Customer"]');
    await email.selectText();
    await email.click({ modifiers: ['Shift'] });
    expect(await pageValue<string>(page, 'String(window.getSelection())')).not.toBe('');
    expect(await dialog().isHidden()).toBe(true);
  });

  it('says how each interaction was linked in words a merchant understands', async () => {
    const linkedBy = async (orderNumber: string) => {
      await row(orderNumber).locator('td[data-label="Status"]').click();
      const detail = page.getByRole('dialog', { name: `Order ${orderNumber}` });
      await detail.locator('.interaction').first().waitFor();
      const words = await detail.locator('.link-source').allInnerTexts();
      const titles = await detail.locator('.link-source').evaluateAll((spans) => spans.map((s) => s.getAttribute('title')));
      return { words: words.sort(), titles };
    };
    const gg1001 = await linkedBy('GG-1001');
    expect(gg1001.words).toEqual(['matched by email', 'matched by shop order id', 'matched by the order number given', 'same session']);
    expect(gg1001.titles).toContainEqual(expect.stringMatching(/\(linkSource: email\)$/));
    await page.screenshot({ path: screenshotPath('dashboard-link-sources') });
    await page.keyboard.press('Escape');

    expect((await linkedBy('GG-1003')).words).toEqual(['matched by analytics']);
    await page.keyboard.press('Escape');
    expect((await linkedBy('GG-3001')).words).toEqual(['linked by the widget', 'order arrived later']);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
  });

  it('explains an empty creators window and offers the range that holds the sales', async () => {
    const status = page.locator('#creators-status');
    await status.getByRole('button', { name: 'Show that range' }).waitFor();
    const from = await page.locator('#creators-from').inputValue();
    const to = await page.locator('#creators-to').inputValue();
    expect(await status.innerText()).toBe(
      `No widget-assisted sales in USD between ${dayText(from)} and ${dayText(to)}. Data exists from Mar 1, 2024 to Mar 7, 2024 — Show that range`,
    );
    await page.locator('section[aria-labelledby="creators-title"]').screenshot({ path: screenshotPath('dashboard-creators-empty-window') });

    await status.getByRole('button', { name: 'Show that range' }).click();
    await page.locator('#creators-table tbody tr[data-creator="ALEX10"]').waitFor();
    expect(await page.locator('#creators-from').inputValue()).toBe('2024-03-01');
    expect(await page.locator('#creators-to').inputValue()).toBe('2024-03-07');
    expect(await page.locator('#creators-table tfoot tr').locator('th, td').allInnerTexts()).toEqual(['Total', '2', '149.90 USD', '14.99 USD']);
    expect(await status.innerText()).toBe('In USD.');
  });

  it('explains an empty CSAT report window and offers the range that holds the responses', async () => {
    const status = page.locator('#report-status');
    await status.getByRole('button', { name: 'Show that range' }).waitFor();
    const from = await page.locator('#report-from').inputValue();
    const to = await page.locator('#report-to').inputValue();
    expect(await status.innerText()).toBe(
      `No CSAT responses between ${dayText(from)} and ${dayText(to)}. Data exists from Mar 1, 2024 to Mar 9, 2024 — Show that range`,
    );

    await status.getByRole('button', { name: 'Show that range' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#report-status', { hasText: 'CSAT counts the share' }).waitFor();
    const api = await request(t.http).get('/api/reports/csat?from=2024-03-01&to=2024-03-10').set(AUTH).expect(200);
    expect(api.body.responses).toBeGreaterThan(0);
    expect(await page.locator('#kpi-responses').innerText()).toBe(String(api.body.responses));
    expect(await page.locator('#trend svg rect').count()).toBe(9);
    await page.locator('section[aria-labelledby="report-title"]').screenshot({ path: screenshotPath('dashboard-report-data-range') });
  });

  it('says so, without a button, when a currency has no data at all', async () => {
    await page.locator('#report-currency').fill('gbp');
    await page.locator('#report-filters').getByRole('button', { name: 'Apply' }).click();
    await page.locator('#report-status', { hasText: 'No CSAT responses on GBP orders yet.' }).waitFor();
    expect(await page.locator('#report-status button').count()).toBe(0);
  });

  it('raised no script error and no Content-Security-Policy violation', () => {
    expect(problems).toEqual([]);
  });
});
