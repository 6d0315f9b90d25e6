import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { FieldError, ProblemException } from '../common/problem';
import { PrismaService } from '../database/prisma.service';
import { lockOrderNumbers } from '../database/transaction';
import { CreatorsRepository } from '../creators/creators.repository';
import { placedAtWindow } from './dto/date-window.query';
import { ImportOrdersDto } from './dto/import-orders.dto';
import { DEFAULT_PAGE_SIZE, ListOrdersQuery } from './dto/list-orders.query';
import { UpsertOrderDto } from './dto/upsert-order.dto';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor';
import { OrderViewsRepository } from './order-views.repository';
import { OrderDetailResponse, OrderResponse, toOrderDetailResponse, toOrderResponse } from './orders.mappers';
import { OrderInput, OrdersRepository } from './orders.repository';

/** An order to write and the request field it came from (for error messages). */
interface IncomingOrder {
  input: OrderInput;
  field: string;
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly orders: OrdersRepository,
    private readonly views: OrderViewsRepository,
    private readonly creators: CreatorsRepository,
  ) {}

  /** Creates (201) or updates (200) one order and answers with it, widget data included. */
  upsert(orderNumber: string, dto: UpsertOrderDto): Promise<{ status: number; body: OrderResponse }> {
    return this.prisma.$transaction(async (tx) => {
      const { created } = await this.write(tx, [{ input: toInput(orderNumber, dto), field: '' }]);
      const row = await this.views.findOne(tx, orderNumber);
      return { status: created ? 201 : 200, body: toOrderResponse(row!) };
    });
  }

  /** All or nothing: one transaction, a handful of set-based statements for up to 1,000 orders. */
  import(dto: ImportOrdersDto): Promise<{ created: number; updated: number }> {
    const orders = dto.orders.map((o, i) => ({ input: toInput(o.orderNumber, o), field: `orders.${i}.` }));
    assertNoDuplicates(orders);
    return this.prisma.$transaction((tx) => this.write(tx, orders));
  }

  async list(query: ListOrdersQuery): Promise<{ data: OrderResponse[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeOrderCursor(query.cursor) : null;
    const filters = { ...placedAtWindow(query), hasWidgetInteraction: query.hasWidgetInteraction, csat: query.csat, creatorCode: query.creatorCode };
    // One row more than the page tells whether another page follows.
    const rows = await this.views.page(this.prisma, filters, cursor, limit + 1);
    const page = rows.slice(0, limit);
    return { data: page.map(toOrderResponse), nextCursor: rows.length > limit ? encodeOrderCursor(page[page.length - 1]) : null };
  }

  async get(orderNumber: string): Promise<OrderDetailResponse> {
    const row = await this.views.findOne(this.prisma, orderNumber);
    if (!row) throw new ProblemException(404, `No order has the number ${orderNumber}.`);
    const [csat, holds, subscriptions] = await Promise.all([
      this.views.csatResponses(this.prisma, orderNumber),
      this.views.capsuleHolds(this.prisma, orderNumber),
      this.views.subscriptions(this.prisma, orderNumber),
    ]);
    return toOrderDetailResponse(row, csat, holds, subscriptions);
  }

  /**
   * Writes the orders and links the widget rows that claimed them, under the order numbers'
   * advisory lock: a widget row claiming one of them at the same moment is either seen here or
   * sees the order (lockOrderNumbers), so no link is missed.
   */
  private async write(tx: Prisma.TransactionClient, orders: IncomingOrder[]) {
    const numbers = orders.map((o) => o.input.orderNumber);
    await this.assertCreatorsExist(tx, orders);
    await lockOrderNumbers(tx, numbers);
    await this.assertExternalIdsFree(tx, orders);
    const counts = await this.orders.upsertMany(tx, orders.map((o) => o.input));
    await this.orders.linkClaimedWidgetRows(tx, numbers);
    return counts;
  }

  private async assertCreatorsExist(tx: Prisma.TransactionClient, orders: IncomingOrder[]): Promise<void> {
    const codes = [...new Set(orders.flatMap((o) => (o.input.creatorCode ? [o.input.creatorCode] : [])))];
    const known = await this.creators.existingCodes(tx, codes);
    const errors: FieldError[] = orders
      .filter((o) => o.input.creatorCode && !known.has(o.input.creatorCode))
      .map((o) => ({ field: `${o.field}creatorCode`, message: `no creator has the code ${o.input.creatorCode}` }));
    if (errors.length) throw new ProblemException(422, 'The request refers to an unknown creator.', { errors });
  }

  /** An externalId names one order: taking another order's is a conflict, reported by field. */
  private async assertExternalIdsFree(tx: Prisma.TransactionClient, orders: IncomingOrder[]): Promise<void> {
    const owners = await this.orders.externalIdOwners(tx, orders.flatMap((o) => (o.input.externalId ? [o.input.externalId] : [])));
    const errors: FieldError[] = orders
      .filter((o) => o.input.externalId && (owners.get(o.input.externalId) ?? o.input.orderNumber) !== o.input.orderNumber)
      .map((o) => ({ field: `${o.field}externalId`, message: `externalId ${o.input.externalId} belongs to order ${owners.get(o.input.externalId!)}` }));
    if (errors.length) throw new ProblemException(409, 'An externalId already belongs to another order.', { errors });
  }
}

function toInput(orderNumber: string, dto: UpsertOrderDto): OrderInput {
  return {
    orderNumber,
    customerEmail: dto.customerEmail,
    total: dto.total,
    currency: dto.currency,
    status: dto.status,
    placedAt: new Date(dto.placedAt),
    creatorCode: dto.creatorCode,
    externalId: dto.externalId,
  };
}

/** One import cannot write an order twice, nor give two orders the same externalId. */
function assertNoDuplicates(orders: IncomingOrder[]): void {
  const errors: FieldError[] = [];
  for (const key of ['orderNumber', 'externalId'] as const) {
    const firstAt = new Map<string, string>();
    for (const { input, field } of orders) {
      const value = input[key];
      if (!value) continue;
      const first = firstAt.get(value);
      if (first) errors.push({ field: `${field}${key}`, message: `${key} ${value} repeats ${first}${key}` });
      else firstAt.set(value, field);
    }
  }
  if (errors.length) throw new ProblemException(400, 'The import repeats an order.', { errors });
}
