import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCurrencyCode } from '../validation/validators';

/** `?currency=`: the data range of one currency (the figures' own currency filter). */
export class DataRangeQuery {
  @ApiPropertyOptional({ example: 'USD', description: 'ISO 4217, any case' })
  @IsOptional() @IsCurrencyCode()
  currency?: string;
}

/**
 * Where a dashboard figure has data, whatever the window: the time of the first and the last
 * thing it counts (both inclusive), or nulls when it counts nothing yet. The dashboard offers this
 * range when a window comes back empty (after a legacy import, the data is often years old).
 */
export class DataRangeResponse {
  @ApiProperty({ type: String, nullable: true, example: '2024-03-01T10:00:00.000Z', description: 'The first counted item; null when none' })
  from: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2024-03-07T10:00:00.000Z', description: 'The last counted item (inclusive); null when none' })
  to: string | null;
}

export const toDataRangeResponse = (range: { from: Date | null; to: Date | null }): DataRangeResponse => ({
  from: range.from?.toISOString() ?? null,
  to: range.to?.toISOString() ?? null,
});
