import fc from 'fast-check';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Property: whatever a browser sends to a widget endpoint, the answer is never a 5xx, and a
 * refused payload leaves no row behind (an accepted one leaves exactly what it says).
 *
 * A quarter of the runs send a payload built from valid values only, which must be accepted, so
 * the write path is exercised at a known rate; the rest are fuzzed (mostly plausible values, now
 * and then anything at all), which rarely pass validation as a whole.
 */
const RUNS = 1000;

// Mostly plausible values (so writes happen too), sometimes absent, sometimes anything at all.
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ arbitrary: arb, weight: 9 }, { arbitrary: fc.anything(), weight: 1 }), { nil: undefined, freq: 10 });
const text = (max: number, min = 0) => fc.string({ minLength: min, maxLength: max, unit: 'binary' });
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 19 }, { arbitrary: other, weight: 1 });
const orderNumber = mostly(fc.constantFrom('GG-1', ' #gg-2 ', 'a_3', '#', '', 'a b'), text(70));
const rating = fc.oneof(fc.constantFrom('great', ' OK ', 'meh', '5', '0', 'Amazing', '4.0', '__proto__'), fc.integer({ min: -2, max: 8 }), fc.double());
const email = mostly(fc.emailAddress(), text(30));
const phone = mostly(fc.constantFrom('+1-555-012-3456', '4155552671', '12', '+49 30 1234567'), text(20));

// Valid values: printable Unicode (no NUL, no lone surrogate), within every length limit. Limits
// count UTF-16 units and a grapheme can take several, so at most 6 units per grapheme: 10
// graphemes stay within 64 units (intent, event name), 20 within 128 (session id, name).
const printable = (max: number, min = 0) =>
  fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }).filter((s) => s.length <= max * 6);
const validOrderNumber = fc.constantFrom('GG-1', ' #gg-2 ', 'a_3', 'A'.repeat(64));
const validEmail = fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9.+_-]{0,15}$/), fc.constantFrom('example.com', 'shop.example'))
  .filter(([local]) => !/\.\.|\.$/.test(local))
  .map(([local, domain]) => `${local}@${domain}`);
const validPayloads = {
  csat: fc.record(
    {
      sessionId: printable(20, 1),
      rating: fc.constantFrom('great', ' OK ', 'Terrible', 'excellent', '4', '4.0', 1, 5),
      notes: printable(50),
      intent: printable(10),
      orderNumber: validOrderNumber,
    },
    { requiredKeys: ['sessionId', 'rating'] },
  ),
  capsule: fc.record(
    {
      sessionId: printable(20, 1),
      customerEmail: validEmail,
      customerName: printable(20),
      shortlist: fc.array(
        fc.record({ productId: printable(10, 1), title: printable(20), price: fc.constantFrom('1.00', '59.9', '7') }, { requiredKeys: ['productId'] }),
        { minLength: 1, maxLength: 20 },
      ),
      holdHours: fc.integer({ min: 1, max: 168 }),
      orderNumber: validOrderNumber,
    },
    { requiredKeys: ['sessionId', 'customerEmail', 'shortlist'] },
  ),
  'order-updates': fc
    .record(
      { sessionId: printable(20, 1), orderNumber: validOrderNumber, email: validEmail, phone: fc.constantFrom('+1-555-012-3456', '+49 30 1234567'), sms: fc.boolean(), originIntent: printable(10) },
      { requiredKeys: ['sessionId', 'orderNumber', 'email'] },
    )
    .map(({ sms, ...p }) => (p.phone ? { ...p, sms } : p)), // sms needs a phone
  events: fc.record({
    events: fc.array(
      fc.record(
        {
          sessionId: printable(20, 1),
          name: printable(10, 1),
          occurredAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          metadata: fc
            .dictionary(printable(8), fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }), { maxKeys: 5 })
            // At most 4 KiB, and no "__proto__" or "constructor" key: the JSON parser refuses them as
            // prototype poisoning ("constructor" when it holds a "prototype").
            .filter((m) => Buffer.byteLength(JSON.stringify(m)) <= 4096 && !/"(__proto__|constructor)":/.test(JSON.stringify(m))),
        },
        { requiredKeys: ['sessionId', 'name'] },
      ),
      { minLength: 1, maxLength: 50 },
    ),
  }),
};

const fuzzedPayloads = {
  csat: fc.record(
    { sessionId: maybe(text(140)), rating: maybe(rating), notes: maybe(text(50)), intent: maybe(text(70)), orderNumber: maybe(orderNumber) },
    { requiredKeys: [] },
  ),
  capsule: fc.record(
    {
      sessionId: maybe(text(20)),
      customerEmail: maybe(email),
      customerName: maybe(text(20)),
      shortlist: maybe(
        fc.array(
          mostly(
            fc.record({ productId: text(10, 1), price: fc.option(fc.constantFrom('1.00', '59.9', '7')) }, { requiredKeys: ['productId'] }),
            fc.record({ productId: fc.anything(), price: fc.oneof(text(6), fc.double()) }, { requiredKeys: [] }),
          ),
          { maxLength: 22 },
        ),
      ),
      holdHours: maybe(fc.integer({ min: -5, max: 200 })),
      orderNumber: maybe(orderNumber),
    },
    { requiredKeys: [] },
  ),
  'order-updates': fc.record(
    { sessionId: maybe(text(20, 1)), orderNumber: maybe(orderNumber), email: maybe(email), phone: maybe(phone), sms: maybe(fc.boolean()), originIntent: maybe(text(70)) },
    { requiredKeys: [] },
  ),
  events: fc.record(
    {
      events: maybe(
        fc.array(
          mostly(
            fc.record(
              { sessionId: text(20, 1), name: text(64, 1), occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), metadata: fc.dictionary(text(8), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }) },
              { requiredKeys: ['sessionId', 'name'] },
            ),
            fc.record({ sessionId: fc.anything(), name: fc.anything(), occurredAt: fc.anything(), metadata: fc.anything() }, { requiredKeys: [] }),
          ),
          { maxLength: 52 },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
};

/** Valid payloads at a weight of 1 in 4 against fuzzed ones, tagged so the property knows which is which. */
const mixed = <K extends keyof typeof fuzzedPayloads>(endpoint: K) =>
  fc.oneof(
    { arbitrary: validPayloads[endpoint].map((payload) => ({ valid: true, payload })), weight: 1 },
    { arbitrary: (fuzzedPayloads[endpoint] as fc.Arbitrary<unknown>).map((payload) => ({ valid: false, payload })), weight: 3 },
  );

describe('widget endpoints under random input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counts = async () => {
    const [csat, capsule, subscriptions, events] = await Promise.all([
      t.prisma.csatFeedback.count(),
      t.prisma.capsuleHold.count(),
      t.prisma.orderSubscription.count(),
      t.prisma.analyticsEvent.count(),
    ]);
    return { csat, capsule, subscriptions, events };
  };

  it.each(Object.keys(fuzzedPayloads) as (keyof typeof fuzzedPayloads)[])('POST /api/support/%s: no 5xx, no row from a refused payload', async (endpoint) => {
    const table = { csat: 'csat', capsule: 'capsule', 'order-updates': 'subscriptions', events: 'events' }[endpoint] as keyof Awaited<ReturnType<typeof counts>>;
    const fastify = t.app.getHttpAdapter().getInstance();
    let validSent = 0;
    await fc.assert(
      fc.asyncProperty(mixed(endpoint), async ({ valid, payload }) => {
        const before = await counts();
        const res = await fastify.inject({ method: 'POST', url: `/api/support/${endpoint}`, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
        expect(res.statusCode).toBeLessThan(500);
        const after = await counts();
        const added = after[table] - before[table];
        if (valid) {
          validSent++;
          expect(`${res.statusCode} ${res.body}`).toMatch(/^20[012] /); // the body says why, if not
        }
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(after).toEqual(before);
        } else if (endpoint === 'events') {
          expect(added).toBe(res.json().accepted);
        } else {
          expect(added).toBe(res.statusCode === 201 ? 1 : 0);
        }
      }),
      { numRuns: RUNS },
    );
    // The write path was exercised: about RUNS / 4 valid payloads were sent (and each was accepted);
    // fewer than RUNS / 10 means the mix itself is broken (by chance: p < 1e-20).
    expect(validSent).toBeGreaterThan(RUNS * 0.1);
  }, 180_000);
});
