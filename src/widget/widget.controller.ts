import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/public.decorator';
import { ApiProblems } from '../common/http/api-problem.decorator';
import { respond } from '../common/http/respond';
import { Idempotent } from '../common/idempotency/idempotent-request.decorator';
import type { IdempotentRequest } from '../common/idempotency/idempotency.service';
import { WidgetThrottlerGuard } from '../common/rate-limit/widget-throttler.guard';
import { CapsuleService } from './capsule.service';
import { CsatService } from './csat.service';
import { CreateCapsuleDto } from './dto/create-capsule.dto';
import { CreateCsatDto } from './dto/create-csat.dto';
import { CreateEventsDto } from './dto/create-events.dto';
import { CreateSubscriptionDto } from './dto/create-subscription.dto';
import { EventsService } from './events.service';
import { SubscriptionService } from './subscription.service';

const IdempotencyKeyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1-255 characters. The same key and body within 24 h replays the first answer (Idempotent-Replayed: true); another body → 422.',
  });

/** The public endpoints shoppers' browsers call (contract §2). Rules live in the services. */
@ApiTags('widget')
@Public()
@UseGuards(WidgetThrottlerGuard)
@ApiProblems(400, 413, 415, 429, 503)
@Controller('api/support')
export class WidgetController {
  constructor(
    private readonly csat: CsatService,
    private readonly capsules: CapsuleService,
    private readonly subscriptions: SubscriptionService,
    private readonly events: EventsService,
  ) {}

  @Post('csat')
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Stored; `linked` tells whether the order is already known' })
  @ApiProblems(422)
  async submitCsat(
    @Body() dto: CreateCsatDto,
    @Idempotent('csat') request: IdempotentRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respond(reply, await this.csat.submit(dto, request));
  }

  @Post('capsule')
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'The hold, active until expiresAt' })
  @ApiProblems(422)
  async createCapsule(
    @Body() dto: CreateCapsuleDto,
    @Idempotent('capsule') request: IdempotentRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respond(reply, await this.capsules.create(dto, request));
  }

  @Get('capsule/:reservationId')
  @ApiOkResponse({ description: 'The hold, without the customer email' })
  @ApiProblems(404)
  getCapsule(@Param('reservationId') reservationId: string) {
    return this.capsules.get(reservationId);
  }

  @Delete('capsule/:reservationId')
  @ApiOkResponse({ description: 'The cancelled hold' })
  @ApiProblems(404, 409)
  cancelCapsule(@Param('reservationId') reservationId: string) {
    return this.capsules.cancel(reservationId);
  }

  @Post('order-updates')
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'A new subscription' })
  @ApiOkResponse({ description: 'The existing subscription for this order and contact, updated' })
  @ApiProblems(422)
  async subscribe(
    @Body() dto: CreateSubscriptionDto,
    @Idempotent('order-updates') request: IdempotentRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respond(reply, await this.subscriptions.subscribe(dto, request));
  }

  @Delete('order-updates/:id')
  @ApiOkResponse({ description: 'Unsubscribed (the subscription is kept with unsubscribedAt)' })
  @ApiProblems(404)
  unsubscribe(@Param('id') id: string) {
    return this.subscriptions.unsubscribe(id);
  }

  @Post('events')
  @HttpCode(202)
  @IdempotencyKeyHeader()
  @ApiAcceptedResponse({ schema: { example: { accepted: 2 } } })
  @ApiProblems(422)
  async recordEvents(
    @Body() dto: CreateEventsDto,
    @Idempotent('events') request: IdempotentRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respond(reply, await this.events.record(dto, request));
  }
}
