import { BadRequestException, NotFoundException } from '@nestjs/common';
import { mapException } from '../../src/common/problem-details.filter';
import { PROBLEM_TYPES, ProblemException } from '../../src/common/problem';
import { Prisma } from '../../src/generated/prisma/client';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import { DatabaseError } from 'pg';

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('boom SELECT secret FROM "Order" postgresql://u:p@h/db', { code, clientVersion: '7', meta });
const raw = (sqlstate: string) => known('P2010', { driverAdapterError: { cause: { originalCode: sqlstate } } });
// The same errors straight from the pg pool (src/database/sql.ts).
const pgError = (sqlstate: string, message = 'boom') => Object.assign(new DatabaseError(message, 0, 'error'), { code: sqlstate });
// The pg driver adapter's own error, as Prisma sometimes rethrows it unconverted (its message is then the kind).
const adapterError = (cause: { kind: string; [field: string]: unknown }) => new DriverAdapterError(cause as never);

describe('mapException', () => {
  it.each([
    [known('P2002'), 409],
    [known('P2003'), 422],
    [known('P2025'), 404],
    [known('P2000'), 400],
    [raw('23505'), 409],
    [raw('23503'), 422],
    [raw('23514'), 422],
    [pgError('23505'), 409],
    [pgError('23514'), 422],
    [pgError('22001'), 400],
    [pgError('57P01', 'terminating connection due to administrator command'), 503],
    [pgError('57014', 'canceling statement due to statement timeout'), 503],
    [pgError('XX000'), 500],
    [known('P1001'), 503],
    [known('P2024'), 503],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {}), 503],
    // pg, for a pooled connection the database dropped (seen when the server is SIGKILLed mid-transaction)
    [new Error('Client has encountered a connection error and is not queryable'), 503],
    [Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), 415],
    [Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 413],
    [new NotFoundException('Cannot GET /x'), 404],
    [new BadRequestException('nope'), 400],
    [new ProblemException(409, 'busy', { headers: { 'retry-after': '1' } }), 409],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), 500],
    [raw('XX000'), 500],
  ])('%s → %i', (error, status) => {
    const { body } = mapException(error);
    expect(body.status).toBe(status);
    expect(body.title).toEqual(expect.any(String));
  });

  it('never puts internals in the body of a 5xx', () => {
    for (const error of [raw('XX000'), new Error('at Object.<anonymous> (/srv/app.ts:1:1) postgresql://u:p@h/db'), known('P1001')]) {
      const text = JSON.stringify(mapException(error).body);
      expect(text).not.toMatch(/postgresql:\/\/|SELECT|\.ts:\d|secret|ECONNREFUSED/);
    }
  });

  describe('database outages', () => {
    // What Prisma's interactive transactions throw when no transaction could begin in time (was a 500).
    const p2028 = new Prisma.PrismaClientKnownRequestError('Transaction API error: Unable to start a transaction in the given time.', { code: 'P2028', clientVersion: '7' });
    const notSent = [
      p2028,
      known('P2024'),
      known('P1001'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      pgError('53300', 'sorry, too many clients already'),
      // A server in crash recovery, as Prisma reports it (was a 500 when the database restarted).
      known('P2039', { driverAdapterError: { cause: { originalCode: '57P03', originalMessage: 'the database system is not yet accepting connections' } } }),
      adapterError({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
      adapterError({ kind: 'TooManyConnections', cause: 'too many clients' }),
    ];
    const sentNoAnswer = [
      new Error('Query read timeout'),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      pgError('57014', 'canceling statement due to statement timeout'),
      pgError('57P01', 'terminating connection due to administrator command'),
      // A connection reset while the service's COMMIT was on the wire (was a 500 when the database was SIGKILLed).
      adapterError({ kind: 'ConnectionClosed' }),
      adapterError({ kind: 'SocketTimeout' }),
      adapterError({ kind: 'postgres', code: '57P01', originalCode: '57P01', message: 'terminating connection due to unexpected postmaster exit' }),
    ];
    const write = { write: true, keyed: true };

    it.each(notSent)('answers %s with 503, Retry-After and "nothing was written" for a write', (error) => {
      const { body, headers } = mapException(error, write);
      expect(body.status).toBe(503);
      expect(headers?.['retry-after']).toBe('5');
      expect(body.type).not.toBe(PROBLEM_TYPES.writeOutcomeUnknown);
      expect(body.detail).toMatch(/nothing was written/);
    });

    it.each(sentNoAnswer)('answers %s to a write with 503 "outcome unknown" that names the Idempotency-Key as the safe retry', (error) => {
      const keyed = mapException(error, write);
      expect(keyed.body).toMatchObject({ status: 503, type: PROBLEM_TYPES.writeOutcomeUnknown, title: 'Write outcome unknown' });
      expect(keyed.headers?.['retry-after']).toBe('5');
      expect(keyed.body.detail).toMatch(/may or may not have been stored.*same Idempotency-Key.*safe/);
      const unkeyed = mapException(error, { write: true, keyed: false });
      expect(unkeyed.body.type).toBe(PROBLEM_TYPES.writeOutcomeUnknown);
      expect(unkeyed.body.detail).toMatch(/may store it twice.*Idempotency-Key/);
    });

    it.each(sentNoAnswer)('answers %s to a read with a plain 503', (error) => {
      const { body } = mapException(error, { write: false, keyed: false });
      expect(body.status).toBe(503);
      expect(body.type).not.toBe(PROBLEM_TYPES.writeOutcomeUnknown);
    });
  });
});
