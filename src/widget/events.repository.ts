import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { Db } from '../database/transaction';

export interface NewEvent {
  sessionId: string;
  name: string;
  occurredAt: Date;
  metadata: Prisma.InputJsonObject | undefined;
  verified: boolean;
}

@Injectable()
export class EventsRepository {
  async insertMany(db: Db, events: NewEvent[]): Promise<number> {
    const { count } = await db.analyticsEvent.createMany({ data: events });
    return count;
  }
}
