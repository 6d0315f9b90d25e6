import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { normalisePhone, phoneFormatMessage } from '../common/normalize';
import { FieldError, ProblemException } from '../common/problem';
import { IdempotencyService, IdempotentRequest } from '../common/idempotency/idempotency.service';
import { coversSubscription, vouchesFor, WidgetIdentity } from '../common/widget-token/widget-identity';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { CreateSubscriptionDto } from './dto/create-subscription.dto';
import { SubscriptionRepository } from './subscription.repository';
import { SubscriptionCreatedResponse, SubscriptionResponse, toSubscriptionResponse } from './widget.mappers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 256 random bits, URL-safe: the credential that manages one subscription. Only its SHA-256 is stored. */
const newManageToken = () => `mst_${randomBytes(32).toString('base64url')}`;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** What a caller brings to show a subscription is theirs (contract §7). */
export interface SubscriptionCredentials {
  /** X-Subscription-Token (or ?token= on DELETE): the management token of one subscription. */
  manageToken?: string;
  /** A verified X-Widget-Token. */
  identity: WidgetIdentity | null;
}

@Injectable()
export class SubscriptionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly idempotency: IdempotencyService,
    private readonly subscriptions: SubscriptionRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Subscribes a contact to an order's updates. 201 with a management token for a new
   * subscription; 200 for an update of the caller's own subscription (proved by its management
   * token or a widget token covering it). A request that names someone else's order and contact
   * without proof gets exactly the answer of a new subscription and changes nothing of theirs
   * (see SubscriptionRepository.subscribe).
   */
  subscribe(dto: CreateSubscriptionDto, request: IdempotentRequest, credentials: SubscriptionCredentials) {
    // @IsOptional() lets null through: a null phone is no phone.
    const givenPhone = dto.phone ?? undefined;
    const phone = givenPhone === undefined ? null : normalisePhone(givenPhone, this.config.DEFAULT_PHONE_REGION);
    const errors: FieldError[] = [];
    if (givenPhone !== undefined && phone === null) {
      errors.push({ field: 'phone', message: phoneFormatMessage('phone', givenPhone, this.config.DEFAULT_PHONE_REGION) });
    }
    if (!dto.email && givenPhone === undefined) errors.push({ field: 'email', message: 'at least one of email and phone is required' });
    if (dto.sms && givenPhone === undefined) errors.push({ field: 'sms', message: 'sms: true requires a phone' });
    if (errors.length) throw new ProblemException(400, 'The request has invalid fields.', { errors });

    const email = dto.email ?? null;
    const { identity, manageToken } = credentials;
    return this.idempotency.execute<SubscriptionCreatedResponse | SubscriptionResponse>(request, async (db) => {
      const token = newManageToken();
      const { outcome, ...row } = await this.subscriptions.subscribe(
        db,
        {
          sessionId: dto.sessionId,
          claimedOrderNumber: dto.orderNumber,
          contactKey: email ?? phone!,
          email,
          phone,
          emailChannel: email !== null,
          smsChannel: dto.sms === true,
          originIntent: dto.originIntent ?? null,
          verified: vouchesFor(identity, { sessionId: dto.sessionId, orderNumber: dto.orderNumber, email }),
          manageTokenHash: tokenHash(token),
        },
        {
          covered: coversSubscription(identity, { orderNumber: dto.orderNumber, email }),
          manageTokenHash: manageToken ? tokenHash(manageToken) : null,
        },
      );
      if (outcome === 'updated') return { status: 200, body: toSubscriptionResponse(row) };
      // A new subscription and an unconfirmed one answer alike, token included.
      return { status: 201, body: { ...toSubscriptionResponse(row), manageToken: token } };
    });
  }

  /** Unsubscribes with proof; an unknown id and a missing or wrong proof are the same 404, so ids cannot be probed. */
  async unsubscribe(id: string, credentials: SubscriptionCredentials): Promise<SubscriptionResponse> {
    const { identity, manageToken } = credentials;
    const row = UUID.test(id)
      ? await this.subscriptions.unsubscribe(this.prisma, id, {
          manageTokenHash: manageToken ? tokenHash(manageToken) : null,
          orders: identity ? [...identity.orders] : [],
          email: identity?.email ?? null,
        })
      : null;
    if (!row) throw new ProblemException(404, 'No subscription has this id.');
    return toSubscriptionResponse(row);
  }
}
