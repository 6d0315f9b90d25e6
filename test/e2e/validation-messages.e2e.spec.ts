import fc from 'fast-check';
import request from 'supertest';
import { AUTH, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

/** Error messages a newcomer can act on: what is wrong, with the value refused and the form expected. */
describe('validation messages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await request(t.http).put('/api/creators/ALEX10').set(AUTH).send({ name: 'Alex', commissionRate: '0.10' }).expect(201);
  });
  afterAll(() => t.close());

  const fieldErrors = (res: request.Response) => res.body.errors as { field: string; message: string }[];

  describe('a missing required field gives one error, "<field> is required"', () => {
    // A valid body per endpoint, and the fields it cannot do without.
    const endpoints = [
      { name: 'POST /api/support/csat', send: (b: object) => request(t.http).post('/api/support/csat').send(b), body: { sessionId: 'w', rating: 5 }, required: ['sessionId', 'rating'] },
      {
        name: 'POST /api/support/capsule',
        send: (b: object) => request(t.http).post('/api/support/capsule').send(b),
        body: { sessionId: 'w', customerEmail: 'a@example.com', shortlist: [{ productId: 'p' }] },
        required: ['sessionId', 'customerEmail', 'shortlist'],
      },
      {
        name: 'POST /api/support/order-updates',
        send: (b: object) => request(t.http).post('/api/support/order-updates').send(b),
        body: { sessionId: 'w', orderNumber: 'GG-1', email: 'a@example.com' },
        required: ['sessionId', 'orderNumber'],
      },
      { name: 'PUT /api/creators/:code', send: (b: object) => request(t.http).put('/api/creators/NEW').set(AUTH).send(b), body: { name: 'N', commissionRate: '0.1' }, required: ['name', 'commissionRate'] },
      {
        name: 'PUT /api/orders/:orderNumber',
        send: (b: object) => request(t.http).put('/api/orders/GG-REQ').set(AUTH).send(b),
        body: orderBody(),
        required: ['customerEmail', 'total', 'currency', 'status', 'placedAt'],
      },
    ];

    it.each(endpoints.map((e) => [e.name, e]))('%s: any set of absent or null required fields, one message each', async (_name, endpoint) => {
      const missing = fc.subarray(endpoint.required, { minLength: 1 });
      await fc.assert(
        fc.asyncProperty(missing, fc.boolean(), async (fields, asNull) => {
          const body: Record<string, unknown> = { ...endpoint.body };
          for (const field of fields) {
            if (asNull) body[field] = null;
            else delete body[field];
          }
          const res = await endpoint.send(body);
          expect(res.status).toBe(400);
          expect(fieldErrors(res)).toEqual(fields.map((field) => ({ field, message: `${field} is required` })));
        }),
        { numRuns: 25 },
      );
    });

    it('names nested fields by their path', async () => {
      const capsule = await request(t.http).post('/api/support/capsule').send({ sessionId: 'w', customerEmail: 'a@example.com', shortlist: [{ title: 'x' }] }).expect(400);
      expect(fieldErrors(capsule)).toEqual([{ field: 'shortlist.0.productId', message: 'productId is required' }]);
      const imported = await request(t.http).post('/api/orders/import').set(AUTH).send({ orders: [orderBody()] }).expect(400);
      expect(fieldErrors(imported)).toEqual([{ field: 'orders.0.orderNumber', message: 'orderNumber is required' }]);
    });

    it('still explains a present but wrong value by its rules', async () => {
      const res = await request(t.http).post('/api/support/csat').send({ sessionId: '', rating: 'meh' }).expect(400);
      expect(fieldErrors(res).map((e) => e.field)).toEqual(['sessionId', 'rating']);
      expect(fieldErrors(res)[0].message).toMatch(/sessionId must be longer than or equal to 1 characters/);
      expect(fieldErrors(res)[1].message).toMatch(/terrible, bad, okay, good, great/);
    });
  });

  describe('phone numbers', () => {
    it.each([
      ['+1-555-0123', 'is too short for a phone number'],
      ['+1 555 012 34567890', 'is too long for a phone number'],
      ['+999 1234567', 'has no known country code'],
      ['call me', 'is not a phone number'],
      ['12', 'is too short for a phone number'],
    ])('refuses %j naming the value and the expected format', async (phone, fault) => {
      const res = await request(t.http).post('/api/support/order-updates').send({ sessionId: 'w', orderNumber: 'GG-1', phone }).expect(400);
      expect(fieldErrors(res)).toEqual([
        {
          field: 'phone',
          message: `phone ${JSON.stringify(phone)} ${fault}: write it in E.164 with the country code (e.g. +15550123456) or as a national number of region US (DEFAULT_PHONE_REGION)`,
        },
      ]);
    });

    it('names the configured default region', async () => {
      const de = await startTestApp({ DEFAULT_PHONE_REGION: 'DE' });
      try {
        const res = await request(de.http).post('/api/support/order-updates').send({ sessionId: 'w', orderNumber: 'GG-1', phone: '12' }).expect(400);
        expect(fieldErrors(res)[0].message).toMatch(/or as a national number of region DE \(DEFAULT_PHONE_REGION\)$/);
      } finally {
        await de.close();
      }
    });
  });

  describe('currency in any case', () => {
    it('PUT /api/orders and POST /api/orders/import store "usd" as USD', async () => {
      const put = await request(t.http).put('/api/orders/CUR-1').set(AUTH).send(orderBody({ currency: ' usd', creatorCode: 'ALEX10' })).expect(201);
      expect(put.body.currency).toBe('USD');
      await request(t.http).post('/api/orders/import').set(AUTH).send({ orders: [{ orderNumber: 'CUR-2', ...orderBody({ currency: 'eur' }) }] }).expect(200);
      expect(await t.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'CUR-2' } })).toMatchObject({ currency: 'EUR' });
    });

    it('GET /api/creators/widget-stats?currency=usd answers for USD', async () => {
      const res = await request(t.http).get('/api/creators/widget-stats?currency=usd').set(AUTH).expect(200);
      expect(res.body.currency).toBe('USD');
    });

    it('still refuses what is not a three-letter code, naming the form', async () => {
      const res = await request(t.http).put('/api/orders/CUR-3').set(AUTH).send(orderBody({ currency: 'dollars' })).expect(400);
      expect(fieldErrors(res)).toEqual([{ field: 'currency', message: 'currency must be a three-letter ISO 4217 code, e.g. USD' }]);
    });
  });

  describe('decimals sent as JSON numbers', () => {
    it('commissionRate 0.05 is stored exactly, like "0.05"', async () => {
      const res = await request(t.http).put('/api/creators/NUM').set(AUTH).send({ name: 'Num', commissionRate: 0.05 }).expect(201);
      expect(res.body.commissionRate).toBe('0.05');
      expect((await t.prisma.creator.findUniqueOrThrow({ where: { code: 'NUM' } })).commissionRate.toString()).toBe('0.05');
      await request(t.http).put('/api/creators/NUM').set(AUTH).send({ name: 'Num', commissionRate: 1 }).expect(200);
      await request(t.http).put('/api/creators/NUM').set(AUTH).send({ name: 'Num', commissionRate: 0 }).expect(200);
    });

    it('a rate out of range or with more decimals than a rate has is refused, not rounded', async () => {
      for (const commissionRate of [0.1 + 0.2, 1.000001, -0.05, 2]) {
        const res = await request(t.http).put('/api/creators/BAD').set(AUTH).send({ name: 'Bad', commissionRate }).expect(400);
        expect(fieldErrors(res)).toEqual([
          { field: 'commissionRate', message: 'commissionRate must be from 0 to 1 with at most five decimals, as a decimal string ("0.05") or a number (0.05)' },
        ]);
      }
      expect(await t.prisma.creator.count({ where: { code: 'BAD' } })).toBe(0);
    });

    it('order total 129.9 is stored as 129.90; 0.1 + 0.2 is refused', async () => {
      const res = await request(t.http).put('/api/orders/NUM-1').set(AUTH).send(orderBody({ total: 129.9 })).expect(201);
      expect(res.body.total).toBe('129.90');
      const bad = await request(t.http).put('/api/orders/NUM-2').set(AUTH).send(orderBody({ total: 0.1 + 0.2 })).expect(400);
      expect(fieldErrors(bad)).toEqual([
        { field: 'total', message: 'total must be an amount from 0 with at most two decimals, as a decimal string ("129.90") or a number (129.9)' },
      ]);
    });

    it('property: every rate with at most five decimals, sent as a number, is stored as exactly that decimal', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 100_000 }), async (hundredThousandths) => {
          const decimal = (hundredThousandths / 100_000).toFixed(5); // the rate as written, e.g. "0.04999"
          const res = await request(t.http).put('/api/creators/PROP').set(AUTH).send({ name: 'P', commissionRate: Number(decimal) });
          expect(res.status).toBeLessThan(300);
          const stored = await t.prisma.creator.findUniqueOrThrow({ where: { code: 'PROP' } });
          expect(stored.commissionRate.toFixed(5)).toBe(decimal);
        }),
        { numRuns: 50 },
      );
    });
  });
});
