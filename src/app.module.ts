import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { logStream } from './common/logging/logger';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { HealthModule } from './health/health.module';
import { WidgetModule } from './widget/widget.module';
import { OrdersModule } from './orders/orders.module';
import { CreatorsModule } from './creators/creators.module';
import { ReportsModule } from './reports/reports.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.LOG_LEVEL,
              // Fastify already chose the id (see request-id.ts); the access log uses the same one.
              genReqId: (req) => (req as { id?: string }).id ?? '',
              // One short line per request: serialising every header costs more than the request itself.
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            },
            logStream(config),
          ],
        }),
        DatabaseModule,
        IdempotencyModule,
        HealthModule,
        WidgetModule,
        OrdersModule,
        CreatorsModule,
        ReportsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
