import { Module } from '@nestjs/common';
import { CreatorsModule } from '../creators/creators.module';
import { OrderViewsRepository } from './order-views.repository';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  imports: [CreatorsModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrdersRepository, OrderViewsRepository],
})
export class OrdersModule {}
