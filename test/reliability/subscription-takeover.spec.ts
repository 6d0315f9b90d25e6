import http from 'node:http';
import { ServiceOnCluster, serviceOnCluster, TOKEN } from './support/app-on-cluster';
import { Outcome, send } from './support/http-client';
import { check } from './support/ledger';

const AREA = 'security: subscriptions';
const ORDER = 'GG-1002';
const VICTIM = { sessionId: 'w_shopper', orderNumber: ORDER, email: 'buyer@shop.test' };
const ATTACK = { sessionId: 'x', orderNumber: ORDER, email: 'buyer@shop.test', phone: '+1 555 010 9999', sms: true };
const VOLATILE_HEADER = /^(date|x-request-id|content-length|connection|keep-alive|x-ratelimit-.*)$/;

/** What the attacker can observe of an answer besides the values they sent. */
const observable = (o: Outcome) =>
  JSON.stringify({
    status: o.status,
    headerNames: Object.keys(o.headers).sort(),
    headers: Object.entries(o.headers).filter(([name]) => !VOLATILE_HEADER.test(name)).sort(),
    shape: Object.entries(JSON.parse(o.body) as Record<string, unknown>).map(([k, v]) => [k, v === null ? 'null' : typeof v]),
  });

/**
 * Issue 13's subscription takeover, tried black-box against the compiled service: the shopper and
 * an attacker are two HTTP clients with their own connections. The attacker knows the order number
 * and the shopper's email, and tries to read, change, cancel and revive the shopper's subscription.
 */
describe('subscription takeover from a second client', () => {
  let target: ServiceOnCluster;
  beforeAll(async () => {
    target = await serviceOnCluster({ DASHBOARD_API_TOKENS: TOKEN });
  });
  afterAll(() => target?.close());

  it("never gives a stranger the shopper's subscription, nor tells them it exists", async () => {
    const { service, cluster } = target;
    const shopper = new http.Agent({ keepAlive: true });
    const attacker = new http.Agent({ keepAlive: true });
    const post = (agent: http.Agent, body: object, headers: Record<string, string> = {}) =>
      send(`${service.url}/api/support/order-updates`, { method: 'POST', body, headers, agent });
    const remove = (agent: http.Agent, path: string, headers: Record<string, string> = {}) =>
      send(`${service.url}/api/support/order-updates/${path}`, { method: 'DELETE', headers, agent });
    const row = async (id: string) =>
      JSON.stringify(await cluster.query(`SELECT * FROM "OrderSubscription" WHERE "id" = $1`, [id], 'wds'));

    const order = await send(`${service.url}/api/orders/${ORDER}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: { customerEmail: VICTIM.email, total: '59.00', currency: 'USD', status: 'paid', placedAt: '2026-11-24T10:00:00.000Z' },
    });
    const created = await post(shopper, VICTIM);
    const owned = JSON.parse(created.body) as { id: string; manageToken: string };
    const untouched = await row(owned.id);

    // 1. The takeover POST, beside a brand-new subscription by the same attacker.
    const takeover = await post(attacker, ATTACK);
    const fresh = await post(attacker, { ...ATTACK, orderNumber: 'GG-9999', email: 'nobody@shop.test' });
    const sameAsNew = observable(takeover) === observable(fresh);
    const idLeaked = takeover.body.includes(owned.id);
    check(AREA, 'POST the shopper\'s order + email with the attacker\'s phone and SMS', `status ${takeover.status} (new pair: ${fresh.status}); ${sameAsNew ? 'status, headers and body shape identical to a new subscription' : 'DIFFERENT from a new subscription'}; shopper's id ${idLeaked ? 'LEAKED' : 'not returned'}`,
      order.status === 201 && created.status === 201 && takeover.status === 201 && sameAsNew && !idLeaked);

    // 2. Cancelling the shopper's subscription without its management token.
    const stranger = JSON.parse(takeover.body) as { manageToken: string };
    const unknown = await remove(attacker, '00000000-0000-4000-8000-000000000000');
    const attempts = [
      await remove(attacker, owned.id),
      await remove(attacker, owned.id, { 'x-subscription-token': 'mst_guess' }),
      await remove(attacker, `${owned.id}?token=${stranger.manageToken}`),
    ];
    const probeable = attempts.filter((a) => a.status !== 404 || observable(a) !== observable(unknown) || JSON.parse(a.body).detail !== JSON.parse(unknown.body).detail);
    check(AREA, 'DELETE the shopper\'s id without, with a guessed and with the attacker\'s own token', `statuses ${attempts.map((a) => a.status).join(' ')}; ${probeable.length ? 'distinguishable from an unknown id' : 'each identical to an unknown id (404)'}`,
      probeable.length === 0);
    const unchanged = (await row(owned.id)) === untouched;
    check(AREA, "the shopper's subscription after the attacks", unchanged ? 'unchanged (phone, SMS flag, active)' : `CHANGED: ${await row(owned.id)}`, unchanged);

    // 3. After the shopper opts out, a POST without proof must not re-subscribe them.
    const optOut = await remove(shopper, owned.id, { 'x-subscription-token': owned.manageToken });
    const optedOut = await row(owned.id);
    const revive = await post(attacker, VICTIM);
    const stillOut = (await row(owned.id)) === optedOut && JSON.parse(optedOut)[0].unsubscribedAt !== null;
    check(AREA, 'POST again after the shopper unsubscribed with their management token', `opt-out ${optOut.status}; attacker's POST ${revive.status}; shopper ${stillOut ? 'stays unsubscribed' : 'RE-SUBSCRIBED'}`,
      optOut.status === 200 && revive.status === 201 && stillOut);

    // 4. The shopper, with the token, still manages their own subscription.
    const back = await post(shopper, { ...VICTIM, phone: '+1 555 012 3456', sms: true }, { 'x-subscription-token': owned.manageToken });
    const mine = JSON.parse(back.body) as { id: string; unsubscribedAt: string | null; channels: { sms: boolean } };
    check(AREA, 'the shopper re-subscribes and turns on SMS with their management token', `status ${back.status}, same id ${mine.id === owned.id}, active ${mine.unsubscribedAt === null}, sms ${mine.channels?.sms}`,
      back.status === 200 && mine.id === owned.id && mine.unsubscribedAt === null && mine.channels.sms === true);
    shopper.destroy();
    attacker.destroy();
  });
});
