import { ApiProperty } from '@nestjs/swagger';
import { IsCreatorCode, NormaliseCreatorCode } from '../creator-code';

export class CreatorCodeParam {
  @ApiProperty({ example: 'ALEX10', description: 'Trimmed and upper-cased' })
  @NormaliseCreatorCode() @IsCreatorCode()
  code: string;
}
