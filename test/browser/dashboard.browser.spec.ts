import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { AUTH, orderBody } from '../support/dashboard';
import { Browser, computedStyle, describeWithChromium, freezeBrowserDate, launchChromium, pageValue, screenshotPath } from '../support/browser';
import { freezeDate, TEST_NOW } from '../support/clock';
import { startTestApp, TEST_TOKEN, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// The service, the test and the browser all read TEST_NOW (test/support/clock.ts) as "now".
const daysAgo = (days: number) => new Date(TEST_NOW.getTime() - days * DAY_MS).toISOString();
const XSS_NOTE = '<img src=x onerror="window.__xss = true">Great fit';

/**
 * What the merchant must see, by hand:
 * - widget-assisted (✨): GG-1001, GG-1002, GG-1003, GG-1005 (cancelled) and GG-1006 (linked when it arrived);
 *   GG-1004 and the 30 imported orders have no widget interaction;
 * - CSAT chips: GG-1001 5 green, GG-1002 3 yellow, GG-1003 1 red (re-rated from 2), the others "—";
 * - creators (last 30 days, USD, not cancelled): Alex GG-1001 + GG-1003 + GG-1006 = 3 sales, 195.50,
 *   commission 12.00 + 4.55 + 3.00 = 19.55; Sam GG-1002 = 1 sale, 80.00, 4.00; total 4, 275.50, 23.55;
 * - CSAT report: counted 4, 5, 3, 1 (the re-rating replaces the 2), 5 (unlinked claim), 4:
 *   6 responses, 4 of them 4-5 → 66.7 %, average 22 / 6 → 3.67.
 */
async function seed(t: TestApp): Promise<void> {
  const api = () => request(t.http);
  const put = (path: string, body: object) => api().put(path).set(AUTH).send(body).expect(201);
  // Widget rows in the order written; each gets an explicit time afterwards, 1 ms apart and ending
  // 1 ms before now, so "newest first" and "today" are defined whatever the database's clock says.
  const written: (() => Promise<unknown>)[] = [];
  const at = (k: number) => new Date(TEST_NOW.getTime() - (written.length - k));
  const csat = async (sessionId: string, rating: string, orderNumber: string, notes?: string) => {
    const { body } = await api().post('/api/support/csat').send({ sessionId, rating, orderNumber, notes, intent: 'order_tracking' }).expect(201);
    const k = written.length;
    written.push(() => t.prisma.csatFeedback.update({ where: { id: body.id }, data: { createdAt: at(k) } }));
  };
  const subscribe = async (payload: object) => {
    const { body } = await api().post('/api/support/order-updates').send(payload).expect(201);
    const k = written.length;
    written.push(() => t.prisma.orderSubscription.update({ where: { id: body.id }, data: { subscribedAt: at(k), createdAt: at(k), updatedAt: at(k) } }));
  };
  const hold = async (payload: object) => {
    const { body } = await api().post('/api/support/capsule').send(payload).expect(201);
    const k = written.length;
    written.push(() =>
      t.prisma.capsuleHold.update({
        where: { reservationId: body.reservationId },
        data: { reservedAt: at(k), createdAt: at(k), expiresAt: new Date(at(k).getTime() + 48 * HOUR_MS) },
      }),
    );
  };

  await put('/api/creators/ALEX10', { name: 'Alex', commissionRate: '0.10' });
  await put('/api/creators/SAM5', { name: 'Sam', commissionRate: '0.05' });
  await put('/api/orders/GG-1001', orderBody({ total: '120.00', creatorCode: 'ALEX10', placedAt: daysAgo(1) }));
  await put('/api/orders/GG-1002', orderBody({ total: '80.00', creatorCode: 'SAM5', placedAt: daysAgo(2) }));
  await put('/api/orders/GG-1003', orderBody({ total: '45.50', creatorCode: 'ALEX10', status: 'fulfilled', placedAt: daysAgo(3) }));
  await put('/api/orders/GG-1004', orderBody({ total: '20.00', placedAt: daysAgo(4) }));
  await put('/api/orders/GG-1005', orderBody({ total: '60.00', creatorCode: 'SAM5', status: 'cancelled', placedAt: daysAgo(5) }));
  const filler = Array.from({ length: 30 }, (_, i) => ({ orderNumber: `GG-2${String(i).padStart(3, '0')}`, ...orderBody({ total: '10.00', placedAt: daysAgo(10 + i / 10) }) }));
  await api().post('/api/orders/import').set(AUTH).send({ orders: filler }).expect(200);

  // GG-1001: every kind of interaction, oldest to newest: CSAT 4 (with markup in its notes), subscription, capsule, CSAT 5.
  await csat('w_a', 'good', 'GG-1001', XSS_NOTE);
  await subscribe({ sessionId: 'w_a', orderNumber: 'GG-1001', email: 'ada@example.com', phone: '+1 555 012 3456', sms: true });
  const shortlist = [{ productId: 'p_1', title: 'Linen shirt', size: 'M', price: '59.00' }];
  await hold({ sessionId: 'w_a', customerEmail: 'ada@example.com', customerName: 'Ada', shortlist, orderNumber: 'GG-1001' });
  await csat('w_b', 'great', 'GG-1001');
  await csat('w_c', 'okay', 'GG-1002');
  await csat('w_d', 'bad', 'GG-1003');
  await csat('w_d', 'terrible', 'GG-1003'); // the same session re-rates
  await subscribe({ sessionId: 'w_e', orderNumber: 'GG-1005', email: 'bo@example.com' });
  await csat('w_f', 'great', 'GG-9999'); // an order this service never hears of
  await csat('w_g', 'good', 'GG-1006'); // before its order arrives: linked when it does
  await put('/api/orders/GG-1006', orderBody({ total: '30.00', creatorCode: 'ALEX10', placedAt: daysAgo(6) }));
  for (const stamp of written) await stamp();
}

describeWithChromium('the reference dashboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const problems: string[] = [];

  beforeAll(async () => {
    freezeDate(TEST_NOW);
    t = await startTestApp();
    await seed(t);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    browser = await launchChromium();
    await freezeBrowserDate(browser.context, TEST_NOW);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // A CSP violation or a script error is reported here; none may happen.
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    jest.useRealTimers();
  });

  const row = (orderNumber: string) => page.locator(`#orders-table tbody tr[data-order="${orderNumber}"]`);
  const rows = () => page.locator('#orders-table tbody tr');
  const background = (locator: Locator) => computedStyle(locator, 'background-color');
  const cellTexts = (locator: Locator) => locator.locator('th, td').allInnerTexts();

  it('serves the page publicly with a strict CSP, asks for the token and refuses a wrong one', async () => {
    const response = await page.goto(`${baseUrl}/dashboard`);
    expect(page.url()).toBe(`${baseUrl}/dashboard/`);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByLabel('Dashboard API token').isVisible()).resolves.toBe(true);

    await page.getByLabel('Dashboard API token').fill('wrong-token');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('The API refused this token').waitFor();
    expect(await page.locator('#dashboard').isHidden()).toBe(true);

    await page.getByLabel('Dashboard API token').fill(TEST_TOKEN);
    await page.keyboard.press('Enter');
    await rows().first().waitFor();
    expect(await pageValue(page, `sessionStorage.getItem('widget-insights.token')`)).toBe(TEST_TOKEN);
    // Problems so far are the two refused requests, reported by the browser as failed resources.
    expect(problems.every((p) => /status of 401/.test(p))).toBe(true);
    problems.length = 0;
  });

  it('keeps the token for the tab: a reload shows the dashboard without asking again', async () => {
    await page.reload();
    await rows().first().waitFor();
    expect(await page.locator('#token-form').isHidden()).toBe(true);
  });

  it('marks widget-assisted orders with ✨ and shows CSAT as coloured chips', async () => {
    await page.getByText('Showing 36 orders.').waitFor();
    for (const n of ['GG-1001', 'GG-1002', 'GG-1003', 'GG-1005', 'GG-1006']) {
      expect(await row(n).locator('.widget-badge').count()).toBe(1);
    }
    expect(await row('GG-1004').locator('.widget-badge').count()).toBe(0);
    expect(await page.locator('#orders-table .widget-badge').count()).toBe(5);

    const chip = (n: string) => row(n).locator('.chip');
    expect(await chip('GG-1001').getAttribute('class')).toContain('chip-positive');
    expect(await chip('GG-1001').innerText()).toBe('5');
    expect(await background(chip('GG-1001'))).toBe('rgb(220, 252, 231)'); // green
    expect(await background(chip('GG-1002'))).toBe('rgb(254, 243, 199)'); // yellow
    expect(await chip('GG-1002').innerText()).toBe('3');
    expect(await background(chip('GG-1003'))).toBe('rgb(254, 226, 226)'); // red
    expect(await chip('GG-1003').innerText()).toBe('1');
    expect(await chip('GG-1004').innerText()).toBe('—');
    expect(await chip('GG-1005').innerText()).toBe('—');

    expect(await row('GG-1001').locator('.icon-capsule').innerText()).toContain('active');
    expect(await row('GG-1001').locator('.icon-subscription').innerText()).toContain('email + SMS');
    expect(await row('GG-1005').locator('.icon-subscription').innerText()).toContain('email');
    expect(await row('GG-1004').locator('.icon-capsule, .icon-subscription').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('dashboard-all-orders'), fullPage: true });
  });

  it('filters like GET /api/orders and pages with the keyset cursor', async () => {
    await page.getByLabel('Widget', { exact: true }).selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).first().click();
    await page.getByText('Showing 5 orders.').waitFor();
    expect(await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-order')))).toEqual([
      'GG-1001', 'GG-1002', 'GG-1003', 'GG-1005', 'GG-1006',
    ]);
    // The whole page on one screen: badges, chips, creator totals, report (docs/dashboard.png is a copy).
    await page.screenshot({ path: screenshotPath('dashboard-desktop'), fullPage: true });

    await page.getByLabel('CSAT', { exact: true }).selectOption('negative');
    await page.getByRole('button', { name: 'Apply' }).first().click();
    await page.getByText('Showing 1 order.').waitFor();
    expect(await rows().count()).toBe(1);
    expect(await row('GG-1003').count()).toBe(1);

    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByText('Showing 36 orders.').waitFor();
    await page.getByLabel('Page size').selectOption('25');
    await page.getByRole('button', { name: 'Apply' }).first().click();
    await page.getByText('Showing 25 orders; more available.').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('Showing 36 orders.').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).isHidden()).toBe(true);
    const numbers = await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-order')));
    expect(new Set(numbers).size).toBe(36);
  });

  it('opens an order with the keyboard and lists every interaction newest first, API text as text', async () => {
    await row('GG-1001').getByRole('button', { name: 'GG-1001' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Order GG-1001' });
    await dialog.locator('.interaction').first().waitFor();
    expect(await dialog.locator('.interaction').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).toEqual([
      'csat', 'capsule', 'subscription', 'csat',
    ]);
    const items = dialog.locator('.interaction');
    expect(await items.nth(0).innerText()).toContain('great');
    expect(await items.nth(1).innerText()).toMatch(/Capsule hold, active[\s\S]*Linen shirt · size M · 59\.00/);
    expect(await items.nth(2).innerText()).toMatch(/Order updates by email \+ SMS[\s\S]*ada@example\.com, \+15550123456/);
    expect(await items.nth(3).locator('q').textContent()).toBe(XSS_NOTE);
    expect(await dialog.locator('img').count()).toBe(0);
    expect(await pageValue(page, 'window.__xss')).toBeUndefined();
    await page.screenshot({ path: screenshotPath('dashboard-order-detail'), fullPage: false });

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator(':focus').textContent()).toBe('GG-1001');
  });

  it("shows each creator's widget-assisted sales, revenue and commission exactly as the API sums them", async () => {
    const from = await page.locator('#creators-from').inputValue();
    const toInclusive = await page.locator('#creators-to').inputValue();
    const to = new Date(Date.parse(toInclusive) + DAY_MS).toISOString().slice(0, 10);
    const api = (await request(t.http).get('/api/creators/widget-stats').query({ from, to }).set(AUTH).expect(200)).body;
    expect(api).toMatchObject({ totalWidgetAssistedSales: 4, totalWidgetAssistedRevenue: '275.50', widgetAssistedCommission: '23.55' });

    const table = page.locator('#creators-table');
    await table.locator('tfoot tr').waitFor();
    for (const c of api.creatorBreakdown) {
      expect(await cellTexts(table.locator(`tr[data-creator="${c.code}"]`))).toEqual([
        `${c.name} (${c.code})`, String(c.widgetAssistedSales), `${c.widgetAssistedRevenue} USD`, `${c.widgetAssistedCommission} USD`,
      ]);
    }
    expect(await cellTexts(table.locator('tbody tr[data-creator="ALEX10"]'))).toEqual(['Alex (ALEX10)', '3', '195.50 USD', '19.55 USD']);
    expect(await cellTexts(table.locator('tfoot tr'))).toEqual(['Total', '4', '275.50 USD', '23.55 USD']);
  });

  it('shows the CSAT report: CSAT %, the 1-5 distribution and the daily trend', async () => {
    await page.locator('#kpi-responses', { hasText: '6' }).waitFor();
    expect(await page.locator('#kpi-csat').innerText()).toBe('66.7 %');
    expect(await page.locator('#kpi-average').innerText()).toBe('3.67');
    const counts = await page.locator('#distribution li').evaluateAll((lis) =>
      lis.map((li) => [li.getAttribute('data-score'), li.querySelector('.bar-count')!.firstChild!.textContent]),
    );
    expect(counts).toEqual([['5', '2'], ['4', '2'], ['3', '1'], ['2', '0'], ['1', '1']]);
    const widths = await page.locator('#distribution .bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('style')));
    expect(widths).toEqual(['width: 100%;', 'width: 100%;', 'width: 50%;', 'width: 0%;', 'width: 50%;']);

    const days = page.locator('#trend svg rect');
    expect(await days.count()).toBe(30);
    const today = TEST_NOW.toISOString().slice(0, 10);
    expect(await page.locator(`#trend rect[data-day="${today}"] title`).textContent()).toBe(`${today}: 66.7 % of 6`);
    expect(await page.locator('#trend rect.empty').count()).toBe(29);
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByText('Showing 36 orders.').waitFor();
    await page.locator('#kpi-responses', { hasText: '6' }).waitFor();
    expect(await pageValue<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // Each order is a card whose cells name their column (CSS generated content from data-label).
    const csatCell = row('GG-1001').locator('td[data-label="CSAT"]');
    expect(await computedStyle(csatCell, 'content', '::before')).toBe('"CSAT"');
    expect(await computedStyle(csatCell, 'display')).toBe('flex');
    await page.screenshot({ path: screenshotPath('dashboard-phone') });
    await page.locator('section[aria-labelledby="report-title"]').screenshot({ path: screenshotPath('dashboard-phone-report') });
  });

  it('raised no script error and no Content-Security-Policy violation', () => {
    expect(problems).toEqual([]);
  });
});
