import { escapeLiteral } from 'pg';
import { Prisma } from '../../src/generated/prisma/client';
import { CsatRepository, NewCsat } from '../../src/widget/csat.repository';

export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The service's own CSAT INSERT (CsatRepository.insert, link columns included) as SQL text and
 * values, captured from a stand-in transaction: the baselines run exactly the statement the service
 * runs, without Prisma, Nest or a transaction around it.
 */
export async function csatInsertStatement(csat: NewCsat): Promise<Statement> {
  let captured: Prisma.Sql | undefined;
  const capture = {
    $queryRaw: (sql: Prisma.Sql) => {
      captured = sql;
      return Promise.resolve([{}]);
    },
  };
  await new CsatRepository().insert(capture as unknown as Prisma.TransactionClient, csat);
  return { text: captured!.text, values: captured!.values };
}

/**
 * The same INSERT as a pgbench script: values inlined as literals, except the claimed order
 * number, which pgbench draws at random among the `orders` seeded orders (like the HTTP load does).
 */
export async function csatPgbenchScript(orders: number, orderNumberSql: (indexVariable: string) => string): Promise<string> {
  const sentinel = 'PGBENCH-ORDER';
  const { text, values } = await csatInsertStatement({
    sessionId: 'w_pgbench',
    rating: 'great',
    score: 5,
    notes: 'Super helpful!',
    intent: 'order_tracking',
    claimedOrderNumber: sentinel,
    verified: false,
  });
  const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    return value === sentinel ? orderNumberSql(':k') : typeof value === 'number' ? String(value) : escapeLiteral(String(value));
  });
  return `\\set k random(1, ${orders})\n${sql.replace(/\s+/g, ' ').trim()};\n`;
}
