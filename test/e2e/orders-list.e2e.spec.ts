import request from 'supertest';
import { AUTH, countStatements, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

type Row = { orderNumber: string; placedAt: string; widgetData: Record<string, unknown> };

const at = (iso: string) => new Date(iso);

describe('GET /api/orders: rows and filters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await request(t.http).put('/api/creators/ALEX10').set(AUTH).send({ name: 'Alex', commissionRate: '0.10' }).expect(201);
  });
  afterAll(() => t.close());

  const list = (query = '') => request(t.http).get(`/api/orders${query}`).set(AUTH);
  const numbers = (res: { body: { data: Row[] } }) => res.body.data.map((o) => o.orderNumber);
  const order = (orderNumber: string, overrides: Record<string, unknown> = {}) =>
    request(t.http).put(`/api/orders/${orderNumber}`).set(AUTH).send(orderBody(overrides)).expect(201);
  const csat = async (orderNumber: string, rating: number | string, createdAt: string, notes?: string) => {
    const res = await request(t.http).post('/api/support/csat').send({ sessionId: 's', rating, notes, orderNumber }).expect(201);
    await t.prisma.csatFeedback.update({ where: { id: res.body.id }, data: { createdAt: at(createdAt) } });
  };
  const hold = async (orderNumber: string, reservedAt: string) => {
    const res = await request(t.http)
      .post('/api/support/capsule')
      .send({ sessionId: 's', customerEmail: 'c@example.com', shortlist: [{ productId: 'p' }], orderNumber })
      .expect(201);
    await t.prisma.capsuleHold.update({ where: { reservationId: res.body.reservationId }, data: { reservedAt: at(reservedAt) } });
    return res.body.reservationId as string;
  };
  const subscribe = async (orderNumber: string, contact: object, subscribedAt: string) => {
    const res = await request(t.http).post('/api/support/order-updates').send({ sessionId: 's', orderNumber, ...contact }).expect(201);
    await t.prisma.orderSubscription.update({ where: { id: res.body.id }, data: { subscribedAt: at(subscribedAt) } });
    return `${res.body.id}?token=${res.body.manageToken}`;
  };

  beforeAll(async () => {
    // One order with every kind of widget data, several of each: the latest (active) one is shown.
    await order('GG-W', { placedAt: '2026-11-20T10:00:00.000Z', creatorCode: 'ALEX10' });
    await csat('GG-W', 'terrible', '2026-11-20T11:00:00.000Z');
    await csat('GG-W', 'great', '2026-11-20T12:00:00.000Z', 'Super helpful!');
    await hold('GG-W', '2026-11-20T09:00:00.000Z');
    await hold('GG-W', '2026-11-20T09:30:00.000Z');
    await subscribe('GG-W', { email: 'a@example.com' }, '2026-11-20T10:10:00.000Z');
    const cancelled = await subscribe('GG-W', { phone: '+1 555 012 3456', sms: true }, '2026-11-20T10:20:00.000Z');
    await request(t.http).delete(`/api/support/order-updates/${cancelled}`).expect(200);

    // A data set for the filters, all placed between 11-10 and 11-16.
    await order('F-POS', { placedAt: '2026-11-10T00:00:00.000Z', creatorCode: 'ALEX10' });
    await csat('F-POS', 'bad', '2026-11-10T01:00:00.000Z');
    await csat('F-POS', 'good', '2026-11-10T02:00:00.000Z');
    await order('F-NEU', { placedAt: '2026-11-11T00:00:00.000Z' });
    await csat('F-NEU', 'okay', '2026-11-11T01:00:00.000Z');
    await order('F-NEG', { placedAt: '2026-11-12T00:00:00.000Z' });
    await csat('F-NEG', 'great', '2026-11-12T01:00:00.000Z');
    await csat('F-NEG', 'bad', '2026-11-12T02:00:00.000Z');
    await order('F-HOLD', { placedAt: '2026-11-13T00:00:00.000Z' });
    const expired = await hold('F-HOLD', '2026-11-13T01:00:00.000Z');
    await t.prisma.capsuleHold.update({ where: { reservationId: expired }, data: { expiresAt: at('2026-11-15T00:00:00.000Z') } });
    await order('F-NONE', { placedAt: '2026-11-14T00:00:00.000Z', creatorCode: 'ALEX10' });
    await order('F-UNSUBSCRIBED', { placedAt: '2026-11-15T00:00:00.000Z' });
    const gone = await subscribe('F-UNSUBSCRIBED', { email: 'b@example.com' }, '2026-11-15T01:00:00.000Z');
    await request(t.http).delete(`/api/support/order-updates/${gone}`).expect(200);
  });

  it('shows each order with its creator and latest widget data, newest first', async () => {
    const res = await list().expect(200);
    expect(numbers(res)).toEqual(['GG-W', 'F-UNSUBSCRIBED', 'F-NONE', 'F-HOLD', 'F-NEG', 'F-NEU', 'F-POS']);
    expect(res.body.nextCursor).toBeNull();
    const [full] = res.body.data;
    expect(full).toEqual({
      orderNumber: 'GG-W',
      customerEmail: 'user@example.com',
      total: '129.90',
      currency: 'USD',
      status: 'paid',
      placedAt: '2026-11-20T10:00:00.000Z',
      creator: { code: 'ALEX10', name: 'Alex' },
      widgetData: {
        hasWidgetInteraction: true,
        csatRating: 5,
        csatLabel: 'great',
        csatSentiment: 'positive',
        csatNotes: 'Super helpful!',
        csatTimestamp: '2026-11-20T12:00:00.000Z',
        capsule: { reservationId: expect.any(String), status: 'active', expiresAt: expect.any(String) },
        subscription: { email: true, sms: false, subscribedAt: '2026-11-20T10:10:00.000Z' },
      },
    });
    const latestHold = await t.prisma.capsuleHold.findFirstOrThrow({ where: { orderNumber: 'GG-W' }, orderBy: { reservedAt: 'desc' } });
    expect(full.widgetData.capsule.reservationId).toBe(latestHold.reservationId);
  });

  it('derives an expired hold, and counts an unsubscribed subscription as an interaction', async () => {
    const res = await list().expect(200);
    const byNumber = new Map(res.body.data.map((o: Row) => [o.orderNumber, o]));
    expect((byNumber.get('F-HOLD') as Row).widgetData).toMatchObject({ hasWidgetInteraction: true, csatRating: null, capsule: { status: 'expired', expiresAt: '2026-11-15T00:00:00.000Z' } });
    expect((byNumber.get('F-UNSUBSCRIBED') as Row).widgetData).toMatchObject({ hasWidgetInteraction: true, subscription: null });
    expect(byNumber.get('F-NONE')).toMatchObject({ creator: { code: 'ALEX10', name: 'Alex' }, widgetData: { hasWidgetInteraction: false, capsule: null, subscription: null } });
    expect(byNumber.get('F-NEU')).toMatchObject({ creator: null, widgetData: { csatRating: 3, csatLabel: 'okay', csatSentiment: 'neutral' } });
  });

  it.each([
    ['hasWidgetInteraction=true', ['F-UNSUBSCRIBED', 'F-HOLD', 'F-NEG', 'F-NEU', 'F-POS']],
    ['hasWidgetInteraction=false', ['F-NONE']],
    ['csat=positive', ['F-POS']],
    ['csat=neutral', ['F-NEU']],
    ['csat=negative', ['F-NEG']],
    ['creatorCode=alex10', ['F-NONE', 'F-POS']],
    ['creatorCode=NOBODY', []],
    ['csat=positive&creatorCode=ALEX10&hasWidgetInteraction=true', ['F-POS']],
  ])('filters %s (within a window)', async (filter, expected) => {
    const res = await list(`?from=2026-11-10&to=2026-11-16&${filter}`).expect(200);
    expect(numbers(res)).toEqual(expected);
  });

  it('filters on placedAt in [from, to)', async () => {
    expect(numbers(await list('?from=2026-11-12T00:00:00.000Z&to=2026-11-14T00:00:00Z').expect(200))).toEqual(['F-HOLD', 'F-NEG']);
    expect(numbers(await list('?from=2026-11-15T00:00:00.001Z').expect(200))).toEqual(['GG-W']);
    expect(numbers(await list('?to=2026-11-11T00:00:00.001Z').expect(200))).toEqual(['F-NEU', 'F-POS']);
  });

  it('pages with limit and an opaque cursor', async () => {
    const first = await list('?limit=4').expect(200);
    expect(numbers(first)).toEqual(['GG-W', 'F-UNSUBSCRIBED', 'F-NONE', 'F-HOLD']);
    expect(first.body.nextCursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));
    const second = await list(`?limit=4&cursor=${first.body.nextCursor}`).expect(200);
    expect(numbers(second)).toEqual(['F-NEG', 'F-NEU', 'F-POS']);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['csat=great', 'csat'],
    ['hasWidgetInteraction=yes', 'hasWidgetInteraction'],
    ['creatorCode=bad%20code!', 'creatorCode'],
    ['from=yesterday', 'from'],
    ['to=2026-11-01T10:00:00', 'to'],
    ['from=2026-12-01&to=2026-11-01', 'to'],
    ['cursor=not-a-cursor', 'cursor'],
    ['cursor=%25%25%25', 'cursor'],
    [`cursor=${Buffer.from('{"p":"2026-11-20T10:00:00.000Z"}').toString('base64url')}`, 'cursor'],
    [`cursor=${Buffer.from('{"p":"soon","o":"GG-W"}').toString('base64url')}`, 'cursor'],
    [`cursor=${Buffer.from('{"p":"2026-11-20T10:00:00.000Z","o":"bad number!"}').toString('base64url')}`, 'cursor'],
    [`cursor=${'A'.repeat(600)}`, 'cursor'],
    // Forged cursors and dates outside what the database stores were 500 (SQLSTATE 22008).
    [`cursor=${Buffer.from('{"p":"0000-01-01T00:00:00.000Z","o":"GG-W"}').toString('base64url')}`, 'cursor'],
    [`cursor=${Buffer.from('{"p":"2026-02-30T10:00:00.000Z","o":"GG-W"}').toString('base64url')}`, 'cursor'],
    // An offset that moves the instant past 9999-12-31 UTC (year 10000 was read as a valid window).
    ['to=9999-12-31T23:00:00-05:00', 'to'],
    ['from=9999-12-31T23:30:00-01:00', 'from'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const res = await list(`?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('GET /api/orders: keyset paging', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const importOrders = (orders: { orderNumber: string; placedAt: string }[]) =>
    request(t.http)
      .post('/api/orders/import')
      .set(AUTH)
      .send({ orders: orders.map((o) => ({ ...orderBody({ placedAt: o.placedAt }), orderNumber: o.orderNumber })) })
      .expect(200);
  // Orders come in pairs sharing a placedAt: the order number breaks the tie.
  const placedAt = (i: number) => new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 2) * 60_000).toISOString();

  it('neither skips nor repeats rows while orders are inserted between pages', async () => {
    const original = Array.from({ length: 45 }, (_, i) => ({ orderNumber: `K-${String(i).padStart(3, '0')}-5`, placedAt: placedAt(i) }));
    await importOrders(original);

    const seen: Row[] = [];
    const expectedLater: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const res: request.Response = await request(t.http).get(`/api/orders?limit=10${cursor ? `&cursor=${cursor}` : ''}`).set(AUTH).expect(200);
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
      if (!cursor) break;
      // Between pages, orders before the cursor (newer, or tied with a greater number) must not
      // show up later; orders after it (older, or tied with a smaller number) must, once each.
      const last: Row = res.body.data[res.body.data.length - 1];
      const before = [{ orderNumber: `NEW-${seen.length}`, placedAt: '2027-01-01T00:00:00.000Z' }];
      const after = [{ orderNumber: `OLD-${seen.length}`, placedAt: new Date(Date.UTC(2026, 9, 1) - seen.length * 60_000).toISOString() }];
      if (last.orderNumber.startsWith('K-')) {
        const base = last.orderNumber.slice(0, -1); // "K-035-5" → "K-035-"
        before.push({ orderNumber: `${base}9`, placedAt: last.placedAt });
        after.push({ orderNumber: `${base}0`, placedAt: last.placedAt });
      }
      await importOrders([...before, ...after]);
      expectedLater.push(...after.map((o) => o.orderNumber));
    }

    const seenNumbers = seen.map((o) => o.orderNumber);
    expect(new Set(seenNumbers).size).toBe(seenNumbers.length);
    expect(seenNumbers.filter((n) => n.startsWith('NEW-') || n.endsWith('-9'))).toEqual([]);
    expect([...seenNumbers].sort()).toEqual([...original.map((o) => o.orderNumber), ...expectedLater].sort());
    // Strictly descending by (placedAt, orderNumber) across all pages.
    const keys = seen.map((o) => [o.placedAt, o.orderNumber] as const);
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? 1 : -1) : a[0] < b[0] ? 1 : -1));
    expect(keys).toEqual(sorted);
  });
});

describe('GET /api/orders: SQL statements per page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await request(t.http).put('/api/creators/ALEX10').set(AUTH).send({ name: 'Alex', commissionRate: '0.10' }).expect(201);
    const orders = Array.from({ length: 200 }, (_, i) => ({
      ...orderBody({ placedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(), creatorCode: 'ALEX10' }),
      orderNumber: `N-${i}`,
    }));
    await request(t.http).post('/api/orders/import').set(AUTH).send({ orders }).expect(200);
    // Every order has two CSAT responses, a capsule hold and a subscription linked.
    const link = { linkSource: 'widget', linkedAt: new Date() };
    await t.prisma.csatFeedback.createMany({
      data: orders.flatMap((o) =>
        [3, 5].map((score) => ({
          sessionId: 's',
          rating: String(score),
          score,
          createdAt: new Date(Date.UTC(2026, 10, 2, 0, score)), // 5 is the latest
          orderNumber: o.orderNumber,
          claimedOrderNumber: o.orderNumber,
          ...link,
        })),
      ),
    });
    await t.prisma.capsuleHold.createMany({
      data: orders.map((o, i) => ({ reservationId: `rsv_${i}`, sessionId: 's', customerEmail: 'c@example.com', shortlist: [], expiresAt: new Date(Date.now() + 3_600_000), orderNumber: o.orderNumber, ...link })),
    });
    await t.prisma.orderSubscription.createMany({
      data: orders.map((o) => ({ sessionId: 's', email: 'c@example.com', contactKey: 'c@example.com', emailChannel: true, orderNumber: o.orderNumber, claimedOrderNumber: o.orderNumber, ...link })),
    });
  });
  afterAll(() => t.close());

  const page = (limit: number) => countStatements(() => request(t.http).get(`/api/orders?limit=${limit}`).set(AUTH).expect(200));

  it('costs the same for 200 rows as for 20: one statement', async () => {
    const small = await page(20);
    const large = await page(200);
    expect(small.result.body.data).toHaveLength(20);
    expect(large.result.body.data).toHaveLength(200);
    for (const row of large.result.body.data) {
      expect(row.widgetData).toMatchObject({ hasWidgetInteraction: true, csatRating: expect.any(Number), capsule: expect.any(Object), subscription: expect.any(Object) });
      expect(row.creator).toEqual({ code: 'ALEX10', name: 'Alex' });
    }
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(1);
  });

  it('costs the same with every filter and a cursor', async () => {
    const first = await page(20);
    const filtered = await countStatements(() =>
      request(t.http)
        .get(`/api/orders?limit=200&cursor=${first.result.body.nextCursor}&hasWidgetInteraction=true&csat=positive&creatorCode=ALEX10&from=2026-01-01&to=2027-01-01`)
        .set(AUTH)
        .expect(200),
    );
    expect(filtered.result.body.data).toHaveLength(180);
    expect(filtered.statements).toBe(1);
  });
});
