import { Module } from '@nestjs/common';
import { CreatorsModule } from '../creators/creators.module';
import { OrderViewsRepository } from './order-views.repository';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { RouteBodyLimitHook } from './route-body-limit';

@Module({
  imports: [CreatorsModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrdersRepository, OrderViewsRepository, RouteBodyLimitHook],
})
export class OrdersModule {}
