import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { AcceptJsonNumber, Trim } from '../../common/validation/validators';

/** 0 to 1 with at most five decimals, as a string so it stays exact ("0.10", "0.125", "1"). */
export const COMMISSION_RATE_PATTERN = /^(0(\.\d{1,5})?|1(\.0{1,5})?)$/;

export class UpsertCreatorDto {
  @ApiProperty({ example: 'Alex', maxLength: 128 })
  @Trim() @IsString() @Length(1, 128)
  name: string;

  @ApiProperty({
    oneOf: [{ type: 'string', example: '0.10' }, { type: 'number', example: 0.1 }],
    description: 'From 0 to 1, at most five decimals: a decimal string, or a JSON number taken exactly as written (responses always use the string)',
  })
  @AcceptJsonNumber() @IsString()
  @Matches(COMMISSION_RATE_PATTERN, { message: 'commissionRate must be from 0 to 1 with at most five decimals, as a decimal string ("0.05") or a number (0.05)' })
  commissionRate: string;
}
