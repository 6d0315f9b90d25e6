import { Client } from 'pg';
import { TEST_TOKEN } from './test-app';

/** Helpers for the dashboard API tests (orders, creators, auth). */

export const AUTH = { Authorization: `Bearer ${TEST_TOKEN}` };

/** A valid order body for PUT /api/orders/:orderNumber; override what the test is about. */
export const orderBody = (overrides: Record<string, unknown> = {}) => ({
  customerEmail: 'user@example.com',
  total: '129.90',
  currency: 'USD',
  status: 'paid',
  placedAt: '2026-11-24T10:00:00.000Z',
  ...overrides,
});

/**
 * Runs `fn` and counts the SQL statements sent to PostgreSQL meanwhile. Every query of the app's
 * pg pool (Prisma's adapter, transactions' BEGIN/COMMIT included) goes through Client#query.
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    const result = await fn();
    return { result, statements: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}
