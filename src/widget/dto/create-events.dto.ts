import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../common/validation/instant';

export const METADATA_MAX_BYTES = 4096;

const MaxJsonBytes = (max: number) =>
  ValidateBy({
    name: 'maxJsonBytes',
    validator: {
      validate: (v) => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8') <= max,
      defaultMessage: (args) => `${args?.property} must be at most ${max} bytes as JSON`,
    },
  });

export class AnalyticsEventDto {
  @ApiProperty({ example: 'w_8f2c' }) @IsString() @Length(1, 128)
  sessionId: string;

  @ApiProperty({ example: 'order_tracked' }) @IsString() @Length(1, 64)
  name: string;

  @ApiPropertyOptional({ example: '2026-11-24T10:00:00.000Z', description: 'Defaults to the time received' })
  @IsOptional() @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({ example: { orderNumber: 'GG-12001' }, description: 'A JSON object of at most 4 KiB' })
  @IsOptional() @IsObject() @MaxJsonBytes(METADATA_MAX_BYTES)
  metadata?: Record<string, unknown>;
}

export class CreateEventsDto {
  @ApiProperty({ type: [AnalyticsEventDto], minItems: 1, maxItems: 50 })
  // IsObject(each): class-validator would otherwise accept a nested array as a valid element.
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => AnalyticsEventDto)
  events: AnalyticsEventDto[];
}
