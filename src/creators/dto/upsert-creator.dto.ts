import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { Trim } from '../../common/validation/validators';

/** 0 to 1 with at most five decimals, as a string so it stays exact ("0.10", "0.125", "1"). */
export const COMMISSION_RATE_PATTERN = /^(0(\.\d{1,5})?|1(\.0{1,5})?)$/;

export class UpsertCreatorDto {
  @ApiProperty({ example: 'Alex', maxLength: 128 })
  @Trim() @IsString() @Length(1, 128)
  name: string;

  @ApiProperty({ example: '0.10', description: 'Decimal string from 0 to 1, at most five decimals' })
  @IsString() @Matches(COMMISSION_RATE_PATTERN, { message: 'commissionRate must be a decimal string from 0 to 1 with at most five decimals' })
  commissionRate: string;
}
