import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { FixedWindowThrottlerStorage } from '../common/rate-limit/fixed-window.storage';
import { WidgetTokenModule } from '../common/widget-token/widget-token.module';
import { AppConfig } from '../config/app-config';
import { CapsuleRepository } from './capsule.repository';
import { CapsuleService } from './capsule.service';
import { CsatRepository } from './csat.repository';
import { CsatService } from './csat.service';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { SubscriptionRepository } from './subscription.repository';
import { SubscriptionService } from './subscription.service';
import { WidgetController } from './widget.controller';

@Module({
  imports: [
    WidgetTokenModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 60_000, limit: config.WIDGET_RATE_LIMIT_PER_MINUTE }],
        storage: new FixedWindowThrottlerStorage(),
      }),
    }),
  ],
  controllers: [WidgetController],
  providers: [
    CsatService,
    CsatRepository,
    CapsuleService,
    CapsuleRepository,
    SubscriptionService,
    SubscriptionRepository,
    EventsService,
    EventsRepository,
  ],
})
export class WidgetModule {}
