import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { placedAtWindow } from '../orders/dto/date-window.query';
import { CreatorsRepository } from './creators.repository';
import { CreatorResponse, toCreatorResponse, toWidgetStatsResponse, WidgetStatsResponse } from './creators.mappers';
import { UpsertCreatorDto } from './dto/upsert-creator.dto';
import { WidgetStatsQuery } from './dto/widget-stats.query';
import { WidgetStatsRepository } from './widget-stats.repository';

@Injectable()
export class CreatorsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly creators: CreatorsRepository,
    private readonly stats: WidgetStatsRepository,
    private readonly config: AppConfig,
  ) {}

  /** 201 for a new creator, 200 for an update. */
  async upsert(code: string, dto: UpsertCreatorDto): Promise<{ status: number; body: CreatorResponse }> {
    const { inserted, ...row } = await this.creators.upsert(this.prisma, { code, name: dto.name, commissionRate: dto.commissionRate });
    return { status: inserted ? 201 : 200, body: toCreatorResponse(row) };
  }

  async list(): Promise<{ data: CreatorResponse[] }> {
    return { data: (await this.creators.list(this.prisma)).map(toCreatorResponse) };
  }

  async widgetStats(query: WidgetStatsQuery): Promise<WidgetStatsResponse> {
    const currency = query.currency ?? this.config.STORE_CURRENCY;
    const rows = await this.stats.aggregate(this.prisma, currency, placedAtWindow(query));
    return toWidgetStatsResponse(currency, rows);
  }
}
