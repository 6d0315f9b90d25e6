import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsOrderNumber, NormaliseEmail, NormaliseOrderNumber } from '../../common/validation/validators';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'w_8f2c' }) @IsString() @Length(1, 128)
  sessionId: string;

  @ApiProperty({ example: 'GG-12001' }) @NormaliseOrderNumber() @IsOrderNumber()
  orderNumber: string;

  @ApiPropertyOptional({ example: 'user@example.com', description: 'At least one of email and phone' })
  @IsOptional() @NormaliseEmail() @IsEmail() @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    example: '+1-555-012-3456',
    description: 'E.164 with the country code, or a national number of DEFAULT_PHONE_REGION; any spacing or dashes. Stored in E.164',
  })
  // Too short or not a number is explained by the service, with the value and the expected format.
  @IsOptional() @IsString() @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ default: false, description: 'true requires phone' }) @IsOptional() @IsBoolean()
  sms?: boolean;

  @ApiPropertyOptional({ example: 'order_tracking' }) @IsOptional() @IsString() @MaxLength(64)
  originIntent?: string;
}
