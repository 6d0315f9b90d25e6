import { ApiProperty } from '@nestjs/swagger';
import { DataRangeResponse } from '../../common/http/data-range';

export class WidgetStatsRangeResponse extends DataRangeResponse {
  @ApiProperty({ example: 'USD', description: 'The currency asked for, or STORE_CURRENCY' })
  currency: string;
}
