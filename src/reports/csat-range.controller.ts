import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DataRangeQuery, DataRangeResponse } from '../common/http/data-range';
import { DashboardApiController } from '../common/http/dashboard-api.decorator';
import { CsatRangeService } from './csat-range.service';

/** Where the CSAT report has data, for a dashboard that finds its window empty. */
@DashboardApiController('reports', 'api/reports')
export class CsatRangeController {
  constructor(private readonly ranges: CsatRangeService) {}

  @Get('csat/range')
  @ApiOperation({
    summary: 'First and last CSAT response (createdAt), at any time',
    description: 'With `currency`, only responses linked to an order in that currency, as the report counts them. Nulls when there is none yet.',
  })
  @ApiOkResponse({ type: DataRangeResponse })
  range(@Query() query: DataRangeQuery) {
    return this.ranges.range(query);
  }
}
