import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsOrderNumber,
  MONEY_PATTERN,
  NormaliseEmail,
  NormaliseOrderNumber,
} from '../../common/validation/validators';

export class ShortlistItemDto {
  @ApiProperty({ example: 'p_1' }) @IsString() @Length(1, 128)
  productId: string;

  @ApiPropertyOptional({ example: 'v_9' }) @IsOptional() @IsString() @MaxLength(128)
  variantId?: string;

  @ApiPropertyOptional({ example: 'Linen shirt' }) @IsOptional() @IsString() @MaxLength(256)
  title?: string;

  @ApiPropertyOptional({ example: 'M' }) @IsOptional() @IsString() @MaxLength(32)
  size?: string;

  @ApiPropertyOptional({ example: '59.00', description: 'Decimal string, at most two decimals' })
  @IsOptional() @IsString() @Matches(MONEY_PATTERN, { message: 'price must be a decimal string with at most two decimals' })
  price?: string;
}

export class CreateCapsuleDto {
  @ApiProperty({ example: 'w_8f2c' }) @IsString() @Length(1, 128)
  sessionId: string;

  @ApiProperty({ example: 'user@example.com' }) @NormaliseEmail() @IsEmail() @MaxLength(254)
  customerEmail: string;

  @ApiPropertyOptional({ example: 'Ada' }) @IsOptional() @IsString() @MaxLength(128)
  customerName?: string;

  @ApiProperty({ type: [ShortlistItemDto], minItems: 1, maxItems: 20 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => ShortlistItemDto)
  shortlist: ShortlistItemDto[];

  @ApiPropertyOptional({ example: 'GG-12001' }) @IsOptional() @NormaliseOrderNumber() @IsOrderNumber()
  orderNumber?: string;

  @ApiPropertyOptional({ default: 48, minimum: 1, maximum: 168 }) @IsOptional() @IsInt() @Min(1) @Max(168)
  holdHours?: number;
}
