import { Injectable } from '@nestjs/common';
import { normalisePhone, phoneFormatMessage } from '../common/normalize';
import { FieldError, ProblemException } from '../common/problem';
import { IdempotencyService, IdempotentRequest } from '../common/idempotency/idempotency.service';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { CreateSubscriptionDto } from './dto/create-subscription.dto';
import { SubscriptionRepository } from './subscription.repository';
import { SubscriptionResponse, toSubscriptionResponse } from './widget.mappers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class SubscriptionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly idempotency: IdempotencyService,
    private readonly subscriptions: SubscriptionRepository,
    private readonly config: AppConfig,
  ) {}

  /** Subscribes a contact to an order's updates: 201 for a new subscription, 200 for an update. */
  subscribe(dto: CreateSubscriptionDto, request: IdempotentRequest) {
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
    return this.idempotency.execute<SubscriptionResponse>(request, async (db) => {
      const { inserted, ...row } = await this.subscriptions.upsert(db, {
        sessionId: dto.sessionId,
        claimedOrderNumber: dto.orderNumber,
        contactKey: email ?? phone!,
        email,
        phone,
        emailChannel: email !== null,
        smsChannel: dto.sms === true,
        originIntent: dto.originIntent ?? null,
      });
      return { status: inserted ? 201 : 200, body: toSubscriptionResponse(row) };
    });
  }

  async unsubscribe(id: string): Promise<SubscriptionResponse> {
    const row = UUID.test(id) ? await this.subscriptions.unsubscribe(this.prisma, id) : null;
    if (!row) throw new ProblemException(404, 'No subscription has this id.');
    return toSubscriptionResponse(row);
  }
}
