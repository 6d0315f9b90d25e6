import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { IsOrderNumber, NormaliseOrderNumber } from '../../common/validation/validators';
import { UpsertOrderDto } from './upsert-order.dto';

export const MAX_IMPORT_ORDERS = 1000;

export class ImportOrderDto extends UpsertOrderDto {
  @ApiProperty({ example: 'GG-12001', description: 'Normalised: trimmed, upper-cased, one leading # dropped' })
  @NormaliseOrderNumber() @IsOrderNumber()
  orderNumber: string;
}

export class ImportOrdersDto {
  @ApiProperty({ type: [ImportOrderDto], minItems: 1, maxItems: MAX_IMPORT_ORDERS })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_IMPORT_ORDERS) @ValidateNested({ each: true }) @Type(() => ImportOrderDto)
  orders: ImportOrderDto[];
}
