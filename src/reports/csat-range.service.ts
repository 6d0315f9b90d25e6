import { Injectable } from '@nestjs/common';
import { DataRangeQuery, DataRangeResponse, toDataRangeResponse } from '../common/http/data-range';
import { PrismaService } from '../database/prisma.service';
import { CsatRangeRepository } from './csat-range.repository';

@Injectable()
export class CsatRangeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ranges: CsatRangeRepository,
  ) {}

  /** Where the CSAT report has data: the first and the last response, in the report's currency filter. */
  async range(query: DataRangeQuery): Promise<DataRangeResponse> {
    return toDataRangeResponse(await this.ranges.range(this.prisma, query.currency ?? null));
  }
}
