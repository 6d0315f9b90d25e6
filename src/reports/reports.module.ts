import { Module } from '@nestjs/common';
import { CsatRangeController } from './csat-range.controller';
import { CsatRangeRepository } from './csat-range.repository';
import { CsatRangeService } from './csat-range.service';
import { CsatReportRepository } from './csat-report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController, CsatRangeController],
  providers: [ReportsService, CsatReportRepository, CsatRangeService, CsatRangeRepository],
})
export class ReportsModule {}
