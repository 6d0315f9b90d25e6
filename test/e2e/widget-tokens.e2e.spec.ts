import request from 'supertest';
import { startTestApp, TestApp, WIDGET_ORIGIN } from '../support/test-app';
import { nowSeconds, NEXT_SHOP_SECRET, rawToken, TOKEN_ENV, widgetToken } from '../support/widget-token';

/** Contract §7 "Widget tokens": shop-signed JWTs in X-Widget-Token. */
describe('widget tokens (X-Widget-Token)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(TOKEN_ENV);
  });
  afterAll(() => t.close());

  const rows = async () => ({
    csat: await t.prisma.csatFeedback.count(),
    holds: await t.prisma.capsuleHold.count(),
    subscriptions: await t.prisma.orderSubscription.count(),
    events: await t.prisma.analyticsEvent.count(),
  });
  const csat = (body: object, token?: string) => {
    const req = request(t.http).post('/api/support/csat');
    return (token === undefined ? req : req.set('X-Widget-Token', token)).send({ rating: 5, ...body });
  };
  const verifiedOf = async (id: string) => (await t.prisma.csatFeedback.findUniqueOrThrow({ where: { id } })).verified;

  it('marks a write verified when a valid token names its session and its order', async () => {
    const token = await widgetToken({ sessionId: 'w_ok', email: 'ada@example.com', orders: [' #gg-7 '] });
    const res = await csat({ sessionId: 'w_ok', orderNumber: 'GG-7' }, token).expect(201);
    expect(await verifiedOf(res.body.id)).toBe(true);
    const orderless = await csat({ sessionId: 'w_ok' }, token).expect(201);
    expect(await verifiedOf(orderless.body.id)).toBe(true);
  });

  it('stores a write whose order the token does not name, or without a token, as unverified', async () => {
    const token = await widgetToken({ sessionId: 'w_other_order', orders: ['GG-7'] });
    const res = await csat({ sessionId: 'w_other_order', orderNumber: 'GG-8' }, token).expect(201);
    expect(await verifiedOf(res.body.id)).toBe(false);
    const none = await csat({ sessionId: 'w_none', orderNumber: 'GG-7' }).expect(201);
    expect(await verifiedOf(none.body.id)).toBe(false);
  });

  it('accepts a token signed with the second secret (rotation)', async () => {
    const token = await widgetToken({ sessionId: 'w_rot', orders: ['GG-7'] }, { secret: NEXT_SHOP_SECRET });
    const res = await csat({ sessionId: 'w_rot', orderNumber: 'GG-7' }, token).expect(201);
    expect(await verifiedOf(res.body.id)).toBe(true);
  });

  it('accepts a token expired less than the clock tolerance ago (30 s)', async () => {
    const token = await rawToken({ sub: 'w_skew', exp: nowSeconds() - 10 });
    await csat({ sessionId: 'w_skew' }, token).expect(201);
  });

  it.each([
    ['expired', () => rawToken({ sub: 'w_bad', exp: nowSeconds() - 120 }), /expired/],
    ['signed with an unknown secret', () => widgetToken({ sessionId: 'w_bad' }, { secret: 'not-the-shop-secret-0123456789-abcdef' }), /known secret/],
    ['for another session', () => widgetToken({ sessionId: 'w_someone_else' }), /another widget session/],
    ['without exp', () => rawToken({ sub: 'w_bad' }), /not a valid token/],
    ['without sub', () => rawToken({ exp: nowSeconds() + 60 }), /not a valid token/],
    ['signed with another algorithm', () => rawToken({ sub: 'w_bad', exp: nowSeconds() + 60 }, { alg: 'HS512' }), /not a valid token/],
    ['with orders that are not a list', () => rawToken({ sub: 'w_bad', exp: nowSeconds() + 60, orders: 'GG-7' }), /orders must be/],
    ['malformed', async () => 'not.a.jwt', /not a valid token/],
    ['unsigned (alg none)', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"sub":"w_bad","exp":${nowSeconds() + 60}}`).toString('base64url')}.`, /not a valid token/],
  ])('answers a token %s with 401 problem+json and writes nothing, on every widget write', async (_name, make, detail) => {
    const token = await make();
    const before = await rows();
    const writes = [
      csat({ sessionId: 'w_bad', orderNumber: 'GG-7' }, token),
      request(t.http).post('/api/support/capsule').set('X-Widget-Token', token)
        .send({ sessionId: 'w_bad', customerEmail: 'a@example.com', shortlist: [{ productId: 'p' }], orderNumber: 'GG-7' }),
      request(t.http).post('/api/support/order-updates').set('X-Widget-Token', token).send({ sessionId: 'w_bad', orderNumber: 'GG-7', email: 'a@example.com' }),
      request(t.http).post('/api/support/events').set('X-Widget-Token', token).send({ events: [{ sessionId: 'w_bad', name: 'order_tracked' }] }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized', detail: expect.stringMatching(detail) });
    }
    expect(await rows()).toEqual(before);
  });

  it('refuses a repeated X-Widget-Token header, even when each copy is valid', async () => {
    const token = await widgetToken({ sessionId: 'w_twice' });
    const before = await rows();
    // An array makes superagent send the header twice (its types only allow that for Cookie).
    await request(t.http).post('/api/support/csat').set('X-Widget-Token', [token, token] as unknown as string).send({ sessionId: 'w_twice', rating: 5 }).expect(401);
    expect(await rows()).toEqual(before);
  });

  it('refuses a batch of events when any of them belongs to another session', async () => {
    const token = await widgetToken({ sessionId: 'w_ev' });
    const before = await rows();
    await request(t.http).post('/api/support/events').set('X-Widget-Token', token)
      .send({ events: [{ sessionId: 'w_ev', name: 'a' }, { sessionId: 'w_other', name: 'b' }] })
      .expect(401);
    expect(await rows()).toEqual(before);
    await request(t.http).post('/api/support/events').set('X-Widget-Token', token).send({ events: [{ sessionId: 'w_ev', name: 'a' }] }).expect(202);
    expect(await t.prisma.analyticsEvent.findFirstOrThrow({ where: { sessionId: 'w_ev' } })).toMatchObject({ verified: true });
  });

  it('lets browsers send the token cross-origin (CORS preflight)', async () => {
    const res = await request(t.http)
      .options('/api/support/csat')
      .set('Origin', WIDGET_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-widget-token,x-subscription-token');
    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-headers']).toMatch(/X-Widget-Token/i);
    expect(res.headers['access-control-allow-headers']).toMatch(/X-Subscription-Token/i);
  });
});

describe('WIDGET_REQUIRE_TOKEN=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...TOKEN_ENV, WIDGET_REQUIRE_TOKEN: 'true' });
  });
  afterAll(() => t.close());

  it('refuses every widget write without a token (401, nothing written) and accepts it with one', async () => {
    const writes: [string, object][] = [
      ['/api/support/csat', { sessionId: 'w_r', rating: 5 }],
      ['/api/support/capsule', { sessionId: 'w_r', customerEmail: 'a@example.com', shortlist: [{ productId: 'p' }] }],
      ['/api/support/order-updates', { sessionId: 'w_r', orderNumber: 'GG-1', email: 'a@example.com' }],
      ['/api/support/events', { events: [{ sessionId: 'w_r', name: 'x' }] }],
    ];
    for (const [path, body] of writes) {
      const res = await request(t.http).post(path).send(body).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(/requires an X-Widget-Token/);
    }
    expect(await t.prisma.csatFeedback.count()).toBe(0);
    expect(await t.prisma.capsuleHold.count()).toBe(0);
    expect(await t.prisma.orderSubscription.count()).toBe(0);
    expect(await t.prisma.analyticsEvent.count()).toBe(0);

    const token = await widgetToken({ sessionId: 'w_r' });
    for (const [path, body] of writes) {
      const res = await request(t.http).post(path).set('X-Widget-Token', token).send(body);
      expect(res.status).toBeLessThan(300);
    }
  });

  it('keeps unsubscribe links working without a widget token (the management token is the proof)', async () => {
    const token = await widgetToken({ sessionId: 'w_link' });
    const sub = await request(t.http).post('/api/support/order-updates').set('X-Widget-Token', token)
      .send({ sessionId: 'w_link', orderNumber: 'GG-2', email: 'b@example.com' }).expect(201);
    await request(t.http).delete(`/api/support/order-updates/${sub.body.id}?token=${sub.body.manageToken}`).expect(200);
  });
});

describe('without WIDGET_TOKEN_SECRETS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('behaves as before for requests without a token, and refuses a token it cannot verify', async () => {
    await request(t.http).post('/api/support/csat').send({ sessionId: 'w_plain', rating: 4 }).expect(201);
    const token = await widgetToken({ sessionId: 'w_plain' });
    const res = await request(t.http).post('/api/support/csat').set('X-Widget-Token', token).send({ sessionId: 'w_plain', rating: 4 }).expect(401);
    expect(res.body.detail).toMatch(/no WIDGET_TOKEN_SECRETS/);
    expect(await t.prisma.csatFeedback.count()).toBe(1);
  });
});
