import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { IdempotencyService, IdempotentRequest } from '../common/idempotency/idempotency.service';
import { ProblemException } from '../common/problem';
import { vouchesFor, WidgetIdentity } from '../common/widget-token/widget-identity';
import { PrismaService } from '../database/prisma.service';
import { CapsuleRepository } from './capsule.repository';
import { CreateCapsuleDto } from './dto/create-capsule.dto';
import { CapsuleCreatedResponse, CapsuleResponse, holdStatus, toCapsuleCreatedResponse, toCapsuleResponse } from './widget.mappers';

export const DEFAULT_HOLD_HOURS = 48;

/** 128 random bits, URL-safe: the id is the only credential for reading or cancelling a hold. */
export const newReservationId = () => `rsv_${randomBytes(16).toString('base64url')}`;

@Injectable()
export class CapsuleService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly idempotency: IdempotencyService,
    private readonly holds: CapsuleRepository,
  ) {}

  create(dto: CreateCapsuleDto, request: IdempotentRequest, identity: WidgetIdentity | null) {
    const claimed = dto.orderNumber ?? null;
    return this.idempotency.execute<CapsuleCreatedResponse>(request, async (db) => {
      const row = await this.holds.insert(db, {
        reservationId: newReservationId(),
        sessionId: dto.sessionId,
        customerEmail: dto.customerEmail,
        customerName: dto.customerName ?? null,
        shortlist: dto.shortlist.map((i) => ({
          productId: i.productId,
          variantId: i.variantId,
          title: i.title,
          size: i.size,
          price: i.price,
        })),
        holdHours: dto.holdHours ?? DEFAULT_HOLD_HOURS,
        claimedOrderNumber: claimed,
        verified: vouchesFor(identity, { sessionId: dto.sessionId, orderNumber: claimed }),
      });
      return { status: 201, body: toCapsuleCreatedResponse(row) };
    });
  }

  async get(reservationId: string): Promise<CapsuleResponse> {
    const row = await this.holds.findByReservationId(this.prisma, reservationId);
    if (!row) throw notFound();
    return toCapsuleResponse(row);
  }

  /** Cancels an active hold; a hold that is already cancelled, converted or expired → 409. */
  async cancel(reservationId: string): Promise<CapsuleResponse> {
    const cancelled = await this.holds.cancelIfActive(this.prisma, reservationId);
    if (cancelled) return toCapsuleResponse(cancelled);
    const row = await this.holds.findByReservationId(this.prisma, reservationId);
    if (!row) throw notFound();
    throw new ProblemException(409, `The hold is ${holdStatus(row.status, row.expiresAt)}; only an active hold can be cancelled.`);
  }
}

const notFound = () => new ProblemException(404, 'No capsule hold has this reservation id.');
