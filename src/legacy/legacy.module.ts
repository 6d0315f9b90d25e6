import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { BackfillRepository } from './backfill.repository';
import { BackfillService } from './backfill.service';
import { LegacyImportRepository } from './legacy-import.repository';
import { LegacyImportService } from './legacy-import.service';

/** The legacy import and the backfill: command-line jobs, not part of the HTTP application. */
@Module({})
export class LegacyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LegacyModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule],
      providers: [LegacyImportService, LegacyImportRepository, BackfillService, BackfillRepository],
    };
  }
}

/**
 * The commands' context over a single connection: the import keeps per-run state in a session
 * temp table, and the work is sequential anyway.
 */
export function createLegacyContext(config: AppConfig): Promise<INestApplicationContext> {
  const single = Object.assign(new AppConfig(), config, { DB_POOL_MAX: 1 });
  return NestFactory.createApplicationContext(LegacyModule.forRoot(single), { logger: false });
}
