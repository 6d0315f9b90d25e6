import { Module } from '@nestjs/common';
import { CreatorsController } from './creators.controller';
import { CreatorsRepository } from './creators.repository';
import { CreatorsService } from './creators.service';
import { WidgetStatsRangeController } from './widget-stats-range.controller';
import { WidgetStatsRangeRepository } from './widget-stats-range.repository';
import { WidgetStatsRangeService } from './widget-stats-range.service';
import { WidgetStatsRepository } from './widget-stats.repository';

@Module({
  controllers: [CreatorsController, WidgetStatsRangeController],
  providers: [CreatorsService, CreatorsRepository, WidgetStatsRepository, WidgetStatsRangeService, WidgetStatsRangeRepository],
  exports: [CreatorsRepository],
})
export class CreatorsModule {}
