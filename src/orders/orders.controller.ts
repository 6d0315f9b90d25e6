import { Body, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/http/api-problem.decorator';
import { DashboardApiController } from '../common/http/dashboard-api.decorator';
import { ImportOrdersDto } from './dto/import-orders.dto';
import { ListOrdersQuery } from './dto/list-orders.query';
import { OrderNumberParam } from './dto/order-number.param';
import { UpsertOrderDto } from './dto/upsert-order.dto';
import { OrdersService } from './orders.service';
import { BodyLimit } from '../common/http/route-body-limit';

/** 1,000 orders of a few hundred bytes each; every other route keeps the 16 KiB limit. */
export const IMPORT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Orders from the shop's sync, and the dashboard's view of them (contract §3). */
@DashboardApiController('orders', 'api/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('import')
  @HttpCode(200)
  @BodyLimit(IMPORT_BODY_LIMIT_BYTES)
  @ApiOkResponse({ description: 'All orders written in one transaction', schema: { example: { created: 990, updated: 10 } } })
  @ApiProblems(413, 415, 422)
  import(@Body() dto: ImportOrdersDto) {
    return this.orders.import(dto);
  }

  @Get()
  @ApiOkResponse({ description: 'Newest placedAt first; pass nextCursor as cursor for the next page (null on the last page)' })
  list(@Query() query: ListOrdersQuery) {
    return this.orders.list(query);
  }

  @Get(':orderNumber')
  @ApiOkResponse({ description: 'The order with every linked CSAT response, capsule hold and subscription' })
  @ApiProblems(404)
  get(@Param() { orderNumber }: OrderNumberParam) {
    return this.orders.get(orderNumber);
  }

  @Put(':orderNumber')
  @ApiCreatedResponse({ description: 'Created; widget rows that claimed this order number are linked' })
  @ApiOkResponse({ description: 'Updated' })
  @ApiProblems(413, 415, 422)
  async upsert(@Param() { orderNumber }: OrderNumberParam, @Body() dto: UpsertOrderDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const { status, body } = await this.orders.upsert(orderNumber, dto);
    reply.status(status);
    return body;
  }
}
