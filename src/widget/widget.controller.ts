import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/public.decorator';
import { ApiProblems } from '../common/http/api-problem.decorator';
import { respond } from '../common/http/respond';
import { Idempotent } from '../common/idempotency/idempotent-request.decorator';
import type { IdempotentRequest } from '../common/idempotency/idempotency.service';
import { WidgetThrottlerGuard } from '../common/rate-limit/widget-throttler.guard';
import type { WidgetIdentity } from '../common/widget-token/widget-identity';
import { VerifiedWidget, WidgetTokenGuard, WidgetWrite } from '../common/widget-token/widget-token.guard';
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

const SubscriptionTokenHeader = () =>
  ApiHeader({
    name: 'X-Subscription-Token',
    required: false,
    description: 'The manageToken returned when the subscription was created: proves it is yours.',
  });

/** Public endpoints, so a shop's own server may vouch for the shopper: contract §7, README "Widget tokens". */
const WidgetTokenHeader = () =>
  ApiHeader({
    name: 'X-Widget-Token',
    required: false,
    description: 'A JWT (HS256) minted by the shop: sub = sessionId, optional email and orders, exp. Invalid, expired or another session → 401.',
  });

/** The public endpoints shoppers' browsers call (contract §2). Rules live in the services. */
@ApiTags('widget')
@Public()
@UseGuards(WidgetThrottlerGuard, WidgetTokenGuard)
@WidgetTokenHeader()
@ApiProblems(400, 401, 413, 415, 429, 503)
@Controller('api/support')
export class WidgetController {
  constructor(
    private readonly csat: CsatService,
    private readonly capsules: CapsuleService,
    private readonly subscriptions: SubscriptionService,
    private readonly events: EventsService,
  ) {}

  @Post('csat')
  @WidgetWrite()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Stored; `linked` tells whether the order is already known' })
  @ApiProblems(422)
  async submitCsat(
    @Body() dto: CreateCsatDto,
    @Idempotent('csat') request: IdempotentRequest,
    @VerifiedWidget() identity: WidgetIdentity | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respond(reply, await this.csat.submit(dto, request, identity));
  }

  @Post('capsule')
  @WidgetWrite()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'The hold, active until expiresAt' })
  @ApiProblems(422)
  async createCapsule(
    @Body() dto: CreateCapsuleDto,
    @Idempotent('capsule') request: IdempotentRequest,
    @VerifiedWidget() identity: WidgetIdentity | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respond(reply, await this.capsules.create(dto, request, identity));
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
  @WidgetWrite()
  @IdempotencyKeyHeader()
  @SubscriptionTokenHeader()
  @ApiCreatedResponse({
    description: 'A new subscription, with its manageToken (shown this once). Also the answer, unchanged in shape, when another ' +
      'subscription has this order and contact and no proof was sent: theirs is left untouched (README, "Subscription ownership").',
  })
  @ApiOkResponse({ description: 'Your existing subscription for this order and contact, updated (proof: X-Subscription-Token or a covering X-Widget-Token)' })
  @ApiProblems(422)
  async subscribe(
    @Body() dto: CreateSubscriptionDto,
    @Idempotent('order-updates') request: IdempotentRequest,
    @VerifiedWidget() identity: WidgetIdentity | null,
    @Headers('x-subscription-token') manageToken: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respond(reply, await this.subscriptions.subscribe(dto, request, { identity, manageToken }));
  }

  @Delete('order-updates/:id')
  @SubscriptionTokenHeader()
  @ApiQuery({ name: 'token', required: false, description: 'The manageToken, for unsubscribe links' })
  @ApiOkResponse({ description: 'Unsubscribed (the subscription is kept with unsubscribedAt)' })
  @ApiProblems(404)
  unsubscribe(
    @Param('id') id: string,
    @VerifiedWidget() identity: WidgetIdentity | null,
    @Headers('x-subscription-token') header: string | undefined,
    @Query('token') query: unknown,
  ) {
    const manageToken = header || (typeof query === 'string' ? query : undefined);
    return this.subscriptions.unsubscribe(id, { identity, manageToken });
  }

  @Post('events')
  @WidgetWrite()
  @HttpCode(202)
  @IdempotencyKeyHeader()
  @ApiAcceptedResponse({ schema: { example: { accepted: 2 } } })
  @ApiProblems(422)
  async recordEvents(
    @Body() dto: CreateEventsDto,
    @Idempotent('events') request: IdempotentRequest,
    @VerifiedWidget() identity: WidgetIdentity | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respond(reply, await this.events.record(dto, request, identity));
  }
}
