import { Body, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/http/api-problem.decorator';
import { DashboardApiController } from '../common/http/dashboard-api.decorator';
import { CreatorsService } from './creators.service';
import { CreatorCodeParam } from './dto/creator-code.param';
import { UpsertCreatorDto } from './dto/upsert-creator.dto';
import { WidgetStatsQuery } from './dto/widget-stats.query';

/** Creators (affiliates) and their widget-assisted sales, for the dashboard (contract §3). */
@DashboardApiController('creators', 'api/creators')
export class CreatorsController {
  constructor(private readonly creators: CreatorsService) {}

  // Declared before the :code routes; Fastify also prefers a static segment over a parameter.
  @Get('widget-stats')
  @ApiOkResponse({
    description:
      'Widget-assisted sales per creator: exact decimal strings, commission rounded half-even per order; the verified figures count only orders with a verified widget interaction',
    schema: {
      example: {
        currency: 'USD',
        totalWidgetAssistedSales: 3,
        totalWidgetAssistedRevenue: '269.76',
        widgetAssistedCommission: '28.97',
        verifiedWidgetAssistedSales: 1,
        verifiedWidgetAssistedRevenue: '99.90',
        verifiedWidgetAssistedCommission: '9.99',
        creatorBreakdown: [
          {
            code: 'ALEX10', name: 'Alex', widgetAssistedSales: 2, widgetAssistedRevenue: '189.75', widgetAssistedCommission: '18.97',
            verifiedWidgetAssistedSales: 1, verifiedWidgetAssistedRevenue: '99.90', verifiedWidgetAssistedCommission: '9.99',
          },
        ],
      },
    },
  })
  widgetStats(@Query() query: WidgetStatsQuery) {
    return this.creators.widgetStats(query);
  }

  @Get()
  @ApiOkResponse({ schema: { example: { data: [{ code: 'ALEX10', name: 'Alex', commissionRate: '0.10' }] } } })
  list() {
    return this.creators.list();
  }

  @Put(':code')
  @ApiCreatedResponse({ description: 'Created', schema: { example: { code: 'ALEX10', name: 'Alex', commissionRate: '0.10' } } })
  @ApiOkResponse({ description: 'Updated' })
  @ApiProblems(413, 415)
  async upsert(@Param() { code }: CreatorCodeParam, @Body() dto: UpsertCreatorDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const { status, body } = await this.creators.upsert(code, dto);
    reply.status(status);
    return body;
  }
}
