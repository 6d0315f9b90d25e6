import { ApiProperty } from '@nestjs/swagger';

const PERCENT = { type: String, nullable: true, example: '83.3', description: 'Share of responses scoring 4-5, one decimal; null with no responses' } as const;
const VERIFIED_COUNT = { example: 9, description: 'Counted verified responses (a widget token vouched for the session and the order), among verified responses only' } as const;
const VERIFIED_PERCENT = { ...PERCENT, example: '88.9', description: 'CSAT % over the verified responses; null with none' } as const;
const AVERAGE = { type: String, nullable: true, example: '4.20', description: 'Mean score, two decimals; null with no responses' } as const;

export class CsatReportGroup {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-24',
    description: 'UTC day (YYYY-MM-DD), intent or creator code; null for responses without an intent or a creator',
  })
  key: string | null;

  @ApiProperty({ example: 6 })
  responses: number;

  @ApiProperty(PERCENT)
  csatPercent: string | null;

  @ApiProperty(AVERAGE)
  averageScore: string | null;

  @ApiProperty(VERIFIED_COUNT)
  verifiedResponses: number;

  @ApiProperty(VERIFIED_PERCENT)
  verifiedCsatPercent: string | null;
}

export class CsatReportResponse {
  @ApiProperty({ example: '2026-11-01T00:00:00.000Z', description: 'The window used, inclusive' })
  from: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', description: 'The window used, exclusive' })
  to: string;

  @ApiProperty({ example: 12, description: 'Counted responses: the latest rating of each session for each order' })
  responses: number;

  @ApiProperty(PERCENT)
  csatPercent: string | null;

  @ApiProperty(AVERAGE)
  averageScore: string | null;

  @ApiProperty(VERIFIED_COUNT)
  verifiedResponses: number;

  @ApiProperty(VERIFIED_PERCENT)
  verifiedCsatPercent: string | null;

  @ApiProperty({
    description: 'Counted responses per score, every score present',
    example: { '1': 0, '2': 1, '3': 1, '4': 4, '5': 6 },
    type: 'object',
    properties: Object.fromEntries(['1', '2', '3', '4', '5'].map((s) => [s, { type: 'integer' }])),
  })
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;

  @ApiProperty({ type: [CsatReportGroup], description: 'Empty without groupBy; days ascending, otherwise most responses first' })
  groups: CsatReportGroup[];
}
