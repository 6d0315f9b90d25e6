import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { AcceptJsonNumber, MONEY_PATTERN, NormaliseEmail } from '../../common/validation/validators';
import { IsCreatorCode, NormaliseCreatorCode } from '../../creators/creator-code';
import { IsInstant } from '../../common/validation/instant';
import { IsCurrencyCode } from '../../common/validation/validators';
import { ORDER_STATUSES, type OrderStatus } from './order-fields';

/** One order as the shop's sync sends it. `null` clears an optional field; omitting it keeps the stored value. */
export class UpsertOrderDto {
  @ApiProperty({ example: 'user@example.com', description: 'Trimmed and lower-cased' })
  @NormaliseEmail() @IsEmail() @MaxLength(254)
  customerEmail: string;

  @ApiProperty({
    oneOf: [{ type: 'string', example: '129.90' }, { type: 'number', example: 129.9 }],
    description: 'At most two decimals: a decimal string, or a JSON number taken exactly as written (responses always use the string)',
  })
  @AcceptJsonNumber() @IsString()
  @Matches(MONEY_PATTERN, { message: 'total must be an amount from 0 with at most two decimals, as a decimal string ("129.90") or a number (129.9)' })
  total: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217, any case (stored in upper case)' })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ enum: ORDER_STATUSES, example: 'paid' })
  @IsIn(ORDER_STATUSES)
  status: OrderStatus;

  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', description: 'ISO 8601 with Z or an offset' })
  @IsInstant()
  placedAt: string;

  @ApiPropertyOptional({ example: 'ALEX10', nullable: true, description: 'A known creator code (unknown → 422)' })
  @IsOptional() @NormaliseCreatorCode() @IsCreatorCode()
  creatorCode?: string | null;

  @ApiPropertyOptional({ example: 'shop-5551', nullable: true, description: "The shop's own id of the order" })
  @IsOptional() @IsString() @Length(1, 128)
  externalId?: string | null;
}
