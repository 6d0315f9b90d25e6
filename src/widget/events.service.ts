import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { IdempotencyService, IdempotentRequest } from '../common/idempotency/idempotency.service';
import { CreateEventsDto } from './dto/create-events.dto';
import { EventsRepository } from './events.repository';

@Injectable()
export class EventsService {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly events: EventsRepository,
  ) {}

  record(dto: CreateEventsDto, request: IdempotentRequest) {
    const receivedAt = new Date();
    return this.idempotency.execute<{ accepted: number }>(request, async (db) => {
      const accepted = await this.events.insertMany(
        db,
        dto.events.map((e) => ({
          sessionId: e.sessionId,
          name: e.name,
          occurredAt: e.occurredAt ? new Date(e.occurredAt) : receivedAt,
          metadata: e.metadata as Prisma.InputJsonObject | undefined,
        })),
      );
      return { status: 202, body: { accepted } };
    });
  }
}
