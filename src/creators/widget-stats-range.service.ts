import { Injectable } from '@nestjs/common';
import { DataRangeQuery, toDataRangeResponse } from '../common/http/data-range';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { WidgetStatsRangeResponse } from './dto/widget-stats-range.response';
import { WidgetStatsRangeRepository } from './widget-stats-range.repository';

@Injectable()
export class WidgetStatsRangeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ranges: WidgetStatsRangeRepository,
    private readonly config: AppConfig,
  ) {}

  /** Where widget-stats has data: the first and last widget-assisted sale, in the same default currency. */
  async range(query: DataRangeQuery): Promise<WidgetStatsRangeResponse> {
    const currency = query.currency ?? this.config.STORE_CURRENCY;
    return { currency, ...toDataRangeResponse(await this.ranges.range(this.prisma, currency)) };
  }
}
