import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCsatRating, IsOrderNumber, NormaliseOrderNumber } from '../../common/validation/validators';

export class CreateCsatDto {
  @ApiProperty({ example: 'w_8f2c', minLength: 1, maxLength: 128 })
  @IsString() @Length(1, 128)
  sessionId: string;

  @ApiProperty({
    oneOf: [{ type: 'string', example: 'great' }, { type: 'integer', minimum: 1, maximum: 5 }],
    description: 'terrible|bad|okay|good|great (any case; synonyms awful, poor, ok, neutral, excellent, amazing) or an integer 1-5, as number or string',
  })
  @IsCsatRating()
  rating: string | number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({ example: 'order_tracking', maxLength: 64 })
  @IsOptional() @IsString() @MaxLength(64)
  intent?: string;

  @ApiPropertyOptional({ example: 'GG-12001', description: 'Normalised: trimmed, upper-cased, one leading # dropped' })
  @IsOptional() @NormaliseOrderNumber() @IsOrderNumber()
  orderNumber?: string;
}
