import request from 'supertest';
import { lockOrderNumbers, ORDER_LINK_BUCKETS, ORDER_LINK_LOCK } from '../../src/database/transaction';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Polls `check` until it holds (no fixed sleep: it returns as soon as the state is reached). No
 * deadline of its own: the test's timeout bounds it, so a slow machine cannot fail it early.
 */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setImmediate(resolve));
}

describe('a widget write racing the arrival of its order', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['csat', { sessionId: 'w_r', rating: 5 }],
    ['capsule', { sessionId: 'w_r', customerEmail: 'r@example.com', shortlist: [{ productId: 'p' }] }],
    ['order-updates', { sessionId: 'w_r', email: 'r@example.com' }],
  ])('POST /api/support/%s waits for the order being written and links to it', async (endpoint, body) => {
    const orderNumber = `RACE-${endpoint.toUpperCase()}`;
    let orderWritten!: () => void;
    let commitOrder!: () => void;
    const written = new Promise<void>((resolve) => (orderWritten = resolve));
    const commit = new Promise<void>((resolve) => (commitOrder = resolve));
    // The orders API's side: lock the number, write the order, and hold the transaction open.
    const orderTx = t.prisma.$transaction(
      async (tx) => {
        await lockOrderNumbers(tx, [orderNumber]);
        await tx.order.create({ data: { orderNumber, total: '1.00', currency: 'USD', status: 'paid', placedAt: new Date() } });
        orderWritten();
        await commit;
      },
      { timeout: 30_000 },
    );
    await written;

    let answered = false;
    const widget = request(t.http)
      .post(`/api/support/${endpoint}`)
      .send({ ...body, orderNumber })
      .then((r) => ((answered = true), r));
    // The widget's statement must be blocked on this order number's lock, not answered already:
    // one ungranted advisory lock in this test's database with the key lockOrderNumbers takes
    // (pg_advisory_xact_lock(int4, int4) shows its keys as classid and objid, objsubid 2). Other
    // test files' lock waits on the same server are in other databases.
    const waiting = async () => {
      const [{ count }] = await t.prisma.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = ${ORDER_LINK_LOCK}::int::oid AND objsubid = 2
          AND objid = abs(hashtext(${orderNumber}) % ${ORDER_LINK_BUCKETS}::int)::int::oid`;
      return count;
    };
    try {
      await until(async () => answered || (await waiting()) === 1);
      expect(answered).toBe(false); // answered while the order's transaction was still open: it did not wait
    } finally {
      commitOrder();
      await orderTx;
    }

    const res = await widget;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderNumber, linked: true });
  });
});
