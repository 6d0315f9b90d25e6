import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

describe('POST /api/support/events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('accepts a batch (202) and stores each event', async () => {
    const res = await request(t.http)
      .post('/api/support/events')
      .send({
        events: [
          { sessionId: 'w_e', name: 'order_tracked', occurredAt: '2026-11-24T10:00:00.000Z', metadata: { orderNumber: 'GG-12001' } },
          { sessionId: 'w_e', name: 'opened' },
        ],
      })
      .expect(202);
    expect(res.body).toEqual({ accepted: 2 });
    const rows = await t.prisma.analyticsEvent.findMany({ where: { sessionId: 'w_e' }, orderBy: { occurredAt: 'asc' } });
    expect(rows.map((r) => r.name)).toEqual(['order_tracked', 'opened']);
    expect(rows[0].metadata).toEqual({ orderNumber: 'GG-12001' });
  });

  it.each([
    ['no events', { events: [] }],
    ['51 events', { events: Array.from({ length: 51 }, () => ({ sessionId: 'w', name: 'n' })) }],
    ['metadata over 4 KiB', { events: [{ sessionId: 'w', name: 'n', metadata: { blob: 'x'.repeat(4100) } }] }],
    ['metadata not an object', { events: [{ sessionId: 'w', name: 'n', metadata: 'x' }] }],
    ['bad date', { events: [{ sessionId: 'w', name: 'n', occurredAt: 'yesterday' }] }],
    ['a date past year 9999 (through its offset)', { events: [{ sessionId: 'w', name: 'n', occurredAt: '9999-12-31T23:00:00-02:00' }] }],
    ['a local time without Z or offset', { events: [{ sessionId: 'w', name: 'n', occurredAt: '2026-11-24T10:00:00' }] }],
    ['no name', { events: [{ sessionId: 'w' }] }],
    ['a nested array', { events: [[]] }],
    ['an unpaired surrogate in metadata', { events: [{ sessionId: 'w', name: 'n', metadata: { a: '\ud800' } }] }],
  ])('refuses %s with a 400 and stores nothing (all or nothing)', async (_name, body) => {
    const before = await t.prisma.analyticsEvent.count();
    await request(t.http).post('/api/support/events').send(body).expect(400);
    expect(await t.prisma.analyticsEvent.count()).toBe(before);
  });
});
