import { AppOnCluster, appOnCluster, TOKEN } from './support/app-on-cluster';
import { LEAK } from './support/http-client';
import { check } from './support/ledger';
import { SQL_LOOKING } from './support/widget-arbitraries';

const AREA = 'security: data';
const JSON_HEADERS = { 'content-type': 'application/json' };

interface Sent {
  status: number;
  body: string;
  json: () => Record<string, unknown>;
  ms: number;
  request?: unknown;
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const PHONE = /\+\d{8,15}/g;
const digits = (s: string) => s.replace(/\D/g, '');

/** Emails or phone numbers in an answer that the request itself did not carry. */
function foreignContacts(sent: Sent): string[] {
  const request = JSON.stringify(sent.request ?? '').toLowerCase();
  const emails = (sent.body.match(EMAIL) ?? []).filter((e) => !request.includes(e.toLowerCase()));
  const phones = (sent.body.match(PHONE) ?? []).filter((p) => !digits(request).includes(digits(p)));
  return [...emails, ...phones];
}

/**
 * Shoppers never see each other's contact details; SQL-looking input is stored verbatim or
 * refused, never executed; error bodies never carry a stack, SQL or the connection string, also
 * when the database fails in ways the code does not expect.
 */
describe('security: shopper data, SQL-looking input, error bodies', () => {
  let target: AppOnCluster;
  const answers: Sent[] = [];
  const send = async (method: string, url: string, request?: unknown, headers: Record<string, string> = {}): Promise<Sent> => {
    const started = performance.now();
    const body = request === undefined ? {} : { payload: typeof request === 'string' ? request : JSON.stringify(request), headers: { ...JSON_HEADERS, ...headers } };
    const res = await target.fastify.inject({ method: method as 'GET', url, headers, ...body });
    const sent = { status: res.statusCode, body: res.body, json: () => res.json() as Record<string, unknown>, ms: performance.now() - started, request };
    answers.push(sent);
    return sent;
  };
  const db = <T extends object>(sql: string, params: unknown[] = []) => target.cluster.query<T>(sql, params, 'wds');

  beforeAll(async () => {
    target = await appOnCluster();
  });
  afterAll(() => target?.close());

  it("never shows a shopper another shopper's email or phone", async () => {
    const a = { email: 'ada@shop.test', phone: '+1 555 010 1111', name: 'Ada Anders' };
    const holdA = await send('POST', '/api/support/capsule', { sessionId: 'w_a', customerEmail: a.email, customerName: a.name, shortlist: [{ productId: 'p_1' }] }, { 'idempotency-key': 'key-of-a' });
    await send('POST', '/api/support/order-updates', { sessionId: 'w_a', orderNumber: 'ISO-1', email: a.email, phone: a.phone, sms: true }, { 'idempotency-key': 'sub-key-of-a' });
    const id = holdA.json().reservationId as string;
    const seenByB = [
      await send('GET', `/api/support/capsule/${id}`),
      await send('DELETE', `/api/support/capsule/${id}`),
      await send('POST', '/api/support/order-updates', { sessionId: 'w_b', orderNumber: 'ISO-1', email: 'bo@shop.test' }),
      await send('POST', '/api/support/order-updates', { sessionId: 'w_b', orderNumber: 'ISO-1', email: a.email, phone: '+1 555 010 2222' }),
      await send('POST', '/api/support/order-updates', { sessionId: 'w_b', orderNumber: 'iso-1', email: a.email }),
      await send('POST', '/api/support/capsule', { sessionId: 'w_b', customerEmail: 'bo@shop.test', shortlist: [{ productId: 'p_2' }] }, { 'idempotency-key': 'key-of-a' }),
      await send('POST', '/api/support/order-updates', { sessionId: 'w_b', orderNumber: 'ISO-2', email: 'bo@shop.test' }, { 'idempotency-key': 'sub-key-of-a' }),
      await send('DELETE', '/api/support/order-updates/00000000-0000-4000-8000-000000000000'),
    ];
    const foreign = seenByB.flatMap((s) => foreignContacts(s).map((c) => `${s.status}: ${c}`));
    const nameShown = seenByB.filter((s) => s.body.includes(a.name)).length;
    check(AREA, `${seenByB.length} widget reads and writes by shopper B around shopper A's hold and subscription`, `statuses ${seenByB.map((s) => s.status).join(' ')}; ${foreign.length + nameShown} foreign contact details shown ${foreign.join(', ')}`, foreign.length === 0 && nameShown === 0 && holdA.status === 201);
  });

  it('stores SQL-looking input verbatim or refuses it, never executes it', async () => {
    const before = await db<{ orders: number; tables: number }>(`SELECT (SELECT count(*)::int FROM "Order") AS orders, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables`);
    let verbatim = 0;
    let refused = 0;
    const wrong: string[] = [];
    for (const sql of SQL_LOOKING) {
      const csat = await send('POST', '/api/support/csat', { sessionId: sql, rating: 5, notes: sql, intent: sql.slice(0, 64) }, { 'idempotency-key': sql });
      const [row] = await db<{ sessionId: string; notes: string; intent: string }>(`SELECT "sessionId", "notes", "intent" FROM "CsatFeedback" WHERE "id" = $1`, [csat.json().id]);
      const [key] = await db<{ key: string }>(`SELECT "key" FROM "IdempotencyKey" WHERE "scope" = 'csat' AND "key" = $1`, [sql]);
      const hold = await send('POST', '/api/support/capsule', { sessionId: 'w', customerEmail: 'sql@shop.test', customerName: sql, shortlist: [{ productId: sql, title: sql }] });
      const read = await send('GET', `/api/support/capsule/${hold.json().reservationId as string}`);
      const events = await send('POST', '/api/support/events', { events: [{ sessionId: sql, name: 'order_tracked', occurredAt: new Date().toISOString(), metadata: { [sql]: sql } }] });
      const [event] = await db<{ metadata: Record<string, string> }>(`SELECT "metadata" FROM "AnalyticsEvent" WHERE "sessionId" = $1`, [sql]);
      const stored = row?.sessionId === sql && row.notes === sql && row.intent === sql.slice(0, 64) && key?.key === sql &&
        (read.json().shortlist as { title: string }[])[0].title === sql && event?.metadata[sql] === sql;
      if (stored && events.status === 202) verbatim += 6;
      else wrong.push(`stored differently: ${sql}`);

      const refusals = [
        await send('POST', '/api/support/csat', { sessionId: 'w', rating: sql }),
        await send('POST', '/api/support/csat', { sessionId: 'w', rating: 5, orderNumber: sql }),
        await send('GET', `/api/orders?creatorCode=${encodeURIComponent(sql)}`, undefined, { authorization: `Bearer ${TOKEN}` }),
        await send('GET', `/api/orders?cursor=${encodeURIComponent(sql)}`, undefined, { authorization: `Bearer ${TOKEN}` }),
        await send('GET', `/api/orders/${encodeURIComponent(sql)}`, undefined, { authorization: `Bearer ${TOKEN}` }),
        await send('GET', `/api/creators/widget-stats?currency=${encodeURIComponent(sql)}`, undefined, { authorization: `Bearer ${TOKEN}` }),
      ];
      refused += refusals.filter((r) => r.status === 400 || r.status === 404).length;
      wrong.push(...refusals.filter((r) => r.status !== 400 && r.status !== 404).map((r) => `${r.status} for ${sql}`));
    }
    const [after] = await db<{ orders: number; tables: number }>(`SELECT (SELECT count(*)::int FROM "Order") AS orders, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables`);
    const slowest = Math.max(...answers.map((a) => a.ms));
    check(AREA, `${SQL_LOOKING.length} SQL-looking strings × 12 inputs (widget fields, Idempotency-Key, dashboard queries)`, `${verbatim} stored verbatim, ${refused} refused (400/404), ${wrong.length} otherwise ${wrong.slice(0, 2).join('; ')}`, wrong.length === 0);
    check(AREA, 'nothing was executed', `tables ${before[0].tables} → ${after.tables}, orders ${before[0].orders} → ${after.orders}, slowest answer ${Math.round(slowest)} ms (pg_sleep(5) would show)`, after.tables === before[0].tables && after.orders === before[0].orders && slowest < 5000);
  });

  it('keeps stack traces, SQL and connection strings out of every error body', async () => {
    await send('POST', '/api/support/csat', '{"sessionId": "w", "rating": 5');
    await send('POST', '/api/support/csat', { sessionId: 'w', rating: 5, notes: 'x'.repeat(17 * 1024) });
    await target.fastify.inject({ method: 'POST', url: '/api/support/csat', headers: { 'content-type': 'text/plain' }, payload: 'hello' }).then((res) => answers.push({ status: res.statusCode, body: res.body, json: () => ({}), ms: 0 }));
    // Failures the code does not expect: a missing table (500) and the database gone (503).
    await db(`ALTER TABLE "CsatFeedback" RENAME TO "CsatFeedbackAway"`);
    const missingTable = await send('POST', '/api/support/csat', { sessionId: 'w', rating: 5 });
    await db(`ALTER TABLE "CsatFeedbackAway" RENAME TO "CsatFeedback"`);
    await target.cluster.kill();
    const down = [await send('GET', '/health'), await send('POST', '/api/support/csat', { sessionId: 'w', rating: 5 }), await send('GET', '/api/orders', undefined, { authorization: `Bearer ${TOKEN}` })];
    await target.cluster.start();

    const errors = answers.filter((a) => a.status >= 400);
    const leaking = errors.filter((a) => LEAK.test(a.body));
    check(AREA, 'internal failures: a missing table, the database killed', `missing table → ${missingTable.status}; database down → ${down.map((d) => d.status).join(', ')}`, missingTable.status === 500 && down.every((d) => d.status === 503));
    check(AREA, 'error bodies carry no stack, SQL or connection string', `${errors.length} error bodies from this file checked, ${leaking.length} leak ${leaking.slice(0, 1).map((l) => l.body.slice(0, 200)).join('')}`, errors.length > 0 && leaking.length === 0);
  });
});
