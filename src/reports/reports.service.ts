import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { ProblemException } from '../common/problem';
import { CsatReportRepository } from './csat-report.repository';
import { toCsatReportResponse } from './csat-report.mappers';
import { CsatReportQuery } from './dto/csat-report.query';
import type { CsatReportResponse } from './dto/csat-report.response';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_WINDOW_DAYS = 30;
/** groupBy=day answers one group per day: a year (leap years included) at most. */
const MAX_DAY_GROUPS = 366;

@Injectable()
export class ReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly csatReports: CsatReportRepository,
  ) {}

  async csat(query: CsatReportQuery, now = new Date()): Promise<CsatReportResponse> {
    const window = reportWindow(query, now);
    const rows = await this.csatReports.report(this.prisma, {
      ...window,
      groupBy: query.groupBy ?? null,
      currency: query.currency ?? null,
    });
    return toCsatReportResponse(window, rows);
  }
}

/**
 * [from, to): by default the last 30 whole UTC days, today included, so a daily trend has no
 * partial first day.
 */
function reportWindow(query: CsatReportQuery, now: Date): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  if (to < from) throw invalid('to', 'to must not be before from');
  if (query.groupBy === 'day' && to.getTime() - from.getTime() > MAX_DAY_GROUPS * DAY_MS) {
    throw invalid('from', `with groupBy=day the window from..to spans at most ${MAX_DAY_GROUPS} days`);
  }
  return { from, to };
}

const invalid = (field: string, message: string) =>
  new ProblemException(400, 'The request has invalid fields.', { errors: [{ field, message }] });
