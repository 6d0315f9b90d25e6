import { Module } from '@nestjs/common';
import { CreatorsController } from './creators.controller';
import { CreatorsRepository } from './creators.repository';
import { CreatorsService } from './creators.service';
import { WidgetStatsRepository } from './widget-stats.repository';

@Module({
  controllers: [CreatorsController],
  providers: [CreatorsService, CreatorsRepository, WidgetStatsRepository],
  exports: [CreatorsRepository],
})
export class CreatorsModule {}
