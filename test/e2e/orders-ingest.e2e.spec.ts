import request from 'supertest';
import { AUTH, countStatements, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

describe('orders ingest (PUT /api/orders/:orderNumber, POST /api/orders/import)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await request(t.http).put('/api/creators/ALEX10').set(AUTH).send({ name: 'Alex', commissionRate: '0.10' }).expect(201);
  });
  afterAll(() => t.close());

  const put = (orderNumber: string, body: object) => request(t.http).put(`/api/orders/${orderNumber}`).set(AUTH).send(body);
  const importOrders = (orders: object[]) => request(t.http).post('/api/orders/import').set(AUTH).send({ orders });
  const stored = (orderNumber: string) => t.prisma.order.findUnique({ where: { orderNumber } });
  const many = (n: number, from = 0, overrides: Record<string, unknown> = {}) =>
    Array.from({ length: n }, (_, i) => ({ orderNumber: `BULK-${from + i}`, ...orderBody({ total: `${from + i}.05`, ...overrides }) }));

  describe('PUT', () => {
    it('creates an order (201) under the normalised number, then updates it (200)', async () => {
      const created = await put('%20%23gg-100%20', orderBody({ customerEmail: ' User@Example.COM ', creatorCode: 'alex10', externalId: 'shop-1' })).expect(201);
      expect(created.body).toEqual({
        orderNumber: 'GG-100',
        customerEmail: 'user@example.com',
        total: '129.90',
        currency: 'USD',
        status: 'paid',
        placedAt: '2026-11-24T10:00:00.000Z',
        creator: { code: 'ALEX10', name: 'Alex' },
        widgetData: {
          hasWidgetInteraction: false,
          csatRating: null,
          csatLabel: null,
          csatSentiment: null,
          csatNotes: null,
          csatTimestamp: null,
          capsule: null,
          subscription: null,
        },
      });
      const updated = await put('GG-100', orderBody({ total: '99.5', status: 'fulfilled', placedAt: '2026-11-24T12:00:00+02:00' })).expect(200);
      expect(updated.body).toMatchObject({ orderNumber: 'GG-100', total: '99.50', status: 'fulfilled', placedAt: '2026-11-24T10:00:00.000Z' });
      expect(await t.prisma.order.count({ where: { orderNumber: 'GG-100' } })).toBe(1);
    });

    it('keeps an omitted creatorCode or externalId and clears one sent as null', async () => {
      await put('GG-101', orderBody({ creatorCode: 'ALEX10', externalId: 'shop-101' })).expect(201);
      await put('GG-101', orderBody()).expect(200);
      expect(await stored('GG-101')).toMatchObject({ creatorCode: 'ALEX10', externalId: 'shop-101' });
      await put('GG-101', orderBody({ creatorCode: null, externalId: null })).expect(200);
      expect(await stored('GG-101')).toMatchObject({ creatorCode: null, externalId: null });
    });

    it('stores money exactly', async () => {
      await put('GG-102', orderBody({ total: '9999999999.99' })).expect(201);
      expect((await stored('GG-102'))!.total.toFixed(2)).toBe('9999999999.99');
    });

    it.each([
      [{ total: 129.999 }, 'total'],
      [{ total: -1 }, 'total'],
      [{ total: '129.999' }, 'total'],
      [{ total: '-1.00' }, 'total'],
      [{ total: '1e3' }, 'total'],
      [{ currency: 'usd$' }, 'currency'],
      [{ currency: 'US' }, 'currency'],
      [{ status: 'shipped' }, 'status'],
      [{ placedAt: 'yesterday' }, 'placedAt'],
      [{ placedAt: '2026-11-24T10:00:00' }, 'placedAt'],
      [{ placedAt: '2026-02-30T10:00:00Z' }, 'placedAt'],
      // Year 10000 in UTC: PostgreSQL's answer was a 500.
      [{ placedAt: '9999-12-31T23:00:00-05:00' }, 'placedAt'],
      [{ customerEmail: 'not-an-email' }, 'customerEmail'],
      [{ customerEmail: undefined }, 'customerEmail'],
      [{ creatorCode: 'bad code!' }, 'creatorCode'],
      [{ externalId: '' }, 'externalId'],
    ])('refuses %j with a 400 naming %s and writes nothing', async (override, field) => {
      const res = await put('GG-BAD', orderBody(override)).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await stored('GG-BAD')).toBeNull();
    });

    it('refuses an invalid order number in the path with a 400', async () => {
      const res = await put('bad%20number!', orderBody()).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('orderNumber');
    });

    it('answers an unknown creatorCode with a 422 problem and writes nothing', async () => {
      const res = await put('GG-103', orderBody({ creatorCode: 'NOBODY' })).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'creatorCode', message: 'no creator has the code NOBODY' }]);
      expect(await stored('GG-103')).toBeNull();
    });

    it("answers another order's externalId with a 409 problem", async () => {
      await put('GG-104', orderBody({ externalId: 'shop-104' })).expect(201);
      const res = await put('GG-105', orderBody({ externalId: 'shop-104' })).expect(409);
      expect(res.body.errors).toEqual([{ field: 'externalId', message: 'externalId shop-104 belongs to order GG-104' }]);
      expect(await stored('GG-105')).toBeNull();
    });

    it('ignores unknown fields and never assigns them', async () => {
      const res = await put('GG-106', orderBody({ orderNumber: 'OTHER', id: '00000000-0000-0000-0000-000000000000', createdAt: '2000-01-01T00:00:00Z', hacked: true })).expect(201);
      expect(res.body.orderNumber).toBe('GG-106');
      const row = (await stored('GG-106'))!;
      expect(row.id).not.toBe('00000000-0000-0000-0000-000000000000');
      expect(row.createdAt.getFullYear()).toBeGreaterThan(2000);
      expect(await stored('OTHER')).toBeNull();
    });

    it('refuses a body over 16 KiB with 413', async () => {
      const res = await put('GG-107', orderBody({ externalId: 'x'.repeat(17 * 1024) })).expect(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('linking widget rows when the order arrives', () => {
    it('links the CSAT posted before the order existed (" #gg-12001 ", "great") with csatRating 5', async () => {
      await request(t.http).post('/api/support/csat').send({ sessionId: 'w_1', rating: 'great', notes: 'Super helpful!', orderNumber: ' #gg-12001 ' }).expect(201);
      const created = await put('GG-12001', orderBody()).expect(201);
      expect(created.body.widgetData).toMatchObject({ hasWidgetInteraction: true, csatRating: 5, csatLabel: 'great', csatSentiment: 'positive', csatNotes: 'Super helpful!' });

      const detail = await request(t.http).get('/api/orders/GG-12001').set(AUTH).expect(200);
      expect(detail.body.widgetData.csatRating).toBe(5);
      expect(detail.body.interactions.csat).toEqual([
        expect.objectContaining({ score: 5, rating: 'great', claimedOrderNumber: 'GG-12001', linkSource: 'order_sync', linkedAt: expect.any(String) }),
      ]);
    });

    it('links claimed rows of all three widget tables, set-based, and leaves other rows alone', async () => {
      await request(t.http).post('/api/support/csat').send({ sessionId: 'w_2', rating: 2, orderNumber: 'GG-200' }).expect(201);
      await request(t.http)
        .post('/api/support/capsule')
        .send({ sessionId: 'w_2', customerEmail: 'a@example.com', shortlist: [{ productId: 'p_1' }], orderNumber: 'gg-200' })
        .expect(201);
      await request(t.http).post('/api/support/order-updates').send({ sessionId: 'w_2', orderNumber: 'GG-200', email: 'a@example.com' }).expect(201);
      await request(t.http).post('/api/support/csat').send({ sessionId: 'w_3', rating: 4, orderNumber: 'GG-201' }).expect(201);

      await put('GG-200', orderBody()).expect(201);

      const where = { claimedOrderNumber: 'GG-200' };
      const rows = [
        ...(await t.prisma.csatFeedback.findMany({ where })),
        ...(await t.prisma.capsuleHold.findMany({ where })),
        ...(await t.prisma.orderSubscription.findMany({ where })),
      ];
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toMatchObject({ orderNumber: 'GG-200', linkSource: 'order_sync', linkedAt: expect.any(Date) });
      expect(await t.prisma.csatFeedback.findFirst({ where: { claimedOrderNumber: 'GG-201' } })).toMatchObject({ orderNumber: null, linkSource: null });
    });

    it('keeps the provenance of a row the widget already linked', async () => {
      await put('GG-300', orderBody()).expect(201);
      await request(t.http).post('/api/support/csat').send({ sessionId: 'w_4', rating: 5, orderNumber: 'GG-300' }).expect(201);
      await put('GG-300', orderBody({ status: 'fulfilled' })).expect(200);
      expect(await t.prisma.csatFeedback.findFirst({ where: { claimedOrderNumber: 'GG-300' } })).toMatchObject({ linkSource: 'widget' });
    });

    it('links claimed rows of imported orders', async () => {
      await request(t.http).post('/api/support/csat').send({ sessionId: 'w_5', rating: 3, orderNumber: 'IMP-LINK' }).expect(201);
      await importOrders([{ orderNumber: 'imp-link', ...orderBody() }]).expect(200);
      expect(await t.prisma.csatFeedback.findFirst({ where: { claimedOrderNumber: 'IMP-LINK' } })).toMatchObject({ orderNumber: 'IMP-LINK', linkSource: 'order_sync' });
    });
  });

  describe('POST /api/orders/import', () => {
    it('imports 1,000 orders (a body far over 16 KiB) in as many statements as 10 orders', async () => {
      const small = await countStatements(() => importOrders(many(10, 5000, { creatorCode: 'ALEX10' })).expect(200));
      expect(small.result.body).toEqual({ created: 10, updated: 0 });

      const body = many(1000, 0, { creatorCode: 'ALEX10' }).map((o, i) => ({ ...o, externalId: `shop-imp-${i}` }));
      expect(Buffer.byteLength(JSON.stringify({ orders: body }))).toBeGreaterThan(64 * 1024);
      const big = await countStatements(() => importOrders(body).expect(200));
      expect(big.result.body).toEqual({ created: 1000, updated: 0 });
      // BEGIN, creators, lock, externalIds, upsert, link, COMMIT.
      expect(big.statements).toBeLessThanOrEqual(8);
      expect(big.statements).toBe(small.statements + 1);
      expect(await t.prisma.order.count({ where: { orderNumber: { startsWith: 'BULK-' } } })).toBe(1010);
      expect((await stored('BULK-999'))!.total.toFixed(2)).toBe('999.05');
    });

    it('counts created and updated orders', async () => {
      const res = await importOrders(many(10, 995, { status: 'refunded' })).expect(200);
      expect(res.body).toEqual({ created: 5, updated: 5 });
      expect(await stored('BULK-999')).toMatchObject({ status: 'refunded', creatorCode: 'ALEX10', externalId: 'shop-imp-999' });
    });

    it('is all or nothing: one invalid order (400) or unknown creator (422) writes none', async () => {
      const before = await t.prisma.order.count();
      const invalid = many(3, 7000);
      invalid[1].total = '1.234';
      const bad = await importOrders(invalid).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['orders.1.total']);

      const unknownCreator = many(3, 7000);
      (unknownCreator[2] as Record<string, unknown>).creatorCode = 'nobody';
      const unknown = await importOrders(unknownCreator).expect(422);
      expect(unknown.body.errors).toEqual([{ field: 'orders.2.creatorCode', message: 'no creator has the code NOBODY' }]);
      expect(await t.prisma.order.count()).toBe(before);
    });

    it('refuses an import that repeats an order number or an externalId', async () => {
      const res = await importOrders([
        { orderNumber: 'DUP-1', ...orderBody({ externalId: 'e-1' }) },
        { orderNumber: '#dup-1', ...orderBody() },
        { orderNumber: 'DUP-2', ...orderBody({ externalId: 'e-1' }) },
      ]).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['orders.1.orderNumber', 'orders.2.externalId']);
      expect(await stored('DUP-1')).toBeNull();
    });

    it('refuses an empty list and more than 1,000 orders', async () => {
      await importOrders([]).expect(400);
      const res = await importOrders(many(1001, 20000)).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('orders');
    });

    it('refuses a body over 1 MiB with 413, and a body that is not JSON with 415', async () => {
      const huge = many(1000, 30000, { customerEmail: `${'x'.repeat(1100)}@example.com` });
      await importOrders(huge).expect(413);
      await request(t.http).post('/api/orders/import').set(AUTH).set('Content-Type', 'text/plain').send('orders').expect(415);
    });
  });
});
