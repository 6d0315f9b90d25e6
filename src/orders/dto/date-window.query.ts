import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ProblemException } from '../../common/problem';
import { IsInstant } from '../../common/validation/instant';

/** A window on Order.placedAt: from inclusive, to exclusive, so consecutive windows never overlap. */
export class DateWindowQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00.000Z', description: 'Inclusive (placedAt >= from)' })
  @IsOptional() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00.000Z', description: 'Exclusive (placedAt < to)' })
  @IsOptional() @IsInstant()
  to?: string;
}

export interface PlacedAtWindow {
  from: Date | null;
  to: Date | null;
}

export function placedAtWindow(query: DateWindowQuery): PlacedAtWindow {
  const from = query.from ? new Date(query.from) : null;
  const to = query.to ? new Date(query.to) : null;
  if (from && to && from > to) {
    throw new ProblemException(400, 'The request has invalid fields.', { errors: [{ field: 'to', message: 'to must not be before from' }] });
  }
  return { from, to };
}
