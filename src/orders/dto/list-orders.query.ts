import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Sentiment } from '../../common/normalize';
import { IsCreatorCode, NormaliseCreatorCode } from '../../creators/creator-code';
import { DateWindowQuery } from './date-window.query';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const SENTIMENTS: Sentiment[] = ['positive', 'neutral', 'negative'];

// Query strings carry text: only the exact words true and false are booleans.
const booleanWord = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListOrdersQuery extends DateWindowQuery {
  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, unchanged' })
  @IsOptional() @IsString() @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @Transform(booleanWord) @IsBoolean()
  hasWidgetInteraction?: boolean;

  @ApiPropertyOptional({ enum: SENTIMENTS, description: 'Sentiment of the latest CSAT response' })
  @IsOptional() @IsIn(SENTIMENTS)
  csat?: Sentiment;

  @ApiPropertyOptional({ example: 'ALEX10' })
  @IsOptional() @NormaliseCreatorCode() @IsCreatorCode()
  creatorCode?: string;
}
