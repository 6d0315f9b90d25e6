import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DateWindowQuery } from '../../orders/dto/date-window.query';
import { IsCurrencyCode } from '../../common/validation/validators';

export class WidgetStatsQuery extends DateWindowQuery {
  @ApiPropertyOptional({ example: 'USD', description: 'ISO 4217, any case; defaults to STORE_CURRENCY' })
  @IsOptional() @IsCurrencyCode()
  currency?: string;
}
