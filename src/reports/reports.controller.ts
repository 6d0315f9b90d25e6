import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DashboardApiController } from '../common/http/dashboard-api.decorator';
import { CsatReportQuery } from './dto/csat-report.query';
import { CsatReportResponse } from './dto/csat-report.response';
import { ReportsService } from './reports.service';

/** Merchant reports over the widget data (contract §3 "Reports"). */
@DashboardApiController('reports', 'api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('csat')
  @ApiOperation({
    summary: 'CSAT report: CSAT %, average score, 1-5 distribution, optionally grouped',
    description:
      'Counts the latest rating of each shopper session for each order (linked order, else the claimed order number); ' +
      'a session\'s ratings without any order count once (its latest). A re-rating replaces the earlier one in every window. ' +
      'Window [from, to) on the response time, UTC.',
  })
  @ApiOkResponse({ type: CsatReportResponse })
  csat(@Query() query: CsatReportQuery) {
    return this.reports.csat(query);
  }
}
