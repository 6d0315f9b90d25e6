import { ApiProperty } from '@nestjs/swagger';
import { IsOrderNumber, NormaliseOrderNumber } from '../../common/validation/validators';

export class OrderNumberParam {
  @ApiProperty({ example: 'GG-12001', description: 'Normalised: trimmed, upper-cased, one leading # dropped' })
  @NormaliseOrderNumber() @IsOrderNumber()
  orderNumber: string;
}
