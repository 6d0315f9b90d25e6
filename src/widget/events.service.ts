import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { IdempotencyService, IdempotentRequest } from '../common/idempotency/idempotency.service';
import { vouchesFor, WidgetIdentity } from '../common/widget-token/widget-identity';
import { CreateEventsDto } from './dto/create-events.dto';
import { EventsRepository } from './events.repository';

@Injectable()
export class EventsService {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly events: EventsRepository,
  ) {}

  record(dto: CreateEventsDto, request: IdempotentRequest, identity: WidgetIdentity | null) {
    const receivedAt = new Date();
    return this.idempotency.execute<{ accepted: number }>(request, async (db) => {
      const accepted = await this.events.insertMany(
        db,
        dto.events.map((e) => ({
          sessionId: e.sessionId,
          name: e.name,
          occurredAt: e.occurredAt ? new Date(e.occurredAt) : receivedAt,
          metadata: e.metadata as Prisma.InputJsonObject | undefined,
          // An event names its session only; the order in its metadata is a hint, not a claim.
          verified: vouchesFor(identity, { sessionId: e.sessionId, orderNumber: null }),
        })),
      );
      return { status: 202, body: { accepted } };
    });
  }
}
