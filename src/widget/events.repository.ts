import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';

export interface NewEvent {
  sessionId: string;
  name: string;
  occurredAt: Date;
  metadata: Prisma.InputJsonObject | undefined;
}

@Injectable()
export class EventsRepository {
  async insertMany(tx: Prisma.TransactionClient, events: NewEvent[]): Promise<number> {
    const { count } = await tx.analyticsEvent.createMany({ data: events });
    return count;
  }
}
