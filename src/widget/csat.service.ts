import { Injectable } from '@nestjs/common';
import { ratingToScore } from '../common/normalize';
import { IdempotencyService, IdempotentRequest } from '../common/idempotency/idempotency.service';
import { vouchesFor, WidgetIdentity } from '../common/widget-token/widget-identity';
import { CsatRepository } from './csat.repository';
import { CreateCsatDto } from './dto/create-csat.dto';
import { CsatResponse, toCsatResponse } from './widget.mappers';

@Injectable()
export class CsatService {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly csat: CsatRepository,
  ) {}

  /** Stores one rating (history is kept: every submission is a row), linked when the order is known. */
  submit(dto: CreateCsatDto, request: IdempotentRequest, identity: WidgetIdentity | null) {
    // The DTO validator already refused anything ratingToScore cannot convert.
    const score = ratingToScore(dto.rating)!;
    const claimed = dto.orderNumber ?? null;
    return this.idempotency.execute<CsatResponse>(request, async (db) => {
      const row = await this.csat.insert(db, {
        sessionId: dto.sessionId,
        rating: String(dto.rating),
        score,
        notes: dto.notes ?? null,
        intent: dto.intent ?? null,
        claimedOrderNumber: claimed,
        verified: vouchesFor(identity, { sessionId: dto.sessionId, orderNumber: claimed }),
      });
      return { status: 201, body: toCsatResponse(row) };
    });
  }
}
