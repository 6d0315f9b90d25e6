import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsInstant } from '../../common/validation/instant';
import { IsCurrencyCode } from '../../common/validation/validators';

export const REPORT_GROUPINGS = ['day', 'intent', 'creator'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export class CsatReportQuery {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Inclusive (createdAt >= from). Default: `to` minus 30 days',
  })
  @IsOptional() @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'Exclusive (createdAt < to). Default: the end of the current UTC day',
  })
  @IsOptional() @IsInstant()
  to?: string;

  @ApiPropertyOptional({
    enum: REPORT_GROUPINGS,
    description: '`day`: UTC days of the window, empty ones included (window at most 366 days); `intent`; `creator` (the linked order\'s creator). Without it `groups` is empty',
  })
  @IsOptional() @IsIn(REPORT_GROUPINGS)
  groupBy?: ReportGrouping;

  @ApiPropertyOptional({
    example: 'USD',
    description: 'Only responses linked to an order in this currency (unlinked responses are then left out). Default: all responses',
  })
  @IsOptional() @IsCurrencyCode()
  currency?: string;
}
