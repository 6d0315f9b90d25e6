import { Module } from '@nestjs/common';
import { CsatReportRepository } from './csat-report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [ReportsService, CsatReportRepository],
})
export class ReportsModule {}
