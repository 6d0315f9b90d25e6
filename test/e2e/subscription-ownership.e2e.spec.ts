import request from 'supertest';
import type { Response } from 'supertest';
import { AUTH, countStatements, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';
import { TOKEN_ENV, widgetToken } from '../support/widget-token';

/** Headers whose values differ from one request to the next whatever the answer (their names are still compared). */
const VOLATILE_HEADER = /^(date|x-request-id|content-length|connection|keep-alive|x-ratelimit-.*)$/;

/** What a stranger can observe of an answer besides the values they sent: status, headers, body shape. */
function observable(res: Response) {
  const headerNames = Object.keys(res.headers).sort();
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([name]) => !VOLATILE_HEADER.test(name)));
  const shape = Object.fromEntries(Object.entries(res.body as Record<string, unknown>).map(([k, v]) => [k, v === null ? 'null' : typeof v]));
  return { status: res.status, headerNames, headers, shape };
}

/**
 * Issue 13, "Subscription takeover": knowing an order number and the shopper's email, a stranger
 * could read the subscription's id, overwrite its phone and SMS flag, unsubscribe the shopper and
 * re-subscribe one who had opted out; 200 vs 201 told whether the pair was subscribed.
 */
describe('subscription ownership (contract §7)', () => {
  let t: TestApp;
  const victim = { sessionId: 'w_victim', orderNumber: 'GG-1002', email: 'buyer@example.com' };
  const attack = { sessionId: 'x', orderNumber: 'GG-1002', email: 'buyer@example.com', phone: '+1 555 010 9999', sms: true };
  let owned: { id: string; manageToken: string };

  const subscribe = (body: object, headers: Record<string, string> = {}) => request(t.http).post('/api/support/order-updates').set(headers).send(body);
  const unsubscribe = (id: string, headers: Record<string, string> = {}, query = '') =>
    request(t.http).delete(`/api/support/order-updates/${id}${query}`).set(headers);
  const victimRow = () => t.prisma.orderSubscription.findUniqueOrThrow({ where: { id: owned.id } });
  const detail = async () => (await request(t.http).get('/api/orders/GG-1002').set(AUTH).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp(TOKEN_ENV);
    await request(t.http).put('/api/orders/GG-1002').set(AUTH).send(orderBody({ customerEmail: 'buyer@example.com' })).expect(201);
    await request(t.http).put('/api/orders/GG-1003').set(AUTH).send(orderBody({ customerEmail: 'other@example.com' })).expect(201);
    const res = await subscribe(victim).expect(201);
    owned = res.body;
    expect(owned.manageToken).toMatch(/^mst_[A-Za-z0-9_-]{43}$/);
  });
  afterAll(() => t.close());

  it('stores the management token only as its SHA-256', async () => {
    const row = await victimRow();
    expect(row.manageTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(owned.manageToken.slice(4));
  });

  it("answers a stranger's POST for a subscribed order and contact exactly like a new subscription, and changes nothing", async () => {
    const before = await victimRow();
    const { result: takeover, statements } = await countStatements(() => subscribe(attack));
    // The same request for a pair nobody has: what a brand-new subscription looks like.
    const { result: fresh, statements: freshStatements } = await countStatements(() =>
      subscribe({ ...attack, orderNumber: 'GG-1003', email: 'nobody@example.com' }),
    );
    expect(takeover.status).toBe(201);
    expect(observable(takeover)).toEqual(observable(fresh));
    expect(statements).toBe(freshStatements);
    expect(takeover.body).toEqual({
      id: expect.any(String),
      orderNumber: 'GG-1002',
      email: 'buyer@example.com',
      phone: '+15550109999',
      channels: { email: true, sms: true },
      linked: true,
      subscribedAt: expect.any(String),
      unsubscribedAt: null,
      manageToken: expect.stringMatching(/^mst_/),
    });
    expect(takeover.body.id).not.toBe(owned.id);
    expect(JSON.stringify(takeover.body)).not.toContain(owned.id);
    expect(await victimRow()).toEqual(before);

    // The dashboard still shows the owner's subscription; the stranger's is kept, marked unconfirmed.
    const order = await detail();
    expect(order.widgetData.subscription).toEqual({ email: true, sms: false, subscribedAt: before.subscribedAt.toISOString() });
    const stranger = order.interactions.subscriptions.find((s: { id: string }) => s.id === takeover.body.id);
    expect(stranger).toMatchObject({ unconfirmed: true, verified: false, phone: '+15550109999' });
    expect(order.interactions.subscriptions.find((s: { id: string }) => s.id === owned.id)).toMatchObject({ unconfirmed: false });
  });

  it('answers an unsubscribe without or with a wrong token exactly like an unknown id (404), and changes nothing', async () => {
    const before = await victimRow();
    const unknown = await unsubscribe('00000000-0000-4000-8000-000000000000').expect(404);
    const stranger = (await subscribe(attack).expect(201)).body;
    const attempts = [
      await unsubscribe(owned.id),
      await unsubscribe(owned.id, { 'X-Subscription-Token': 'mst_wrong' }),
      await unsubscribe(owned.id, {}, '?token=mst_wrong'),
      await unsubscribe(owned.id, { 'X-Subscription-Token': stranger.manageToken }),
      await unsubscribe(owned.id, { 'X-Widget-Token': await widgetToken({ sessionId: 'x', email: 'attacker@example.com', orders: ['GG-1002'] }) }),
      await unsubscribe(owned.id, { 'X-Widget-Token': await widgetToken({ sessionId: 'x', email: 'buyer@example.com', orders: ['GG-1003'] }) }),
    ];
    const { instance: _i, requestId: _r, ...unknownProblem } = unknown.body;
    for (const res of attempts) {
      expect(observable(res)).toEqual(observable(unknown));
      expect(res.body).toMatchObject(unknownProblem);
    }
    expect(await victimRow()).toEqual(before);
    // A stranger's own row works like a real subscription, so cancelling it tells them nothing either.
    await unsubscribe(stranger.id, { 'X-Subscription-Token': stranger.manageToken }).expect(200);
  });

  it('never re-subscribes a shopper who opted out when the request brings no proof', async () => {
    await unsubscribe(owned.id, {}, `?token=${owned.manageToken}`).expect(200);
    const optedOut = await victimRow();
    expect(optedOut.unsubscribedAt).toBeInstanceOf(Date);

    const again = await subscribe(victim).expect(201);
    expect(again.body.id).not.toBe(owned.id);
    expect(await victimRow()).toEqual(optedOut);
    expect((await detail()).widgetData.subscription).toBeNull();

    // The owner, with the token, can come back: the same row, re-activated (200).
    const back = await subscribe(victim, { 'X-Subscription-Token': owned.manageToken }).expect(200);
    expect(back.body).toMatchObject({ id: owned.id, unsubscribedAt: null });
    expect(back.body).not.toHaveProperty('manageToken');
    expect((await detail()).widgetData.subscription).toMatchObject({ email: true, sms: false });
  });

  it('lets the management token change the phone and SMS flag (200)', async () => {
    const res = await subscribe({ ...victim, phone: '+1 555 012 3456', sms: true }, { 'X-Subscription-Token': owned.manageToken }).expect(200);
    expect(res.body).toMatchObject({ id: owned.id, phone: '+15550123456', channels: { email: true, sms: true } });
    expect(await victimRow()).toMatchObject({ phone: '+15550123456', smsChannel: true });
  });

  it("lets a shop-signed widget token naming the order and the shopper's email manage the subscription from any session", async () => {
    const token = await widgetToken({ sessionId: 'w_later_visit', email: 'Buyer@Example.com', orders: ['gg-1002'] });
    const updated = await subscribe({ ...victim, sessionId: 'w_later_visit', sms: false, phone: '+1 555 012 3456' }, { 'X-Widget-Token': token }).expect(200);
    expect(updated.body).toMatchObject({ id: owned.id, channels: { email: true, sms: false } });
    expect(await victimRow()).toMatchObject({ smsChannel: false, verified: true });

    await unsubscribe(owned.id, { 'X-Widget-Token': token }).expect(200);
    expect((await victimRow()).unsubscribedAt).toBeInstanceOf(Date);
    await subscribe({ ...victim, sessionId: 'w_later_visit' }, { 'X-Widget-Token': token }).expect(200);
    expect((await victimRow()).unsubscribedAt).toBeNull();
  });

  it('keeps phone-only subscriptions to their owner too', async () => {
    const mine = (await subscribe({ sessionId: 'w_p', orderNumber: 'GG-1003', phone: '4155552671' }).expect(201)).body;
    const theirs = await subscribe({ sessionId: 'x', orderNumber: 'GG-1003', phone: '+1 415 555 2671', sms: true }).expect(201);
    expect(theirs.body.id).not.toBe(mine.id);
    expect(await t.prisma.orderSubscription.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ smsChannel: false, unsubscribedAt: null });
    // A token for the order covers a subscription that has no email.
    const token = await widgetToken({ sessionId: 'w_p2', orders: ['GG-1003'] });
    await subscribe({ sessionId: 'w_p2', orderNumber: 'GG-1003', phone: '4155552671', sms: true }, { 'X-Widget-Token': token }).expect(200);
  });
});
