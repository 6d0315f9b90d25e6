import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DataRangeQuery } from '../common/http/data-range';
import { DashboardApiController } from '../common/http/dashboard-api.decorator';
import { WidgetStatsRangeResponse } from './dto/widget-stats-range.response';
import { WidgetStatsRangeService } from './widget-stats-range.service';

/** Where the creator statistics have data, for a dashboard that finds its window empty. */
@DashboardApiController('creators', 'api/creators')
export class WidgetStatsRangeController {
  constructor(private readonly ranges: WidgetStatsRangeService) {}

  @Get('widget-stats/range')
  @ApiOperation({
    summary: 'First and last widget-assisted sale (placedAt) in a currency, at any time',
    description: 'Counts the same sales as widget-stats. `from` and `to` are null when there is none yet.',
  })
  @ApiOkResponse({ type: WidgetStatsRangeResponse })
  range(@Query() query: DataRangeQuery) {
    return this.ranges.range(query);
  }
}
