// The benchmark's baseline for the CSAT endpoint: bare Fastify and a pg pool, hand-written
// validation with the same rules and the service's own INSERT statement, autocommitted. No Nest,
// no Prisma, no transaction, no idempotency, no logging: what the same work costs with nothing else.
import Fastify from 'fastify';
import { Pool } from 'pg';
import { normaliseOrderNumber, ORDER_NUMBER_PATTERN, ratingToScore } from '../../src/common/normalize';
import type { CsatRow } from '../../src/widget/csat.repository';
import { toCsatResponse } from '../../src/widget/widget.mappers';
import { csatInsertStatement } from './csat-statement';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const app = Fastify({ bodyLimit: 16 * 1024 });

const optionalText = (value: unknown, max: number) => value === undefined || (typeof value === 'string' && value.length <= max);

app.post('/api/support/csat', async (request, reply) => {
  const body = request.body as Record<string, unknown> | null;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return reply.code(400).send({ status: 400, title: 'Bad Request' });
  const { sessionId, rating, notes, intent } = body;
  const orderNumber = typeof body.orderNumber === 'string' ? normaliseOrderNumber(body.orderNumber) : body.orderNumber;
  const score = ratingToScore(rating);
  const valid =
    typeof sessionId === 'string' && sessionId.length >= 1 && sessionId.length <= 128 && score !== null &&
    optionalText(notes, 2000) && optionalText(intent, 64) &&
    (orderNumber === undefined || (typeof orderNumber === 'string' && ORDER_NUMBER_PATTERN.test(orderNumber)));
  if (!valid) return reply.code(400).send({ status: 400, title: 'Bad Request' });

  const { text, values } = await csatInsertStatement({
    sessionId: sessionId as string,
    rating: String(rating),
    score,
    notes: (notes as string | undefined) ?? null,
    intent: (intent as string | undefined) ?? null,
    claimedOrderNumber: (orderNumber as string | undefined) ?? null,
    verified: false,
  });
  const { rows } = await pool.query<CsatRow>(text, values);
  return reply.code(201).send(toCsatResponse(rows[0]));
});

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
