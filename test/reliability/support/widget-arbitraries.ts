import fc from 'fast-check';
import { ALLOWED_ORIGIN } from './app-on-cluster';

/** A known order, so some fuzzed widget rows link at once. */
export const FUZZ_ORDER = 'FZ-1';

export const SQL_LOOKING = [
  `'; DROP TABLE "CsatFeedback"; --`,
  `" OR 1=1 --`,
  `1); DELETE FROM "Order"; --`,
  `$$; TRUNCATE "IdempotencyKey"; $$`,
  `'; SELECT pg_sleep(5); --`,
  `\\'; UPDATE "CapsuleHold" SET "customerEmail" = 'x'; --`,
  `${'{'}"$where": "1 == 1"}`,
];

const POLLUTION = ['__proto__', 'constructor', 'prototype'];

/** A value of the wrong kind for any field: other types, odd text, huge text, pollution keys, SQL. */
const hostile = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ minLength: 1990, maxLength: 20_000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTION), fc.string()), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.constantFrom(...SQL_LOOKING, ...POLLUTION),
);

/** Mostly a valid value, sometimes a hostile one (or the field missing); rarer inside lists. */
const field = <T>(valid: fc.Arbitrary<T>, validWeight = 5) => fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: hostile });
const itemField = <T>(valid: fc.Arbitrary<T>) => field(valid, 60);

const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });
const sessionId = fc.stringMatching(/^w_[a-z0-9]{1,24}$/);
const orderNumber = fc.constantFrom(FUZZ_ORDER, ` #${FUZZ_ORDER.toLowerCase()} `, 'FZ-UNKNOWN-9');
const money = fc.integer({ min: 0, max: 99_999 }).map((c) => (c / 100).toFixed(2));

/** Request bodies per widget POST route, shaped like the contract's with fuzzed fields. */
export const BODIES: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  '/api/support/csat': fc.record(
    {
      sessionId: field(sessionId),
      rating: field(fc.constantFrom('great', ' Good ', 'ok', 'AMAZING', 'terrible', 1, 2, 3, 4, 5, '5', '4.0')),
      notes: field(text(2000)),
      intent: field(text(64)),
      orderNumber: field(orderNumber),
    },
    { requiredKeys: ['sessionId', 'rating'] },
  ),
  '/api/support/capsule': fc.record(
    {
      sessionId: field(sessionId),
      customerEmail: field(fc.emailAddress()),
      customerName: field(text(100)),
      shortlist: field(
        fc.array(
          fc.record(
            { productId: itemField(fc.string({ minLength: 1, maxLength: 40 })), variantId: itemField(text(40)), title: itemField(text(200)), size: itemField(text(10)), price: itemField(money) },
            { requiredKeys: ['productId'] },
          ),
          { minLength: 1, maxLength: 20 },
        ),
      ),
      orderNumber: field(orderNumber),
      holdHours: field(fc.integer({ min: 1, max: 168 })),
    },
    { requiredKeys: ['sessionId', 'customerEmail', 'shortlist'] },
  ),
  '/api/support/order-updates': fc.record(
    {
      sessionId: field(sessionId),
      orderNumber: field(orderNumber),
      email: field(fc.emailAddress()),
      phone: field(fc.constantFrom('+1-555-012-3456', '(555) 012-9999', '+44 20 7946 0958', '12')),
      sms: field(fc.boolean()),
      originIntent: field(text(64)),
    },
    { requiredKeys: ['sessionId', 'orderNumber'] },
  ),
  '/api/support/events': fc.record({
    events: field(
      fc.array(
        fc.record({
          sessionId: itemField(sessionId),
          name: itemField(fc.constantFrom('order_tracked', 'widget_opened')),
          occurredAt: itemField(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString())),
          metadata: itemField(fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 })),
        }),
        { minLength: 1, maxLength: 50 },
      ),
    ),
  }),
};

/** The body as sent: JSON of the object, with pollution keys spliced in, not JSON at all, or huge. */
export const rawBody = (body: fc.Arbitrary<Record<string, unknown>>) =>
  fc.oneof(
    { weight: 6, arbitrary: body.map((b) => JSON.stringify(b)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(body, fc.constantFrom(...POLLUTION), fc.constantFrom('{"polluted":"yes"}', '{"prototype":{"polluted":"yes"}}', '"yes"'))
        .map(([b, key, value]) => JSON.stringify(b).replace(/^\{/, `{"${key}":${value},`)),
    },
    { weight: 1, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v) ?? '')) },
    { weight: 1, arbitrary: body.map((b) => JSON.stringify({ ...b, padding: 'x'.repeat(17 * 1024) })) },
  );

const printable = (max: number) => fc.string({ unit: 'grapheme-ascii', maxLength: max });

/** Request headers: content types right and wrong, Idempotency-Keys of every length, ids, origins. */
export const headers = fc.record(
  {
    'content-type': fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      { weight: 3, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', 'APPLICATION/JSON') },
      { weight: 1, arbitrary: printable(60) },
    ),
    'idempotency-key': fc.oneof(fc.uuid(), printable(300), fc.constantFrom('', 'k', ' ', `'; DROP TABLE "IdempotencyKey"; --`)),
    'x-request-id': printable(200),
    origin: fc.oneof(fc.constantFrom(ALLOWED_ORIGIN, 'https://evil.example', 'null'), printable(60)),
    'x-forwarded-for': fc.ipV4(),
    accept: fc.constantFrom('application/json', '*/*', 'text/html', 'application/problem+json'),
  },
  { requiredKeys: ['content-type'] },
);

/** A path parameter: a known id (filled in by the caller), a UUID, or any text. */
export const pathParam = (known: () => string[]) =>
  fc.oneof(
    fc.nat().map((i) => known()[i % Math.max(1, known().length)] ?? 'none'),
    fc.uuid(),
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.constantFrom(...SQL_LOOKING),
  );
